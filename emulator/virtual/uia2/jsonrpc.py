"""JSON-RPC 2.0 over `POST /jsonrpc/0`, with errors shaped like jsonrpc4j's in the real server.

uiautomator2 recognises failures by the Java exception name in `error.message` (e.g.
`uiautomator.UiObjectNotFoundException` → UiObjectNotFoundError), so errors carry one.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

log = logging.getLogger(__name__)

Method = Callable[..., Awaitable[Any]]

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
UNHANDLED_EXCEPTION = -32001  # jsonrpc4j: an exception without an @JsonRpcError mapping
UI_OBJECT_NOT_FOUND = -32002  # ERROR_CODE_BASE - 2 in the server's AutomatorService


class RpcError(Exception):
    """A JSON-RPC error; `exception` is the Java exception class the real server would throw."""

    def __init__(self, code: int, exception: str, message: str) -> None:
        super().__init__(f"{exception}: {message}")
        self.code = code
        self.exception = exception
        self.message = message


def ui_object_not_found(description: str) -> RpcError:
    return RpcError(UI_OBJECT_NOT_FOUND, "androidx.test.uiautomator.UiObjectNotFoundException",
                    description)


async def handle(body: bytes, methods: Mapping[str, Method]) -> bytes:
    """Answer one JSON-RPC request body; always returns a response body."""
    try:
        request = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return _error(None, PARSE_ERROR, "JSON parse error", str(e))
    if not isinstance(request, dict) or not isinstance(request.get("method"), str):
        return _error(request.get("id") if isinstance(request, dict) else None,
                      INVALID_REQUEST, "Invalid Request", None)
    rid, name, params = request.get("id"), request["method"], request.get("params")
    method = methods.get(name)
    if method is None:
        return _error(rid, METHOD_NOT_FOUND, "method not found", name)
    args, kwargs = (params, {}) if isinstance(params, list) else ([], params or {})
    if not isinstance(kwargs, dict):
        return _error(rid, INVALID_PARAMS, "method parameters invalid", name)
    try:
        inspect.signature(method).bind(*args, **kwargs)
    except TypeError as e:
        return _error(rid, INVALID_PARAMS, "method parameters invalid", f"{name}: {e}")
    try:
        result = await method(*args, **kwargs)
    except RpcError as e:
        return _error(rid, e.code, str(e), _stack(e.exception, e.message, name))
    except Exception as e:  # a bug here must not look like a dead server to the client
        log.exception("uia2 %s failed", name)
        message = f"java.lang.RuntimeException: {type(e).__name__}: {e}"
        return _error(rid, UNHANDLED_EXCEPTION, message, message)
    return json.dumps({"jsonrpc": "2.0", "id": rid, "result": result}).encode()


def _stack(exception: str, message: str, method: str) -> str:
    """A Java-style stack trace string for `error.data`."""
    return (f"{exception}: {message}\n"
            f"\tat com.wetest.uia2.stub.AutomatorServiceImpl.{method}(AutomatorServiceImpl.java)\n")


def _error(rid: Any, code: int, message: str, data: Any) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": rid,
                       "error": {"code": code, "message": message, "data": data}}).encode()
