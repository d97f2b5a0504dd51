"""Tiny but real PNG and JPEG files, made with zlib/struct only (no Pillow), for seeded photo attachments.

Clients hash, store and display these bytes, so they must be decodable images, not placeholders.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

Rgb = tuple[int, int, int]


def make_png(width: int, height: int, top: Rgb, bottom: Rgb) -> bytes:
    """An RGB PNG with a vertical gradient from `top` to `bottom`."""
    rows = []
    for y in range(height):
        t = y / max(1, height - 1)
        pixel = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        rows.append(b"\x00" + pixel * width)  # filter type 0 (None) per row
    raw = b"".join(rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# --- JPEG: baseline, 4:4:4 YCbCr, every 8×8 block one flat colour (only DC coefficients are coded) ---

# ITU T.81 Annex K.3 DC tables (code-length counts, symbols).
_DC_LUMA = ([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], list(range(12)))
_DC_CHROMA = ([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], list(range(12)))
# Flat blocks need only end-of-block (symbol 0x00) in the AC table: a one-symbol, one-bit code.
_AC_EOB_ONLY = ([1] + [0] * 15, [0x00])


def _huffman_codes(table: tuple[list[int], list[int]]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes {symbol: (code, length)} from the counts per length (T.81 Annex C)."""
    counts, symbols = table
    codes: dict[int, tuple[int, int]] = {}
    code, k = 0, 0
    for length, count in enumerate(counts, start=1):
        for _ in range(count):
            codes[symbols[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self._acc = 0
        self._n = 0

    def write(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self._acc = (self._acc << 1) | ((value >> i) & 1)
            self._n += 1
            if self._n == 8:
                self.out.append(self._acc)
                if self._acc == 0xFF:
                    self.out.append(0x00)  # byte stuffing inside entropy-coded data
                self._acc, self._n = 0, 0

    def flush(self) -> bytes:
        if self._n:
            self.write((1 << (8 - self._n)) - 1, 8 - self._n)  # pad with 1-bits
        return bytes(self.out)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload


def _dht(table_class: int, table_id: int, table: tuple[list[int], list[int]]) -> bytes:
    counts, symbols = table
    return bytes([(table_class << 4) | table_id]) + bytes(counts) + bytes(symbols)


def _ycbcr(rgb: Rgb) -> tuple[float, float, float]:
    r, g, b = rgb
    return (0.299 * r + 0.587 * g + 0.114 * b,
            -0.168736 * r - 0.331264 * g + 0.5 * b + 128,
            0.5 * r - 0.418688 * g - 0.081312 * b + 128)


def make_jpeg(blocks: Sequence[Sequence[Rgb]]) -> bytes:
    """A baseline JPEG of len(blocks[0])×len(blocks) flat 8×8 blocks, one colour each (row-major)."""
    height, width = 8 * len(blocks), 8 * len(blocks[0])
    dc_codes = [_huffman_codes(_DC_LUMA), _huffman_codes(_DC_CHROMA), _huffman_codes(_DC_CHROMA)]
    eob = _huffman_codes(_AC_EOB_ONLY)[0]
    bits = _BitWriter()
    previous = [0, 0, 0]
    for row in blocks:
        for rgb in row:
            for comp, value in enumerate(_ycbcr(rgb)):
                # With an all-ones quantisation table, DC = 8 × (mean − 128) for a flat block.
                dc = max(-1024, min(1016, round(8 * (value - 128))))
                diff, previous[comp] = dc - previous[comp], dc
                size = abs(diff).bit_length()
                bits.write(*dc_codes[comp][size])
                if size:
                    bits.write(diff if diff > 0 else diff + (1 << size) - 1, size)
                bits.write(*eob)
    quant = b"\x00" + b"\x01" * 64 + b"\x01" + b"\x01" * 64
    frame = struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1])
    huffman = (_dht(0, 0, _DC_LUMA) + _dht(0, 1, _DC_CHROMA) + _dht(1, 0, _AC_EOB_ONLY))
    scan = bytes([3, 1, 0x00, 2, 0x10, 3, 0x10, 0, 63, 0])
    return (b"\xff\xd8"
            + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + _segment(0xDB, quant)
            + _segment(0xC0, frame)
            + _segment(0xC4, huffman)
            + _segment(0xDA, scan)
            + bits.flush()
            + b"\xff\xd9")
