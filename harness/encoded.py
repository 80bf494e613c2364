"""Encoded screenshots (JPEG, PNG) checked without decoding them: complete, well formed, and
of a size the harness is willing to decode. The bytes come from the device under test, so a
truncated, corrupt or giant image must become a one-line reason, never a crash or a
multi-gigabyte decode."""

from __future__ import annotations

import struct

MAX_PIXELS = 50_000_000  # 8K x 6K: far above any phone screen, far below a memory problem
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"
JPEG_SOI, JPEG_EOI = b"\xff\xd8", b"\xff\xd9"
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_SOS = 0xDA
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the marker segments up to the scan; (width, height) from the frame header."""
    i, size = 2, None
    while True:
        if i + 4 > len(data):
            raise ValueError("truncated JPEG (header cut off)")
        if data[i] != 0xFF:
            raise ValueError(f"corrupt JPEG (no marker at byte {i})")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in _STANDALONE:
            i += 2
            continue
        (length,) = struct.unpack_from(">H", data, i + 2)
        if length < 2:
            raise ValueError(f"corrupt JPEG (segment length {length} at byte {i})")
        if marker in _SOF and i + 9 <= len(data):
            height, width = struct.unpack_from(">HH", data, i + 5)
            size = (width, height)
        if marker == _SOS:
            if size is None:
                raise ValueError("corrupt JPEG (no frame header before the scan)")
            return size
        i += 2 + length


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a JPEG or PNG from its header; ValueError (one line) when the bytes
    are not a complete, well-formed image of either kind or exceed MAX_PIXELS."""
    if data.startswith(PNG_MAGIC):
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise ValueError("corrupt PNG (no IHDR chunk)")
        width, height = struct.unpack_from(">II", data, 16)
        if not data.endswith(PNG_END):
            raise ValueError("truncated PNG (no IEND chunk)")
    elif data.startswith(JPEG_SOI):
        width, height = _jpeg_size(data)
        if not data.rstrip(b"\x00").endswith(JPEG_EOI):
            raise ValueError("truncated JPEG (no end-of-image marker)")
    else:
        raise ValueError(f"not a JPEG or PNG (starts with {data[:4].hex() or 'nothing'})")
    if width == 0 or height == 0:
        raise ValueError(f"image of {width}x{height} pixels is empty")
    if width * height > MAX_PIXELS:
        raise ValueError(f"image of {width}x{height} pixels exceeds {MAX_PIXELS} pixels")
    return width, height
