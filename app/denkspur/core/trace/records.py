"""Growing lists of small records kept as plain tuples, made into objects when read.

A trace keeps one sentence and one step record per sentence and step it has seen;
a flood brings 100,000 of each. As dataclass instances every one of them is an
object the garbage collector tracks, and each full collection (on whatever thread
triggers it, holding the GIL, so the GUI waits too) walks them all: 100-300 ms
stalls. CPython stops tracking a plain tuple of strings and numbers, so the records
are stored as such and cost a collection nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar, overload

Record = TypeVar("Record")
Packed = tuple[object, ...]


class PlainRecords(Generic[Record]):
    """A list-like log of records (``append``, ``extend``, ``clear``, index, slice, iterate)."""

    def __init__(self, pack: Callable[[Record], Packed], unpack: Callable[[Packed], Record]) -> None:
        self._pack, self._unpack = pack, unpack
        self._rows: list[Packed] = []

    def append(self, record: Record) -> None:
        self._rows.append(self._pack(record))

    def extend(self, records: Iterable[Record]) -> None:
        self._rows.extend(map(self._pack, records))

    def clear(self) -> None:
        self._rows.clear()

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [self._unpack(row) for row in self._rows[index]]
        return self._unpack(self._rows[index])

    def __iter__(self) -> Iterator[Record]:
        return map(self._unpack, self._rows)

    def __eq__(self, other: object) -> bool:
        """Equal to a list or log of the same records, as the list it stands for would be."""
        if isinstance(other, PlainRecords):
            return list(self) == list(other)
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list
