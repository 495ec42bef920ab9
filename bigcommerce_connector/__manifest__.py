{
    "name": "BigCommerce Connector",
    "summary": "Odoo as the back office of BigCommerce stores: catalog, "
    "orders, customers, stock and fulfilment",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "bigcommerce_connector developers",
    "website": "https://github.com/bigcommerce-connector/bigcommerce_connector",
    "depends": [
        "mail",
        "contacts",
        "account",
        "sale_management",
        "sale_stock",
        "stock_delivery",
    ],
    "external_dependencies": {"python": ["requests", "phonenumbers"]},
    "data": [
        "security/bigcommerce_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/bigcommerce_sync_log_views.xml",
        "views/bigcommerce_product_link_views.xml",
        "views/bigcommerce_store_views.xml",
        "views/bigcommerce_menus.xml",
    ],
    "application": True,
}
