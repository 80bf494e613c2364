"""The adbd side of one ADB connection as a pure state machine (no sockets, no clock).

Feed received bytes to `receive_data()`, then pull events with `next_event()` until it
returns None, acting on each before pulling the next (as with h11, what the caller does between
events — accepting a stream, say — is what the following messages are judged against); call
`accept`, `refuse`, `send`, `ack` and `close` to act on streams; write out `data_to_send()`
after each step. Flow control lives here: without delayed-ack one WRTE per stream is in flight until the
host's OKAY; with delayed-ack (both banners list it) a stream may send while its
available-send-bytes (ASB) is positive, and every OKAY carries the byte count it acknowledges.
The protocol version is negotiated as adbd does: min(host's CNXN version, ours); below
0x01000001 every message we send carries its payload checksum and every message received
after (and including) the host's CNXN must carry a right one, else ProtocolError.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from .message import (
    A_AUTH,
    A_CLSE,
    A_CNXN,
    A_OKAY,
    A_OPEN,
    A_STLS,
    A_SYNC,
    A_VERSION,
    A_VERSION_MIN,
    A_VERSION_SKIP_CHECKSUM,
    A_WRTE,
    MAX_PAYLOAD,
    Message,
    MessageReader,
    ProtocolError,
    checksum,
)

DELAYED_ACK = "delayed_ack"
RECEIVE_WINDOW = 4 * MAX_PAYLOAD  # bytes we let the host send ahead of our OKAYs


@dataclass(frozen=True)
class Banner:
    product_name: str
    model: str
    device: str
    features: tuple[str, ...]

    def encode(self) -> bytes:
        # No trailing NUL: the host splits features without trimming and would lose the last.
        props = (f"ro.product.name={self.product_name};ro.product.model={self.model};"
                 f"ro.product.device={self.device};")
        return f"device::{props}features={','.join(self.features)}".encode()


# ---- events -------------------------------------------------------------------------------
@dataclass(frozen=True)
class HostConnected:
    version: int  # what the host's CNXN offered
    max_payload: int
    banner: str
    features: frozenset[str]
    delayed_ack: bool
    checksums: bool = False  # negotiated version < 0x01000001: data_check computed and checked


@dataclass(frozen=True)
class OpenRequested:
    remote_id: int
    service: str
    window: int  # OPEN arg1: the host's initial ASB for our writes (delayed-ack only)


@dataclass(frozen=True)
class DataReceived:
    local_id: int
    data: bytes


@dataclass(frozen=True)
class StreamClosed:
    """The host closed a stream (our side forgets it at once)."""
    local_id: int


@dataclass(frozen=True)
class SendDrained:
    """Everything queued with `send` on this stream has been framed into WRTEs."""
    local_id: int


Event = HostConnected | OpenRequested | DataReceived | StreamClosed | SendDrained


@dataclass
class _Stream:
    local_id: int
    remote_id: int
    delayed_ack: bool
    send_window: int  # ASB with delayed-ack; 1 or 0 "may send" without
    pending: bytearray = field(default_factory=bytearray)
    closing: bool = False  # close() requested while data was still queued


def _parse_host_banner(payload: bytes) -> tuple[str, frozenset[str]]:
    text = payload.rstrip(b"\0").decode("utf-8", "replace")
    features: frozenset[str] = frozenset()
    _, _, props = text.partition("::")
    for item in props.split(";"):
        key, _, value = item.partition("=")
        if key == "features":
            features = frozenset(f for f in value.split(",") if f)
    return text, features


class DeviceConnection:
    def __init__(self, banner: Banner, max_payload: int = MAX_PAYLOAD) -> None:
        self.banner = banner
        self._reader = MessageReader(max_payload)
        self._out = bytearray()
        self._streams: dict[int, _Stream] = {}
        self._next_id = 1
        self.connected = False
        self.max_payload = max_payload  # negotiated down to the host's on CNXN
        self.delayed_ack = False
        # Like adbd's atransport: the oldest version until the host's CNXN says otherwise.
        self.version = A_VERSION_MIN

    # ---- input ----------------------------------------------------------------------
    def receive_data(self, data: bytes) -> None:
        self._reader.receive(data)

    def next_event(self) -> Event | None:
        """The next event, or None when more bytes are needed. Raises ProtocolError."""
        while (msg := self._reader.next_message()) is not None:
            event = self._handle(msg)
            if event is not None:
                return event
        return None

    @property
    def checksums(self) -> bool:
        """Whether the negotiated version still uses payload checksums."""
        return self.version < A_VERSION_SKIP_CHECKSUM

    def _check(self, msg: Message, version: int) -> None:
        if version < A_VERSION_SKIP_CHECKSUM and not msg.checksum_ok:
            raise ProtocolError(
                f"bad data checksum on {msg.name} from a protocol {version:#010x} host: header has "
                f"{msg.data_check:#x}, its {len(msg.payload)}-byte payload sums to {checksum(msg.payload):#x}")

    def _handle(self, msg: Message) -> Event | None:
        if msg.command == A_CNXN:
            # The CNXN is judged by the version it announces (a new host sends 0 there).
            self._check(msg, min(msg.arg0, A_VERSION))
            return self._on_connect(msg)
        if not self.connected:
            if msg.command in (A_AUTH, A_STLS, A_SYNC):
                raise ProtocolError(f"{msg.name} before CNXN is not supported (no auth, no TLS)")
            return None  # adbd drops stream traffic before the handshake
        self._check(msg, self.version)
        handler = {A_OPEN: self._on_open, A_OKAY: self._on_okay, A_WRTE: self._on_write,
                   A_CLSE: self._on_close}.get(msg.command)
        if handler is None:
            raise ProtocolError(f"unexpected {msg.name} on a connected transport")
        return handler(msg)

    def _on_connect(self, msg: Message) -> HostConnected:
        # A second CNXN means the host restarted the transport: every stream is gone.
        self._streams.clear()
        text, features = _parse_host_banner(msg.payload)
        self.connected = True
        self.version = min(msg.arg0, A_VERSION)
        self.max_payload = max(1, min(self._reader.max_payload, msg.arg1 or MAX_PAYLOAD))
        self.delayed_ack = DELAYED_ACK in features and DELAYED_ACK in self.banner.features
        # adbd answers with its newest version (the host takes the min too) and the negotiated
        # maxdata; this reply already follows the negotiated version's checksum rule.
        self._emit(Message(A_CNXN, A_VERSION, self.max_payload, self.banner.encode()))
        return HostConnected(msg.arg0, msg.arg1, text, features, self.delayed_ack, self.checksums)

    def _on_open(self, msg: Message) -> Event | None:
        if msg.arg0 == 0:
            raise ProtocolError("OPEN with remote id 0")
        service = msg.payload.rstrip(b"\0").decode("utf-8", "replace")
        if msg.arg1 and not self.delayed_ack:
            raise ProtocolError("OPEN carries a send window but delayed-ack was not negotiated")
        return OpenRequested(msg.arg0, service, msg.arg1)

    def _on_okay(self, msg: Message) -> Event | None:
        stream = self._streams.get(msg.arg1)
        if stream is None or stream.remote_id != msg.arg0:
            return None
        if stream.delayed_ack:
            if len(msg.payload) != 4:
                raise ProtocolError("OKAY without acked byte count on a delayed-ack stream")
            stream.send_window += struct.unpack("<i", msg.payload)[0]
        else:
            stream.send_window = 1
        return self._pump(stream)

    def _on_write(self, msg: Message) -> Event | None:
        stream = self._streams.get(msg.arg1)
        if stream is None or stream.remote_id != msg.arg0:
            return None
        return DataReceived(stream.local_id, msg.payload) if msg.payload else None

    def _on_close(self, msg: Message) -> Event | None:
        # The host also echoes our own CLSE; ids we no longer know are ignored.
        stream = self._streams.get(msg.arg1)
        if stream is None or (msg.arg0 != 0 and stream.remote_id != msg.arg0):
            return None
        del self._streams[stream.local_id]
        # adbd answers with its own CLSE (its socket's shutdown); hosts that wait for it, as
        # adb-shell does, would hang otherwise, and the adb server ignores it as an unknown id.
        self._emit(Message(A_CLSE, stream.local_id, stream.remote_id))
        return StreamClosed(stream.local_id)

    # ---- actions ----------------------------------------------------------------------
    def accept(self, request: OpenRequested) -> int:
        """Accept an OpenRequested; returns our local id for the new stream."""
        local_id = self._next_id
        self._next_id += 1
        stream = _Stream(local_id, request.remote_id, self.delayed_ack,
                         send_window=request.window if self.delayed_ack else 1)
        self._streams[local_id] = stream
        self._emit(self._okay(stream, RECEIVE_WINDOW))
        return local_id

    def refuse(self, request: OpenRequested) -> None:
        """Refuse an OpenRequested the way adbd does: CLSE(0, remote) with no OKAY."""
        self._emit(Message(A_CLSE, 0, request.remote_id))

    def send(self, local_id: int, data: bytes) -> None:
        """Queue data for the host and frame what flow control admits now. What must wait
        for the host's OKAY shows in `pending_bytes`; SendDrained follows when it is out."""
        stream = self._streams.get(local_id)
        if stream is None or stream.closing:
            return
        stream.pending += data
        self._pump(stream)

    def ack(self, local_id: int, nbytes: int) -> None:
        """The service consumed `nbytes` of received data: let the host send more."""
        stream = self._streams.get(local_id)
        if stream is not None:
            self._emit(self._okay(stream, nbytes))

    def close(self, local_id: int) -> None:
        """Close our side once queued data has been sent."""
        stream = self._streams.get(local_id)
        if stream is None:
            return
        stream.closing = True
        if not stream.pending:
            self._finish_close(stream)

    def is_open(self, local_id: int) -> bool:
        return local_id in self._streams

    def pending_bytes(self, local_id: int) -> int:
        stream = self._streams.get(local_id)
        return len(stream.pending) if stream else 0

    def data_to_send(self) -> bytes:
        out = bytes(self._out)
        self._out.clear()
        return out

    # ---- internals --------------------------------------------------------------------
    def _okay(self, stream: _Stream, acked: int) -> Message:
        payload = struct.pack("<i", acked) if stream.delayed_ack else b""
        return Message(A_OKAY, stream.local_id, stream.remote_id, payload)

    def _pump(self, stream: _Stream) -> Event | None:
        had_pending = bool(stream.pending)
        while stream.pending and stream.send_window > 0:
            chunk = bytes(stream.pending[: self.max_payload])
            del stream.pending[: len(chunk)]
            self._emit(Message(A_WRTE, stream.local_id, stream.remote_id, chunk))
            stream.send_window -= len(chunk) if stream.delayed_ack else 1
        if had_pending and not stream.pending:
            if stream.closing:
                self._finish_close(stream)
            return SendDrained(stream.local_id)
        return None

    def _finish_close(self, stream: _Stream) -> None:
        self._streams.pop(stream.local_id, None)
        self._emit(Message(A_CLSE, stream.local_id, stream.remote_id))

    def _emit(self, msg: Message) -> None:
        self._out += msg.encode(with_checksum=self.checksums)
