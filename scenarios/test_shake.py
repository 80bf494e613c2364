"""Clause 1.4 — no high-sensitivity shake-to-jump (摇一摇): a shake weaker than the reference
(15 m/s², 35°, 3 s by default, after T/TAF 078.7—2022) must not make the app jump.

    pytest scenarios/test_shake.py --serial emulator-5554 --app com.vendor.app

Needs the emulator console to inject sensor values: on a physical phone it is INCONCLUSIVE.
"""

import pytest

from harness.scenario.shake import DIMENSIONS, ShakeSearch


@pytest.mark.clause("1.4")
@pytest.mark.parametrize("screen", ["splash", "home"])
def test_shake_to_jump(screen, device, app, launch_profile, watcher, shaker, verdict, harness_config):
    # Arrange: the screen to shake, as the hands-off launch found it.
    if screen == "splash" and not launch_profile.splash.seen:
        pytest.skip("no splash to shake")
    search = ShakeSearch(watcher, shaker, launch_profile, harness_config, on_splash=screen == "splash")

    # Act: the reference shake first; only if it makes the app jump, weaker ones.
    reference = search.probe()
    if not reference.jumped:
        # The verdict rests on this probe: weaker shakes are not tried (the reaction is monotonic).
        verdict.measure("jump_on_reference_shake", reference.jumped, compare="==", threshold=False)
        # Reported, not judged: does a clearly stronger shake jump (is there a shake-to-jump at all)?
        c = harness_config
        strong = search.probe(peak_accel_ms2=2 * c.shake_accel_ms2, rotation_deg=c.shake_rotation_deg + 10,
                              duration_s=c.shake_duration_s + 1)
        verdict.measure("jump_on_stronger_shake", strong.jumped)
        verdict.measure("shakes_replayed_late", search.replayed)
        verdict.conclude(reason="no jump on the reference shake, so none on a weaker one"
                         + ("; a stronger shake does jump" if strong.jumped else ""))
        return
    verdict.measure("jump_on_reference_shake", reference.jumped)
    # Observe: the same wait without a shake, to tell the shake's jump from the app's own.
    if search.probe(still=True).jumped:
        verdict.conclude(observed_enough=False, reason="the app leaves this screen by itself, shake or not")
        return
    results = [search.dimension(name) for name in DIMENSIONS]

    # Judge: a jump on any shake below the reference (in one dimension) is a violation.
    weaker = [p for p in search.probes if p.below(harness_config)]
    verdict.measure("shakes_below_reference", len(weaker))
    verdict.measure("jumps_below_reference", sum(p.jumped for p in weaker), compare="<=", threshold=0)
    for result in results:
        key = DIMENSIONS[result.name][1]
        if result.weakest_jump is None:
            verdict.measure(f"weakest_jumping_{result.name}", f"> {result.bracket.below}", unit=result.unit)
            continue
        verdict.measure(f"weakest_jumping_{result.name}", round(result.weakest_jump, 2), unit=result.unit,
                        compare=">=", key=key)
        verdict.measure(f"weakest_jumping_{result.name}_repeated", result.repeated)
        if result.bracket.below is not None:
            verdict.measure(f"strongest_still_{result.name}", round(result.bracket.below, 2), unit=result.unit)
    verdict.measure("shake_probes", len(search.probes))
    verdict.measure("shakes_replayed_late", search.replayed)
    verdict.conclude()
