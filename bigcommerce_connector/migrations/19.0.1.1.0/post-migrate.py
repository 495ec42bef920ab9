"""19.0.1.1.0: a forced daily download is a choice of its own.

Before, a daily hour of 0 meant "none", so midnight could not be chosen.
Stores with a daily hour keep their daily download.
"""

from odoo.tools import SQL


def migrate(cr, version):
    """Turn on the daily download of the stores that had a daily hour."""
    if not version:
        return
    cr.execute(
        SQL(
            "UPDATE bigcommerce_store SET order_daily_download = TRUE "
            "WHERE order_daily_hour > 0"
        )
    )
