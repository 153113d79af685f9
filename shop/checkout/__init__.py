"""Checkout: turning a cart into an order, with delivery, invoice data and totals."""
