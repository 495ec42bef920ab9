"""Small lists read from BigCommerce: categories and tax classes."""

from odoo import Command

from ...api.const import CATEGORY_TREE_PATH, TAX_CLASSES_PATH
from .payload import Named, parse_category_rows, parse_named


def refresh_categories(store, run, counting=True):
    """Download the store's category trees into ``bigcommerce.category``.

    Categories are upserted on (store, BigCommerce id); ones gone from
    BigCommerce are removed unless an Odoo setting still points at them.

    :param counting: count categories in the run's counters (False when the
        refresh only serves another flow, such as the product download)
    :returns: the number of categories BigCommerce has
    """
    Category = store.env["bigcommerce.category"].sudo()
    existing = {c.bc_category_id: c for c in store.category_ids}
    rows = parse_category_rows(run.client.iter_v3(CATEGORY_TREE_PATH))
    names = {row.category_id: row.name for row in rows}
    parents = {row.category_id: row.parent_id for row in rows}
    to_create = []
    for row in rows:
        values = {
            "name": row.name or str(row.category_id),
            "bc_parent_id": row.parent_id,
            "tree_id": row.tree_id,
            "is_visible": row.is_visible,
            "complete_name": _path(row.category_id, names, parents),
        }
        category = existing.pop(row.category_id, None)
        if category:
            category.write(values)
        else:
            to_create.append(
                dict(values, store_id=store.id, bc_category_id=row.category_id)
            )
    Category.create(to_create)
    gone = Category.browse([c.id for c in existing.values()])
    gone -= store.default_category_id
    gone.unlink()
    if counting:
        run.count("fetched", len(rows))
        run.count("created", len(to_create))
        run.count("updated", len(rows) - len(to_create))
    else:
        run.info(None, f"Categories read from BigCommerce: {len(rows)}.")
    return len(rows)


def _path(category_id, names, parents):
    parts, current, steps = [], category_id, 0
    while current and steps < 16:
        parts.append(names.get(current) or str(current))
        current, steps = parents.get(current), steps + 1
    return " / ".join(reversed(parts))


def load_tax_classes(store, run):
    """Add a mapping row for each BigCommerce tax class (GET /v2/tax_classes).

    Existing rows keep their Odoo taxes; only names are refreshed.
    """
    existing = {m.bc_tax_class_id: m for m in store.tax_map_ids}
    commands = []
    classes = [Named(0, "Default Tax Class")]
    classes += parse_named(run.client.iter_v2(TAX_CLASSES_PATH), "tax_classes")
    for tax_class in classes:
        mapping = existing.get(tax_class.id)
        if mapping:
            if mapping.name != tax_class.name:
                commands.append(Command.update(mapping.id, {"name": tax_class.name}))
        else:
            commands.append(
                Command.create(
                    {"bc_tax_class_id": tax_class.id, "name": tax_class.name}
                )
            )
            run.count("created")
    run.count("fetched", len(classes))
    if commands:
        store.sudo().tax_map_ids = commands
    return len(classes)
