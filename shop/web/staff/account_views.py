"""Staff pages: account (routes register on import)."""
