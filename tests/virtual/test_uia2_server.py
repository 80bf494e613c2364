"""The device-side uiautomator2 server: HTTP framing over a ByteStream, JSON-RPC methods, and
the unmodified uiautomator2 client talking to it through a TCP bridge (no adb involved)."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import h11
import pytest
import uiautomator2 as u2

from emulator.virtual.android.system import AndroidSystem
from emulator.virtual.streams import StreamClosed, pipe
from emulator.virtual.uia2 import make_service, run_server
from emulator.virtual.uia2.service import AutomatorService

PORT = 9008
BUTTON_ID = "com.example.hello:id/button"


def hello_system() -> AndroidSystem:
    system = AndroidSystem()
    system.launch("com.example.hello")
    return system


def selector(**fields) -> dict:
    """A selector exactly as uiautomator2's client builds it."""
    return dict(u2.Selector(**fields))


def rpc_body(method: str, *params) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()


def post(body: bytes, close: bool = False) -> bytes:
    head = (b"POST /jsonrpc/0 HTTP/1.1\r\nHost: localhost:9008\r\nUser-Agent: uiautomator2\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body))
    return head + (b"Connection: close\r\n" if close else b"") + b"\r\n" + body


def parse_responses(data: bytes) -> list[tuple[int, bytes]]:
    """(status, body) of every final response in `data`, skipping 1xx."""
    client = h11.Connection(h11.CLIENT)
    client.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    client.send(h11.EndOfMessage())
    client.receive_data(data)
    out, status, body = [], 0, b""
    while True:
        event = client.next_event()
        if isinstance(event, h11.Response):
            status, body = event.status_code, b""
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage):
            out.append((status, body))
            if client.our_state is h11.MUST_CLOSE or client.their_state is h11.MUST_CLOSE:
                return out
            client.start_next_cycle()
            client.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
            client.send(h11.EndOfMessage())
        elif event is h11.NEED_DATA or isinstance(event, h11.ConnectionClosed):
            return out


def hello_service() -> AutomatorService:
    """One server process's state (connections come and go, the service stays)."""
    return AutomatorService(hello_system())


async def exchange(automator: AutomatorService, *chunks: bytes) -> bytes:
    """Write `chunks` to a fresh connection, then read everything until the server closes."""
    client, server = pipe()
    task = asyncio.create_task(make_service(automator)(server))
    for chunk in chunks:
        await client.write(chunk)
    out = await client.read_all()
    await task
    return out


def call(automator: AutomatorService, method: str, *params) -> dict:
    raw = asyncio.run(exchange(automator, post(rpc_body(method, *params), close=True)))
    [(status, body)] = parse_responses(raw)
    assert status == 200
    return json.loads(body)


# ---- HTTP ------------------------------------------------------------------------------

def test_ping_answers_exactly_pong():
    raw = asyncio.run(exchange(hello_service(), b"GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    assert parse_responses(raw) == [(200, b"pong")]


def test_unknown_path_is_404():
    raw = asyncio.run(exchange(hello_service(), b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    assert parse_responses(raw)[0][0] == 404


def test_100_continue_is_sent_before_the_body_arrives():
    async def scenario() -> tuple[bytes, bytes]:
        client, server = pipe()
        task = asyncio.create_task(make_service(AutomatorService(hello_system()))(server))
        body = rpc_body("deviceInfo")
        request = post(body, close=True)
        await client.write(request[:-len(body)])  # headers only, as http.client sends them
        interim = await asyncio.wait_for(client.read(), 1)
        await client.write(body)
        rest = await client.read_all()
        await task
        return interim, rest

    interim, rest = asyncio.run(scenario())
    assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
    [(status, body)] = parse_responses(rest)
    assert status == 200 and json.loads(body)["result"]["displayWidth"] == 1080


def test_no_100_continue_when_the_body_came_with_the_headers():
    raw = asyncio.run(exchange(hello_service(), post(rpc_body("deviceInfo"), close=True)))
    assert raw.startswith(b"HTTP/1.1 200 ")


def test_request_split_into_single_bytes_still_works():
    request = post(rpc_body("deviceInfo"), close=True)
    raw = asyncio.run(exchange(hello_service(), *[request[i:i + 1] for i in range(len(request))]))
    [(status, body)] = parse_responses(raw)
    assert status == 200 and json.loads(body)["result"]["currentPackageName"] == "com.example.hello"


def test_keep_alive_serves_several_requests_on_one_connection():
    raw = asyncio.run(exchange(
        hello_service(),
        b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n",
        post(rpc_body("pressKey", "home")),
        post(rpc_body("deviceInfo"), close=True)))
    responses = parse_responses(raw)
    assert [s for s, _ in responses] == [200, 200, 200]
    assert json.loads(responses[2][1])["result"]["currentPackageName"] == "com.android.launcher3"


def test_client_closing_mid_request_ends_the_connection_quietly():
    async def scenario() -> None:
        client, server = pipe()
        task = asyncio.create_task(make_service(AutomatorService(hello_system()))(server))
        await client.write(b"POST /jsonrpc/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
        await client.aclose()
        await asyncio.wait_for(task, 1)

    asyncio.run(scenario())


# ---- JSON-RPC ----------------------------------------------------------------------------

def test_click_through_jsonrpc_changes_the_screen():
    svc = hello_service()
    before = svc.system.screen()
    button = call(svc, "objInfo", selector(resourceId=BUTTON_ID))["result"]["bounds"]
    x, y = (button["left"] + button["right"]) // 2, (button["top"] + button["bottom"]) // 2
    assert call(svc, "click", x, y)["result"] is True
    assert call(svc, "getText", selector(resourceId="com.example.hello:id/counter"))["result"] == "Taps: 1"
    shot_before = call(svc, "takeScreenshot", 1, 80)  # after the tap
    assert svc.system.screen().windows != before.windows
    assert base64.b64decode(shot_before["result"]).startswith(b"\xff\xd8")


def test_click_on_a_selector_taps_its_centre():
    svc = hello_service()
    assert call(svc, "click", selector(text="TAP ME"))["result"] is True
    assert call(svc, "exist", selector(text="Taps: 1"))["result"] is True


def test_missing_selector_raises_ui_object_not_found():
    error = call(hello_service(), "objInfo", selector(text="Nope"))["error"]
    assert error["code"] == -32002
    assert "uiautomator.UiObjectNotFoundException" in error["message"]
    assert "UiSelector[TEXT=Nope]" in error["message"]


def test_exist_count_and_wait():
    svc = hello_service()
    assert call(svc, "exist", selector(text="TAP ME"))["result"] is True
    assert call(svc, "exist", selector(text="Nope"))["result"] is False
    assert call(svc, "count", selector(className="android.widget.TextView"))["result"] == 2
    assert call(svc, "waitForExists", selector(text="Nope"), 100)["result"] is False
    assert call(svc, "waitUntilGone", selector(text="Nope"), 100)["result"] is True


def test_selector_features():
    svc = hello_service()
    assert call(svc, "getText", selector(textMatches=r"Taps: \d+"))["result"] == "Taps: 0"
    assert call(svc, "getText", selector(className="android.widget.TextView", instance=1))["result"] == "Taps: 0"
    sibling = u2.Selector(text="TAP ME").sibling(resourceId="com.example.hello:id/title")
    assert call(svc, "getText", dict(sibling))["result"] == "Hello, device"
    child = u2.Selector(resourceId="android:id/content").child(clickable=True)
    assert call(svc, "objInfo", dict(child))["result"]["text"] == "TAP ME"
    # plain selectors see every window, like BySelector on the real server
    assert call(svc, "exist", selector(resourceId="com.android.systemui:id/clock"))["result"] is True


def test_dump_hierarchy_and_device_info():
    svc = hello_service()
    xml = call(svc, "dumpWindowHierarchy", False, 50)["result"]
    assert 'resource-id="com.example.hello:id/button"' in xml
    info = call(svc, "deviceInfo")["result"]
    assert info["displayHeight"] == 2400 and info["sdkInt"] == 34 and info["screenOn"] is True


def test_keys_clipboard_toast_and_orientation():
    svc = hello_service()
    assert call(svc, "pressKey", "back")["result"] is True
    assert svc.system.foreground().package == "com.android.launcher3"
    assert call(svc, "pressKey", "nonsense")["result"] is False
    call(svc, "setClipboard", None, "copied")
    assert call(svc, "getClipboard")["result"] == "copied"
    call(svc, "makeToast", "Saved", 1000)
    assert call(svc, "getLastToast")["result"] == "Saved"
    call(svc, "clearLastToast")
    assert call(svc, "getLastToast")["result"] is None
    call(svc, "setOrientation", "left")
    assert call(svc, "deviceInfo")["result"]["displayRotation"] == 1


def test_swipe_within_touch_slop_is_a_tap_and_touch_events_tap_on_release():
    svc = hello_service()
    b = call(svc, "objInfo", selector(resourceId=BUTTON_ID))["result"]["bounds"]
    x, y = (b["left"] + b["right"]) // 2, (b["top"] + b["bottom"]) // 2
    call(svc, "swipe", x, y, x + 2, y + 2, 10)
    call(svc, "swipe", x, y, x, y + 600, 10)  # a real swipe: no tap
    for action in (0, 2, 1):
        call(svc, "injectInputEvent", action, x, y, 0)
    assert call(svc, "getText", selector(resourceId="com.example.hello:id/counter"))["result"] == "Taps: 2"


def test_protocol_errors():
    svc = hello_service()
    raw = asyncio.run(exchange(svc, post(b"{not json", close=True)))
    assert json.loads(parse_responses(raw)[0][1])["error"]["code"] == -32700
    assert call(svc, "noSuchMethod")["error"]["code"] == -32601
    assert call(svc, "pressKeyCode")["error"]["code"] == -32602


# ---- run_server ------------------------------------------------------------------------

def test_run_server_listens_before_printing_and_unlistens_when_cancelled():
    async def scenario() -> None:
        system = hello_system()
        printed: list[bytes] = []

        async def out(data: bytes) -> None:
            assert system.net.service_at(PORT) is not None  # listening before any output
            printed.append(data)

        task = asyncio.create_task(run_server(system, PORT, out))
        await asyncio.sleep(0.01)
        assert b"".join(printed).startswith(b"[server] INFO: [UiAutomator2Server] Starting Server\n")
        client, server = pipe()
        serving = asyncio.create_task(system.net.service_at(PORT)(server))
        await client.write(b"GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert parse_responses(await client.read_all()) == [(200, b"pong")]
        await serving
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert system.net.service_at(PORT) is None

    asyncio.run(scenario())


def test_run_server_reports_a_taken_port_and_returns():
    async def scenario() -> bytes:
        system = hello_system()
        system.net.listen(PORT, make_service(AutomatorService(system)))
        printed = bytearray()

        async def out(data: bytes) -> None:
            printed.extend(data)

        await asyncio.wait_for(run_server(system, PORT, out), 1)
        return bytes(printed)

    assert b"java.net.BindException" in asyncio.run(scenario())


def test_run_server_stops_when_its_output_stream_is_gone():
    async def scenario() -> AndroidSystem:
        system = hello_system()

        async def out(data: bytes) -> None:
            raise StreamClosed

        with pytest.raises(StreamClosed):
            await run_server(system, PORT, out)
        return system

    assert asyncio.run(scenario()).net.service_at(PORT) is None


# ---- the real uiautomator2 client ------------------------------------------------------

class SocketStream:
    """ByteStream over an asyncio TCP connection (stands in for adb's tcp:9008)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def read(self) -> bytes:
        return await self.reader.read(65536)

    async def write(self, data: bytes) -> None:
        if self.writer.is_closing():
            raise StreamClosed
        self.writer.write(data)
        await self.writer.drain()

    async def aclose(self) -> None:
        self.writer.close()


class BridgeAdbDevice:
    """The one adbutils.AdbDevice call uiautomator2's HTTP layer makes."""

    serial = "emulator-5554"

    def __init__(self, port: int) -> None:
        self.port = port

    def create_connection(self, network, port: int) -> socket.socket:
        assert port == PORT
        sock = socket.create_connection(("127.0.0.1", self.port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 0)
        return sock


class BridgedDevice(u2.Device):
    """u2.Device minus the jar push and server launch, which need adb."""

    def __init__(self, dev: BridgeAdbDevice) -> None:
        self._dev, self._device_server_port = dev, PORT
        self._debug, self._process, self._lock = False, None, threading.Lock()


@contextmanager
def bridged(system: AndroidSystem) -> Iterator[u2.Device]:
    loop = asyncio.new_event_loop()

    async def on_connection(reader, writer) -> None:
        service = system.net.service_at(PORT)
        if service is None:
            writer.close()
            return
        await service(SocketStream(reader, writer))

    async def start() -> tuple[asyncio.Server, asyncio.Task]:
        printed = asyncio.Event()

        async def out(data: bytes) -> None:
            printed.set()

        task = asyncio.create_task(run_server(system, PORT, out))
        await printed.wait()
        return await asyncio.start_server(on_connection, "127.0.0.1", 0), task

    server, task = loop.run_until_complete(start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield BridgedDevice(BridgeAdbDevice(server.sockets[0].getsockname()[1]))
    finally:
        async def stop() -> None:
            task.cancel()
            server.close()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


def test_uiautomator2_client_end_to_end():
    system = hello_system()
    with bridged(system) as d:
        assert d.info["currentPackageName"] == "com.example.hello"
        assert d(text="TAP ME").exists
        assert not d(text="Nope").exists
        d(text="TAP ME").click()
        assert d(resourceId="com.example.hello:id/counter").get_text() == "Taps: 1"
        d.xpath('//*[@text="TAP ME"]').click()
        assert d(text="Taps: 2").exists
        with pytest.raises(u2.UiObjectNotFoundError):
            d(text="Nope").click(timeout=0.2)
        assert d(className="android.widget.TextView").count == 2
        xml = d.dump_hierarchy()
        assert 'text="Taps: 2"' in xml
        image = d.screenshot()
        assert image.size == (1080, 2400)
        b = d(text="TAP ME").info["bounds"]
        px = image.convert("RGB").getpixel((b["left"] + 30, b["top"] + 30))
        assert all(abs(p - q) <= 12 for p, q in zip(px, (233, 30, 99)))
        d.press("back")
        assert d.info["currentPackageName"] == "com.android.launcher3"
        d(text="Hello").click()
        assert d.info["currentPackageName"] == "com.example.hello"
        d.clipboard = "hello"
        assert d.clipboard == "hello"
