"""Staff pages: invoice (routes register on import)."""
