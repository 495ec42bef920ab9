from . import bigcommerce_product_wizard
