"""Forms of the anchors app; the rules live in the services."""
