"""Payments: Stripe Checkout (or the demo gateway), webhooks, refunds."""
