"""The simulated inventory: locations, levels per location, adjustments.

Real HTTP to a real simulator; no Odoo and no spec files. Shapes against
the official specs are checked in test_simulator_inventory_contract.py.
"""

import pytest

from tests.simulator import Fault
from tests.simulator_http import call, get

ABSOLUTE = "v3/inventory/adjustments/absolute"
RELATIVE = "v3/inventory/adjustments/relative"
SIZES = [{"display_name": "Size", "values": ["S", "M"]}]


def adjust(sim, *items, path=ABSOLUTE):
    """Send an absolute (or, with ``path=RELATIVE``, relative) adjustment."""
    method = "PUT" if path == ABSOLUTE else "POST"
    return call(sim, method, path, json={"reason": "Count", "items": list(items)})


def at(location_id, quantity, **identity):
    """Return one adjustment item."""
    return {"location_id": location_id, **identity, "quantity": quantity}


def mug(sim, **fields):
    """Seed a mug tracked by product (id 111 in a fresh store)."""
    return sim.add_product("Mug", inventory_tracking="product", **fields)


def tee(sim, **fields):
    """Seed a two-size T-shirt tracked by variant, sizes unseeded."""
    return sim.add_product(
        "Tee", sku="TS", options=SIZES, inventory_tracking="variant", **fields
    )


# === LOCATIONS === #


def test_a_fresh_store_has_the_default_location_only(sim):
    sim.add_location("Warehouse")
    sim.reset()
    [default] = sim.locations()
    assert default["id"] == 1 and default["code"] == "BC-LOCATION-1"
    assert default["label"] == "Default location"
    assert default["is_default"] and default["enabled"]
    assert default["type_id"] == "PHYSICAL" and default["address"]["zip"]


def test_added_locations_are_numbered_from_two_with_unique_codes(sim):
    first = sim.add_location("Warehouse", code="WH")
    second = sim.add_location("Shop", enabled=False)
    assert (first["id"], second["id"], second["code"]) == (2, 3, "BC-LOCATION-3")
    assert not first["is_default"] and not second["enabled"]
    with pytest.raises(ValueError, match="WH"):
        sim.add_location("Other", code="WH")


def test_locations_filter_by_id_default_and_active(sim):
    sim.add_location("Warehouse")
    sim.add_location("Closed", enabled=False)

    def get_ids(**params):
        """Return the ids of the locations answered for ``params``."""
        body = get(sim, "v3/inventory/locations", **params).json()
        return [location["id"] for location in body["data"]]

    assert get_ids() == [1, 2, 3]
    assert get_ids(**{"location_id:in": "1,3"}) == [1, 3]
    assert get_ids(is_default="false") == [2, 3]
    assert get_ids(is_active="false") == [3]
    assert get_ids(is_active="true", is_default="false") == [2]


def test_locations_come_in_pages(sim):
    for label in ("A", "B", "C"):
        sim.add_location(label)
    body = get(sim, "v3/inventory/locations", limit=3, page=2).json()
    assert [location["label"] for location in body["data"]] == ["C"]
    assert body["meta"]["pagination"]["total_pages"] == 2


# === LEVELS AND THE CATALOG === #


def test_a_seeded_level_is_set_at_the_default_location(sim):
    stocked = mug(sim, inventory_level=5)
    empty = mug(sim, inventory_level=0)
    unseeded = mug(sim)
    assert sim.inventory_level(product_id=stocked["id"]) == 5
    assert sim.inventory_level(product_id=empty["id"]) == 0
    assert sim.inventory_level(product_id=unseeded["id"]) is None
    assert sim.inventory_level(location_id=2, product_id=stocked["id"]) is None


def test_every_seeding_helper_counts_a_level_of_zero_as_set(sim):
    shirt = tee(sim, variants=[{"options": {"Size": "S"}, "inventory_level": 0}])
    medium = sim.add_variant(shirt["id"], options={"Size": "M"}, inventory_level=0)
    later = mug(sim)
    sim.update_product(later["id"], inventory_level=0)
    assert sim.inventory_level(variant_id=shirt["variants"][0]["id"]) == 0
    assert sim.inventory_level(variant_id=medium["id"]) == 0
    assert sim.inventory_level(product_id=later["id"]) == 0


def test_a_product_shows_its_sum_over_locations(sim):
    product = mug(sim, inventory_level=5)
    sim.add_location("Warehouse")
    assert adjust(sim, at(2, 4, product_id=product["id"])).status_code == 200
    assert sim.inventory_level(location_id=2, product_id=product["id"]) == 4
    shown = get(sim, f"v3/catalog/products/{product['id']}").json()["data"]
    assert shown["inventory_level"] == 9
    # Absolute never fails for less stock: it sets the level.
    assert adjust(sim, at(1, 0, product_id=product["id"])).status_code == 200
    assert sim.product(product["id"])["inventory_level"] == 4


def test_variants_show_their_sums_and_the_product_the_sum_of_variants(sim):
    product = tee(sim)
    small, medium = (v["id"] for v in product["variants"])
    sim.add_location("Warehouse")
    response = adjust(
        sim,
        at(1, 2, variant_id=small),
        at(2, 3, variant_id=small),
        at(2, 5, sku="TS-M"),
    )
    assert response.status_code == 200
    path = f"v3/catalog/products/{product['id']}"
    shown = get(sim, path, include="variants").json()["data"]
    assert [v["inventory_level"] for v in shown["variants"]] == [5, 5]
    assert shown["inventory_level"] == 10
    assert sim.inventory_level(location_id=2, variant_id=medium) == 5


def test_a_catalog_write_of_the_level_goes_to_the_default_location(sim):
    product = mug(sim, inventory_level=5)
    sim.add_location("Warehouse")
    adjust(sim, at(2, 3, product_id=product["id"]))
    path = f"v3/catalog/products/{product['id']}"
    assert call(sim, "PUT", path, json={"inventory_level": 10}).status_code == 200
    assert sim.inventory_level(product_id=product["id"]) == 7
    assert sim.inventory_level(location_id=2, product_id=product["id"]) == 3
    # Less than the stock elsewhere empties the default location only.
    call(sim, "PUT", path, json={"inventory_level": 1})
    assert sim.inventory_level(product_id=product["id"]) == 0
    assert sim.product(product["id"])["inventory_level"] == 3


# === ABSOLUTE ADJUSTMENTS === #


def test_every_refused_item_is_named_and_nothing_is_applied(sim):
    product = mug(sim, inventory_level=5)
    shirt = tee(sim)
    plain = sim.add_product("Plain")
    closed = sim.add_location("Closed", enabled=False)
    base = product["variants"][0]["id"]
    response = adjust(
        sim,
        at(1, 9, product_id=product["id"]),
        at(1, 1, variant_id=base),
        at(1, 1, product_id=shirt["id"]),
        at(1, 1, variant_id=999),
        at(1, 1, sku="NOPE"),
        at(1, 1, product_id=plain["id"]),
        at(7, 1, sku="TS-S"),
        at(closed["id"], 1, sku="TS-M"),
    )
    assert response.status_code == 422
    assert response.json()["title"] == (
        f"[Item with variant_id {base} is tracked by product, please update "
        "stock by product id, Item with product_id 112 is tracked by variant, "
        "please update stock by variant id or sku, Item with variant_id 999 not "
        "found, Item with sku NOPE not found, Item with product_id 113 has "
        "inventory tracking disabled, Item with sku TS-S refers to unknown "
        "location_id 7, Item with sku TS-M refers to disabled location_id 2]"
    )
    assert sim.inventory_level(product_id=product["id"]) == 5
    assert sim.adjustments() == []


def test_an_absolute_adjustment_takes_at_most_2000_items(sim):
    product = mug(sim)
    items = [at(1, n, product_id=product["id"]) for n in range(2001)]
    refused = adjust(sim, *items)
    assert refused.status_code == 422
    assert "2001 items" in refused.json()["title"]
    assert "2000" in refused.json()["title"]
    assert sim.inventory_level(product_id=product["id"]) is None
    assert adjust(sim, *items[:2000]).status_code == 200
    assert sim.inventory_level(product_id=product["id"]) == 1999


@pytest.mark.parametrize("quantity", [-1, 2147483648, 1.5, "3", True, None])
def test_a_quantity_outside_0_to_2147483647_is_refused(sim, quantity):
    product = mug(sim, inventory_level=5)
    item = at(1, quantity, product_id=product["id"])
    response = adjust(sim, at(1, 2147483647, sku=product["sku"]), item)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["items.1.quantity"]
    assert sim.inventory_level(product_id=product["id"]) == 5


def test_an_item_names_exactly_one_identity(sim):
    product = mug(sim)
    both = at(1, 1, product_id=product["id"], sku=product["sku"])
    response = adjust(sim, at(1, 1), both)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"items.0.identity", "items.1.identity"}
    assert adjust(sim, at(1, 2147483647, sku=product["sku"])).status_code == 200


def test_adjustments_lists_the_applied_absolute_bodies_in_order(sim):
    product = mug(sim, inventory_level=1)
    first = {"reason": "Count", "items": [at(1, 3, product_id=product["id"])]}
    second = {"items": [at(1, 4, sku=product["sku"])]}
    call(sim, "PUT", ABSOLUTE, json=first)
    adjust(sim, at(1, 1, product_id=999))
    adjust(sim, at(1, 1, product_id=product["id"]), path=RELATIVE)
    call(sim, "PUT", ABSOLUTE, json=second)
    assert sim.adjustments() == [first, second]
    transaction = call(sim, "PUT", ABSOLUTE, json=second).json()["transaction_id"]
    assert len(transaction) == 36 and transaction.count("-") == 4


# === RELATIVE ADJUSTMENTS === #


def test_relative_needs_an_absolute_adjustment_first(sim):
    unseeded = mug(sim)
    seeded = mug(sim, inventory_level=2)
    both = (at(1, 1, product_id=seeded["id"]), at(1, 1, product_id=unseeded["id"]))
    response = adjust(sim, *both, path=RELATIVE)
    assert response.status_code == 422
    assert response.json()["title"] == (
        "Items with identity: [product_id 111] requires absolute adjustment "
        "before relative"
    )
    assert sim.inventory_level(product_id=seeded["id"]) == 2
    adjust(sim, at(1, 5, product_id=unseeded["id"]))
    assert adjust(sim, *both, path=RELATIVE).status_code == 200
    assert sim.inventory_level(product_id=unseeded["id"]) == 6
    assert sim.inventory_level(product_id=seeded["id"]) == 3


def test_relative_needs_an_absolute_adjustment_at_that_location(sim):
    product = mug(sim, inventory_level=2)
    sim.add_location("Warehouse")
    response = adjust(sim, at(2, 1, product_id=product["id"]), path=RELATIVE)
    assert response.status_code == 422
    assert "[product_id 111]" in response.json()["title"]


def test_relative_never_goes_below_zero(sim):
    product = tee(sim)
    small, medium = (v["id"] for v in product["variants"])
    adjust(sim, at(1, 2, variant_id=small), at(1, 2, variant_id=medium))
    items = (at(1, 1, variant_id=small), at(1, -3, sku="TS-M"))
    response = adjust(sim, *items, path=RELATIVE)
    assert response.status_code == 422
    assert response.json()["title"] == (
        "[Item with sku TS-M would go below 0 at location_id 1]"
    )
    assert sim.inventory_level(variant_id=small) == 2
    assert adjust(sim, at(1, -2, sku="TS-M"), path=RELATIVE).status_code == 200
    assert sim.product(product["id"])["inventory_level"] == 2


# === ITEMS === #


def test_items_show_each_level_at_each_location_and_filter(sim):
    product = mug(sim, inventory_level=5)
    tee(sim)
    sim.add_location("Warehouse")
    adjust(sim, at(2, 4, product_id=product["id"]))
    body = get(sim, "v3/inventory/items").json()
    assert [i["identity"]["sku"] for i in body["data"]] == ["SKU-111", "TS-S", "TS-M"]
    params = {"product_id:in": str(product["id"]), "location_id:in": "2"}
    [item] = get(sim, "v3/inventory/items", **params).json()["data"]
    assert [
        (loc["location_id"], loc["total_inventory_onhand"]) for loc in item["locations"]
    ] == [(2, 4)]
    by_sku = get(sim, "v3/inventory/items", **{"sku:in": "TS-M,TS-X"}).json()
    assert [i["identity"]["sku"] for i in by_sku["data"]] == ["TS-M"]


def test_items_come_in_pages_of_at_most_1000(sim):
    tee(sim)
    mug(sim)
    body = get(sim, "v3/inventory/items", limit=2, page=2).json()
    assert [i["identity"]["product_id"] for i in body["data"]] == [112]
    assert get(sim, "v3/inventory/items", limit=1000).status_code == 200
    assert get(sim, "v3/inventory/items", limit=1001).status_code == 413


def test_items_at_a_location_and_an_unknown_location(sim):
    product = mug(sim, inventory_level=5)
    sim.add_location("Warehouse")
    adjust(sim, at(2, 4, product_id=product["id"]))
    [item] = get(sim, "v3/inventory/locations/2/items").json()["data"]
    assert item["available_to_sell"] == 4 and item["identity"]["product_id"] == 111
    assert get(sim, "v3/inventory/locations/9/items").status_code == 404


# === GATEWAY, FAULTS AND RESET === #


@pytest.mark.parametrize("fault", [Fault.RATE_LIMIT, Fault.SERVER_ERROR, "503"])
def test_an_injected_fault_applies_nothing(sim, fault):
    product = mug(sim, inventory_level=5)
    sim.fail_next(fault, path_contains="/adjustments/absolute")
    item = at(1, 9, product_id=product["id"])
    assert adjust(sim, item).status_code == int(Fault(fault).value)
    assert sim.inventory_level(product_id=product["id"]) == 5
    assert sim.adjustments() == []
    assert adjust(sim, item).status_code == 200
    assert sim.inventory_level(product_id=product["id"]) == 9


def test_a_5xx_after_effect_applies_the_adjustment(sim):
    product = mug(sim, inventory_level=5)
    sim.fail_next(Fault.SERVER_ERROR, after_effect=True)
    assert adjust(sim, at(1, 9, product_id=product["id"])).status_code == 500
    assert sim.inventory_level(product_id=product["id"]) == 9
    assert len(sim.adjustments()) == 1


def test_writes_need_the_store_inventory_scope(sim):
    product = mug(sim, inventory_level=5)
    sim.scopes = {"store_inventory_read_only"}
    assert get(sim, "v3/inventory/items").status_code == 200
    assert adjust(sim, at(1, 9, product_id=product["id"])).status_code == 403
    assert sim.inventory_level(product_id=product["id"]) == 5


def test_reset_forgets_levels_locations_and_adjustments(sim):
    product = mug(sim, inventory_level=5)
    sim.add_location("Warehouse")
    adjust(sim, at(2, 4, product_id=product["id"]))
    sim.reset()
    product = mug(sim)
    assert sim.inventory_level(product_id=product["id"]) is None
    assert sim.inventory_level(location_id=2, product_id=product["id"]) is None
    assert [loc["id"] for loc in sim.locations()] == [1]
    assert sim.adjustments() == []
