"""`settings get|put|delete|list` on the system, secure and global tables."""

from __future__ import annotations

from ..context import Ctx
from .registry import command

USAGE = ("usage:  settings [--user <USER_ID> | current] get namespace key\n"
         "        settings [--user <USER_ID> | current] put namespace key value\n"
         "        settings [--user <USER_ID> | current] delete namespace key\n"
         "        settings [--user <USER_ID> | current] list namespace\n"
         "\n'namespace' is one of {system, secure, global}, case-insensitive\n")
ARITY = {"get": 3, "put": 4, "delete": 3, "list": 2}


@command("settings")
async def settings(ctx: Ctx, args: list[str]) -> int:
    if args[:1] == ["--user"]:
        args = args[2:]
    verb = args[0] if args else ""
    if verb not in ARITY or len(args) < ARITY[verb] or args[1].lower() not in ctx.system.settings:
        await ctx.err("Invalid command: " + " ".join(args) + "\n" + USAGE if args else USAGE)
        return 255
    table = ctx.system.settings[args[1].lower()]
    if verb == "get":
        await ctx.out(table.get(args[2], "null") + "\n")
    elif verb == "put":
        table[args[2]] = args[3]
        ctx.system.changed()
    elif verb == "delete":
        await ctx.out(f"Deleted {int(table.pop(args[2], None) is not None)} rows\n")
        ctx.system.changed()
    else:
        await ctx.out("".join(f"{k}={v}\n" for k, v in sorted(table.items())))
    return 0
