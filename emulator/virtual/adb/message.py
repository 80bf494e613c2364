"""ADB transport messages: a 24-byte little-endian header and a payload.

`MessageReader` is the sans-IO framing half: feed it bytes in any split, take whole messages.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

A_SYNC = 0x434E5953
A_CNXN = 0x4E584E43
A_AUTH = 0x48545541
A_OPEN = 0x4E45504F
A_OKAY = 0x59414B4F
A_CLSE = 0x45534C43
A_WRTE = 0x45545257
A_STLS = 0x534C5453

COMMAND_NAMES = {A_SYNC: "SYNC", A_CNXN: "CNXN", A_AUTH: "AUTH", A_OPEN: "OPEN",
                 A_OKAY: "OKAY", A_CLSE: "CLSE", A_WRTE: "WRTE", A_STLS: "STLS"}

# Protocol versions as adbd numbers them: the original protocol sums every payload into
# data_check; since 0x01000001 (Dec 2017) neither side computes or checks it.
A_VERSION_MIN = 0x01000000
A_VERSION_SKIP_CHECKSUM = 0x01000001
A_VERSION = 0x01000001  # the newest we speak; adbd always answers CNXN with its newest
MAX_PAYLOAD = 1024 * 1024
HEADER = struct.Struct("<6I")


class ProtocolError(Exception):
    """The peer sent bytes that are not ADB; the connection must be dropped."""


def checksum(payload: bytes) -> int:
    """The original protocol's data_check: the sum of the payload's bytes (mod 2**32)."""
    return sum(payload) & 0xFFFFFFFF


@dataclass(frozen=True)
class Message:
    command: int
    arg0: int
    arg1: int
    payload: bytes = b""
    # data_check as read from the wire (0 for messages built here); not part of equality
    data_check: int = field(default=0, compare=False)

    @property
    def name(self) -> str:
        return COMMAND_NAMES.get(self.command, hex(self.command))

    @property
    def checksum_ok(self) -> bool:
        return self.data_check == checksum(self.payload)

    def encode(self, with_checksum: bool = False) -> bytes:
        """Wire bytes; data_check is the payload sum for a pre-0x01000001 peer, else 0 (as adbd)."""
        header = HEADER.pack(self.command, self.arg0, self.arg1, len(self.payload),
                             checksum(self.payload) if with_checksum else 0, self.command ^ 0xFFFFFFFF)
        return header + self.payload


class MessageReader:
    """Turns a byte stream into Messages, one at a time (pull, like h11's next_event).

    Rejects bad magic, unknown commands and oversized payloads."""

    def __init__(self, max_payload: int = MAX_PAYLOAD) -> None:
        self._buf = bytearray()
        self.max_payload = max_payload

    def receive(self, data: bytes) -> None:
        self._buf += data

    def next_message(self) -> Message | None:
        """The next whole message, or None until more bytes arrive."""
        if len(self._buf) < HEADER.size:
            return None
        command, arg0, arg1, length, check, magic = HEADER.unpack_from(self._buf)
        if magic != command ^ 0xFFFFFFFF or command not in COMMAND_NAMES:
            raise ProtocolError(f"bad message header: command={command:#x} magic={magic:#x}")
        if length > self.max_payload:
            raise ProtocolError(f"payload of {length} bytes exceeds {self.max_payload}")
        end = HEADER.size + length
        if len(self._buf) < end:
            return None
        msg = Message(command, arg0, arg1, bytes(self._buf[HEADER.size:end]), check)
        del self._buf[:end]
        return msg


def decode_all(data: bytes) -> list[Message]:
    """Every whole message in `data` (tests and traces)."""
    reader = MessageReader()
    reader.receive(data)
    out = []
    while (msg := reader.next_message()) is not None:
        out.append(msg)
    return out
