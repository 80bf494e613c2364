"""The device's loopback network: servers that apps run on device ports (e.g. uiautomator2 on 9008).

`adb forward` / `tcp:<port>` reaches them; nothing on the host sees these ports directly, as on a
real device.
"""

from __future__ import annotations

from .streams import Service


class PortInUse(Exception):
    pass


class DeviceNetwork:
    def __init__(self) -> None:
        self._listeners: dict[int, Service] = {}

    def listen(self, port: int, service: Service) -> None:
        if port in self._listeners:
            raise PortInUse(port)
        self._listeners[port] = service

    def unlisten(self, port: int, service: Service | None = None) -> None:
        if service is None or self._listeners.get(port) is service:
            self._listeners.pop(port, None)

    def service_at(self, port: int) -> Service | None:
        """The service listening on `port`, or None (the connection is refused)."""
        return self._listeners.get(port)
