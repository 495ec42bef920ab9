"""Product image files, served by the simulator as BigCommerce's CDN serves them.

``GET /images/<size>/<file>.png`` (any of the ``url_*`` of a stored image)
answers a small valid PNG without authentication, rate limit or log, like
a CDN outside the API gateway; a file no product has is a 404.
"""

import functools
import re
import struct
import zlib

from .catalog_records import IMAGE_PREFIX, IMAGE_SIZES
from .messages import NOT_FOUND, Reply, v3_error_body

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_IMAGE_PATH = re.compile(
    rf"{IMAGE_PREFIX}(?:(?:{'|'.join(IMAGE_SIZES)})/)?(?P<file>[^/]+\.png)"
)


def is_image_path(path):
    """Tell whether a request path is under the simulator's image folder."""
    return path.startswith(IMAGE_PREFIX)


@functools.cache
def tiny_png(width=2, height=2, rgb=(200, 40, 40)):
    """Return the bytes of a small valid RGB PNG of one colour."""
    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(row * height)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind, data):
    """Return one PNG chunk: length, type, data, CRC."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def image_reply(catalog, method, path):
    """Answer a request for an image file: the PNG, or a 404/405."""
    match = _IMAGE_PATH.fullmatch(path)
    if method != "GET":
        return Reply(405, v3_error_body(405, "Method Not Allowed"))
    if match is None or not catalog.image_exists(match["file"]):
        return Reply(404, v3_error_body(404, NOT_FOUND))
    return Reply(200, raw=tiny_png(), headers={"Content-Type": "image/png"})
