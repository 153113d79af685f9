"""Staff pages: home (routes register on import)."""
