"""Business flows between BigCommerce and Odoo (one module per flow)."""
