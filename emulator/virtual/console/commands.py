"""The console's command tables and how a line is resolved against them, including the help
texts, modelled on the emulator's `console.cpp` (command names, abstracts, KO messages)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import sensor_commands as sensor
from .context import Context

Handler = Callable[[Context, str | None], bool]
"""Runs a command with its arguments (None when there are none); True means "OK" follows."""


@dataclass(frozen=True)
class CommandDef:
    names: str  # alternatives separated by '|', e.g. "quit|exit"
    abstract: str
    description: str | None = None  # `help <command>` text; the abstract when None
    handler: Handler | None = None
    subcommands: tuple[CommandDef, ...] = ()


def find_command(line: str, commands: tuple[CommandDef, ...]) -> tuple[CommandDef, str | None] | None:
    """The command `line` names and its arguments (after the first space, spaces skipped)."""
    _, space, rest = line.partition(" ")
    args = rest.lstrip(" ") or None if space else None
    for cmd in commands:
        for name in cmd.names.split("|"):
            if line.startswith(name) and line[len(name):len(name) + 1] in ("", " "):
                return cmd, args
    return None


def run_line(ctx: Context, line: str) -> None:
    found = find_command(line, table(ctx))
    if found is None:
        ctx.write("KO: unknown command, try 'help'\r\n")
        return
    cmd, args = found
    while cmd.handler is None:
        if args is None:
            dump_help(ctx, cmd, "")
            ctx.write("KO: missing sub-command\r\n")
            return
        found = find_command(args, cmd.subcommands)
        if found is None:
            dump_help(ctx, cmd, "")
            ctx.write("KO:  bad sub-command\r\n")  # sic: two spaces, as the emulator prints
            return
        cmd, args = found
    if cmd.handler(ctx, args):
        ctx.write("OK\r\n")


def dump_help(ctx: Context, cmd: CommandDef, prefix: str) -> None:
    ctx.write(cmd.description if cmd.description is not None else cmd.abstract + "\r\n")
    if cmd.subcommands:
        ctx.write("\r\navailable sub-commands:\r\n")
        for sub in cmd.subcommands:
            ctx.write(f"   {prefix} {sub.names:<15}  {sub.abstract}\r\n")
        ctx.write("\r\n")


def do_help(ctx: Context, args: str | None) -> bool:
    if args is None:
        ctx.write("Android console commands:\r\n")
        ctx.write_lines([f"    {cmd.names}" for cmd in table(ctx)])
        ctx.write("\r\nTry 'help-verbose' for more description"
                  "\r\nTry 'help <command>' for command-specific help\r\n")
        return True
    start, commands = args, table(ctx)
    while True:
        found = find_command(args, commands)
        if found is None:
            do_help(ctx, None)
            ctx.write("\r\nKO: unknown command\r\n")
            return False
        cmd, sub_args = found
        if sub_args is None or not cmd.subcommands:
            dump_help(ctx, cmd, start)
            return True
        args, commands = sub_args, cmd.subcommands


def do_help_verbose(ctx: Context, args: str | None) -> bool:
    ctx.write("Android console command help:\r\n\r\n")
    ctx.write_lines([f"    {cmd.names:<15}  {cmd.abstract}" for cmd in table(ctx)])
    ctx.write("\r\ntry 'help <command>' for command-specific help\r\n")
    return True


def do_ping(ctx: Context, args: str | None) -> bool:
    ctx.write("I am alive!\r\n")
    return True


def do_quit(ctx: Context, args: str | None) -> bool:
    ctx.finished = True
    return False  # the emulator closes without an OK


def do_auth(ctx: Context, args: str | None) -> bool:
    if args is None:
        ctx.write("KO: missing authentication token\r\n")
        return False
    if args != ctx.config.token:
        # The emulator names the default file here whatever the real path is.
        ctx.write("KO: authentication token does not match ~/.emulator_console_auth_token\r\n")
        return False
    ctx.write("Android Console: type 'help' for a list of commands\r\n")
    ctx.authenticated = True
    return True


def do_avd_name(ctx: Context, args: str | None) -> bool:
    ctx.write(f"{ctx.config.avd_name}\r\n")
    return True


def do_avd_status(ctx: Context, args: str | None) -> bool:
    ctx.write("virtual device is running\r\n")
    return True


HELP = CommandDef("help|h|?", "print a list of commands", handler=do_help)
HELP_VERBOSE = CommandDef("help-verbose", "print a list of commands with descriptions",
                          handler=do_help_verbose)
PING = CommandDef("ping", "check if the emulator is alive", handler=do_ping)
QUIT = CommandDef("quit|exit", "quit control session", handler=do_quit)
AVD_NAME = CommandDef("name", "query virtual device name",
                      "'avd name' will return the name of this virtual device\r\n", do_avd_name)
AVD_STATUS = CommandDef("status", "query virtual device status",
                        "'avd status' will indicate whether the virtual device is running or not\r\n",
                        do_avd_status)


def avd(*subcommands: CommandDef) -> CommandDef:
    return CommandDef("avd", "control virtual device execution",
                      "allows you to control (e.g. start/stop) the execution of the virtual device\r\n",
                      subcommands=subcommands)


SENSOR = CommandDef(
    "sensor", "manage emulator sensors", "allows you to request the emulator sensors\r\n",
    subcommands=(
        CommandDef("status", "list all sensors and their status.",
                   "'status': list all sensors and their status.\r\n", sensor.do_status),
        CommandDef("get", "get sensor values",
                   "'get <sensorname>' returns the values of a given sensor.\r\n", sensor.do_get),
        CommandDef("set", "set sensor values",
                   "'set <sensorname> <value-a>[:<value-b>[:<value-c>]]' set the values of a "
                   "given sensor.\r\n", sensor.do_set),
    ))

# Before `auth` only these exist; `avd name` is allowed because Android Studio asks it first.
PREAUTH_COMMANDS = (
    HELP, HELP_VERBOSE, PING, avd(AVD_NAME),
    CommandDef("auth", "user authentication for the emulator console",
               "use 'auth <auth_token>' to get extended console functionality\r\n", do_auth),
    QUIT,
)

# The emulator's main table, in its order, limited to what this device implements.
MAIN_COMMANDS = (HELP, HELP_VERBOSE, PING, QUIT, avd(AVD_STATUS, AVD_NAME), SENSOR)


def table(ctx: Context) -> tuple[CommandDef, ...]:
    return MAIN_COMMANDS if ctx.authenticated else PREAUTH_COMMANDS
