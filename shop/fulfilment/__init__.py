"""Fulfilment: each cooperative's (and the store's) part of a paid order, until it is delivered."""
