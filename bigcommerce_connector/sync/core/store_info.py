"""Read ``GET /v2/store`` into the values the store record keeps."""

from .units import UnknownUnitError, normalize_dimension_unit, normalize_weight_unit


def store_info_values(info):
    """Map a ``GET /v2/store`` answer onto ``bigcommerce.store`` field values.

    Unknown weight or dimension units are kept as given and reported in the
    returned warnings rather than guessed.

    :param dict info: the decoded answer (``StoreInformation`` schema)
    :returns: ``(values, warnings)``: a dict of field values, a list of texts
    """
    info = info or {}
    warnings = []
    values = {
        "bc_store_name": info.get("name") or False,
        "bc_domain": info.get("secure_url") or info.get("domain") or False,
        "bc_currency_code": info.get("currency") or False,
        "bc_weight_units": info.get("weight_units") or False,
        "bc_dimension_units": info.get("dimension_units") or False,
        "bc_plan_name": info.get("plan_name") or info.get("plan_level") or False,
        "bc_timezone": (info.get("timezone") or {}).get("name") or False,
        "bc_status": info.get("status") or False,
        "bc_prices_include_tax": bool(info.get("is_price_entered_with_tax")),
        "bc_default_channel_id": info.get("default_channel_id") or False,
    }
    for field, normalize in (
        ("weight_unit", normalize_weight_unit),
        ("dimension_unit", normalize_dimension_unit),
    ):
        raw = info.get(f"{field}s")
        try:
            values[field] = normalize(raw)
        except UnknownUnitError as exc:
            values[field] = False
            warnings.append(str(exc))
    return values, warnings
