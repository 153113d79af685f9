"""Staff pages: quote (routes register on import)."""
