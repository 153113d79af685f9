"""Staff pages: discount (routes register on import)."""
