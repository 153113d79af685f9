"""Discount codes: what they take off an order, and who may use them."""
