"""Reading outbox rows straight from the pages of a damaged cache file, without SQLite and without any tool.

SQLite refuses a file whose first 100 bytes are damaged, stops at the first damaged page, and drops WAL frames
after a damaged one; the rows themselves are often all still there. This reader knows just enough of the file
format (sqlite.org/fileformat2.html) to find them:

1. the page size, from the header, the WAL header, or else by trying every power of two and keeping the one
   at which the most pages parse as b-tree pages;
2. the newest image of every page: the main file, overlaid by the committed frames of the WAL's current
   generation in order (later frames win; a damaged image falls back to an older one);
3. the outbox, sync_state and sqlite_sequence b-trees, walked from their root pages found in the schema (page 1);
   table-leaf cells decoded (varints, record header, serial types, overflow chains);
4. when a tree cannot be walked whole (damaged schema, interior page or header, a truncated file), every other
   table-leaf page that is not on the freelist, and records carved out of pages whose header is destroyed.

An encrypted cache (SQLCipher, see storage.cipher) is read the same way once each page image is authenticated
and decrypted with the key: an image whose HMAC fails is damaged, exactly, and treated as missing (an older
image of the page is used when there is one). When no page authenticates at all (the salt at the start of the
file destroyed), pages are decrypted without that check and judged by their structure, as plain pages are.

Only records shaped like an outbox row are kept (column count and types as the migrations create them, a UUID
key, a known kind and action type, a JSON object payload); quarantine re-validates each one. Rows found outside
an intact tree are used only when the tree is known to be broken, so a page left over from an older version of
the table cannot bring back an action already sent or discarded.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triage_desktop.core.action_specs import ACTION_SPECS
from triage_desktop.core.vocabulary import KINDS
from triage_desktop.storage import cipher, wal_file

MAGIC = b"SQLite format 3\x00"
INTERIOR_INDEX, INTERIOR_TABLE, LEAF_INDEX, LEAF_TABLE = 0x02, 0x05, 0x0A, 0x0D
BTREE_FLAGS = frozenset({INTERIOR_INDEX, INTERIOR_TABLE, LEAF_INDEX, LEAF_TABLE})
# The outbox's columns in record order, as r0001 creates them, r0003 appends the author and r0007 not_before.
OUTBOX_COLUMNS = ("local_id", "kind", "aggregate_id", "type", "payload", "idempotency_key", "base_version", "state",
                  "created_at", "attempts", "error_status", "problem", "last_error", "author_id", "author_server",
                  "not_before")
BASE_COLUMNS = 13  # rows written before r0003 carry no author
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SAMPLE_PAGES = 4000  # pages tried per candidate size when guessing it
# Serial types of the start of an outbox record: NULL (local_id aliases the rowid), then kind 'report'/'dossier'.
_RECORD_STARTS = (b"\x00\x19", b"\x00\x1b")


@dataclass(frozen=True, slots=True)
class Found:
    """One row as read from a page: its values, and how far it can be trusted."""

    rowid: int
    values: tuple[Any, ...]
    seen_at: int  # -1: the main file; else the WAL frame index of the page image it came from
    where: str  # "tree": reached from the table's root; "orphan": a leaf page outside it; "carved": a wrecked page


@dataclass
class PageFindings:
    page_size: int | None = None
    header_ok: bool = False
    outbox: list[Found] = field(default_factory=list)  # rows shaped like outbox rows, usable ones only
    state: dict[str, Found] = field(default_factory=dict)  # sync_state key -> (key, value) row
    outbox_seq: int | None = None  # sqlite_sequence's highest outbox id, when found
    tree_complete: bool = False  # the outbox tree was walked whole: rows elsewhere are stale copies
    ignored_stale: int = 0  # outbox-shaped rows outside an intact tree, not used
    wal_replayed: int = 0  # WAL frames SQLite itself replays: rows seen later than that are newer than its view
    wal_lost_commits: int = 0
    notes: list[str] = field(default_factory=list)


# --- varints and records ---------------------------------------------------------------------------

def varint(data: bytes | mmap.mmap, pos: int, end: int) -> tuple[int, int]:
    """(value, next position); IndexError when it runs past `end`."""
    value = 0
    for i in range(9):
        if pos + i >= end:
            raise IndexError("varint past the end")
        byte = data[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    raise AssertionError("unreachable")


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _serial_size(serial: int) -> int:
    if serial in _INT_SIZES:
        return _INT_SIZES[serial]
    if serial == 7:
        return 8
    if serial in (0, 8, 9):
        return 0
    if serial >= 12:
        return (serial - 12) // 2
    raise ValueError(f"reserved serial type {serial}")


def record(payload: bytes) -> tuple[Any, ...]:
    """The values of one record; ValueError/IndexError when it is not a well-formed record."""
    header_size, pos = varint(payload, 0, len(payload))
    if not 1 <= header_size <= len(payload):
        raise ValueError("record header size")
    serials = []
    while pos < header_size:
        serial, pos = varint(payload, pos, header_size)
        serials.append(serial)
    if pos != header_size:
        raise ValueError("record header overruns")
    values: list[Any] = []
    body = header_size
    for serial in serials:
        size = _serial_size(serial)
        chunk = payload[body:body + size]
        if len(chunk) != size:
            raise ValueError("record body too short")
        body += size
        if serial == 0:
            values.append(None)
        elif serial in _INT_SIZES:
            values.append(int.from_bytes(chunk, "big", signed=True))
        elif serial == 7:
            values.append(struct.unpack(">d", chunk)[0])
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial % 2:
            values.append(chunk.decode("utf-8"))  # UnicodeDecodeError is a ValueError: not a record of ours
        else:
            values.append(bytes(chunk))
    if body != len(payload):
        raise ValueError("record length does not match its cell")
    return tuple(values)


# --- what an outbox row looks like --------------------------------------------------------------------

def outbox_shaped(values: tuple[Any, ...]) -> bool:
    if not BASE_COLUMNS <= len(values) <= len(OUTBOX_COLUMNS):
        return False
    (local_id, kind, item_id, action_type, payload, key, base_version, state, created_at, attempts, error_status,
     problem, last_error) = values[:BASE_COLUMNS]
    if local_id is not None or kind not in KINDS or action_type not in ACTION_SPECS:
        return False
    if not (isinstance(item_id, str) and item_id and isinstance(key, str) and _UUID.match(key)):
        return False
    if not (isinstance(state, str) and isinstance(created_at, str) and isinstance(attempts, int)):
        return False
    if not all(v is None or isinstance(v, int) for v in (base_version, error_status)):
        return False
    if not all(v is None or isinstance(v, str) for v in (problem, last_error, *values[BASE_COLUMNS:])):
        return False
    try:
        return isinstance(json.loads(payload), dict)
    except (TypeError, ValueError):
        return False


def outbox_row(found: Found) -> dict[str, Any]:
    """The record as named columns; local_id is the cell's rowid (the record stores NULL for it)."""
    row = dict(zip(OUTBOX_COLUMNS, found.values, strict=False))
    row["local_id"] = found.rowid
    return row


def _state_shaped(values: tuple[Any, ...]) -> bool:
    return len(values) == 2 and isinstance(values[0], str) and isinstance(values[1], str)


def _sequence_shaped(values: tuple[Any, ...]) -> bool:
    return len(values) == 2 and values[0] == "outbox" and isinstance(values[1], int) and values[1] >= 0


# --- the pages -------------------------------------------------------------------------------------

class Pages:
    """The newest images of a file's pages: the main file overlaid by the WAL's committed frames."""

    def __init__(self, main: bytes | mmap.mmap, page_size: int, wal: wal_file.Wal | None, reserved: int = 0,
                 decode: Callable[[bytes, int], tuple[bytes | None, bool]] | None = None) -> None:
        self.main, self.size, self.usable = main, page_size, page_size - reserved
        self.decode = decode  # an encrypted file's: (the plaintext image or None, whether it authenticated)
        self.damaged: set[tuple[int, int]] = set()  # (page, seen_at) of images that failed their HMAC
        self.main_count = len(main) // page_size
        self.images: dict[int, list[tuple[int, bytes]]] = {}  # page -> [(frame index, image)], newest last
        frames = wal.frames if wal is not None else ()
        limit = self.main_count + len(frames)  # a WAL can grow the file by at most one page per frame
        for frame in frames:
            if len(frame.data) == page_size and frame.page <= limit:
                self.images.setdefault(frame.page, []).append((frame.index, frame.data))
        self.count = max([self.main_count, *self.images])

    def versions(self, number: int) -> list[tuple[int, bytes]]:
        """Every image of a page, newest first: (seen_at, bytes); seen_at -1 is the main file."""
        found = [*reversed(self.images.get(number, []))]
        if 1 <= number <= self.main_count:
            start = (number - 1) * self.size
            found.append((-1, bytes(self.main[start:start + self.size])))
        if self.decode is None:
            return found
        plain: list[tuple[int, bytes]] = []
        for seen_at, raw in found:
            image, authentic = self.decode(raw, number)
            if image is not None:
                plain.append((seen_at, image))
                if not authentic:
                    self.damaged.add((number, seen_at))
        return plain

    def newest(self, number: int, valid: Callable[[bytes, int], bool]) -> tuple[int, bytes] | None:
        """The newest image of a page that passes `valid` (a damaged WAL frame falls back to an older image)."""
        for seen_at, image in self.versions(number):
            # A damaged encrypted image is never taken for an intact page; only carved (CBC garbles just the
            # 32 bytes around each damaged block, so the cells past the damage still decrypt).
            if (number, seen_at) not in self.damaged and valid(image, number):
                return seen_at, image
        return None


def _btree(image: bytes, number: int, usable: int) -> tuple[int, int, list[int]] | None:
    """(flag, right child or 0, cell offsets) when the page parses as a b-tree page, else None."""
    base = 100 if number == 1 else 0
    if len(image) < base + 8:
        return None
    flag = image[base]
    if flag not in BTREE_FLAGS:
        return None
    cells = int.from_bytes(image[base + 3:base + 5], "big")
    content = int.from_bytes(image[base + 5:base + 7], "big") or 65536
    interior = flag in (INTERIOR_INDEX, INTERIOR_TABLE)
    header = base + (12 if interior else 8)
    pointers_end = header + 2 * cells
    if pointers_end > usable or content > usable or (cells and content < pointers_end):
        return None
    offsets = [int.from_bytes(image[header + 2 * i:header + 2 * i + 2], "big") for i in range(cells)]
    if any(not pointers_end <= o < usable for o in offsets):
        return None
    right = int.from_bytes(image[base + 8:base + 12], "big") if interior else 0
    return flag, right, offsets


def _local_size(payload: int, usable: int) -> int:
    """How much of a table-leaf cell's payload is on its page (the rest is in overflow pages)."""
    max_local = usable - 35
    if payload <= max_local:
        return payload
    min_local = (usable - 12) * 32 // 255 - 23
    size = min_local + (payload - min_local) % (usable - 4)
    return size if size <= max_local else min_local


class Reader:
    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def valid_btree(self, image: bytes, number: int) -> bool:
        return _btree(image, number, self.pages.usable) is not None

    def payload(self, image: bytes, start: int, total: int) -> bytes:
        """A cell's whole payload: the local part and, when it spills, its overflow chain."""
        usable = self.pages.usable
        local = _local_size(total, usable)
        data = bytearray(image[start:start + local])
        if len(data) != local:
            raise ValueError("cell runs past its page")
        if local == total:
            return bytes(data)
        next_page = int.from_bytes(image[start + local:start + local + 4], "big")
        seen: set[int] = set()
        while len(data) < total:
            if next_page in seen or not 1 <= next_page <= self.pages.count:
                raise ValueError("broken overflow chain")
            seen.add(next_page)
            versions = self.pages.versions(next_page)
            if not versions:
                raise ValueError("overflow page missing")
            # Overflow pages have no header to check: the newest image it is (an authenticated one when encrypted).
            intact = [image for seen_at, image in versions if (next_page, seen_at) not in self.pages.damaged]
            page = (intact or [versions[0][1]])[0]
            data += page[4:4 + min(usable - 4, total - len(data))]
            next_page = int.from_bytes(page[:4], "big")
        return bytes(data)

    def leaf_cells(self, image: bytes, offsets: list[int]) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(rowid, values) of every well-formed cell of a table-leaf page; a damaged cell is skipped."""
        for offset in offsets:
            with contextlib.suppress(ValueError, IndexError):
                total, pos = varint(image, offset, self.pages.usable)
                rowid, pos = varint(image, pos, self.pages.usable)
                yield rowid, record(self.payload(image, pos, total))

    def walk(self, root: int) -> tuple[list[tuple[int, int, bytes]], bool]:
        """The table-leaf pages of one b-tree as (page, seen_at, image), and whether it was walked whole."""
        leaves: list[tuple[int, int, bytes]] = []
        complete, stack, seen = True, [root], set()
        while stack:
            number = stack.pop()
            if number in seen or not 1 <= number <= self.pages.count:
                complete = False
                continue
            seen.add(number)
            newest = self.pages.newest(number, self.valid_btree)
            if newest is None:
                complete = False
                continue
            seen_at, image = newest
            parsed = _btree(image, number, self.pages.usable)
            assert parsed is not None
            flag, right, offsets = parsed
            if flag == LEAF_TABLE:
                leaves.append((number, seen_at, image))
            elif flag == INTERIOR_TABLE:
                stack.append(right)
                stack.extend(int.from_bytes(image[o:o + 4], "big") for o in offsets)
            else:
                complete = False  # an index page where a table page should be
        return leaves, complete

    def carve(self, image: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """Outbox-shaped cells anywhere in a page whose header and cell pointers are destroyed."""
        usable = self.pages.usable
        for marker in _RECORD_STARTS:
            at = image.find(marker, 2)
            while at != -1:
                header_at = at - 1  # the record header's size byte comes just before the first serial type
                for start in range(max(0, header_at - 18), header_at):
                    with contextlib.suppress(ValueError, IndexError):
                        total, pos = varint(image, start, usable)
                        rowid, pos = varint(image, pos, usable)
                        if pos != header_at or rowid <= 0:
                            continue
                        values = record(self.payload(image, pos, total))
                        if outbox_shaped(values):
                            yield rowid, values
                            break
                at = image.find(marker, at + 1)


# --- the whole file ----------------------------------------------------------------------------------

def _header(main: bytes | mmap.mmap) -> tuple[bool, int | None, int, int]:
    """(header ok, page size, reserved bytes, first freelist trunk page) from the file's first 100 bytes."""
    if len(main) < 100 or bytes(main[:16]) != MAGIC:
        return False, None, 0, 0
    size = int.from_bytes(main[16:18], "big")
    size = 65536 if size == 1 else size
    if size not in wal_file.PAGE_SIZES:
        return False, None, 0, 0
    return True, size, main[20], int.from_bytes(main[32:36], "big")


def guess_page_size(main: bytes | mmap.mmap) -> int | None:
    """The power of two at which the most pages parse as b-tree pages (count weighted by the share that do)."""
    best, best_score = None, 0.0
    for size in wal_file.PAGE_SIZES:
        count = len(main) // size
        if count < 2:
            continue
        step = max(1, count // _SAMPLE_PAGES)
        tried = valid = 0
        for number in range(2, count + 1, step):
            tried += 1
            start = (number - 1) * size
            valid += _btree(bytes(main[start:start + size]), number, size) is not None
        score = valid * valid / tried if tried else 0.0
        if score > best_score:
            best, best_score = size, score
    return best


def _schema_roots(reader: Reader) -> dict[str, int]:
    """Root pages of the tables we need, from sqlite_master (page 1); empty when the schema cannot be read."""
    leaves, _ = reader.walk(1)
    roots: dict[str, int] = {}
    for number, _, image in leaves:
        parsed = _btree(image, number, reader.pages.usable)
        offsets = parsed[2] if parsed else []
        for _, values in reader.leaf_cells(image, offsets):
            if (len(values) == 5 and values[0] == "table" and isinstance(values[1], str)
                    and isinstance(values[3], int) and values[3] > 0):
                roots[values[1]] = values[3]
    return roots


def _freelist(reader: Reader, first_trunk: int) -> set[int]:
    """Pages the file says are free (their old contents are not live rows); empty when unknown."""
    free: set[int] = set()
    trunk = first_trunk
    while 1 <= trunk <= reader.pages.count and trunk not in free:
        free.add(trunk)
        versions = reader.pages.versions(trunk)
        if not versions:
            break
        image = versions[0][1]
        count = int.from_bytes(image[4:8], "big")
        if count > reader.pages.usable // 4 - 2:
            break  # a damaged trunk: what it lists cannot be trusted
        free.update(int.from_bytes(image[8 + 4 * i:12 + 4 * i], "big") for i in range(count))
        trunk = int.from_bytes(image[:4], "big")
    return free


def read(cache: Path, key: bytes | None = None) -> PageFindings:
    """Everything outbox-shaped (and the kept state) that the pages of `cache` and its WAL still hold.

    `key`: the file is encrypted with it (a file that is not ciphertext is read as plain all the same)."""
    findings = PageFindings()
    try:
        with open(cache, "rb") as handle:
            try:
                main: bytes | mmap.mmap = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:  # an empty file cannot be mapped
                main = b""
    except OSError as exc:
        findings.notes.append(f"main file unreadable: {exc.strerror or exc}")
        main = b""
    try:
        if key is not None and not cipher.is_plain(bytes(main[:16])) and cipher.looks_encrypted(
                bytes(main[:cipher.PAGE_SIZE])):
            _read_encrypted(main, cache, findings, key)
        else:
            _read(main, cache, findings)
    finally:
        if isinstance(main, mmap.mmap):
            main.close()
    return findings


def _read_encrypted(main: bytes | mmap.mmap, cache: Path, findings: PageFindings, key: bytes) -> None:
    """SQLCipher's pages: always 4096 bytes with 80 reserved; decrypted (and authenticated) one by one."""
    size = cipher.PAGE_SIZE
    pages = cipher.PageCipher(key, bytes(main[:cipher.SALT_SIZE]))
    wal = wal_file.read(cache, size)
    if wal is not None and wal.page_size != size:
        wal = None
    images = [(n, bytes(main[(n - 1) * size:n * size])) for n in range(1, min(len(main) // size, 64) + 1)]
    images += [(f.page, f.data) for f in (wal.frames if wal is not None else ())]
    authenticated = any(pages.authentic(image, number) for number, image in images)
    if not authenticated:
        findings.notes.append("no page authenticates (salt damaged): pages decrypted without their HMAC")

    def decode(image: bytes, number: int) -> tuple[bytes | None, bool]:
        if len(image) != size:
            return None, False
        return pages.decrypt(image, number), not authenticated or pages.authentic(image, number)

    first, first_ok = decode(bytes(main[:size]), 1) if len(main) >= size else (None, False)
    first = first if first_ok else None
    header_ok, _, _, first_trunk = _header(first) if first is not None else (False, None, 0, 0)
    if not header_ok:
        findings.notes.append("page 1 unreadable: the encrypted file's fixed page size used")
    _read(main, cache, findings, (header_ok, size, cipher.RESERVE, first_trunk), decode)


def _read(main: bytes | mmap.mmap, cache: Path, findings: PageFindings,
          header: tuple[bool, int | None, int, int] | None = None,
          decode: Callable[[bytes, int], tuple[bytes | None, bool]] | None = None) -> None:
    header_ok, page_size, reserved, first_trunk = header or _header(main)
    findings.header_ok = header_ok
    wal = wal_file.read(cache, page_size)
    if wal is not None:
        findings.wal_replayed, findings.wal_lost_commits = wal.replayed, wal.lost_commits
    if page_size is None:
        page_size = wal.page_size if wal is not None else guess_page_size(main)
        findings.notes.append(f"header damaged: page size {page_size or 'unknown'} guessed")
    if page_size is None:
        return
    findings.page_size = page_size
    if wal is not None and wal.page_size != page_size:
        wal = None  # a WAL of another page size is not this file's
    reader = Reader(Pages(main, page_size, wal, reserved, decode))
    roots = _schema_roots(reader)
    free = _freelist(reader, first_trunk) if header_ok else set()
    in_trees: set[int] = set()

    def from_tree(name: str, shaped: Callable[[tuple[Any, ...]], bool]) -> tuple[list[Found], bool]:
        if name not in roots:
            return [], False
        leaves, complete = reader.walk(roots[name])
        rows = []
        for number, seen_at, image in leaves:
            in_trees.add(number)
            parsed = _btree(image, number, reader.pages.usable)
            rows += [Found(rowid, values, seen_at, "tree")
                     for rowid, values in reader.leaf_cells(image, parsed[2] if parsed else []) if shaped(values)]
        return rows, complete

    outbox, findings.tree_complete = from_tree("outbox", outbox_shaped)
    state, state_complete = from_tree("sync_state", _state_shaped)
    sequence, sequence_complete = from_tree("sqlite_sequence", _sequence_shaped)
    if "outbox" not in roots:
        findings.notes.append("outbox root not found in the schema: every page searched")
    elif not findings.tree_complete:
        findings.notes.append("outbox tree broken: every page searched")
    # Searching every page costs a read of the whole file: only when a tree could not be walked whole.
    complete = findings.tree_complete and state_complete and sequence_complete
    elsewhere = [] if complete else _elsewhere(reader, free | in_trees)
    if findings.tree_complete:
        findings.ignored_stale = sum(1 for f in elsewhere if outbox_shaped(f.values))
    else:
        outbox += [f for f in elsewhere if outbox_shaped(f.values)]
    if not state_complete:
        state += [f for f in elsewhere if _state_shaped(f.values)]
    if not sequence_complete:
        sequence += [f for f in elsewhere if _sequence_shaped(f.values)]
    findings.outbox = _newest_per_rowid(outbox)
    for found in sorted(state, key=_trust):
        findings.state[found.values[0]] = found
    if sequence:
        findings.outbox_seq = sorted(sequence, key=_trust)[-1].values[1]


def _trust(found: Found) -> tuple[bool, int]:
    """Sort key, most trusted last: rows of an intact tree, then the newest image."""
    return found.where == "tree", found.seen_at


def _newest_per_rowid(rows: list[Found]) -> list[Found]:
    best: dict[int, Found] = {}
    for found in sorted(rows, key=_trust):
        best[found.rowid] = found
    return [best[rowid] for rowid in sorted(best)]


def _elsewhere(reader: Reader, skip: set[int]) -> list[Found]:
    """Rows of table-leaf pages outside the walked trees and the freelist, and rows carved from wrecked pages."""
    found: list[Found] = []
    for number in range(2, reader.pages.count + 1):
        if number in skip:
            continue
        versions = reader.pages.versions(number)
        if not versions:
            continue
        newest = reader.pages.newest(number, reader.valid_btree)
        if newest is not None:
            seen_at, image = newest
            parsed = _btree(image, number, reader.pages.usable)
            if parsed is not None and parsed[0] == LEAF_TABLE:
                found += [Found(rowid, values, seen_at, "orphan")
                          for rowid, values in reader.leaf_cells(image, parsed[2])]
            continue
        seen_at, image = versions[0]
        found += [Found(rowid, values, seen_at, "carved") for rowid, values in reader.carve(image)]
    return found


def rebuilt_header(page_size: int, page_count: int) -> bytes:
    """A plausible first 100 bytes for a file whose own are destroyed, so SQLite (or its CLI) can read a copy.

    No freelist and no auto-vacuum are claimed: a reader then treats free pages as unreferenced, which is
    harmless for reading.
    """
    header = bytearray(100)
    header[:16] = MAGIC
    header[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    header[18:24] = bytes((1, 1, 0, 64, 32, 32))  # legacy formats 1/1, no reserved bytes, payload fractions
    header[24:28] = (1).to_bytes(4, "big")  # change counter
    header[28:32] = page_count.to_bytes(4, "big")  # in-header size, valid because 92 matches the counter
    header[40:44] = (1).to_bytes(4, "big")  # schema cookie
    header[44:48] = (4).to_bytes(4, "big")  # schema format 4
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8
    header[92:96] = (1).to_bytes(4, "big")  # version-valid-for = change counter
    header[96:100] = (3040001).to_bytes(4, "big")
    return bytes(header)
