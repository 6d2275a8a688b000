"""Community Asset Transfer Fund: public assets, transfer proposals, capital grants and five years of returns."""
