"""Impact: what each paid order funded (paid work, recovered material), in a checkable ledger."""
