"""19.0.1.1.0: the product sizes are named like the other inherited fields.

``product.product`` fields ``bc_length``, ``bc_width`` and ``bc_height``
become ``bigcommerce_length``, ``bigcommerce_width`` and
``bigcommerce_height``. Renaming the columns (and the fields' metadata) before
the module loads keeps the values: without it Odoo would create empty columns
under the new names and drop the old ones with their data.
"""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, rename_column

_logger = logging.getLogger(__name__)

MODEL = "product.product"
TABLE = "product_product"
RENAMED = {
    "bc_length": "bigcommerce_length",
    "bc_width": "bigcommerce_width",
    "bc_height": "bigcommerce_height",
}


def rename_size_fields(cr):
    """Rename the columns, ``ir.model.fields`` rows and their XML ids.

    Runs again harmlessly: a column already renamed is left alone.
    """
    for old, new in RENAMED.items():
        if not column_exists(cr, TABLE, old) or column_exists(cr, TABLE, new):
            continue
        rename_column(cr, TABLE, old, new)
        cr.execute(
            SQL(
                "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
                new,
                MODEL,
                old,
            )
        )
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET name = %s "
                "WHERE module = 'bigcommerce_connector' AND model = 'ir.model.fields' "
                "AND name = %s",
                f"field_{TABLE}__{new}",
                f"field_{TABLE}__{old}",
            )
        )
        _logger.info("%s.%s renamed to %s", MODEL, old, new)


def migrate(cr, version):
    """Odoo's entry point for a module update from before 19.0.1.1.0."""
    rename_size_fields(cr)
