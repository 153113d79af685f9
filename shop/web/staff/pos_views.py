"""Staff pages: pos (routes register on import)."""
