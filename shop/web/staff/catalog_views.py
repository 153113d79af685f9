"""Staff pages: catalog (routes register on import)."""
