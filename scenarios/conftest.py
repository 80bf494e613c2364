"""The scenarios run through the harness plugin (loaded by its pytest11 entry point).

A scenario may search (delays, shake strengths) for longer than the project's own unit tests
are allowed to run: give each one up to ten minutes when pytest-timeout is installed."""

import pytest

SCENARIO_TIMEOUT_S = 600


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("timeout"):
        return
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(SCENARIO_TIMEOUT_S))
