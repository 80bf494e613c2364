"""`make demo`: the compliance scenarios on the embedded virtual device, end to end.

Runs `pytest scenarios/ --virtual` over a handful of demo apps (two that pass, several that
break a clause of MIIT notice 2023-26) on two workers, each with its own virtual device on
private ports, then prints where the HTML report is. FAIL verdicts are the demo working: the
exit status is non-zero only when the run itself broke (an ERROR verdict, no report).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUT = Path("out/demo")
APPS = (
    "com.demo.clean",  # passes every scenario
    "com.demo.splash.lateskip",  # 1.4: the skip control shows after 3.5 s
    "com.demo.popup.fakeclose",  # 1.4: the pop-up's X opens the advert
    "com.demo.perm.eager",  # 1.10: three permissions asked at launch
    "com.demo.autostart",  # 1.6: starts another app by itself …
    "com.demo.partner",  # … this one, which passes every scenario
)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    junit = OUT / "junit.xml"
    command = [sys.executable, "-m", "pytest", "scenarios", "--virtual", *(a for app in APPS for a in ("--app", app)),
               "-n", "2", "-p", "no:cacheprovider", "-q", "--evidence-dir", str(OUT / "evidence"),
               "--junitxml", str(junit)]
    print("$ " + " ".join(["pytest", *command[3:]]), flush=True)
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(proc.stdout.rstrip())
    report = next((line.split(":", 1)[1].strip() for line in proc.stdout.splitlines()
                   if line.startswith("harness report:")), None)
    if report is None or not Path(report).is_file():
        print("error: the scenario run wrote no report", file=sys.stderr)
        return 1
    if proc.returncode not in (0, 1) or "ERROR " in proc.stdout:
        print(f"error: the scenario run did not complete cleanly (pytest exit {proc.returncode})", file=sys.stderr)
        return 1
    print(f"\nOpen the report: {Path(report).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
