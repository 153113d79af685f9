"""Staff pages: event (routes register on import)."""
