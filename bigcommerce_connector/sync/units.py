"""BigCommerce's free-text weight and dimension units, read into Odoo's.

``GET /v2/store`` reports ``weight_units`` / ``dimension_units`` as free
strings ("Ounces", "LBS", "KGS", ...): accept the usual words and
abbreviations case-insensitively and say which unit is unknown rather than
guessing (FACTS 14).
"""

WEIGHT_UNITS = {
    "lb": ("pounds", "pound", "lbs", "lb"),
    "oz": ("ounces", "ounce", "oz"),
    "kg": ("kilograms", "kilogram", "kgs", "kg"),
    "g": ("grams", "gram", "g", "gr"),
    "t": ("tonnes", "tonne", "tons", "t"),
}
DIMENSION_UNITS = {
    "in": ("inches", "inch", "in"),
    "cm": ("centimeters", "centimetres", "centimeter", "centimetre", "cm"),
    "mm": ("millimeters", "millimetres", "millimeter", "millimetre", "mm"),
    "m": ("meters", "metres", "meter", "metre", "m"),
    "ft": ("feet", "foot", "ft"),
}


class UnknownUnitError(ValueError):
    """A unit string none of the known spellings match."""


def _normalize(raw, table, kind):
    word = (raw or "").strip().lower().rstrip(".")
    for code, spellings in table.items():
        if word in spellings:
            return code
    raise UnknownUnitError(f"Unknown BigCommerce {kind} unit: {raw!r}")


def normalize_weight_unit(raw):
    """Return ``lb``, ``oz``, ``kg``, ``g`` or ``t`` for a BigCommerce weight unit.

    :raises UnknownUnitError: the unit is none of the known spellings
    """
    return _normalize(raw, WEIGHT_UNITS, "weight")


def normalize_dimension_unit(raw):
    """Return ``in``, ``cm``, ``mm``, ``m`` or ``ft`` for a BigCommerce length unit.

    :raises UnknownUnitError: the unit is none of the known spellings
    """
    return _normalize(raw, DIMENSION_UNITS, "dimension")
