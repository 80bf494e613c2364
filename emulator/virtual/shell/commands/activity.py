"""The activity manager: `am`, `monkey` and `dumpsys activity`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ...android.system import AndroidSystem
from ..context import Ctx
from . import format as fmt
from .registry import command, dumpsys_service

LAUNCHER = "android.intent.category.LAUNCHER"
MAIN = "android.intent.action.MAIN"
FLAG_NEW_TASK = 0x10000000
NO_CLASS_ERROR_CODE = "Error type 3"


def activity_exists(system: AndroidSystem, package: str, cls: str) -> bool:
    """Apps declare one activity today: their launcher activity."""
    app = system.apps.get(package)
    return app is not None and app.launcher_activity == cls


@dataclass
class Intent:
    action: str | None = None
    categories: list[str] = field(default_factory=list)
    data: str | None = None
    package: str | None = None
    component: tuple[str, str] | None = None  # (package, full class)
    flags: int = 0
    extras: bool = False

    def __str__(self) -> str:
        """Intent.toShortString as `am` prints it."""
        parts = []
        if self.action:
            parts.append(f"act={self.action}")
        if self.categories:
            parts.append(f"cat=[{','.join(self.categories)}]")
        if self.data:
            parts.append(f"dat={self.data}")
        if self.flags:
            parts.append(f"flg=0x{self.flags:x}")
        if self.package:
            parts.append(f"pkg={self.package}")
        if self.component:
            parts.append(f"cmp={fmt.short_component(*self.component)}")
        if self.extras:
            parts.append("(has extras)")
        return "Intent { " + " ".join(parts) + " }"


class IntentError(Exception):
    pass


# Options that take a value (or two, for extras) and that `am` accepts but we do not model.
_IGNORED_WITH_VALUE = {"--user", "-t", "--receiver-permission", "--display", "--windowingMode",
                       "--activityType", "-P", "--start-profiler", "--sampling", "-R"}
_EXTRAS = {"-e", "--es", "--ei", "--ez", "--el", "--ef", "--eu", "--ecn", "--eia", "--esa", "--esn"}


def parse_intent(args: list[str]) -> tuple[Intent, set[str]]:
    """am's intent arguments → (intent, boolean options such as -W and -S)."""
    intent, options, it = Intent(), set(), iter(args)
    for arg in it:
        try:
            if arg == "-a":
                intent.action = next(it)
            elif arg == "-c":
                intent.categories.append(next(it))
            elif arg == "-d":
                intent.data = next(it)
            elif arg == "-n":
                intent.component = _component(next(it))
            elif arg == "-p":
                intent.package = next(it)
            elif arg == "-f":
                intent.flags |= int(next(it), 0)
            elif arg in _EXTRAS:
                next(it)
                if arg != "--esn":
                    next(it)
                intent.extras = True
            elif arg in _IGNORED_WITH_VALUE:
                next(it)
            elif arg.startswith("-"):
                options.add(arg)
            elif ":" in arg:
                intent.data = arg
            elif "/" in arg:
                intent.component = _component(arg)
            else:
                intent.package = arg
        except StopIteration:
            raise IntentError(f"Argument expected after \"{arg}\"") from None
    return intent, options


def _component(text: str) -> tuple[str, str]:
    package, sep, cls = text.partition("/")
    if not sep or not cls:
        raise IntentError(f"Bad component name: {text}")
    return package, package + cls if cls.startswith(".") else cls


def resolve_activity(system: AndroidSystem, intent: Intent) -> tuple[str, str] | None:
    """The (package, class) an intent starts; the component as given when it names one."""
    if intent.component:
        return intent.component
    package = intent.package
    if package in system.apps and intent.action in (None, MAIN) and not intent.data:
        cls = system.apps[package].launcher_activity
        return (package, cls) if cls else None
    return None


async def am_start(ctx: Ctx, args: list[str]) -> int:
    try:
        intent, options = parse_intent(args)
    except IntentError as e:
        await ctx.err(f"Error: {e}\n")
        return 1
    system = ctx.system
    wait = "-W" in options
    target = resolve_activity(system, intent)
    if "-S" in options and target and target[0] in system.apps:
        await ctx.out(f"Stopping: {target[0]}\n")
        system.force_stop(target[0])
    await ctx.out(f"Starting: {intent}\n")
    report = ctx.out if wait else ctx.err  # am reports start results on stdout only with -W
    if target is None:
        intent.flags |= FLAG_NEW_TASK
        await report(f"Error: Activity not started, unable to resolve {intent}\n")
        return 0
    package, cls = target
    if not activity_exists(system, package, cls):
        await report(f"{NO_CLASS_ERROR_CODE}\nError: Activity class {{{package}/{cls}}} does not exist.\n")
        return 0
    started = time.monotonic()
    top = system.foreground()
    already_top = top.package == package and top.activity == cls
    state = ("HOT" if any(r.package == package for r in system.stack)
             else "WARM" if package in system.processes else "COLD")
    record = system.start_activity(package, cls)
    if already_top:
        await report("Warning: Activity not started, intent has been delivered to currently "
                     "running top-most instance.\n")
    if wait:
        elapsed = max(1, round((time.monotonic() - started) * 1000))
        total = elapsed + {"COLD": 300, "WARM": 150, "HOT": 60}[state]
        lines = ["Status: ok", f"LaunchState: {'UNKNOWN (0)' if already_top else state}",
                 f"Activity: {record.component}"]
        if not already_top:
            lines.append(f"TotalTime: {total}")
        lines += [f"WaitTime: {total + 4}", "Complete"]
        await ctx.out("\n".join(lines) + "\n")
    return 0


async def am_force_stop(ctx: Ctx, args: list[str]) -> int:
    packages = [a for a in _drop_user(args)]
    if not packages:
        await ctx.err("Error: Argument expected after \"force-stop\"\n")
        return 255
    ctx.system.force_stop(packages[0])
    return 0


async def am_broadcast(ctx: Ctx, args: list[str]) -> int:
    try:
        intent, _ = parse_intent(args)
    except IntentError as e:
        await ctx.err(f"Error: {e}\n")
        return 1
    intent.flags |= 0x400000  # FLAG_RECEIVER_FOREGROUND, as am adds it
    await ctx.out(f"Broadcasting: {intent}\nBroadcast completed: result=0\n")
    return 0


def _drop_user(args: list[str]) -> list[str]:
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == "--user":
            skip = True
        else:
            out.append(a)
    return out


AM_COMMANDS = {"start": am_start, "start-activity": am_start, "force-stop": am_force_stop,
               "broadcast": am_broadcast}


@command("am")
async def am(ctx: Ctx, args: list[str]) -> int:
    if not args or args[0] not in AM_COMMANDS:
        if args:
            await ctx.err(f"Unknown command: {args[0]}\n")
        else:
            await ctx.out("Activity manager (activity) commands:\n  help\n      Print this help text.\n")
        return 255 if args else 0
    return await AM_COMMANDS[args[0]](ctx, args[1:])


@command("monkey")
async def monkey(ctx: Ctx, args: list[str]) -> int:
    # The monkey wrapper script echoes its arguments; Monkey itself echoes them again.
    lines = [f"  bash arg: {a}" for a in args]
    lines.append(f"args: [{', '.join(args)}]")
    lines += [f' arg: "{a}"' for a in args]
    packages, categories, count, it = [], [], 0, iter(args)
    for a in it:
        if a == "-p":
            packages.append(next(it, ""))
            lines.append(f'data="{packages[-1]}"')
        elif a == "-c":
            categories.append(next(it, ""))
            lines.append(f'data="{categories[-1]}"')
        elif a.isdigit():
            count = int(a)
    await ctx.out("\n".join(lines) + "\n")
    system = ctx.system
    launchable = [p for p in packages if p in system.apps and system.apps[p].launcher_activity
                  and (not categories or LAUNCHER in categories)]
    if not launchable:
        await ctx.out("** No activities found to run, monkey aborted.\n")
        return 252
    started = time.monotonic()
    if count:
        system.launch(launchable[0])
    elapsed = max(1, round((time.monotonic() - started) * 1000))
    await ctx.out(f"Events injected: {count}\n"
                  f"## Network stats: elapsed time={elapsed}ms (0ms mobile, 0ms wifi, {elapsed}ms not connected)\n")
    return 0


# ---- dumpsys activity --------------------------------------------------------------------
def _activities(system: AndroidSystem) -> list[str]:
    with system.lock:
        stack = list(system.stack)
    top = stack[-1]
    lines = ["ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)",
             "Display #0 (activities from top to bottom):"]
    tasks: dict[int, list] = {}
    for r in reversed(stack):
        tasks.setdefault(r.task_id, []).append(r)
    for task_id, records in tasks.items():
        pkg = records[0].package
        uid = system.uid_of(pkg)
        visible = str(records[0] is top).lower()
        lines += [(f"  * Task{{{fmt.identity('task', task_id)} #{task_id} type=standard"
                  f" A={uid}:{pkg} U=0 visible={visible} visibleRequested={visible}"
                  f" mode=fullscreen translucent=false sz={len(records)}}}")]
        if records[0] is top:
            lines.append(f"    mResumedActivity: {fmt.activity_record(top)}")
        for n, r in enumerate(records):
            lines += [f"    * Hist  #{len(records) - 1 - n}: {fmt.activity_record(r)}",
                      f"      packageName={r.package} processName={r.package}",
                      "      launchedFromUid=2000 launchedFromPackage=null userId=0",
                      (f"      app=ProcessRecord{{{fmt.identity('proc', r.package)}"
                      f" {_pid(system, r.package)}:{r.package}/{fmt.user_name(uid)}}}")]
    lines += ["", f"  ResumedActivity: {fmt.activity_record(top)}",
              f"  topResumedActivity={fmt.activity_record(top)}",
              f"  mFocusedApp={fmt.activity_record(top)}"]
    return lines


def _pid(system: AndroidSystem, package: str) -> int:
    proc = system.processes.get(package)
    return proc.pid if proc else 0


def _top(system: AndroidSystem) -> list[str]:
    top = system.foreground()
    uid = system.uid_of(top.package)
    return [f"TASK {uid}:{top.package} id={top.task_id} userId=0",
            (f"  ACTIVITY {top.component} {fmt.identity('ar', top.package, top.activity, top.task_id)}"
            f" pid={_pid(system, top.package)} userId=0 uid={uid}"),
            "    Local Activity " + fmt.identity('local', top.activity) + " State:",
            "      mResumed=true mStopped=false mFinished=false"]


def _processes(system: AndroidSystem) -> list[str]:
    lines = ["ACTIVITY MANAGER RUNNING PROCESSES (dumpsys activity processes)"]
    for proc in sorted(system.processes.values(), key=lambda p: p.pid):
        lines.append(f"  *APP* UID {proc.uid} ProcessRecord{{{fmt.identity('proc', proc.name)}"
                     f" {proc.pid}:{proc.name}/{fmt.user_name(proc.uid)}}}")
    return lines


ACTIVITY_SECTIONS = {"activities": _activities, "a": _activities, "top": _top,
                     "processes": _processes, "p": _processes}


@dumpsys_service("activity")
async def dumpsys_activity(ctx: Ctx, args: list[str]) -> int:
    wanted = [a for a in args if not a.startswith("-")]
    sections = [ACTIVITY_SECTIONS[w] for w in wanted[:1] if w in ACTIVITY_SECTIONS] or (
        [] if wanted else [_activities, _processes])
    if not sections:
        await ctx.out(f"Bad activity command, or no activities match: {wanted[0]}\n")
        return 0
    await ctx.out("\n\n".join("\n".join(s(ctx.system)) for s in sections) + "\n")
    return 0
