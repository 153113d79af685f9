"""What the cooperative and staff areas share: fulfilment forms and pages (no blueprint)."""
