"""The shell v2 packet framing (sans-IO): 1-byte id, 4-byte little-endian length, data."""

from __future__ import annotations

import struct
from dataclasses import dataclass

ID_STDIN, ID_STDOUT, ID_STDERR, ID_EXIT, ID_CLOSE_STDIN, ID_WINDOW_SIZE = range(6)
_HEADER = struct.Struct("<BI")


@dataclass(frozen=True)
class Packet:
    id: int
    data: bytes


def encode(packet_id: int, data: bytes) -> bytes:
    return _HEADER.pack(packet_id, len(data)) + data


class PacketReader:
    """Feed bytes in any split; take whole packets."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[Packet]:
        self._buf += data
        out = []
        while len(self._buf) >= _HEADER.size:
            packet_id, length = _HEADER.unpack_from(self._buf)
            end = _HEADER.size + length
            if len(self._buf) < end:
                break
            out.append(Packet(packet_id, bytes(self._buf[_HEADER.size:end])))
            del self._buf[:end]
        return out
