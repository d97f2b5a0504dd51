"""Damaging a cache file on purpose, the way a failing disk or a half-copied file would.

`damage_outside` scribbles over b-tree pages in the middle of the file but spares the pages of the tables
named (found by walking their b-trees from the root page; no dbstat needed), so a test knows exactly what a
salvage must still find. `damage_table` does the opposite: it hits one table's leaf pages.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

INTERIOR_TABLE, LEAF_TABLE = 0x05, 0x0D
SCRIBBLE = b"\xff" * 56  # over the page header and the start of the cell pointer array


def checkpoint(path: Path) -> None:
    """Move the WAL's pages into the main file, so damage to the main file is damage to the data."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _roots(path: Path) -> tuple[int, dict[str, int]]:
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = {name: root for name, root in conn.execute("SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0")}
    return page_size, roots


def table_pages(data: bytes, page_size: int, root: int) -> set[int]:
    """Every page of one table b-tree (payloads are assumed to fit without overflow pages)."""
    pages: set[int] = set()
    stack = [root]
    while stack:
        number = stack.pop()
        pages.add(number)
        start = (number - 1) * page_size
        header = start + (100 if number == 1 else 0)
        if data[header] != INTERIOR_TABLE:
            continue
        cells = int.from_bytes(data[header + 3:header + 5], "big")
        stack.append(int.from_bytes(data[header + 8:header + 12], "big"))  # right-most child
        for i in range(cells):
            pointer = int.from_bytes(data[header + 12 + 2 * i:header + 14 + 2 * i], "big")
            stack.append(int.from_bytes(data[start + pointer:start + pointer + 4], "big"))
    return pages


def damage_outside(path: Path, spared: tuple[str, ...] = ("outbox", "sync_state", "sqlite_sequence")) -> int:
    """Scribble over every other page that belongs to none of the `spared` tables; returns how many."""
    checkpoint(path)
    page_size, roots = _roots(path)
    data = bytearray(path.read_bytes())
    keep = table_pages(bytes(data), page_size, 1)  # the schema: without it nothing can be read at all
    for name in spared:
        keep |= table_pages(bytes(data), page_size, roots[name])
    victims = [n for n in range(2, len(data) // page_size + 1) if n not in keep][::2]
    for number in victims:
        offset = (number - 1) * page_size
        data[offset + 8:offset + 8 + len(SCRIBBLE)] = SCRIBBLE
    path.write_bytes(bytes(data))
    return len(victims)


def damage_table(path: Path, table: str) -> int:
    """Scribble over the first leaf page of one table (its rows there become unreadable)."""
    checkpoint(path)
    page_size, roots = _roots(path)
    data = bytearray(path.read_bytes())
    pages = sorted(table_pages(bytes(data), page_size, roots[table]))
    leaves = [n for n in pages if data[(n - 1) * page_size + (100 if n == 1 else 0)] == LEAF_TABLE]
    offset = (leaves[0] - 1) * page_size
    data[offset:offset + 8 + len(SCRIBBLE)] = b"\x0d" + b"\xff" * (7 + len(SCRIBBLE))
    path.write_bytes(bytes(data))
    return len(leaves)


def write_garbage(path: Path) -> bytes:
    junk = b"This is a Word document, not SQLite. " * 200
    path.write_bytes(junk)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return junk
