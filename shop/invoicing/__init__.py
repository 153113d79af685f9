"""Italian e-invoices (FatturaPA) for paid orders that carry invoice data."""
