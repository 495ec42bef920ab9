"""A matched customer's details, rewritten from BigCommerce's.

Rules over an Odoo contact and the values :class:`~.addresses.AddressBook`
made of a BigCommerce address: what differs is written, nothing is blanked.
"""

from .mapping import normalise_email, normalise_phone

TEXT_FIELDS = ("name", "company_name", "street", "city", "zip", "phone", "email")


def without_person(values):
    """Contact values less what belongs to the person (name, email, company)."""
    return {
        name: value
        for name, value in values.items()
        if name not in ("name", "email", "company_name")
    }


def update_details(partner, values):
    """Write BigCommerce's details that differ; never blank a value.

    A person under a company shares the company's address (Odoo writes one
    on the other): the address is left alone, the order's billing address
    goes on an invoice contact instead.

    :returns: whether anything was written
    """
    if partner.parent_id and partner.type == "contact":
        values = {
            name: value
            for name, value in values.items()
            if name in ("name", "phone", "email")
        }
    changes = {}
    for name in TEXT_FIELDS:
        if values.get(name) and values[name] != _current(partner, name):
            changes[name] = values[name]
    street2 = values.get("street2") or False
    if values.get("street") and street2 != (partner.street2 or False):
        changes["street2"] = street2
    if values.get("country_id") and values["country_id"] != partner.country_id.id:
        changes["country_id"] = values["country_id"]
        changes["state_id"] = values.get("state_id") or False
    elif values.get("state_id") and values["state_id"] != partner.state_id.id:
        changes["state_id"] = values["state_id"]
    _state_text_changes(partner, values, changes)
    if partner.is_company:
        changes.pop("name", None)
        changes.pop("company_name", None)
    if changes:
        partner.write(changes)
    return bool(changes)


def _state_text_changes(partner, values, changes):
    """The state text follows the address: kept when Odoo lacks the state,
    cleared when the address has an Odoo state (or another country)."""
    text = values.get("bigcommerce_state_name") or False
    if text and text != partner.bigcommerce_state_name:
        changes["bigcommerce_state_name"] = text
        changes.setdefault("state_id", False)
    elif partner.bigcommerce_state_name and (
        changes.get("state_id") or "country_id" in changes
    ):
        changes["bigcommerce_state_name"] = False


def _current(partner, name):
    """A partner's value of ``name`` in the form BigCommerce's is compared."""
    if name == "email":
        return normalise_email(partner.email)
    if name == "phone":
        return normalise_phone(partner.phone, partner.country_id.code)[0]
    return partner[name] or ""
