"""Render real UI-library pop-ups in headless Chromium over real app screens and label them from the DOM.

    cd eval/components && npm ci && ../../.venv/bin/python render.py [--libs vant,weui] [--per-lib 50]

Each composite is one library page (pages/<lib>.html: the library's own CSS/JS from node_modules)
with a real screen from eval/real/images/screens as a full-viewport background; the pop-up's box,
its close controls and its check boxes come from getBoundingClientRect() x devicePixelRatio.
The same page before the component is mounted is saved as <name>.ref.jpg (the screen a moment
before). Writes eval/real/images/components/<lib>/, labels/components.jsonl and
provenance/components.csv; a library given with --libs replaces only that library's rows.
"""

from __future__ import annotations

import argparse
import base64
import csv
import functools
import hashlib
import http.server
import io
import json
import math
import random
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REAL = REPO / "eval" / "real"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
LONG_SIDE, QUALITY = 1280, 88
MIN_LONG_SIDE = 900  # smaller published screens would be blown up several times under a 1080 px-wide viewport

# css width, css height, devicePixelRatio: common Android phones, and one landscape.
VIEWPORTS = [
    (360, 640, 1.5),
    (360, 800, 3.0),
    (393, 873, 2.75),
    (412, 915, 2.625),
    (375, 667, 2.0),
    (414, 896, 3.0),
    (800, 360, 3.0),
]
# npm package whose version and licence the provenance names, per library page.
PACKAGES = {
    "vant": "vant",
    "weui": "weui",
    "antd-mobile": "antd-mobile",
    "ionic": "@ionic/core",
    "mdc": "material-components-web",
    "framework7": "framework7",
    "tdesign-mobile-vue": "tdesign-mobile-vue",
    "varlet": "@varlet/ui",
    "nutui": "@nutui/nutui",
    "onsenui": "onsenui",
    "arco": "@arco-design/mobile-react",
    "quasar": "quasar",
    "mui": "@mui/material",
}
# Libraries added after the held-out split was fixed: rendered over dev-split screens only, so they
# widen what the verifier trains on without changing the held-out set.
DEV_ONLY_LIBRARIES = {"varlet", "nutui", "onsenui", "arco", "quasar", "mui"}
POSITIVE = [
    "confirm",
    "install",
    "rating",
    "promo_inside",
    "promo_below",
    "sheet",
    "coupon",
    "splash",
    "privacy",
    "renew",
]
# What each page can render (a library without the component is not made to fake it).
SCENARIOS = {
    "vant": POSITIVE + ["toast", "notice", "tabbar", "navbar"],
    "weui": POSITIVE + ["toast", "notice", "tabbar", "navbar"],
    "antd-mobile": POSITIVE + ["toast", "notice", "tabbar", "navbar"],
    "ionic": POSITIVE + ["toast", "tabbar", "navbar"],
    "mdc": [
        "confirm",
        "install",
        "rating",
        "promo_inside",
        "sheet",
        "splash",
        "privacy",
        "renew",
        "snackbar",
        "banner",
        "tabbar",
        "navbar",
    ],
    "framework7": POSITIVE + ["toast", "snackbar", "banner", "tabbar", "navbar"],
    "tdesign-mobile-vue": POSITIVE + ["toast", "notice", "tabbar", "navbar"],
    "varlet": POSITIVE + ["snackbar", "tabbar", "navbar"],
    "nutui": POSITIVE + ["toast", "notice", "tabbar", "navbar"],
    "onsenui": POSITIVE + ["toast", "snackbar", "tabbar", "navbar"],
    "arco": POSITIVE + ["toast", "notice", "tabbar", "navbar"],
    "quasar": POSITIVE + ["toast", "snackbar", "banner", "tabbar", "navbar"],
    "mui": POSITIVE + ["toast", "snackbar", "banner", "tabbar", "navbar"],
}
NEGATIVE = {"toast", "notice", "tabbar", "navbar", "snackbar", "banner"}
SKIP_TEXTS = {"zh": ["跳过 3", "跳过 5", "跳过广告", "3s 跳过", "跳过"], "en": ["Skip 5s", "Skip", "Skip Ad", "Skip 3"]}


def split_of(app_id: str) -> str:
    return "heldout" if int(hashlib.sha1(app_id.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


@dataclass(frozen=True)
class Background:
    image: str  # relative to eval/real
    app_id: str
    split: str
    width: int
    height: int
    tags: tuple[str, ...]
    checkboxes: tuple[tuple[tuple[int, int, int, int], bool, str, str | None], ...] = ()


@dataclass
class Job:
    lib: str
    name: str
    scenario: str
    viewport: tuple[int, int, float]
    background: Background
    params: dict = field(default_factory=dict)


def load_backgrounds(root: Path) -> list[Background]:
    """Reviewed plain raw captures only: a background that already shows a pop-up would make the labels wrong."""
    labels = root / "labels" / "screens.jsonl"
    if not labels.is_file():
        sys.exit(f"render.py: no screen labels at {labels} (the real-screen corpus must exist first)")
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("popups") or not row.get("raw_capture", False) or row.get("notes", "").startswith("UNREVIEWED"):
            continue
        if max(int(row["width"]), int(row["height"])) < MIN_LONG_SIDE:
            continue
        if (root / row["image"]).is_file():
            out.append(
                Background(
                    row["image"],
                    row["app_id"],
                    row.get("split") or split_of(row["app_id"]),
                    int(row["width"]),
                    int(row["height"]),
                    tuple(row.get("tags") or ()),
                    tuple(
                        (tuple(c["bbox"]), c["checked"], c["kind"], c.get("text")) for c in row.get("checkboxes") or ()
                    ),
                )
            )
    if not out:
        sys.exit(f"render.py: {labels} lists no reviewed plain raw-capture screen whose image exists")
    return out


def plan(libs: list[str], per_lib: int, backgrounds: list[Background], seed: int) -> list[Job]:
    rng = random.Random(seed)
    uses: dict[str, int] = {}
    jobs = []
    for lib in libs:
        scen = SCENARIOS[lib]
        for i in range(per_lib):
            sc = scen[i % len(scen)]
            vp = VIEWPORTS[(i * 3 + len(lib)) % len(VIEWPORTS)]
            bg = _pick_background(rng, backgrounds, vp, uses)
            lang = "zh" if rng.random() < 0.55 else "en"
            params = {
                "scenario": sc,
                "lang": lang,
                "dark": rng.random() < 0.3,
                "seed": rng.randrange(1000),
                "checked": rng.random() < 0.5,
                "on": rng.random() < 0.6,
                "skipPos": rng.choice(["tr", "br", "bc"]),
                "skipText": rng.choice(SKIP_TEXTS[lang]),
                "mode": rng.choice(["ios", "md"]),
                "top": rng.choice([6, 8, 12]),
            }
            jobs.append(Job(lib, f"{i:03d}_{sc}", sc, vp, bg, params))
    return jobs


def _pick_background(
    rng: random.Random, bgs: list[Background], vp: tuple[int, int, float], uses: dict[str, int]
) -> Background:
    """A screen of about the viewport's aspect (it is shown with object-fit: cover), least-used app first."""
    want = math.log(vp[1] / vp[0])
    dist = {b.image: abs(math.log(b.height / b.width) - want) for b in bgs}
    best = min(dist.values())
    fit = [b for b in bgs if dist[b.image] <= max(best, 0.0) + 0.12]
    low = min(uses.get(b.app_id, 0) for b in fit)
    choice = rng.choice([b for b in fit if uses.get(b.app_id, 0) == low])
    uses[choice.app_id] = uses.get(choice.app_id, 0) + 1
    return choice


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would drown the progress output
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    """The pages need http:// (Ionic loads its components as ES modules, which file:// forbids)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_address[1]


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1000,1000",
        "--force-color-profile=srgb",
    ):
        opts.add_argument(arg)
    import tempfile

    profile = tempfile.mkdtemp(prefix="components-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.set_script_timeout(20)
    return driver, profile


def _capture(driver) -> Image.Image:
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
    return Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")


def _store(img: Image.Image, path: Path) -> Image.Image:
    scale = min(1.0, LONG_SIDE / max(img.size))
    if scale < 1.0:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=QUALITY, optimize=True)
    return img


def _scale_box(b: list[float], k: float, w: int, h: int) -> list[int]:
    x0, y0 = max(0.0, b[0] * k), max(0.0, b[1] * k)
    x1, y1 = min(float(w), (b[0] + b[2]) * k), min(float(h), (b[1] + b[3]) * k)
    return [round(x0), round(y0), max(1, round(x1 - x0)), max(1, round(y1 - y0))]


def _screen_checkboxes(bg: Background, vw: float, vh: float, covers: list[list[float]]) -> list[dict]:
    """The background's own check boxes in css px, as the page shows it (object-fit: cover, top
    centre), except those cropped away or hidden under the (negative) component."""
    s = max(vw / bg.width, vh / bg.height)
    ox = (vw - bg.width * s) / 2
    out = []
    for (x, y, w, h), checked, kind, text in bg.checkboxes:
        b = [x * s + ox, y * s, w * s, h * s]
        inside = b[0] >= 0 and b[1] >= 0 and b[0] + b[2] <= vw and b[1] + b[3] <= vh
        hidden = any(
            b[0] < c[0] + c[2] and c[0] < b[0] + b[2] and b[1] < c[1] + c[3] and c[1] < b[1] + b[3] for c in covers
        )
        if inside and not hidden:
            out.append({"bbox": b, "checked": checked, "kind": kind, "text": text})
    return out


def render_one(driver, port: int, job: Job, root: Path) -> dict:
    w, h, dpr = job.viewport
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": w, "height": h, "deviceScaleFactor": dpr, "mobile": True}
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark" if job.params["dark"] else "light"}]},
    )
    spec = dict(job.params, bg=urllib.parse.quote(str(root / job.background.image)))
    driver.get(
        f"http://127.0.0.1:{port}{urllib.parse.quote(str(HERE))}/pages/{job.lib}.html?spec="
        + urllib.parse.quote(json.dumps(spec))
    )
    driver.execute_async_script("window.__ready(arguments[0])")
    ref = _capture(driver)
    res = driver.execute_async_script("window.__render(arguments[0])")
    if "error" in res:
        raise RuntimeError(res["error"].splitlines()[0])
    lab = res["ok"]
    comp = _capture(driver)
    rel = f"images/components/{job.lib}/{job.name}.jpg"
    stored = _store(comp, root / rel)
    _store(ref, root / rel.replace(".jpg", ".ref.jpg"))
    k = lab["dpr"] * stored.width / comp.width  # css px -> stored px
    if not lab["popups"]:  # a pop-up's scrim hides the screen's controls; a negative leaves them in view
        lab["checkboxes"] += _screen_checkboxes(job.background, lab["vw"], lab["vh"], lab["covers"])
    sw, sh = stored.size
    tags = sorted(set(job.background.tags) | set(lab["tags"]) | ({"component_dark"} if job.params["dark"] else set()))
    notes = f"{job.lib} {job.scenario} ({job.params['lang']}{', dark' if job.params['dark'] else ''})"
    if lab["notes"]:
        notes += "; " + lab["notes"]
    return {
        "image": rel,
        "source": "components",
        "app_id": job.background.app_id,
        "split": "heldout" if job.lib == "ionic" else job.background.split,
        "width": sw,
        "height": sh,
        "original_width": comp.width,
        "original_height": comp.height,
        "dpr": round(k, 4),
        "orientation": "landscape" if sw > sh else "portrait",
        "raw_capture": True,
        "tags": tags,
        "popups": [{"bbox": _scale_box(p["bbox"], k, sw, sh), "kind": p["kind"]} for p in lab["popups"]],
        "close_controls": [
            {"bbox": _scale_box(c["bbox"], k, sw, sh), "kind": c["kind"], "text": c["text"], "popup": c["popup"]}
            for c in lab["close_controls"]
        ],
        "checkboxes": [
            {"bbox": _scale_box(c["bbox"], k, sw, sh), "checked": c["checked"], "kind": c["kind"], "text": c["text"]}
            for c in lab["checkboxes"]
        ],
        "notes": notes,
        "reference": rel.replace(".jpg", ".ref.jpg"),
    }


def package_info(name: str) -> tuple[str, str]:
    meta = json.loads((HERE / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
    return f"{meta['name']}@{meta['version']}", meta.get("license", "")


# repo/commit/path/license are the background screen's (as in provenance/screens.csv); library and
# library_license are the npm package that rendered the component.
PROV_FIELDS = ["image", "repo", "commit", "path", "license", "library", "library_license", "background"]


def write_outputs(root: Path, rows: list[dict], jobs_by_image: dict[str, Job], libs: list[str]) -> None:
    """Replace the rows of the libraries just rendered; keep the others."""
    labels_path, prov_path = root / "labels" / "components.jsonl", root / "provenance" / "components.csv"
    keep = []
    if labels_path.is_file():
        keep = [json.loads(x) for x in labels_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    keep = [r for r in keep if r["image"].split("/")[2] not in libs]
    all_rows = sorted(keep + rows, key=lambda r: r["image"])
    labels_path.parent.mkdir(parents=True, exist_ok=True)
    labels_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in all_rows), encoding="utf-8")
    old = []
    if prov_path.is_file():
        with prov_path.open(encoding="utf-8", newline="") as f:
            old = [r for r in csv.DictReader(f) if r["image"].split("/")[2] not in libs]
    screens = {}
    with (root / "provenance" / "screens.csv").open(encoding="utf-8", newline="") as f:
        screens = {r["image"]: r for r in csv.DictReader(f)}
    new = []
    for r in rows:
        job = jobs_by_image[r["image"]]
        lib_ver, lic = package_info(PACKAGES[job.lib])
        bg = screens.get(job.background.image, {})
        new.append(
            {
                "image": r["image"],
                "repo": bg.get("repo", ""),
                "commit": bg.get("commit", ""),
                "path": bg.get("path", ""),
                "license": bg.get("license", ""),
                "library": lib_ver,
                "library_license": lic,
                "background": job.background.image,
            }
        )
    prov_path.parent.mkdir(parents=True, exist_ok=True)
    with prov_path.open("w", encoding="utf-8", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=PROV_FIELDS)
        wr.writeheader()
        wr.writerows(sorted(old + new, key=lambda r: r["image"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--libs", default=",".join(SCENARIOS), help="comma-separated: " + ", ".join(SCENARIOS))
    ap.add_argument("--per-lib", type=int, default=50)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--root", type=Path, default=REAL, help="the corpus folder (default eval/real)")
    ap.add_argument("--only", help="render only job names containing this (a quick look; writes no labels)")
    args = ap.parse_args(argv)
    libs = [x for x in args.libs.split(",") if x]
    unknown = [x for x in libs if x not in SCENARIOS]
    if unknown:
        print(f"render.py: unknown library {unknown[0]!r} (known: {', '.join(SCENARIOS)})", file=sys.stderr)
        return 2
    if not (HERE / "node_modules").is_dir():
        print("render.py: eval/components/node_modules is missing: run `npm ci` there first", file=sys.stderr)
        return 2
    root = args.root.resolve()
    backgrounds = load_backgrounds(root)
    # Plan every library with the same seed so rendering one library again reproduces its jobs.
    dev = [b for b in backgrounds if b.split == "dev"]
    jobs = [
        j
        for lib in libs
        for j in plan([lib], args.per_lib, dev if lib in DEV_ONLY_LIBRARIES else backgrounds, args.seed + len(lib))
    ]
    if args.only:
        jobs = [j for j in jobs if args.only in f"{j.lib}/{j.name}"]
    httpd, port = serve(Path("/"))  # loopback only: pages, node_modules and screens by absolute path
    driver, profile = start_browser()
    rows, failed, t0 = [], [], time.monotonic()
    try:
        for n, job in enumerate(jobs, 1):
            try:
                rows.append(render_one(driver, port, job, root))
            except Exception as e:  # one broken composite must not lose the others
                failed.append(f"{job.lib}/{job.name}: {str(e).splitlines()[0][:200]}")
            if n % 20 == 0:
                print(f"{n}/{len(jobs)} rendered, {time.monotonic() - t0:.0f} s", file=sys.stderr)
    finally:
        driver.quit()
        httpd.shutdown()
        import shutil

        shutil.rmtree(profile, ignore_errors=True)
    dt = time.monotonic() - t0
    if not args.only:
        write_outputs(root, rows, {f"images/components/{j.lib}/{j.name}.jpg": j for j in jobs}, libs)
    print(f"rendered {len(rows)} composites in {dt:.0f} s ({dt / max(1, len(jobs)):.2f} s each); {len(failed)} failed")
    for f in failed:
        print("  FAILED " + f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
