"""HTTP: one blueprint per audience; requests and responses end here."""
