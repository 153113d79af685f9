"""Staff pages: cooperative (routes register on import)."""
