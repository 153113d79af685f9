"""Orders: what a customer bought, its snapshots, its stock allocations and its history."""
