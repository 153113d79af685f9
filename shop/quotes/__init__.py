"""Corporate gift quotes: from a company's request to an order routed to the cooperatives."""
