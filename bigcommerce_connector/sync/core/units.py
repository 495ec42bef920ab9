"""BigCommerce's free-text weight and dimension units, read into Odoo's.

``GET /v2/store`` reports ``weight_units`` / ``dimension_units`` as free
strings ("Ounces", "LBS", "KGS", ...): accept the usual words and
abbreviations case-insensitively and say which unit is unknown rather than
guessing (FACTS 14); then convert weights and lengths between those units.
"""

from decimal import Decimal

from .values import to_decimal

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


# Factors to Odoo's base units: kilograms and millimetres.
TO_KG = {
    "lb": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"),
    "kg": Decimal(1),
    "g": Decimal("0.001"),
    "t": Decimal(1000),
}
TO_MM = {
    "in": Decimal("25.4"),
    "cm": Decimal(10),
    "mm": Decimal(1),
    "m": Decimal(1000),
    "ft": Decimal("304.8"),
}


def convert_weight(value, from_unit, to_unit):
    """Convert a weight between the units of :data:`TO_KG`.

    :returns: a float; 0.0 for a missing or zero weight
    """
    amount = to_decimal(value)
    if not amount or from_unit not in TO_KG or to_unit not in TO_KG:
        return 0.0
    return float(amount * TO_KG[from_unit] / TO_KG[to_unit])


def convert_length(value, from_unit, to_unit):
    """Convert a length between the units of :data:`TO_MM`."""
    amount = to_decimal(value)
    if not amount or from_unit not in TO_MM or to_unit not in TO_MM:
        return 0.0
    return float(amount * TO_MM[from_unit] / TO_MM[to_unit])


def volume(length, width, height, length_unit):
    """Volume in m³ (mm lengths) or ft³ (ft lengths) of a box."""
    if length_unit == "ft":
        return length * width * height
    return length * width * height / 1e9
