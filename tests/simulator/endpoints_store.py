"""Store information endpoints (store_information.v2.yml)."""

import copy
import time

from .messages import Reply


def register(router):
    """Add ``GET /v2/store`` and ``GET /v2/time``."""
    router.add("GET", r"v2/store", get_store)
    router.add("GET", r"v2/time", get_time)


def get_store(state, request):
    """Answer the store's information (``getStoreInformation``)."""
    return Reply(200, copy.deepcopy(state.store_info))


def get_time(state, request):
    """Answer the store clock in epoch seconds (``getSystemTimestamp``)."""
    now = time.time() if state.now is None else state.now
    return Reply(200, {"time": int(now)})
