"""The harness as a pytest plugin: options, fixtures, the `clause` marker and verdict reporting.

    pytest --serial emulator-5554 --app com.example --evidence-dir out/evidence
    pytest --virtual --app com.demo.shake.ok          # an embedded virtual device, private ports

Verdicts (PASS / FAIL / INCONCLUSIVE / ERROR / SKIP) of tests marked `clause(...)` or using the
`verdict` fixture go into the report's user_properties (so `--junitxml` properties), into the
test's evidence folder, and into a summary at the end. FAIL and ERROR fail the test;
INCONCLUSIVE and SKIP skip it with the reason.

adbutils reads ANDROID_ADB_SERVER_PORT when it is imported, so this module imports it (and
everything that imports it) only inside fixtures: `--virtual` exports its private port first.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .config import ConfigError, HarnessConfig, build_config, env_layer, file_layer, option_layer
from .evidence import EvidenceBundle
from .pool import PoolError, PoolSpec, export, lease_device, parse_address, pool_spec, worker_index
from .report.hook import ReportWriter
from .report.session import folder_name, properties, recorded
from .verdict import Inconclusive, Outcome, Verdict, VerdictRecorder, decide

CONFIG_KEY = pytest.StashKey[HarnessConfig]()
RUN_KEY = pytest.StashKey[str]()
VIRTUAL_KEY = pytest.StashKey[dict[str, Any]]()
EVIDENCE_KEY = pytest.StashKey[EvidenceBundle]()
RECORDER_KEY = pytest.StashKey[VerdictRecorder]()
PROFILES_KEY = pytest.StashKey[dict[tuple[str, str], Any]]()
FLOW_KEY = pytest.StashKey[tuple[Any, ...]]()
DEVICE_KEY = pytest.StashKey[Any]()  # the test's DeviceIdentity, once its device fixture ran
SIGNING_KEY = pytest.StashKey[Any]()  # the configured lab key (Ed25519PrivateKey) that signs every sealed manifest
MANIFEST_PROPERTY = "harness_manifest_sha256"
SIGNER_PROPERTY = "harness_signed_by"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "MIIT 2023-26 UI compliance harness")
    group.addoption("--serial", help="device serial to test on (default: ANDROID_SERIAL or the only device)")
    group.addoption("--app", action="append", default=[], metavar="PACKAGE",
                    help="package under test; repeat for several (tests using `app` run once per package)")
    group.addoption("--apk", action="append", default=[], metavar="PATH", help="APK to install before the tests")
    group.addoption("--evidence-dir", default="out/evidence", metavar="DIR", help="where evidence folders go")
    group.addoption("--virtual", action="store_true",
                    help="start the embedded virtual device on private ports with the --app packages installed")
    group.addoption("--harness-config", metavar="TOML", help="configuration file (default: harness.toml or "
                    "[tool.harness] in pyproject.toml)")
    group.addoption("--flow", metavar="YAML", help="navigation steps the pop-up scenario walks after launch "
                    "(taps by text/id/xy, back, wait)")
    group.addoption("--harness-set", action="append", default=[], metavar="KEY=VALUE",
                    help="override one configuration value (after file and HARNESS_* environment)")
    group.addoption("--device-pool", action="store_true",
                    help="lease one device per xdist worker (or session) from the devices the adb servers list; "
                         "one failing the health checks is left out")
    group.addoption("--adb-server", action="append", default=[], type=parse_address, metavar="HOST:PORT",
                    help="adb server whose devices join the pool; repeat for several (implies --device-pool; "
                         "default: ANDROID_ADB_SERVER_HOST/PORT)")
    group.addoption("--pool-device", action="append", default=[], metavar="SERIAL",
                    help="pool only this serial; repeat for several (implies --device-pool)")


def _worker(config: pytest.Config) -> str | None:
    return getattr(config, "workerinput", {}).get("workerid")


def _is_xdist_controller(config: pytest.Config) -> bool:
    return _worker(config) is None and bool(getattr(config.option, "numprocesses", None))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "clause(id): the MIIT 2023-26 clause a test judges, e.g. clause('1.4')")
    config.pluginmanager.register(VerdictSummary(), "harness-verdict-summary")
    workerinput = getattr(config, "workerinput", {})
    if workerinput.get("harness_loadgroup"):
        config.option.loadgroup = True  # xdist's worker then tags each test with its app's group
    config.stash[RUN_KEY] = workerinput.get("harness_run", time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2))
    config.pluginmanager.register(ReportWriter(config.stash[RUN_KEY]), "harness-report")
    layers = []
    if config.getoption("virtual") and not _is_xdist_controller(config):
        layers.append(("option", "--virtual", _prepare_virtual(config)))
    explicit = config.getoption("harness_config")
    try:
        config.stash[CONFIG_KEY] = build_config([
            file_layer(Path(config.rootpath), Path(explicit) if explicit else None), env_layer(os.environ),
            option_layer(config.getoption("harness_set")), *layers])
    except ConfigError as e:
        raise pytest.UsageError(str(e)) from None
    key_path = config.stash[CONFIG_KEY].signing_key
    if key_path is not None:
        from .evidence.signing import SigningKeyError, load_private
        try:
            config.stash[SIGNING_KEY] = load_private(key_path)
        except SigningKeyError as e:
            raise pytest.UsageError(f"signing_key: {e}") from None
    flow = config.getoption("flow")
    if flow:
        from .flow import FlowError, load_flow
        try:
            config.stash[FLOW_KEY] = load_flow(Path(flow))
        except FlowError as e:
            raise pytest.UsageError(str(e)) from None


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker writes under the controller's run folder, and groups tests as the
    controller does (a worker re-parses the command line, where `--dist` may be unset)."""
    node.workerinput["harness_run"] = node.config.stash[RUN_KEY]
    node.workerinput["harness_loadgroup"] = node.config.option.dist == "loadgroup"


def _prepare_virtual(config: pytest.Config) -> dict[str, str]:
    """Choose private ports and a console token now, before anything imports adbutils; the
    device itself starts when a test first needs it (never on an xdist controller)."""
    from emulator.ports import free_port, private_adb_server_port

    worker = _worker(config)
    index = worker_index(worker)
    # Workers start at different ports so two probing at once do not pick the same one.
    adb_port = free_port(range(private_adb_server_port() + 20 * index, 16037))
    os.environ["ANDROID_ADB_SERVER_PORT"] = str(adb_port)
    folder = Path(tempfile.mkdtemp(prefix="harness-virtual-"))
    token = folder / "console_token"
    token.write_text(secrets.token_urlsafe(12))
    token.chmod(0o600)
    config.stash[VIRTUAL_KEY] = {"adb_port": adb_port, "folder": folder}
    return {"console_token_path": str(token)}


# ---- fixtures -----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def harness_config(pytestconfig: pytest.Config) -> HarnessConfig:
    """The configuration in force, each value with its origin (`settings()`)."""
    return pytestconfig.stash[CONFIG_KEY]


@pytest.fixture(scope="session")
def harness_serial(pytestconfig: pytest.Config) -> Iterator[str]:
    """The serial under test: the virtual device (started here), one leased from the device pool,
    --serial, ANDROID_SERIAL, or the only device."""
    virtual = pytestconfig.stash.get(VIRTUAL_KEY, None)
    pool = pool_spec(pytestconfig.getoption("device_pool"), pytestconfig.getoption("adb_server"),
                     pytestconfig.getoption("pool_device"), os.environ)
    if pool is not None:
        if pytestconfig.getoption("virtual") or pytestconfig.getoption("serial"):
            pytest.fail("the device pool options exclude --virtual and --serial", pytrace=False)
        yield from _leased_device(pytestconfig, pool)
        return
    if virtual is not None:
        yield from _virtual_device(pytestconfig, virtual)
        return
    serial = pytestconfig.getoption("serial") or os.environ.get("ANDROID_SERIAL")
    if serial:
        yield serial
        return
    from .commands.devices import AdbUnavailable, list_devices
    try:
        online = [r.serial for r in list_devices() if r.state == "device"]
    except AdbUnavailable as e:
        pytest.fail(str(e), pytrace=False)
    if len(online) != 1:
        pytest.fail(f"{len(online)} devices online ({', '.join(online) or 'none'}): pass --serial or --virtual",
                    pytrace=False)
    yield online[0]


def _leased_device(config: pytest.Config, pool: PoolSpec) -> Iterator[str]:
    try:
        leased = lease_device(pool, worker_index(_worker(config)), timeout=config.stash[CONFIG_KEY].connect_timeout_s)
    except PoolError as e:  # every test of this worker is ERROR with it, the cached setup failure
        raise pytest.fail.Exception(f"device pool: {e}", pytrace=False) from None
    export(leased.device, os.environ)
    try:
        yield leased.device.serial
    finally:
        leased.release()


def _virtual_device(config: pytest.Config, virtual: dict[str, Any]) -> Iterator[str]:
    from emulator.launch import AdbServer, LaunchError, start_virtual_device

    server = AdbServer(virtual["adb_port"])
    device = None
    apps = config.getoption("app")
    cfg = config.stash[CONFIG_KEY]
    try:
        server.start()
        device = start_virtual_device(server.port, virtual["folder"] / "device.log",
                                      token_path=cfg.console_token_path,
                                      extra_args=("--install", ",".join(apps)) if apps else ())
        server.wait_for_device(device.serial, timeout=cfg.connect_timeout_s)
        yield device.serial
    except LaunchError as e:
        pytest.fail(f"--virtual: {e}", pytrace=False)
    finally:
        if device is not None:
            device.stop()
        server.stop()


@pytest.fixture(scope="session")
def _harness_session(pytestconfig: pytest.Config, harness_serial: str) -> Iterator[Any]:
    from .device import DeviceError, DeviceSession

    try:
        session = DeviceSession.connect(harness_serial)
        for apk in pytestconfig.getoption("apk"):
            session.install(apk)
    except DeviceError as e:
        pytest.fail(str(e), pytrace=False)
    yield session
    session.close()


def _run_folder(config: pytest.Config) -> Path:
    return Path(config.invocation_params.dir, config.getoption("evidence_dir"), config.stash[RUN_KEY])


def _evidence_folder(config: pytest.Config, nodeid: str) -> Path:
    return _run_folder(config).joinpath(*filter(None, [_worker(config), folder_name(nodeid)]))


def _record_config(bundle: EvidenceBundle, config: HarnessConfig) -> None:
    """The configuration in force, each value with its origin and source."""
    bundle.write_json("config.json", [s.model_dump(mode="json") for s in config.settings()])


@pytest.fixture
def evidence(request: pytest.FixtureRequest, harness_config: HarnessConfig) -> Iterator[EvidenceBundle]:
    """This test's evidence folder, sealed at teardown (after its verdict is written)."""
    bundle = EvidenceBundle(_evidence_folder(request.config, request.node.nodeid),
                            request.config.stash.get(SIGNING_KEY, None))
    request.node.stash[EVIDENCE_KEY] = bundle
    _record_config(bundle, harness_config)
    bundle.event("test_start", nodeid=request.node.nodeid)
    try:
        yield bundle
    finally:
        bundle.event("test_end", nodeid=request.node.nodeid)
        bundle.seal()
        # JUnit (the teardown report's properties) holds the hash as sealed: an anchor outside the folder
        request.node.user_properties.append((MANIFEST_PROPERTY, bundle.manifest_sha256))
        if bundle.signed_by:
            request.node.user_properties.append((SIGNER_PROPERTY, bundle.signed_by))


@pytest.fixture
def device(request: pytest.FixtureRequest, _harness_session: Any, evidence: EvidenceBundle) -> Iterator[Any]:
    """The `harness.device.DeviceSession` under test; its launches and taps go to the evidence."""
    identity = request.node.stash[DEVICE_KEY] = _harness_session.identity()
    evidence.write_json("identity/device.json", identity)
    _harness_session.sink = evidence
    try:
        yield _harness_session
    finally:
        _harness_session.sink = None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    apps = metafunc.config.getoption("app")
    if "app" in metafunc.fixturenames and apps:
        # one xdist group per app: its tests share one worker, one device and one launch profile
        metafunc.parametrize("app", [pytest.param(a, marks=pytest.mark.xdist_group(a)) for a in apps], indirect=True)


@pytest.hookimpl(wrapper=True)
def pytest_cmdline_main(config: pytest.Config) -> Iterator[Any]:
    """With xdist, keep each app's tests together (`--dist loadgroup`) unless told otherwise.
    A wrapper, so this runs before xdist turns the unset `--dist` into `load`."""
    if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", None) == "no":
        config.option.dist = "loadgroup"
    return (yield)


@pytest.fixture
def app(request: pytest.FixtureRequest, device: Any, evidence: EvidenceBundle) -> str:
    """The package under test (one per --app); its identity goes to the evidence."""
    package = getattr(request, "param", None)
    if package is None:
        pytest.fail("this test needs an app: pass --app PACKAGE", pytrace=False)
    from .device import DeviceError
    try:
        evidence.write_json("identity/app.json", device.app_identity(package))
    except DeviceError as e:
        pytest.fail(str(e), pytrace=False)
    return package


@pytest.fixture
def capture(device: Any, evidence: EvidenceBundle, harness_config: HarnessConfig) -> Iterator[Any]:
    """A `FrameCapture` at the configured rates streaming to the evidence; start it when the
    test is ready. It is stopped at teardown and its statistics kept."""
    from .capture import CaptureConfig, FrameCapture

    config = CaptureConfig(fps=harness_config.capture_fps,
                           hierarchy_interval_s=harness_config.hierarchy_interval_ms / 1000)
    cap = FrameCapture.for_session(device, config, evidence)
    yield cap
    if cap.running:
        cap.stop()
    if cap.state != "idle":
        evidence.write_json("capture_stats.json", cap.stats())


@pytest.fixture
def probes(device: Any, evidence: EvidenceBundle) -> Iterator[Any]:
    """`harness.probes.Probes` bound to the device under test and this test's evidence; what
    it starts is stopped at teardown, and the logcat it followed is kept as `logcat.txt`."""
    from .probes import Probes

    bound = Probes(device, evidence)
    try:
        yield bound
    finally:
        bound.close()


@pytest.fixture
def shaker(device: Any, evidence: EvidenceBundle, harness_config: HarnessConfig) -> Iterator[Any]:
    """A `Shaker` on the device's emulator console. Without a console (a physical phone) the
    test is INCONCLUSIVE: a shake cannot be injected there."""
    from .console import ConsoleUnavailable
    from .shake import Shaker

    try:
        s = Shaker.open(device.serial, harness_config, evidence, clock=device.clock)
    except ConsoleUnavailable as e:
        raise Inconclusive(str(e)) from None
    yield s
    s.close()


@pytest.fixture
def watcher(device: Any, app: str, evidence: EvidenceBundle, harness_config: HarnessConfig) -> Iterator[Any]:
    """`harness.scenario.Watcher`: watched cold launches (trials) of the app under test, each
    capturing into `trials/NN/` of the evidence; every trial is stopped at teardown."""
    from .scenario import Watcher

    w = Watcher(device, app, harness_config, evidence)
    try:
        yield w
    finally:
        w.close()


@pytest.fixture
def launch_profile(request: pytest.FixtureRequest, device: Any, app: str, evidence: EvidenceBundle,
                   harness_config: HarnessConfig) -> Any:
    """`harness.scenario.LaunchProfile`: the app's fresh, hands-off launch, observed once per
    session (in its own evidence folder, `profile_<package>`) and shared by the scenarios."""
    from .scenario import observe_launch

    profiles = request.config.stash.setdefault(PROFILES_KEY, {})
    key = (device.serial, app)
    if key not in profiles:
        folder = _evidence_folder(request.config, f"profile_{app}")
        with EvidenceBundle(folder, request.config.stash.get(SIGNING_KEY, None)) as bundle:
            _record_config(bundle, harness_config)
            device.sink = bundle
            try:
                bundle.write_json("identity/device.json", device.identity())
                bundle.write_json("identity/app.json", device.app_identity(app))
                profiles[key] = observe_launch(device, app, harness_config, bundle, str(folder))
            except Exception as e:  # kept: the app's other tests end with this reason, not a retry
                profiles[key] = e
            finally:
                device.sink = evidence
    profile = profiles[key]
    if isinstance(profile, BaseException):
        raise profile
    evidence.event("launch_profile", folder=profile.folder, package=app)
    return profile


@pytest.fixture
def flow(pytestconfig: pytest.Config) -> tuple[Any, ...]:
    """The `--flow` steps (`harness.flow.Step`), empty without the option."""
    return pytestconfig.stash.get(FLOW_KEY, ())


@pytest.fixture
def annotations(evidence: EvidenceBundle) -> Iterator[Any]:
    """Key frames with what was found or tapped on them, written as `annotations.json` for the
    report when the test ends (before the evidence is sealed), whatever its outcome."""
    from .scenario import Annotations

    notes = Annotations(evidence)
    try:
        yield notes
    finally:
        notes.write()


@pytest.fixture
def verdict(request: pytest.FixtureRequest, harness_config: HarnessConfig) -> VerdictRecorder:
    """Record measurements against configured thresholds and conclude; see `harness.verdict`."""
    return _recorder(request.node, harness_config)


def _clause(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("clause")
    return str(marker.args[0]) if marker and marker.args else None


def _recorder(item: pytest.Item, config: HarnessConfig) -> VerdictRecorder:
    if RECORDER_KEY not in item.stash:
        item.stash[RECORDER_KEY] = VerdictRecorder(config, _clause(item))
    return item.stash[RECORDER_KEY]


# ---- verdicts -----------------------------------------------------------------------------
def _judged(item: pytest.Item) -> bool:
    return item.get_closest_marker("clause") is not None or "verdict" in getattr(item, "fixturenames", ())


def _outcome(item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport) -> Outcome:
    recorder = _recorder(item, item.config.stash[CONFIG_KEY])
    excinfo = call.excinfo
    if excinfo is not None:
        from .console import ConsoleUnavailable
        message = str(excinfo.value).splitlines()[0] if str(excinfo.value) else excinfo.typename
        if excinfo.errisinstance((Inconclusive, ConsoleUnavailable)):
            return recorder.set(Verdict.INCONCLUSIVE, message)
        if excinfo.errisinstance(pytest.skip.Exception) or report.skipped:
            return recorder.set(Verdict.SKIP, message)
        if recorder.outcome is not None and recorder.outcome.verdict is Verdict.FAIL:
            return recorder.outcome
        return recorder.set(Verdict.ERROR, f"{excinfo.typename}: {message}")
    if recorder.outcome is not None:
        return recorder.outcome
    return decide(recorder.measurements, clause=recorder.clause,
                  reason="" if recorder.measurements else "the test recorded no verdict")


def _properties(item: pytest.Item, outcome: Outcome) -> list[tuple[str, str]]:
    """The verdict, and what is known of the package, the device and the evidence folder."""
    bundle = item.stash.get(EVIDENCE_KEY, None)
    callspec = getattr(item, "callspec", None)
    package = callspec.params.get("app") if callspec is not None else None
    return properties(outcome, device=item.stash.get(DEVICE_KEY, None),
                      package=package if isinstance(package, str) else None,
                      evidence=bundle.root.relative_to(_run_folder(item.config)).as_posix() if bundle else None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report: pytest.TestReport = yield
    decisive = call.when == "call" or (call.when == "setup" and not report.passed)
    if not (decisive and _judged(item) and CONFIG_KEY in item.config.stash):
        return report
    outcome = _outcome(item, call, report)
    props = _properties(item, outcome)
    report.user_properties.extend(props)
    item.user_properties.extend(props)  # junitxml writes the properties of the teardown report
    bundle = item.stash.get(EVIDENCE_KEY, None)
    if bundle is not None and not bundle.sealed:
        bundle.write_json("verdict.json", outcome)
        bundle.event("verdict", verdict=outcome.verdict.value, clause=outcome.clause, reason=outcome.reason)
    _apply(report, item, outcome)
    return report


def _apply(report: pytest.TestReport, item: pytest.Item, outcome: Outcome) -> None:
    """Make pytest's outcome follow the verdict (the reason shows in -ra and junit)."""
    label = f"{outcome.verdict.value}" + (f" [clause {outcome.clause}]" if outcome.clause else "")
    if outcome.verdict is Verdict.FAIL and report.passed:
        report.outcome, report.longrepr = "failed", f"{label}: {outcome.reason}"
    elif outcome.verdict in (Verdict.INCONCLUSIVE, Verdict.SKIP):
        line = item.location[1] or 0
        report.outcome, report.longrepr = "skipped", (str(item.path), line + 1, f"{label}: {outcome.reason}")


class VerdictSummary:
    """Collects verdicts from reports (on an xdist controller too) for the end-of-run section."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        test = recorded(report.nodeid, report.user_properties, None) if report.when != "teardown" else None
        if test is not None:
            self.rows.append((report.nodeid, test.outcome.verdict.value, test.outcome.reason))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.rows:
            terminalreporter.section("harness verdicts")
        for nodeid, verdict, reason in self.rows:
            terminalreporter.write_line(f"{verdict:<12} {nodeid}" + (f" — {reason}" if reason else ""))
