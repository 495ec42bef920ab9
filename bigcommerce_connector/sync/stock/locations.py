"""Load a store's BigCommerce inventory locations (``GET /v3/inventory/locations``)."""

from ...api.const import LOCATIONS_PATH
from ..core.values import read_flag, read_id, read_str
from .calculator import DEFAULT_LOCATION


def load_locations(store, run):
    """Create or refresh the store's ``bigcommerce.location`` records.

    A location BigCommerce no longer has is kept (a warehouse may point to
    it) but disabled, with a warning: its warehouses' stock is not published
    until they point elsewhere.

    :param store: ``bigcommerce.store``, sudoed
    :param run: the open :class:`~..core.run.SyncRun`, with its client
    """
    env = store.env
    Location = env["bigcommerce.location"]
    existing = {loc.bc_location_id: loc for loc in store.stock_location_ids}
    seen = set()
    changed = False
    for body in run.client.iter_v3(LOCATIONS_PATH):
        run.count("fetched")
        with run.record(body.get("id") if isinstance(body, dict) else None):
            location_id = read_id(body)
            values = {
                "name": read_str(body, "label"),
                "code": read_str(body, "code"),
                "enabled": read_flag(body, "enabled") if "enabled" in body else True,
                "is_default": location_id == DEFAULT_LOCATION,
            }
            seen.add(location_id)
            if location_id in existing:
                location = existing[location_id]
                if location.enabled != values["enabled"]:
                    changed = True
                location.write(values)
                run.count("updated")
            else:
                Location.create(
                    dict(values, store_id=store.id, bc_location_id=location_id)
                )
                run.count("created")
    for location_id, location in existing.items():
        if location_id not in seen and location.enabled:
            location.enabled = False
            changed = True
            run.warning(
                location.display_name,
                env._(
                    "This location is no longer in BigCommerce: disabled. Point "
                    "its warehouses to another location."
                ),
            )
    if changed:
        # Where stock may be published changed: the next 'recently modified'
        # update considers every link.
        store.stock_updated_after = False
