"""Staff pages: order (routes register on import)."""
