"""The catalog: cooperatives, categories, products, variants and images, in every language."""
