"""Damaging a cache file on purpose, the way a failing disk or a half-copied file would.

`damage_outside` scribbles over b-tree pages in the middle of the file but spares the pages of the tables
named (found by walking their b-trees from the root page; no dbstat needed), so a test knows exactly what a
salvage must still find. `damage_table` does the opposite: it hits one table's leaf pages.

Encrypted caches (the default in tests, keyed with tests.support.keys.TEST_KEY): the pages to hit are found on
the decrypted pages, and the damage is done to the ciphertext on disk, as a failing disk would do it. A page
with any byte changed then fails its HMAC as a whole: damage to an encrypted cache is page-sized.
"""

from __future__ import annotations

import random
from contextlib import closing
from pathlib import Path

from tests.support.keys import TEST_KEY, is_encrypted, keyed
from triage_desktop.storage import cipher

INTERIOR_TABLE, LEAF_TABLE = 0x05, 0x0D
SCRIBBLE = b"\xff" * 56  # over the page header and the start of the cell pointer array


def checkpoint(path: Path, key: bytes = TEST_KEY) -> None:
    """Move the WAL's pages into the main file, so damage to the main file is damage to the data. `key`: the
    cache's (a CLI test's profile has its own, from its keyring: tests.support.file_keyring.cache_key_of)."""
    with closing(_connect(path, key)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _connect(path: Path, key: bytes = TEST_KEY) -> object:
    return keyed(path, key if is_encrypted(path) else None)


def plain_view(path: Path, data: bytes) -> bytes:
    """The file's pages as SQLite sees them: decrypted with TEST_KEY when the file is encrypted."""
    if cipher.is_plain(data[:16]):
        return data
    pages = cipher.PageCipher(TEST_KEY, data[:cipher.SALT_SIZE])
    size = cipher.PAGE_SIZE
    return b"".join(pages.decrypt(data[(n - 1) * size:n * size], n) for n in range(1, len(data) // size + 1))


def _roots(path: Path) -> tuple[int, dict[str, int]]:
    with closing(_connect(path)) as conn:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers a string
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
    plain = plain_view(path, bytes(data))
    keep = table_pages(plain, page_size, 1)  # the schema: without it nothing can be read at all
    for name in spared:
        keep |= table_pages(plain, page_size, roots[name])
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
    plain = plain_view(path, bytes(data))
    pages = sorted(table_pages(plain, page_size, roots[table]))
    leaves = [n for n in pages if plain[(n - 1) * page_size + (100 if n == 1 else 0)] == LEAF_TABLE]
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


# --- the damage patterns of issue 7's salvage test ----------------------------------------------------

def _page_size(data: bytes) -> int:
    if not cipher.is_plain(data[:16]):
        return cipher.PAGE_SIZE
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def _scribble(data: bytearray, start: int, length: int, seed: int) -> None:
    data[start:start + length] = random.Random(seed).randbytes(length)


def zero_header(path: Path) -> str:
    """The first 100 bytes zeroed: SQLite says "file is not a database"; every page is still there."""
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))
    return "first 100 bytes zeroed"


def scribble_schema_page(path: Path) -> str:
    """Page 1's b-tree (the schema) scribbled, the file header kept: no table can be found by name."""
    data = bytearray(path.read_bytes())
    size = _page_size(data)
    _scribble(data, 100, size - 100, seed=1)
    path.write_bytes(bytes(data))
    return "page 1 body scribbled"


def scribble_freelist_trunk(path: Path) -> str:
    data = bytearray(path.read_bytes())
    size, trunk = _page_size(data), int.from_bytes(plain_view(path, bytes(data[:cipher.PAGE_SIZE]))[32:36], "big")
    assert trunk, "no free pages: delete something first"
    _scribble(data, (trunk - 1) * size, size, seed=2)
    path.write_bytes(bytes(data))
    return f"freelist trunk page {trunk} scribbled"


def scribble_root(path: Path, name: str) -> str:
    """The root page of one table or index scribbled over its header and cell pointers."""
    page_size, roots = _roots(path)
    data = bytearray(path.read_bytes())
    offset = (roots[name] - 1) * page_size
    data[offset:offset + 8 + len(SCRIBBLE)] = b"\xff" * (8 + len(SCRIBBLE))
    path.write_bytes(bytes(data))
    return f"{name} root page {roots[name]} scribbled"


def scribble_wal_frame(path: Path, frame: int = 1) -> str:
    """One WAL frame's checksum scribbled: SQLite replays nothing from that frame on, silently."""
    wal = path.with_name(path.name + "-wal")
    data = bytearray(wal.read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    offset = 32 + frame * (24 + page_size)
    data[offset + 16:offset + 24] = b"\xa5" * 8
    wal.write_bytes(bytes(data))
    return f"checksum of WAL frame {frame} of {(len(data) - 32) // (24 + page_size)} scribbled"


def zero_wal_header(path: Path) -> str:
    """The WAL's 32-byte header zeroed: SQLite ignores the whole WAL, silently."""
    wal = path.with_name(path.name + "-wal")
    data = bytearray(wal.read_bytes())
    data[:32] = bytes(32)
    wal.write_bytes(bytes(data))
    return "WAL header zeroed"


def truncate_half(path: Path) -> str:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2 + 123)  # mid-page, as a copy cut off would leave it
    return f"cut from {size} to {size // 2 + 123} bytes"


def garbage_pages(path: Path, share: float = 0.1, seed: int = 7) -> str:
    """Random bytes over a share of the pages, page 1 included in the draw."""
    data = bytearray(path.read_bytes())
    size = _page_size(data)
    count = len(data) // size
    rng = random.Random(seed)
    victims = sorted(rng.sample(range(1, count + 1), max(1, round(count * share))))
    for number in victims:
        data[(number - 1) * size:number * size] = rng.randbytes(size)
    path.write_bytes(bytes(data))
    return f"{len(victims)} of {count} pages overwritten with random bytes"
