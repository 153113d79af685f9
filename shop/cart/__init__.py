"""Shopping carts: persisted, keyed by a signed cookie token or by the signed-in user."""
