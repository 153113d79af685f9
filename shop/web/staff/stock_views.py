"""Staff pages: stock (routes register on import)."""
