"""`sensor status|get|set`, with the emulator's output format (%g) and its error texts."""

from __future__ import annotations

import re

from .context import Context

SET_USAGE = 'KO: Usage: "set <sensorname> <value-a>[:<value-b>[:<value-c>]]"\n'
GET_USAGE = 'KO: Usage: "get <sensorname>"\n'

_C_SPACE = " \t\n\v\f\r"  # C isspace() in the "C" locale
# What sscanf("%g") accepts: optional leading space, then a decimal float, inf or nan.
_C_FLOAT = re.compile(r"[ \t\n\v\f\r]*([+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
                      r"|inf(?:inity)?|nan))", re.IGNORECASE)


def scan_float(text: str) -> float | None:
    """sscanf(text, "%g"): the leading float, ignoring what follows; None when there is none."""
    m = _C_FLOAT.match(text)
    return float(m.group(1)) if m else None


def unknown_sensor(name: str) -> str:
    return f"KO: unknown sensor name: {name}, run 'sensor status' to get available sensors.\r\n"


def do_status(ctx: Context, args: str | None) -> bool:
    for name in ctx.sensors.names:
        ctx.write(f"{name}: enabled.\n")
    return True


def do_get(ctx: Context, args: str | None) -> bool:
    if args is None:
        ctx.write(GET_USAGE)
        return False
    words = args.split()
    name = words[0] if words else ""
    if name not in ctx.sensors.names:
        ctx.write(unknown_sensor(name))
        return False
    values = ":".join(format(v, "g") for v in ctx.sensors.get(name))
    ctx.write(f"{name} = {values}\r\n")
    return True


def do_set(ctx: Context, args: str | None) -> bool:
    rest = (args or "").lstrip(_C_SPACE)
    end = next((i for i, ch in enumerate(rest) if ch in _C_SPACE), len(rest))
    name, value = rest[:end], rest[end + 1:]
    if not name or not value:
        ctx.write(SET_USAGE)
        return False
    if name not in ctx.sensors.names:
        ctx.write(unknown_sensor(name))
        return False
    values = list(ctx.sensors.get(name))
    # Up to three ':'-separated values; an empty or missing one keeps the current value.
    for i, part in enumerate(value.split(":")[:len(values)]):
        if not part:
            continue
        parsed = scan_float(part)
        if parsed is None:
            ctx.write(SET_USAGE)
            return False
        values[i] = parsed
    ctx.sensors.set(name, tuple(values))
    return True
