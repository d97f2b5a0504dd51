"""SQLCipher: connections that carry the cache's key, telling a wrong key from a damaged file, and the page format.

The key is 32 random bytes used as a raw key (`PRAGMA key = "x'…'"`): no passphrase KDF on every connection
(a passphrase costs ~75 ms per open). Where it comes from is the session's business, not this module's.

Page format of SQLCipher 4 with its defaults (checked against files made by sqlcipher3 4.19): pages of 4096
bytes whose last 80 bytes are a 16-byte IV and a 64-byte HMAC-SHA512; the rest is AES-256-CBC under the raw
key. Page 1's first 16 bytes are the file's salt instead of "SQLite format 3\\0" and are not encrypted. The
HMAC key is PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations, 32 bytes); the HMAC covers the encrypted
bytes, the IV and the page number (4 bytes, little-endian). So a damaged page is known exactly, and the key
is known right (some page authenticates) without SQLite, which matters before the WAL check (storage.quarantine).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from triage_desktop.core.errors import CacheLocked

KEY_BYTES = 32
PAGE_SIZE, RESERVE, IV_SIZE, HMAC_SIZE, SALT_SIZE = 4096, 80, 16, 64, 16
MAGIC = b"SQLite format 3\x00"
DBAPI: Any = dbapi2  # the DB-API module SQLAlchemy is given (create_engine(module=…))
# Both drivers' errors: the sqlite3 module (the sandbox, tools) and sqlcipher3 (the cache) share no base class.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, dbapi2.Error)
# The same with what the recovery code also survives.
DB_OR_VALUE_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, TypeError, ValueError)
_KEY_PAGES = 64  # pages tried for an authentic one before deciding the key is wrong
# The plaintext header bytes 16..24 of every cache we make: page size 4096, WAL (2, 2), 80 reserved, 64/32/32.
_HEADER_TAIL = bytes((0x10, 0x00, 0x02, 0x02, RESERVE, 64, 32, 32))


def key_statement(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the cache key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


_quiet = False


def _quiet_log() -> None:
    """SQLCipher writes "hmac check failed" lines to stderr for every damaged page (into the CLI's output). The
    level is process-wide: set once, on a connection of its own, so `PRAGMA key` stays the first statement of
    every connection to the cache."""
    global _quiet
    if not _quiet:
        conn = dbapi2.connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
        finally:
            conn.close()
        _quiet = True


def connect(target: str | Path, key: bytes | None, *, uri: bool = False, timeout: float = 5.0,
            check_same_thread: bool = True) -> Any:
    """A sqlcipher3 connection, keyed first when `key` is given (the key must be its first statement)."""
    _quiet_log()
    conn = dbapi2.connect(str(target), uri=uri, timeout=timeout, check_same_thread=check_same_thread,
                          isolation_level=None)
    try:
        if key is not None:
            conn.execute(key_statement(key))
    except BaseException:
        conn.close()
        raise
    return conn


def attach_statement(key: bytes | None) -> str:
    """ATTACH of a second file (bound as the first parameter), encrypted with `key` or plain."""
    if key is None:
        return "ATTACH DATABASE ? AS target KEY ''"
    return f"ATTACH DATABASE ? AS target KEY \"x'{key.hex()}'\""


def is_plain(head: bytes) -> bool:
    return head[:16] == MAGIC


def looks_encrypted(data: bytes) -> bool:
    """Bytes as random as ciphertext (≥ 7.5 bits per byte). A Word file, zeros or a SQLite file with a wrecked
    header are not; ciphertext under an unknown key is indistinguishable from random."""
    if len(data) < 1024:
        return False
    counts = Counter(data)
    entropy = -sum(n / len(data) * math.log2(n / len(data)) for n in counts.values())
    return entropy >= 7.5


class PageCipher:
    """Authenticating, decrypting and (for tests and salvage) encrypting the pages of one file."""

    def __init__(self, key: bytes, salt: bytes) -> None:
        self.key, self.salt = key, salt
        self.hmac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)

    @staticmethod
    def _body_start(number: int) -> int:
        return SALT_SIZE if number == 1 else 0

    def mac(self, image: bytes, number: int) -> bytes:
        data = image[self._body_start(number):PAGE_SIZE - HMAC_SIZE]
        return hmac.new(self.hmac_key, data + number.to_bytes(4, "little"), hashlib.sha512).digest()

    def authentic(self, image: bytes, number: int) -> bool:
        return len(image) == PAGE_SIZE and hmac.compare_digest(self.mac(image, number), image[-HMAC_SIZE:])

    def decrypt(self, image: bytes, number: int) -> bytes:
        """The plaintext page as SQLite sees it (page 1 with its magic back, the reserved bytes zeroed)."""
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        start = self._body_start(number)
        iv = image[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + IV_SIZE]
        decryptor = Cipher(algorithms.AES(self.key), modes.CBC(iv)).decryptor()
        plain = decryptor.update(image[start:PAGE_SIZE - RESERVE]) + decryptor.finalize()
        return (MAGIC if number == 1 else b"") + plain + bytes(RESERVE)

    def encrypt(self, plain: bytes, number: int, iv: bytes) -> bytes:
        """The on-disk image of a plaintext page, as SQLCipher writes it (used to damage pages in tests)."""
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        start = self._body_start(number)
        encryptor = Cipher(algorithms.AES(self.key), modes.CBC(iv)).encryptor()
        body = encryptor.update(plain[start:PAGE_SIZE - RESERVE]) + encryptor.finalize()
        image = (self.salt if number == 1 else b"") + body + iv
        return image + self.mac(image + bytes(HMAC_SIZE), number)


def key_fits(path: Path, key: bytes) -> bool:
    """Whether `key` is this file's: some page authenticates, or page 1 decrypts to our header. Reads only."""
    with open(path, "rb") as handle:
        head = handle.read(PAGE_SIZE * _KEY_PAGES)
    pages = PageCipher(key, head[:SALT_SIZE])
    for number in range(1, len(head) // PAGE_SIZE + 1):
        if pages.authentic(head[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], number):
            return True
    # The salt itself damaged: no HMAC can match, but the raw key still decrypts pages (the salt is only the
    # HMAC's). Page 1's eight known header bytes (a wrong key matches them once in 2^64), or three pages that
    # decrypt to b-tree pages (about once in 10^13).
    if len(head) >= PAGE_SIZE and pages.decrypt(head[:PAGE_SIZE], 1)[16:24] == _HEADER_TAIL:
        return True
    parsed = sum(_btree_like(pages.decrypt(head[(n - 1) * PAGE_SIZE:n * PAGE_SIZE], n))
                 for n in range(2, len(head) // PAGE_SIZE + 1))
    return parsed >= 3


def _btree_like(page: bytes) -> bool:
    usable = PAGE_SIZE - RESERVE
    flag, cells = page[0], int.from_bytes(page[3:5], "big")
    content = int.from_bytes(page[5:7], "big")
    header = 12 if flag in (0x02, 0x05) else 8
    return (flag in (0x02, 0x05, 0x0A, 0x0D) and header + 2 * cells <= content <= usable
            and all(header + 2 * cells <= int.from_bytes(page[header + 2 * i:header + 2 * i + 2], "big") < usable
                    for i in range(cells)))


def check_key(path: Path, key: bytes | None) -> None:
    """Raise CacheLocked when the file is encrypted and `key` does not open it (or there is no key).

    Never says anything about damage: a file that is neither SQLite nor ciphertext is left to the integrity
    check. A file destroyed into random bytes looks like a wrong key, and is left alone as one: moving aside
    a file the right key would open is the worse mistake.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(PAGE_SIZE)
    except FileNotFoundError:
        return
    except OSError:
        return  # SQLite says what is wrong, with its own error code
    if not head or is_plain(head):
        return
    if key is None:
        if looks_encrypted(head):
            raise CacheLocked("encrypted")
        return
    if not key_fits(path, key) and looks_encrypted(head):
        raise CacheLocked("wrong_key")
