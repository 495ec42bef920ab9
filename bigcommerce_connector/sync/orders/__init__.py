"""Orders: BigCommerce orders to sale orders, their updates and invoices."""
