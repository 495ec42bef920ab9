"""Customers: BigCommerce customers and addresses to Odoo contacts."""
