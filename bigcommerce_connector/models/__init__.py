from . import bigcommerce_store
