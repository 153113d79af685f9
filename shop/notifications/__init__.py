"""Email through an outbox: rows written with the change, sent after it commits."""
