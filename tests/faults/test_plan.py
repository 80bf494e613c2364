"""The fault file's language and the switches the device's hooks read (no device)."""

from __future__ import annotations

import asyncio

from emulator.virtual.faults import Action, Faults, Settings, parse
from harness.encoded import image_size

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffc0000b080010001001011100ffda0008010100003f00") \
    + b"\x12" * 40 + b"\xff\xd9"


def test_every_fault_parses_and_bad_lines_are_reported_not_applied():
    plan = parse("""
        # a comment
        drop adb
        drop stream tcp:
        kill uia2
        crash com.demo.clean
        anr
        reboot 2.5
        delay rpc 3 2
        screenshot truncated
        refuse console
        fly away
        reboot soon
        delay rpc 1 0
    """)
    assert plan.actions == (Action("drop-adb"), Action("drop-stream", "tcp:"), Action("kill-uia2"),
                            Action("crash", "com.demo.clean"), Action("anr"), Action("reboot", seconds=2.5))
    assert plan.settings == Settings(rpc_delay_s=3, rpc_delay_count=2, screenshot="truncated", refuse_console=True)
    assert plan.errors == ("line 12: unknown fault 'fly away'", "line 13: 'soon' is not a number of seconds",
                           "line 14: expected one positive COUNT, got '0'")
    assert parse("") == parse("# nothing\n\n")


def test_counted_faults_wear_off_and_settings_reset_on_the_next_plan():
    f = Faults()
    f.configure(parse("delay rpc 0.5 2\nscreenshot corrupt 1").settings)
    assert [f.rpc_delay() for _ in range(3)] == [0.5, 0.5, 0.0]
    corrupt = f.screenshot(JPEG)
    assert len(corrupt) == len(JPEG) and corrupt != JPEG and f.screenshot(JPEG) == JPEG
    f.configure(parse("screenshot truncated").settings)
    assert all(len(f.screenshot(JPEG)) == len(JPEG) // 2 for _ in range(3))  # no count: every one
    f.configure(parse("").settings)
    assert f.screenshot(JPEG) == JPEG and f.rpc_delay() == 0 and not f.refuse_console


def test_the_harness_sees_both_mangled_screenshots_as_broken():
    f = Faults()
    assert image_size(JPEG) == (16, 16)
    for how in ("truncated", "corrupt"):
        f.configure(parse(f"screenshot {how}").settings)
        try:
            image_size(f.screenshot(JPEG))
        except ValueError as e:
            assert how in str(e)
        else:
            raise AssertionError(f"a {how} JPEG passed the check")


def test_a_stream_cut_is_armed_for_one_matching_stream_and_kill_ends_every_server():
    f = Faults()
    f.arm_cut("tcp:")
    assert not f.take_cut("shell:getprop") and f.take_cut("tcp:9008") and not f.take_cut("tcp:9008")

    async def servers() -> int:
        running = [asyncio.ensure_future(f.uia2_alive()) for _ in range(2)]
        await asyncio.sleep(0)
        killed = f.kill_uia2()
        await asyncio.wait_for(asyncio.gather(*running), 1)
        return killed

    assert asyncio.run(servers()) == 2
