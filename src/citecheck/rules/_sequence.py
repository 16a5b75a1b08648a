"""What two order rules share: the longest run of a sequence that is already in order.

CC301 keeps the references first cited in increasing order and reports the others; CC303
keeps the list entries already in alphabetical order.  Reporting only what lies outside the
longest ordered subsequence gives one finding per entry out of place, not a cascade.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T", bound=Any)


def longest_ordered(values: Sequence[T], strict: bool = True) -> set[int]:
    """Indexes of a longest increasing subsequence of ``values`` (non-decreasing unless
    ``strict``), keeping small values.  Patience sorting with predecessor links: O(n log n)."""
    find = bisect_left if strict else bisect_right
    tails: list[T] = []  # smallest tail value of an ordered run of each length
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        pos = find(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[pos] = value
            tail_index[pos] = i
        previous[i] = tail_index[pos - 1] if pos else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i != -1:
        keep.add(i)
        i = previous[i]
    return keep
