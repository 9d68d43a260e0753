"""Results kept per dataset, shared by every session: computed once, then read."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class PerData:
    """The results of `make(data, *args)` for the last `size` uses, safe across sessions.

    `key(data, *args)` tells results of one dataset apart. A dataset counts by identity
    (the built-in data, or one upload) and is kept with its results, so that no other
    can take its place, and its id, while they are kept.
    """

    def __init__(self, make: Callable, key: Callable[..., Hashable], size: int):
        self._make, self._key, self._size = make, key, size
        self._kept: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, data, *args):
        key = (id(data), data.key, self._key(data, *args))
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key][1]
        value = self._make(data, *args)
        with self._lock:
            self._kept[key] = (data, value)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value
