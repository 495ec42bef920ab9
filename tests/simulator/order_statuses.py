"""The 15 order statuses of a store (FACTS.md §5, orders.v2 ``getOrderStatuses``).

Names, descriptions and the control panel's sort ``order`` are those of
the spec's example; a merchant renames a status through ``custom_label``,
which is what an order's ``custom_status`` shows.
"""

# (id, name, sort order, description), as in orderStatusCollection_Resp.
STATUS_ROWS = (
    (
        0,
        "Incomplete",
        0,
        "An incomplete order happens when a shopper reached the payment page, "
        "but did not complete the transaction.",
    ),
    (
        1,
        "Pending",
        1,
        "Customer started the checkout process, but did not complete it.",
    ),
    (
        2,
        "Shipped",
        8,
        "Order has been shipped, but receipt has not been confirmed; seller has "
        "used the Ship Items action.",
    ),
    (
        3,
        "Partially Shipped",
        6,
        "Only some items in the order have been shipped, due to some products "
        "being pre-order only or other reasons.",
    ),
    (4, "Refunded", 11, "Seller has used the Refund action."),
    (
        5,
        "Cancelled",
        9,
        "Seller has cancelled an order, due to a stock inconsistency or other reasons.",
    ),
    (
        6,
        "Declined",
        10,
        "Seller has marked the order as declined for lack of manual payment, or "
        "other reasons.",
    ),
    (
        7,
        "Awaiting Payment",
        2,
        "Customer has completed checkout process, but payment has yet to be confirmed.",
    ),
    (
        8,
        "Awaiting Pickup",
        5,
        "Order has been pulled, and is awaiting customer pickup from a "
        "seller-specified location.",
    ),
    (
        9,
        "Awaiting Shipment",
        4,
        "Order has been pulled and packaged, and is awaiting collection from a "
        "shipping provider.",
    ),
    (
        10,
        "Completed",
        7,
        "Client has paid for their digital product and their file(s) are "
        "available for download.",
    ),
    (
        11,
        "Awaiting Fulfillment",
        3,
        "Customer has completed the checkout process and payment has been confirmed.",
    ),
    (
        12,
        "Manual Verification Required",
        13,
        "Order is on hold while some aspect needs to be manually confirmed.",
    ),
    (
        13,
        "Disputed",
        12,
        "Customer has initiated a dispute resolution process for the PayPal "
        "transaction that paid for the order.",
    ),
    (14, "Partially Refunded", 14, "Seller has partially refunded the order."),
)


def default_statuses():
    """Return the statuses of a fresh store (``orderStatus_Base`` + ``order``)."""
    return [
        {
            "id": status_id,
            "name": name,
            "system_label": name,
            "custom_label": name,
            "system_description": description,
            "order": sort_order,
        }
        for status_id, name, sort_order, description in STATUS_ROWS
    ]
