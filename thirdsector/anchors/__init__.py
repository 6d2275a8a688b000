"""Community anchors: designation, yearly financial returns, sustainability and the network."""
