"""The package manager: `pm` and `dumpsys package`."""

from __future__ import annotations

import posixpath

from ...android.system import AndroidSystem
from ..context import Ctx
from . import format as fmt
from . import permissions as perms
from .registry import command, dumpsys_service

_STACK = ("\tat com.android.server.pm.permission.PermissionManagerServiceImpl"
          ".grantRuntimePermissionInternal(PermissionManagerServiceImpl.java:1360)\n"
          "\tat com.android.server.pm.PackageManagerShellCommand.onCommand(PackageManagerShellCommand.java:244)\n"
          "\tat com.android.modules.utils.BasicShellCommandHandler.exec(BasicShellCommandHandler.java:97)\n")


async def _exception(ctx: Ctx, verb: str, error: str) -> int:
    """pm reports a failed binder call as the Java exception with its stack."""
    await ctx.err(f"Exception occurred while executing '{verb}':\n{error}\n{_STACK}")
    return 255


async def pm_list_packages(ctx: Ctx, args: list[str]) -> int:
    opts = {a for a in args if a.startswith("-")}
    filters = [a for a in args if not a.startswith("-")]
    system = ctx.system
    lines = []
    for name in sorted(system.apps):
        app = system.apps[name]
        if ("-3" in opts and app.system) or ("-s" in opts and not app.system):
            continue
        if filters and filters[0] not in name:
            continue
        line = "package:" + (f"{system.apk_path(name)}=" if "-f" in opts else "") + name
        if "-U" in opts:
            line += f" uid:{system.uid_of(name)}"
        if "-i" in opts:
            line += "  installer=null"
        lines.append(line)
    await ctx.out("".join(line + "\n" for line in lines))
    return 0


async def pm_list(ctx: Ctx, args: list[str]) -> int:
    if args and args[0] == "packages":
        return await pm_list_packages(ctx, args[1:])
    await ctx.err(f"Error: unknown list type '{args[0] if args else ''}'\n")
    return 255


async def pm_path(ctx: Ctx, args: list[str]) -> int:
    package = next((a for a in args if not a.startswith("-") and not a.isdigit()), None)
    if package not in ctx.system.apps:
        return 1
    await ctx.out(f"package:{ctx.system.apk_path(package)}\n")
    return 0


async def pm_clear(ctx: Ctx, args: list[str]) -> int:
    package = next((a for a in args if not a.startswith("-") and not a.isdigit()), None)
    if package not in ctx.system.apps:
        await ctx.out("Failed\n")
        return 1
    ctx.system.clear_data(package)
    await ctx.out("Success\n")
    return 0


def _grant_command(grant: bool):
    verb = "grant" if grant else "revoke"

    async def run(ctx: Ctx, args: list[str]) -> int:
        operands = [a for a in args if not a.startswith("-") and not a.isdigit()]
        if len(operands) < 2:
            await ctx.err("Error: no package or permission specified\n")
            return 255
        package, permission = operands[:2]
        system = ctx.system
        if package not in system.apps:
            return await _exception(ctx, verb, f"java.lang.IllegalArgumentException: Unknown package: {package}")
        if not perms.is_known(system, permission):
            return await _exception(ctx, verb, f"java.lang.IllegalArgumentException: Unknown permission: {permission}")
        if permission not in perms.requested(system, package):
            return await _exception(ctx, verb, f"java.lang.SecurityException: Package {package} has not "
                                               f"requested permission {permission}")
        if not perms.is_runtime(permission):
            return await _exception(ctx, verb, f"java.lang.SecurityException: Permission {permission} "
                                               f"requested by {package} is not a changeable permission type")
        perms.set_granted(system, package, permission, grant)
        return 0
    return run


PM_COMMANDS = {"list": pm_list, "path": pm_path, "clear": pm_clear,
               "grant": _grant_command(True), "revoke": _grant_command(False)}


@command("pm")
async def pm(ctx: Ctx, args: list[str]) -> int:
    if args and args[0] == "dump":
        return await dumpsys_package(ctx, args[1:])
    if not args or args[0] not in PM_COMMANDS:
        await ctx.err(f"Unknown command: {args[0]}\n" if args else "Package manager (package) commands:\n")
        return 255 if args else 0
    return await PM_COMMANDS[args[0]](ctx, args[1:])


def _package_dump(system: AndroidSystem, package: str) -> list[str]:
    app = system.apps[package]
    uid = system.uid_of(package)
    apk = system.apk_path(package)
    code_path = posixpath.dirname(apk)
    installed = fmt.timestamp(system.boot_time)
    flags = "[ SYSTEM HAS_CODE ALLOW_CLEAR_USER_DATA ]" if app.system else "[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]"
    requested = app.permissions
    install = [p for p in requested if not perms.is_runtime(p)]
    runtime = [p for p in requested if perms.is_runtime(p)]
    lines = []
    if app.launcher_activity:
        cmp = fmt.short_component(package, app.launcher_activity)
        lines += ["Activity Resolver Table:", "  Non-Data Actions:", "      android.intent.action.MAIN:",
                  f"        {fmt.identity('filter', package)} {cmp} filter {fmt.identity('f', cmp)}",
                  '          Action: "android.intent.action.MAIN"',
                  '          Category: "android.intent.category.LAUNCHER"', ""]
    lines += [
        "Packages:",
        f"  Package [{package}] ({fmt.identity('pkgsetting', package)}):",
        f"    appId={uid}",
        f"    pkg=Package{{{fmt.identity('pkg', package)} {package}}}",
        f"    codePath={code_path}",
        f"    resourcePath={code_path}",
        f"    legacyNativeLibraryDir={code_path}/lib",
        "    extractNativeLibs=false",
        "    primaryCpuAbi=null",
        "    secondaryCpuAbi=null",
        "    cpuAbiOverride=null",
        f"    versionCode={app.version_code} minSdk=24 targetSdk={app.target_sdk}",
        "    minExtensionVersions=[]",
        f"    versionName={app.version_name}",
        "    usesNonSdkApi=false",
        "    splits=[base]",
        "    apkSigningVersion=2",
        f"    flags={flags}",
        "    privateFlags=[ PRIVATE_FLAG_ACTIVITIES_RESIZE_MODE_RESIZEABLE_VIA_SDK_VERSION ]",
        "    forceQueryable=false",
        f"    dataDir=/data/user/0/{package}",
        "    supportsScreens=[small, medium, large, xlarge, resizeable, anyDensity]",
        f"    timeStamp={installed}",
        f"    lastUpdateTime={installed}",
        "    installerPackageName=null",
        (f"    signatures=PackageSignatures{{{fmt.identity('sigs', package)} version:2,"
        f" signatures:[{fmt.identity('sig', package)}], past signatures:[]}}"),
        "    installPermissionsFixed=true",
        f"    pkgFlags={flags}",
    ]
    if requested:
        lines += ["    requested permissions:", *(f"      {p}" for p in requested)]
    if install:
        lines += ["    install permissions:", *(f"      {p}: granted=true" for p in install)]
    stopped = str(package not in system.processes).lower()
    lines += [
        (f"    User 0: ceDataInode={int(fmt.identity('inode', package), 16) % 100000} installed=true hidden=false suspended=false"
        f" distractionFlags=0 stopped={stopped} notLaunched=false enabled=0 instant=false virtual=false"),
        f"      firstInstallTime={installed}",
        f"      uid={uid}",
        "      gids=[3003]",
    ]
    if runtime:
        lines.append("      runtime permissions:")
        for p in runtime:
            granted = perms.is_granted(system, package, p)
            state = "USER_SET" if granted else "USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED"
            lines.append(f"        {p}: granted={str(granted).lower()}, flags=[ {state}]")
    return lines


@dumpsys_service("package")
async def dumpsys_package(ctx: Ctx, args: list[str]) -> int:
    names = [a for a in args if not a.startswith("-")]
    if not names:
        for package in sorted(ctx.system.apps):
            await ctx.out("\n".join(_package_dump(ctx.system, package)) + "\n\n")
        return 0
    package = names[0]
    if package not in ctx.system.apps:
        await ctx.out(f"Unable to find package: {package}\n")
        return 0
    await ctx.out("\n".join(_package_dump(ctx.system, package)) + "\n")
    return 0
