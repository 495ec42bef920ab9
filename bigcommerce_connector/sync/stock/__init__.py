"""Stock: publish to BigCommerce the quantity each product may sell."""
