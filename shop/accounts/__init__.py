"""People who sign in: customers, company buyers, cooperative members, staff and admins."""
