from . import bigcommerce_product_wizard
from . import bigcommerce_load_orders
