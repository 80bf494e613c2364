"""The device pool's pure parts and its leasing over real lock files (health checks stubbed here;
tests/farm/test_pool_xdist.py runs them on virtual devices)."""

from __future__ import annotations

import argparse

import pytest

from harness.pool import (
    AdbAddress,
    PoolDevice,
    PoolError,
    PoolSpec,
    default_address,
    lease,
    members,
    parse_address,
    pool_spec,
    rotated,
    worker_index,
)

LOCAL = AdbAddress("127.0.0.1", 5037)
REMOTE = AdbAddress("10.0.0.5", 5037)


@pytest.mark.parametrize(("text", "address"), [("127.0.0.1:15037", AdbAddress("127.0.0.1", 15037)),
                                               ("farm-3.lab:5037", AdbAddress("farm-3.lab", 5037))])
def test_adb_server_addresses(text, address):
    assert parse_address(text) == address


@pytest.mark.parametrize("text", ["5037", "host:", ":5037", "host:port", "host:0", "host:70000"])
def test_bad_adb_server_addresses_are_one_line_option_errors(text):
    with pytest.raises(argparse.ArgumentTypeError, match=r"^expected HOST:PORT of an adb server, got "):
        parse_address(text)


def test_no_pool_unless_asked():
    assert pool_spec(False, [], [], {}) is None


def test_the_default_server_is_adbutils_own():
    env = {"ANDROID_ADB_SERVER_HOST": "10.0.0.5", "ANDROID_ADB_SERVER_PORT": "5038"}
    assert pool_spec(True, [], [], env) == PoolSpec((AdbAddress("10.0.0.5", 5038),), ())
    assert default_address({}) == LOCAL


def test_naming_servers_or_serials_asks_for_a_pool_and_repeats_count_once():
    assert pool_spec(False, [REMOTE, LOCAL, REMOTE], [], {}) == PoolSpec((REMOTE, LOCAL), ())
    assert pool_spec(False, [], ["emulator-5554", "emulator-5554"], {}) == PoolSpec((LOCAL,), ("emulator-5554",))


@pytest.mark.parametrize(("worker", "index"), [(None, 0), ("gw0", 0), ("gw3", 3), ("master", 0)])
def test_worker_index(worker, index):
    assert worker_index(worker) == index


def test_members_are_every_listed_device_in_one_order():
    spec = PoolSpec((LOCAL, REMOTE), ())
    devices, missing = members(spec, {REMOTE: ["emulator-5554"], LOCAL: ["emulator-5556", "emulator-5554"]})
    assert [str(d) for d in devices] == ["emulator-5554@10.0.0.5:5037", "emulator-5554@127.0.0.1:5037",
                                         "emulator-5556@127.0.0.1:5037"]
    assert missing == []


def test_named_serials_filter_the_pool_and_missing_ones_are_said():
    spec = PoolSpec((LOCAL,), ("emulator-5556", "10.0.0.7:5555"))
    devices, missing = members(spec, {LOCAL: ["emulator-5554", "emulator-5556"]})
    assert devices == [PoolDevice(LOCAL, "emulator-5556")]
    assert missing == ["10.0.0.7:5555: no adb server lists it"]


def test_rotation_gives_each_worker_its_own_first_device():
    devices = [PoolDevice(LOCAL, f"emulator-{p}") for p in (5554, 5556, 5558)]
    assert [rotated(devices, i)[0].serial for i in range(4)] == ["emulator-5554", "emulator-5556",
                                                                  "emulator-5558", "emulator-5554"]
    assert rotated([], 3) == []


def test_lock_names_are_plain_file_names():
    assert PoolDevice(REMOTE, "10.0.0.7:5555").lock_name == "10.0.0.5_5037_10.0.0.7_5555.lock"


DEVICES = [PoolDevice(LOCAL, "emulator-5554"), PoolDevice(LOCAL, "emulator-5556")]


def healthy(device: PoolDevice) -> None:
    return None


def test_two_leases_never_share_a_device_and_a_release_frees_it(tmp_path):
    first = lease(DEVICES, 0, healthy, tmp_path)
    second = lease(DEVICES, 0, healthy, tmp_path)  # starts at the same device, finds it taken
    assert (first.device, second.device) == (DEVICES[0], DEVICES[1])
    with pytest.raises(PoolError, match="leased by another worker or run"):
        lease(DEVICES, 0, healthy, tmp_path)
    first.release()
    assert lease(DEVICES, 1, healthy, tmp_path).device == DEVICES[0]


def test_an_unhealthy_device_is_skipped_and_unlocked(tmp_path):
    checked = []

    def check(device: PoolDevice) -> str | None:
        checked.append(device.serial)
        return "boot not complete (sys.boot_completed='0')" if device == DEVICES[0] else None

    assert lease(DEVICES, 0, check, tmp_path).device == DEVICES[1]
    assert checked == ["emulator-5554", "emulator-5556"]
    # unlocked again: a later worker checks it afresh (it may have booted since)
    assert lease(DEVICES, 0, healthy, tmp_path).device == DEVICES[0]


def test_with_no_device_left_the_error_gives_every_reason(tmp_path):
    held = lease(DEVICES, 0, healthy, tmp_path)
    with pytest.raises(PoolError) as error:
        lease(DEVICES, 0, lambda d: "adb lists it as offline", tmp_path, notes=["10.0.0.7:5555: no adb server lists it"])
    assert str(error.value) == ("no healthy device free (10.0.0.7:5555: no adb server lists it; "
                                "emulator-5554@127.0.0.1:5037: leased by another worker or run; "
                                "emulator-5556@127.0.0.1:5037: adb lists it as offline)")
    held.release()


def test_an_empty_pool_says_so(tmp_path):
    with pytest.raises(PoolError, match="^no healthy device free: the pool is empty$"):
        lease([], 0, healthy, tmp_path)
