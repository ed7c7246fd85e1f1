"""Shared fixtures: project copies, real builds, a served site and a real browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import BASE, CHROMIUM, CHROMIUM_ARGS, IN_CI, REPO, copy_project, mkdocs_build, serve


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz_long: long Hypothesis exploration; deselected unless -m names it")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out ``fuzz_long`` tests unless the ``-m`` expression asks for them."""
    if "fuzz_long" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("fuzz_long") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid fixture project."""
    return copy_project(BASE, tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository's site, both editions as `make site` builds them, once per test process."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    result = mkdocs_build(REPO, site / "zh-hant", "--config-file", "mkdocs.zh-hant.yml")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def compressed_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site's simplified edition with its precompressed copies (pizhu compress)."""
    from pizhu.compress import compress_site

    site = shutil.copytree(built_site, tmp_path_factory.mktemp("compressed") / "site",
                           ignore=shutil.ignore_patterns("zh-hant"))
    compress_site(site)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The real site served on loopback."""
    yield from serve(built_site)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run browser tests"
    if IN_CI:
        pytest.fail(message + " (browser tests are mandatory under CI=true)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (it cannot download its own browsers here)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser: object) -> Iterator[object]:
    """A fresh page at desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    """A fresh touch page 375 px wide."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True,  # type: ignore[attr-defined]
                                  is_mobile=True)
    page = context.new_page()
    yield page
    context.close()
