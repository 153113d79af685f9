"""Staff pages: transfer (routes register on import)."""
