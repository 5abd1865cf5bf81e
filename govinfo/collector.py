"""When Python's cyclic garbage collector runs while govinfo parses.

A parse builds no reference cycles: everything it makes is freed by reference counting as
it goes. But the collector starts a young-generation pass whenever 700 more objects
have been made than freed, and a parse holds more than that at once (a table's cells,
each with its source span, twice over where two layouts read a section). Each pass walks
the objects alive at that moment and moves the survivors on, towards a full pass that walks
every cache: with the default threshold, 12–15 % of the time of a Markdown or HTML report
goes on passes that find nothing.

:func:`fewer_collections` raises the first threshold for as long as govinfo works, and
puts back what it found: cycles made meanwhile (say by a third party's plugin) are still
collected, after 20,000 objects instead of 700, so memory stays bounded.
"""

from __future__ import annotations

import gc

#: The collector's first threshold while govinfo parses (Python's default is 700).
PARSING_THRESHOLD = 20_000


class fewer_collections:
    """Raise the collector's first threshold to :data:`PARSING_THRESHOLD` inside a ``with`` block.

    A threshold already as high (an enclosing block's, or the caller's own), or 0 (the
    caller switched the passes off), is left as it is, and so is a nested block's exit: only
    the block that raised it puts the old one back. (A class, not a generator: it is entered
    twice a parse.)
    """

    __slots__ = ("_found",)

    def __init__(self) -> None:
        self._found: tuple[int, int, int] | None = None

    def __enter__(self) -> None:
        first, second, third = found = gc.get_threshold()
        if first and first < PARSING_THRESHOLD:
            gc.set_threshold(PARSING_THRESHOLD, second, third)
            self._found = found

    def __exit__(self, *_: object) -> None:
        if self._found is not None:
            gc.set_threshold(*self._found)
            self._found = None
