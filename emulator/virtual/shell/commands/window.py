"""The window manager and display: `wm`, `dumpsys window`, `dumpsys display`, SurfaceFlinger ids."""

from __future__ import annotations

from ...android.hierarchy import active_window
from ...android.system import AndroidSystem
from ...android.ui import Window
from ..context import Ctx
from . import format as fmt
from .args import UsageError
from .registry import command, dumpsys_service

DISPLAY_ID = "4619827259835644672"  # the emulator's physical display id
WINDOW_TYPES = {"application": "BASE_APPLICATION", "status_bar": "STATUS_BAR",
                "navigation_bar": "NAVIGATION_BAR", "dialog": "APPLICATION", "toast": "TOAST"}


@command("wm")
async def wm(ctx: Ctx, args: list[str]) -> int:
    sub = args[0] if args else ""
    if sub == "size" and len(args) == 1:
        await ctx.out(f"Physical size: {ctx.system.display.width}x{ctx.system.display.height}\n")
    elif sub == "density" and len(args) == 1:
        await ctx.out(f"Physical density: {ctx.system.display.density}\n")
    else:
        raise UsageError("only `wm size` and `wm density` queries are supported")
    return 0


def _window_title(system: AndroidSystem, win: Window) -> str:
    """An activity's window is titled with its full class name; other windows by their title."""
    if win.kind == "application":
        record = next((r for r in reversed(system.stack) if r.package == win.package), None)
        if record is not None:
            return fmt.activity_window_title(record)
    return win.title


def focus_lines(system: AndroidSystem) -> list[str]:
    """mCurrentFocus (the focused window: a dialog over the app has it) and mFocusedApp
    (the top activity): what adbutils.app_current() reads."""
    screen = system.screen()
    focused = active_window(screen)
    title = _window_title(system, focused) if focused else fmt.activity_window_title(system.foreground())
    return [f"  mCurrentFocus={fmt.window(title)}",
            f"  mFocusedApp={fmt.activity_record(system.foreground())}"]


def _windows_section(system: AndroidSystem) -> list[str]:
    screen = system.screen()
    lines = ["WINDOW MANAGER WINDOWS (dumpsys window windows)"]
    for n, win in enumerate(reversed(screen.windows)):
        title = _window_title(system, win)
        b = win.root.bounds
        uid = system.uid_of(win.package) if win.package in system.apps else 10140
        lines += [
            f"  Window #{n} {fmt.window(title)}:",
            (f"    mDisplayId=0 rootTaskId={1 if win.kind != 'application' else system.foreground().task_id}"
            f" mSession=Session{{{fmt.identity('session', win.package)} {uid}:{fmt.user_name(uid)}}}"),
            (f"    mOwnerUid={uid} showForAllUsers={str(win.kind != 'application').lower()}"
            f" package={win.package} appop=NONE"),
            (f"    mAttrs={{({b.left},{b.top})({b.width}x{b.height}) ty={WINDOW_TYPES.get(win.kind, 'APPLICATION')}"
            f" fmt=TRANSLUCENT}}"),
            "    mHasSurface=true isReadyForDisplay()=true mWindowRemovalAllowed=false",
            f"    mFrame={b.as_bounds()} last={b.as_bounds()}",
            "    isOnScreen=true",
            "    isVisible=true",
        ]
    w, h = system.screen_size
    density = system.display.density
    sw = min(w, h) * 160 // density
    orient = "land" if system.rotation % 2 else "port"
    lines += [
        "",
        (f"  mGlobalConfiguration={{1.0 310mcc260mnc [en_US] ldltr sw{sw}dp w{w * 160 // density}dp"
        f" h{h * 160 // density}dp {density}dpi nrml long {orient} finger -keyb/v/h -nav/h"
        f" winConfig={{ mBounds=Rect(0, 0 - {w}, {h}) mAppBounds=Rect(0, 0 - {w}, {h})"
        f" mMaxBounds=Rect(0, 0 - {w}, {h}) mDisplayRotation=ROTATION_{system.rotation * 90}"
        f" mWindowingMode=fullscreen mActivityType=undefined mAlwaysOnTop=undefined"
        f" mRotation=ROTATION_{system.rotation * 90}}} s.1 fontWeightAdjustment=0}}"),
        "  mHasPermanentDpad=false",
        "  mTopFocusedDisplayId=0",
        *focus_lines(system),
    ]
    return lines


def _displays_section(system: AndroidSystem) -> list[str]:
    w, h = system.screen_size
    d = system.display
    return [
        "WINDOW MANAGER DISPLAY CONTENTS (dumpsys window displays)",
        f"  Display: mDisplayId=0 rootTasks={len({r.task_id for r in system.stack}) + 1}",
        (f"    init={d.width}x{d.height} {d.density}dpi mMinSizeOfResizeableTaskDp=220"
        f" cur={w}x{h} app={w}x{h} rng={min(w, h)}x{min(w, h)}-{max(w, h)}x{max(w, h)}"),
        ("    deferred=false mLayoutNeeded=false"
        f" mTouchExcludeRegion=SkRegion((0,0,{w},{h}))"),
        f"    mRotation={system.rotation} mLastOrientation=-1",
        "",
        *focus_lines(system),
    ]


@dumpsys_service("window")
async def dumpsys_window(ctx: Ctx, args: list[str]) -> int:
    sections = {"windows": _windows_section, "displays": _displays_section}
    wanted = [a for a in args if not a.startswith("-")]
    chosen = [sections[a] for a in wanted if a in sections] if wanted else list(sections.values())
    if wanted and not chosen:
        await ctx.out(f"Bad window command, or no windows match: {wanted[0]}\n")
        return 0
    await ctx.out("\n".join("\n".join(s(ctx.system)) for s in chosen) + "\n")
    return 0


@dumpsys_service("display")
async def dumpsys_display(ctx: Ctx, args: list[str]) -> int:
    s = ctx.system
    d, rot = s.display, s.rotation
    w, h = s.screen_size
    info = (f'DisplayInfo{{"Built-in Screen", displayId 0, displayGroupId 0, FLAG_SECURE,'
            f' FLAG_SUPPORTS_PROTECTED_BUFFERS, FLAG_TRUSTED, real {w} x {h}, largest app {max(w, h)} x'
            f' {max(w, h)}, smallest app {min(w, h)} x {min(w, h)}, appVsyncOff 1000000, presDeadline'
            f' 16666666, mode 1, defaultMode 1, modes [{{id=1, width={d.width}, height={d.height},'
            f' fps=60.0}}], rotation {rot}, density {d.density} ({d.density}.0 x {d.density}.0) dpi,'
            f' layerStack 0, type INTERNAL, address {{port=0, model=0x0}}, state ON,'
            f' committedState ON, uniqueId "local:{DISPLAY_ID}"}}')
    lines = [
        "DISPLAY MANAGER (dumpsys display)",
        "  mOnlyCore=false",
        "  mSafeMode=false",
        "  mPendingTraversal=false",
        # The first `orientation=` is what adbutils.rotation() reads.
        (f"  mViewports=[DisplayViewport{{type=INTERNAL, valid=true, isActive=true, displayId=0,"
        f" uniqueId='local:{DISPLAY_ID}', physicalPort=0, orientation={rot},"
        f" logicalFrame=Rect(0, 0 - {w}, {h}), physicalFrame=Rect(0, 0 - {w}, {h}),"
        f" deviceWidth={w}, deviceHeight={h}}}]"),
        "  mDefaultDisplayDefaultColorMode=0",
        "",
        "Display Devices: size=1",
        (f'  DisplayDeviceInfo{{"Built-in Screen": uniqueId="local:{DISPLAY_ID}", {d.width} x {d.height},'
        f" modeId 1, renderFrameRate 60.0, defaultModeId 1, density {d.density},"
        f" {d.density}.0 x {d.density}.0 dpi, appVsyncOff 1000000, presDeadline 16666666,"
        f" touch INTERNAL, rotation 0, type INTERNAL, address {{port=0, model=0x0}}, state ON,"
        f" committedState ON, FLAG_ALLOWED_TO_BE_DEFAULT_DISPLAY, FLAG_ROTATES_WITH_CONTENT,"
        f" FLAG_SECURE, FLAG_SUPPORTS_PROTECTED_BUFFERS, installOrientation 0}}"),
        "    mAdapter=LocalDisplayAdapter",
        f"    mCurrentLayerStackRect=Rect(0, 0 - {w}, {h})",
        f"    mCurrentDisplayRect=Rect(0, 0 - {w}, {h})",
        "",
        "Logical Displays: size=1",
        "  Display 0:",
        "    mDisplayId=0",
        "    mLayerStack=0",
        "    mHasContent=true",
        f"    mBaseDisplayInfo={info}",
        f"    mOverrideDisplayInfo={info}",
    ]
    await ctx.out("\n".join(lines) + "\n")
    return 0


@dumpsys_service("SurfaceFlinger")
async def dumpsys_surfaceflinger(ctx: Ctx, args: list[str]) -> int:
    if "--display-id" in args:
        await ctx.out(f'Display {DISPLAY_ID} (HWC display 0): port=0 pnpId=GGL displayName="EMU_display_0"\n')
    else:
        w, h = ctx.system.screen_size
        await ctx.out(f"Display {DISPLAY_ID} (active) HWC layers:\n  Visible area: [0, 0, {w}, {h}]\n")
    return 0
