"""Staff pages: outbox (routes register on import)."""
