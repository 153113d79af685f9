"""Staff pages: audit (routes register on import)."""
