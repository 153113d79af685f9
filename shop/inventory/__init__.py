"""Stock per location and the append-only ledger of its movements."""
