"""Staff pages: statement (routes register on import)."""
