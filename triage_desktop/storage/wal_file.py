"""Reading a SQLite `-wal` file ourselves: its frames, and the committed ones SQLite itself would throw away.

SQLite replays a WAL only up to the first frame whose salt or checksum is wrong, and ignores the whole file when
its header is damaged. Committed transactions after such a frame are then dropped without any error: the file
opens and passes `quick_check`, and the outbox rows that lived only in the WAL are simply gone. So before SQLite
opens the cache we count those commits (`lost_commits`); any means the cache is damaged and must be salvaged,
and `frames` hands the page images to the page-level reader (storage.page_recovery).

Format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic, version, page size, checkpoint
sequence, salt-1, salt-2, checksum), then frames of a 24-byte header (page number, database size after commit
or 0, salt-1, salt-2, checksum) and one page image. Checksums chain from the header through every frame.
"""

from __future__ import annotations

import struct
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MAGIC = (0x377F0682, 0x377F0683)  # low bit: checksums over big-endian words
HEADER, FRAME_HEADER = 32, 24
VERSION = 3007000
PAGE_SIZES = tuple(1 << n for n in range(9, 17))  # 512 .. 65536


@dataclass(frozen=True, slots=True)
class Frame:
    index: int  # position in the file, 0-based: later frames are newer
    page: int
    commit_size: int  # database size in pages after this commit; 0 for a frame inside a transaction
    data: bytes


@dataclass(frozen=True, slots=True)
class Wal:
    page_size: int
    header_ok: bool
    frames: tuple[Frame, ...]  # the current generation's committed frames, as written (damaged ones included)
    replayed: int  # how many of the file's frames SQLite itself replays (the valid prefix up to its last commit)

    @property
    def lost_commits(self) -> int:
        """Committed transactions in the file that SQLite would not replay."""
        return sum(1 for f in self.frames if f.commit_size and f.index >= self.replayed)


def wal_path(cache: Path) -> Path:
    return cache.with_name(cache.name + "-wal")


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _frames(raw: bytes, page_size: int) -> Iterator[tuple[int, tuple[int, int, int, int, int, int], bytes]]:
    step = FRAME_HEADER + page_size
    for index, offset in enumerate(range(HEADER, len(raw) - step + 1, step)):
        yield index, struct.unpack(">6I", raw[offset:offset + FRAME_HEADER]), raw[offset:offset + step]


def _guess_page_size(raw: bytes) -> int | None:
    """Without a header: the size at which frame headers line up (same salts over and over)."""
    best, best_score = None, 0
    for size in PAGE_SIZES:
        salts = Counter(header[2:4] for _, header, _ in _frames(raw, size) if header[0] and any(header[2:4]))
        score = salts.most_common(1)[0][1] if salts else 0
        if score > 1 and score > best_score:
            best, best_score = size, score
    return best


def read(cache: Path, page_size_hint: int | None = None) -> Wal | None:
    """The cache's WAL, or None when there is none (or nothing in it)."""
    try:
        raw = wal_path(cache).read_bytes()
    except OSError:
        return None
    if len(raw) <= HEADER:
        return None
    magic, version, page_size, _seq, salt1, salt2, ck1, ck2 = struct.unpack(">8I", raw[:HEADER])
    big_endian = bool(magic & 1)
    header_ok = (magic in MAGIC and version == VERSION and page_size in PAGE_SIZES
                 and _checksum(raw[:24], big_endian, 0, 0) == (ck1, ck2))
    if not header_ok:
        page_size = page_size if page_size in PAGE_SIZES else (page_size_hint or _guess_page_size(raw) or 0)
        if not page_size:
            return None
    frames = list(_frames(raw, page_size))
    if not frames:
        return None
    if not header_ok:  # the current generation is the one the first frames belong to
        salt1, salt2 = Counter(h[2:4] for _, h, _ in frames[:8]).most_common(1)[0][0]
    replayed = _replayed(frames, header_ok, big_endian, salt1, salt2, (ck1, ck2))
    kept: list[Frame] = []
    pending: list[Frame] = []
    for index, (page, commit, f_salt1, f_salt2, _c1, _c2), blob in frames:
        if (f_salt1, f_salt2) != (salt1, salt2) or not 0 < page < 1 << 31:
            continue  # an older generation's frame, or a header too damaged to place
        pending.append(Frame(index, page, commit, blob[FRAME_HEADER:]))
        if commit:  # a transaction counts only once its commit frame is there
            kept.extend(pending)
            pending.clear()
    return Wal(page_size, header_ok, tuple(kept), replayed)


def _replayed(frames: Sequence[tuple[int, tuple[int, ...], bytes]], header_ok: bool, big_endian: bool, salt1: int,
              salt2: int, seed: tuple[int, int]) -> int:
    """What SQLite's own recovery keeps: frames up to the last commit before the first invalid frame."""
    if not header_ok:
        return 0  # SQLite ignores a WAL whose header is damaged
    s0, s1 = seed
    replayed = 0
    for index, header, blob in frames:
        if header[2:4] != (salt1, salt2):
            break
        s0, s1 = _checksum(blob[:8], big_endian, s0, s1)
        s0, s1 = _checksum(blob[FRAME_HEADER:], big_endian, s0, s1)
        if (s0, s1) != header[4:6]:
            break
        if header[1]:
            replayed = index + 1
    return replayed


def main_page_size(cache: Path) -> int | None:
    """The page size the main file's header states, if it is readable: the WAL's when its own header is lost."""
    try:
        with open(cache, "rb") as handle:
            head = handle.read(18)
    except OSError:
        return None
    size = int.from_bytes(head[16:18], "big") if head[:16] == b"SQLite format 3\x00" else 0
    size = 65536 if size == 1 else size
    return size if size in PAGE_SIZES else None


def lost_commits(cache: Path) -> int:
    """Committed transactions SQLite would silently drop from this cache's WAL (0 when there is no WAL)."""
    wal = read(cache, main_page_size(cache))
    return wal.lost_commits if wal is not None else 0
