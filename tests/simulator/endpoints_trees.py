"""Category tree endpoints (category-trees_catalog.v3.yml).

The store has one tree, id 1, on channel 1, as a single-storefront store
does. ``GET /v3/catalog/trees/categories`` (``getAllCategories``) pages its
categories in id order, filtered by ``tree_id:in``, ``category_id:in``,
``parent_id:in`` (and ``:not_in``), ``name``, ``page_title``,
``is_visible``; ``GET /v3/catalog/trees`` (``getCategoryTrees``) pages the
trees, filtered by ``id:in`` and ``channel_id:in``.
"""

from .catalog_query import CATEGORY_FILTERS, TREE_FILTERS, matcher
from .endpoints_collections import v3_page

TREES = r"v3/catalog/trees"
TREES_OF_STORE = ({"id": 1, "name": "Default", "channels": [1]},)


def register(router):
    """Add the category tree routes."""
    router.add("GET", TREES + "/categories", list_categories)
    router.add("GET", TREES, list_trees)


def list_categories(state, request):
    """Answer one page of the categories of every tree (``getAllCategories``)."""
    match = matcher(request.query, CATEGORY_FILTERS, state.clock())
    found = sorted(
        filter(match, state.catalog.categories), key=lambda c: c["category_id"]
    )
    return v3_page(request.query, found)


def list_trees(state, request):
    """Answer the category trees (``getCategoryTrees``)."""
    match = matcher(request.query, TREE_FILTERS, state.clock())
    # A tree's channel_id filter looks into its channels.
    found = [
        tree
        for tree in TREES_OF_STORE
        if match({**tree, "channel_id": tree["channels"]})
    ]
    return v3_page(request.query, found)
