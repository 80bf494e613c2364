"""A small HTTP/1.1 server over a `ByteStream`, built on h11 (sans-IO).

http.client writes a POST's headers and its body in two sends; over adb that second write
waits on a Nagle/delayed-ACK round (~40 ms). Answering `100 Continue` as soon as headers
are in, while the body is still to come, makes the client's stack ACK at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus

import h11

from ..streams import ByteStream, StreamClosed


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = "text/plain"
    headers: tuple[tuple[str, str], ...] = field(default=())


Handler = Callable[[Request], Awaitable[Response]]
_KNOWN = {s.value for s in HTTPStatus}


async def serve_http(stream: ByteStream, handler: Handler) -> None:
    """Serve requests on one connection until the client closes it or asks to."""
    conn = h11.Connection(h11.SERVER)
    try:
        while True:
            request = await _read_request(stream, conn)
            if request is None:
                return
            response = await handler(request)
            await _send_response(stream, conn, response)
            if conn.our_state is h11.MUST_CLOSE or conn.their_state is h11.MUST_CLOSE:
                return
            conn.start_next_cycle()
    except h11.RemoteProtocolError as e:
        if conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            await _send_response(stream, conn, Response(e.error_status_hint, str(e).encode()))
    except (StreamClosed, ConnectionError):
        pass
    finally:
        await stream.aclose()


async def _read_request(stream: ByteStream, conn: h11.Connection) -> Request | None:
    head: h11.Request | None = None
    body = bytearray()
    continued = False
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            if (head is not None and not continued and head.http_version == b"1.1"
                    and conn.their_state is h11.SEND_BODY):
                await stream.write(conn.send(h11.InformationalResponse(
                    status_code=100, headers=[], reason=b"Continue")))
                continued = True
            conn.receive_data(await stream.read())
        elif isinstance(event, h11.Request):
            head = event
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage):
            assert head is not None
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in head.headers}
            return Request(head.method.decode("ascii"), head.target.decode("latin-1"),
                           headers, bytes(body))
        elif isinstance(event, h11.ConnectionClosed) or event is h11.PAUSED:
            return None


async def _send_response(stream: ByteStream, conn: h11.Connection, response: Response) -> None:
    # h11 adds `Connection: close` itself when the client asked for it or broke the protocol.
    headers = [
        ("Content-Type", response.content_type),
        ("Date", formatdate(usegmt=True)),
        ("Content-Length", str(len(response.body))),
        *response.headers,
    ]
    reason = HTTPStatus(response.status).phrase.encode() if response.status in _KNOWN else b""
    data = conn.send(h11.Response(status_code=response.status, headers=headers, reason=reason))
    data += conn.send(h11.Data(data=response.body)) if response.body else b""
    data += conn.send(h11.EndOfMessage())
    await stream.write(data)  # one write: headers and body travel in one adb packet
