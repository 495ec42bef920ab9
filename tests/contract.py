"""Contract checks against the official BigCommerce OpenAPI specs.

Every spec in ``../shared/bigcommerce-api/`` (``BIGCOMMERCE_API_SPECS``
overrides the folder) is OpenAPI 3.0, ``orders.v2.oas2.yml`` included
despite its name, so one validator, openapi-core, serves them all. Each
spec is read once, patched for the four defects listed in FACTS.md §14
(:func:`apply_known_spec_defect_patches`, nothing else) and cached.
Simulator URLs are mapped onto the specs' server
``https://api.bigcommerce.com/stores/{store_hash}/v2|v3``. Validation is
strict: a status an operation does not declare (and no ``default``) fails.
"""

import copy
import functools
import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml
from openapi_core import Config, OpenAPI, V30ResponseValidator
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS30Validator

API_HOST = "https://api.bigcommerce.com"
SPEC_DIR = Path(
    os.environ.get("BIGCOMMERCE_API_SPECS")
    or Path(__file__).resolve().parents[2] / "shared" / "bigcommerce-api"
)
DEFAULT_REQUEST_HEADERS = {
    "X-Auth-Token": "contract-test-token",
    "Accept": "application/json",
}


EXTRA_MEDIA_TYPES = {"application/problem+json": json.loads}


class ContractError(AssertionError):
    """A request or response that its spec does not allow."""


class _ResponseValidator(V30ResponseValidator):
    """openapi-core's validator, reading ``content: {}`` as "no body".

    openapi-core demands a body whenever a response has a ``content`` key,
    even an empty one; orders.v2 ``getOrderShipments`` declares its 204
    that way. A body sent there still fails (no media type matches).
    """

    def _get_data(self, data, mimetype, operation_response):
        """Skip body validation for an empty body and an empty content map."""
        content = operation_response.get("content")
        if not data and content is not None and not list(content.keys()):
            return None
        return super()._get_data(data, mimetype, operation_response)


class _JsonLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    """YAML as JSON sees it: unquoted timestamps stay strings."""


_JsonLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _JsonLoader.yaml_implicit_resolvers.items()
}


def specs_available():
    """Tell whether the spec folder is present."""
    return SPEC_DIR.is_dir()


def spec_filename(spec):
    """Return the file name of ``spec`` ("brands_catalog.v3" or with ".yml")."""
    return spec if spec.endswith((".yml", ".yaml")) else f"{spec}.yml"


# === SPEC LOADING === #


def spec_dict(spec):
    """Return the parsed and patched spec (shared: do not modify)."""
    return _spec_dict(spec_filename(spec))


def load_spec(spec):
    """Return the openapi-core application of ``spec``, checked once."""
    return _load_spec(spec_filename(spec))


@functools.cache
def _spec_dict(filename):
    """Read and patch one spec file (cached)."""
    if not specs_available():
        raise FileNotFoundError(
            f"BigCommerce API specs not found in {SPEC_DIR}: contract tests need "
            "../shared/bigcommerce-api beside the repository, or set "
            "BIGCOMMERCE_API_SPECS to that folder."
        )
    with open(SPEC_DIR / filename, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_JsonLoader)
    apply_known_spec_defect_patches(filename, data)
    apply_further_spec_defect_patches(filename, data)
    return data


@functools.cache
def _load_spec(filename):
    """Build the openapi-core application of one spec (cached).

    The spec itself is not checked: three v2 specs (tax_classes,
    shipping, methods_payments) fail openapi-spec-validator over a
    harmless ``exclusiveMinimum: false`` without ``minimum``, and §14
    allows no other patch. ``application/problem+json`` (the inventory
    and locations errors) is JSON (RFC 7807), which openapi-core does not
    know by itself.
    """
    config = Config(
        spec_validator_cls=None,
        response_validator_cls=_ResponseValidator,
        extra_media_type_deserializers=EXTRA_MEDIA_TYPES,
    )
    return OpenAPI.from_dict(copy.deepcopy(_spec_dict(filename)), config=config)


def apply_known_spec_defect_patches(filename, data):
    """Patch, in place, the four spec defects of FACTS.md §14 and nothing else.

    1. orders.v2 ``order_RespOnly.consignments``: ``oneOf`` -> ``anyOf``;
    2. orders.v2 consignment ``line_items`` (shipping, pickup, digital,
       gift certificate): ``oneOf`` -> ``anyOf``;
    3. products_catalog ``product_Full.base_variant_id``: nullable;
    4. orders.v3 ``RefundItem.requested_amount``: nullable number.

    Each patch asserts the defect is still there, so a fixed upstream spec
    is noticed instead of silently patched twice.
    """
    schemas = data["components"]["schemas"]
    if filename == "orders.v2.oas2.yml":
        _one_of_to_any_of(schemas["order_RespOnly"]["properties"]["consignments"])
        for name in (
            "shippingConsignment_Get",
            "pickupConsignment_Get",
            "digitalConsignment_Get",
            "giftCertificateConsignment_Get",
        ):
            _one_of_to_any_of(_property(schemas[name], "line_items"))
    elif filename == "products_catalog.v3.yml":
        base_variant_id = _property(schemas["product_Full"], "base_variant_id")
        assert base_variant_id["type"] == "integer", "spec changed: base_variant_id"
        base_variant_id["nullable"] = True
    elif filename == "orders.v3.yml":
        properties = schemas["RefundItem"]["properties"]
        amount_ref = {"$ref": "#/components/schemas/Amount"}
        assert properties["requested_amount"] == amount_ref, "spec changed: Refund"
        properties["requested_amount"] = {**schemas["Amount"], "nullable": True}


def apply_further_spec_defect_patches(filename, data):
    """Patch seven defects found beyond FACTS.md §14 (reported in the notes).

    5. ``x-nullable: true`` (a Swagger 2 extension OpenAPI 3 ignores) in the
       variant, option and modifier specs: read as ``nullable: true``, which is
       what the specs' own descriptions say ("null means the product's price");
    6. products_catalog ``product_Base_POST.variants``: the items are
       ``productVariant_Full``, which requires ``id`` and ``product_id`` that no
       create request can know: read as the same schema without required ids;
    7. products_catalog ``productVariant_Full.sku_id``: non-null integer,
       while product-variants says it is null for a base variant: nullable;
    8. orders.v2 parameter ``sort``: its enum lists bare field names while
       its own description (and FACTS.md §7) says to add ``:asc``/``:desc``
       (``sort=date_modified:asc``): read as the names with an optional
       direction;
    9. inventory.v3 ``ItemResponse.identity.sku_id``: a non-null integer whose
       description says "``null`` if the item is a base variant": nullable;
    10. inventory.v3 ``location_id:in``, ``variant_id:in``,
        ``product_id:in`` and locations.v3 ``location_id:in``: typed
        ``integer`` while described as comma-separated lists: read as a
        string of comma-separated integers.
    11. products_catalog ``product_Put_Collection`` (``PUT /catalog/products``):
        each item's ``id`` is both required (the operation: "product id is
        required for batch updates") and ``readOnly``, so no request can
        pass: read as a writable, required id.
    """
    if filename in X_NULLABLE_SPECS:
        assert _x_nullable_to_nullable(data), "spec changed: no x-nullable left"
    if filename == "products_catalog.v3.yml":
        schemas = data["components"]["schemas"]
        variants = _property(schemas["product_Base_POST"], "variants")
        assert variants["items"] == {"$ref": "#/components/schemas/productVariant_Full"}
        post_variant = copy.deepcopy(schemas["productVariant_Full"])
        for part in [post_variant, *post_variant.get("allOf", [])]:
            part.pop("required", None)
        schemas["productVariant_Post_Embedded"] = post_variant
        variants["items"] = {
            "$ref": "#/components/schemas/productVariant_Post_Embedded"
        }
        sku_id = _property(schemas["productVariant_Full"], "sku_id")
        assert sku_id["type"] == "integer", "spec changed: sku_id"
        sku_id["nullable"] = True
        batch_id = schemas["product_Put_Collection"]["items"]["allOf"][0]
        assert batch_id["properties"]["id"].pop("readOnly"), "spec changed: batch id"
    if filename == "orders.v2.oas2.yml":
        _allow_sort_direction(data["components"]["parameters"]["sort"]["schema"])
    if filename == "inventory.v3.yml":
        identity = data["components"]["schemas"]["ItemResponse"]["properties"]
        sku_id = identity["identity"]["properties"]["sku_id"]
        assert sku_id["type"] == "integer", "spec changed: ItemResponse sku_id"
        sku_id["nullable"] = True
    if filename in ID_LIST_PARAMETERS:
        parameters = data["components"]["parameters"]
        for name in ID_LIST_PARAMETERS[filename]:
            _read_as_id_list(parameters[name]["schema"])


# Parameters typed integer that their descriptions call comma-separated lists.
ID_LIST_PARAMETERS = {
    "inventory.v3.yml": (
        "LocationIdsParam",
        "VariantIdFilterParam",
        "ProductIdFilterParam",
    ),
    "locations.v3.yml": ("LocationIdsParam",),
}


def _read_as_id_list(schema):
    """Turn an ``integer`` parameter schema into comma-separated integers."""
    assert schema == {"type": "integer"}, "spec changed: id list parameter"
    schema.update(type="string", pattern=r"^\d+(,\d+)*$")


def _allow_sort_direction(schema):
    """Turn the orders.v2 ``sort`` enum into names with an optional direction."""
    names = schema.pop("enum")
    assert not any(":" in name for name in names), "spec changed: sort enum"
    schema["pattern"] = f"^({'|'.join(names)})(:(asc|desc))?$"


X_NULLABLE_SPECS = frozenset(
    {
        "product-variants_catalog.v3.yml",
        "product-variant-options_catalog.v3.yml",
        "product-modifiers_catalog.v3.yml",
    }
)


def _x_nullable_to_nullable(node):
    """Replace every ``x-nullable`` by ``nullable``; return how many there were."""
    found = 0
    if isinstance(node, dict):
        if "x-nullable" in node:
            node["nullable"] = node.pop("x-nullable")
            found += 1
        for value in node.values():
            found += _x_nullable_to_nullable(value)
    elif isinstance(node, list):
        for value in node:
            found += _x_nullable_to_nullable(value)
    return found


def _one_of_to_any_of(schema):
    """Turn a schema's ``oneOf`` into ``anyOf``."""
    assert "oneOf" in schema, "spec changed: expected a oneOf to patch"
    schema["anyOf"] = schema.pop("oneOf")


def _property(schema, name):
    """Return property ``name`` of a schema, looking inside its ``allOf``."""
    for part in [schema, *schema.get("allOf", [])]:
        if name in part.get("properties", {}):
            return part["properties"][name]
    raise KeyError(f"no property {name!r} in schema")


# === VALIDATION === #


def validate_response(spec, method, path_template_or_url, status, body, headers=None):
    """Check a response against an operation of ``spec``.

    :param path_template_or_url: a simulator URL
        (``http://127.0.0.1:8000/stores/sim123/v3/catalog/brands?page=2``) or
        a path template relative to the spec's server
        (``/catalog/brands/{brand_id}``)
    :param body: the parsed JSON body, None for an empty one, or raw bytes
    :raise ContractError: with every reason the spec gives
    """
    request = _mock_request(spec, method, path_template_or_url, None, {})
    headers = dict(headers or {})
    data = _encode(body)
    content_type = _header(headers, "Content-Type") or (
        "application/json" if data else None
    )
    response = MockResponse(
        data, status_code=status, headers=headers, content_type=content_type
    )
    _run(load_spec(spec).validate_response, request, response)


def validate_request(spec, method, url, body, headers=None):
    """Check a request (URL, query, JSON body, headers) against ``spec``.

    ``headers`` defaults to what a client sends: ``X-Auth-Token``,
    ``Accept`` and, with a body, ``Content-Type: application/json``.
    """
    if headers is None:
        headers = dict(DEFAULT_REQUEST_HEADERS)
        if body is not None:
            headers["Content-Type"] = "application/json"
    request = _mock_request(spec, method, url, body, headers)
    _run(load_spec(spec).validate_request, request)


def validate_http(spec, response, path_template=None):
    """Check a ``requests.Response`` (status, headers, JSON body)."""
    body = response.json() if response.content else None
    target = path_template or response.url
    method = response.request.method
    validate_response(
        spec, method, target, response.status_code, body, dict(response.headers)
    )


def validate_component(spec, schema_name, instance):
    """Check ``instance`` against ``components.schemas[schema_name]``."""
    data = spec_dict(spec)
    schema = {"components": data["components"]}
    schema["$ref"] = f"#/components/schemas/{schema_name}"
    errors = sorted(
        OAS30Validator(schema).iter_errors(instance), key=lambda e: list(e.path)
    )
    if errors:
        reasons = "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
        raise ContractError(f"{spec} {schema_name}: {reasons}")


def _mock_request(spec, method, target, body, headers):
    """Map a simulator URL or a path template onto the spec's server."""
    server_path = urlsplit(spec_dict(spec)["servers"][0]["url"]).path
    if target.startswith("/") and not target.startswith("/stores/"):
        full_path = server_path + target
        return MockRequest(
            API_HOST, method, full_path, path_pattern=full_path, headers=headers
        )
    url = urlsplit(target)
    return MockRequest(
        API_HOST,
        method,
        url.path,
        args=parse_qsl(url.query, keep_blank_values=True),
        headers=headers,
        data=_encode(body),
    )


def _encode(body):
    """Return the body as bytes: raw as given, JSON-encoded, or empty."""
    if body is None:
        return b""
    if isinstance(body, (bytes, str)):
        return body.encode() if isinstance(body, str) else body
    return json.dumps(body).encode()


def _header(headers, name):
    """Return a header by case-insensitive name, or None."""
    return next((v for k, v in headers.items() if k.lower() == name.lower()), None)


def _run(validate, *args):
    """Call an openapi-core validator; raise ContractError with the reasons."""
    try:
        validate(*args)
    except OpenAPIError as exc:
        raise ContractError(_describe(exc)) from exc


def _describe(exc):
    """Flatten an openapi-core error and its causes into one message."""
    lines = []
    current = exc
    while current is not None:
        lines.append(f"{type(current).__name__}: {current}")
        for error in getattr(current, "schema_errors", None) or ():
            lines.append(f"  at {list(error.absolute_path)}: {error.message}")
        current = current.__cause__ or current.__context__
    return "\n".join(lines)


# === THE CLIENT'S REQUESTS === #

# Paths described by another spec than their prefix's, checked before prefixes.
SPEC_BY_PATTERN = tuple(
    (re.compile(pattern), spec)
    for pattern, spec in (
        (r"v3/catalog/products/\d+/variants(/.*)?", "product-variants_catalog.v3"),
        (
            r"v3/catalog/products/\d+/options(/.*)?",
            "product-variant-options_catalog.v3",
        ),
        (r"v3/catalog/products/\d+/modifiers(/.*)?", "product-modifiers_catalog.v3"),
        # Items at a location are inventory's, under locations' prefix.
        (r"v3/inventory/locations/[^/]+/items", "inventory.v3"),
    )
)
# Which spec describes a path after the store hash, longest prefix first.
SPEC_BY_PREFIX = (
    ("v2/store", "store_information.v2"),
    ("v2/time", "store_information.v2"),
    ("v2/tax_classes", "tax_classes.v2"),
    ("v2/orders", "orders.v2.oas2"),
    ("v2/order_statuses", "orders.v2.oas2"),
    ("v2/payments", "methods_payments.v2"),
    ("v2/shipping", "shipping.v2"),
    ("v3/orders", "orders.v3"),
    ("v3/catalog/brands", "brands_catalog.v3"),
    ("v3/catalog/trees", "category-trees_catalog.v3"),
    ("v3/catalog/categories", "categories_catalog.v3"),
    ("v3/catalog/variants", "product-variants_catalog.v3"),
    ("v3/catalog/products", "products_catalog.v3"),
    ("v3/customers", "customers.v3"),
    ("v3/inventory/locations", "locations.v3"),
    ("v3/inventory", "inventory.v3"),
    ("v3/hooks", "webhooks.v3"),
)


def spec_for(api_path):
    """The spec describing ``api_path`` (``v2/store``, ``/stores/h/v3/...``)."""
    path = api_path.split("/stores/", 1)[-1]
    path = path.split("/", 1)[1] if not path.startswith(("v2", "v3")) else path
    for pattern, spec in SPEC_BY_PATTERN:
        if pattern.fullmatch(path):
            return spec
    for prefix, spec in SPEC_BY_PREFIX:
        if path.startswith(prefix):
            return spec
    raise ContractError(f"No spec describes {api_path}")


def validate_logged_requests(records):
    """Check each request the simulator logged (URL, query, body, headers).

    :param records: ``sim.requests``; requests the client sent
    :raise ContractError: naming the first request the spec refuses
    """
    for record in records:
        url = record.path
        if record.query:
            url += "?" + urlencode(record.query)
        try:
            validate_request(
                spec_for(record.path),
                record.method,
                url,
                record.body,
                headers=record.headers,
            )
        except ContractError as exc:
            raise ContractError(f"{record.method} {url}: {exc}") from exc
