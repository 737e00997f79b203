"""SentencePiece "precompiled charsmap" (a darts-clone double-array trie) from a per-character map.

The ``tokenizers`` library reproduces SentencePiece normalisation with a ``Precompiled`` normaliser that
reads this binary form; building it here keeps the converted tokenizer a plain ``tokenizer.json``.

Layout: ``u32 trie_bytes | u32 units[trie_bytes / 4] | NUL-terminated replacements``. A unit is either a
node (bits 0-7 label, bit 8 has-leaf, bits 10-30 offset to its children's base) or a leaf (bit 31 set,
bits 0-30 the byte offset of its replacement). The children of a node at ``p`` live at
``p ^ offset ^ label`` and its leaf at ``p ^ offset``.
"""

from __future__ import annotations

import bisect
import struct
from dataclasses import dataclass, field

_LEAF_FLAG = 1 << 31
_HAS_LEAF = 1 << 8
_MAX_OFFSET = 1 << 21  # offsets above this need darts-clone's shifted encoding, never reached here
_BLOCK = 256


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None  # byte offset of the replacement when a key ends here


def precompiled_charsmap(mapping: dict[str, str]) -> bytes:
    """The charsmap replacing each key (one or more characters, never empty) by its value."""
    replacements = bytearray()
    root = _Node()
    for key, replacement in sorted(mapping.items()):
        node = root
        for byte in key.encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = len(replacements)
        replacements += replacement.encode("utf-8") + b"\0"
    units = _DoubleArray().build(root)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(replacements)


class _DoubleArray:
    """Places trie nodes so that every slot ``base ^ label`` of a node's children is free (first fit).

    Two nodes never share a base, or a byte missing under one could be read as a child of the other; the
    array grows by whole 256-unit blocks so that ``base ^ byte`` always stays inside it.
    """

    def __init__(self) -> None:
        self.units = [0] * _BLOCK
        self.free = list(range(1, _BLOCK))  # sorted; slot 0 holds the root
        self.bases: set[int] = set()

    def build(self, root: _Node) -> list[int]:
        pending = [(0, root)]
        while pending:
            position, node = pending.pop()
            labels = sorted(node.children)
            slots = ([0] if node.value is not None else []) + labels
            base = self._free_base(slots, position)
            offset = base ^ position
            if offset >= _MAX_OFFSET:
                raise ValueError("charsmap too large for darts-clone's short offsets")
            self.units[position] |= offset << 10 | (_HAS_LEAF if node.value is not None else 0)
            self.bases.add(base)
            for slot in slots:
                self.free.pop(bisect.bisect_left(self.free, base ^ slot))
            if node.value is not None:
                self.units[base] = _LEAF_FLAG | node.value
            for label in labels:
                self.units[base ^ label] = label
                pending.append((base ^ label, node.children[label]))
        return self.units

    def _free_base(self, slots: list[int], position: int) -> int:
        while True:
            for candidate in self.free:
                base = candidate ^ slots[0]
                if (
                    base != position
                    and base not in self.bases
                    and all(self._is_free(base ^ s) for s in slots)
                ):
                    return base
            self._grow()

    def _is_free(self, slot: int) -> bool:
        index = bisect.bisect_left(self.free, slot)
        return index < len(self.free) and self.free[index] == slot

    def _grow(self) -> None:
        start = len(self.units)
        self.units += [0] * _BLOCK
        self.free += range(start, start + _BLOCK)
