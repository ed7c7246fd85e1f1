"""Shared fixtures: project copies, real builds, a served site and a real browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import BASE, CHROMIUM, CHROMIUM_ARGS, IN_CI, PAGEFIND_BASE, REPO, copy_project, mkdocs_build, serve


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


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """The real project's data and seed, to break on purpose."""
    target = tmp_path / "real"
    for folder in ("data", "seeds"):
        shutil.copytree(REPO / folder, target / folder)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository's site, both editions as `make site` builds them, once per test process."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    result = mkdocs_build(REPO, site / "zh-hant", "--config-file", "mkdocs.zh-hant.yml")
    assert result.returncode == 0, result.stderr
    return site


def _configured(text: str, old: str, new: str) -> str:
    assert old in text, f"mkdocs.yml no longer has {old!r}: update the pagefind_site fixture"
    return text.replace(old, new, 1)


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository's site, both editions, with ``search_engine: pagefind``, under the
    sub-path :data:`PAGEFIND_BASE` of the folder returned (which is what is served)."""
    root = tmp_path_factory.mktemp("pagefind")
    project = root / "project"
    for folder in ("data", "docs", "seeds", "templates"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, project / folder)
    engine = "      search_engine: pagefind\n"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = _configured(text, "site_url: https://pizhu.example.org/\n", "site_url: https://pizhu.example.org/sub/\n")
    (project / "mkdocs.yml").write_text(_configured(text, "  - pizhu:\n", "  - pizhu:\n" + engine), encoding="utf-8")
    text = (REPO / "mkdocs.zh-hant.yml").read_text(encoding="utf-8")
    text = _configured(text, "site_url: https://pizhu.example.org/zh-hant/", "site_url: https://pizhu.example.org/sub/zh-hant/")
    text = _configured(text, "      edition: zh-Hant\n", "      edition: zh-Hant\n" + engine)
    (project / "mkdocs.zh-hant.yml").write_text(text, encoding="utf-8")
    served = root / "www"
    result = mkdocs_build(project, served / PAGEFIND_BASE)
    assert result.returncode == 0, result.stderr
    result = mkdocs_build(project, served / PAGEFIND_BASE / "zh-hant", "--config-file", "mkdocs.zh-hant.yml")
    assert result.returncode == 0, result.stderr
    return served


@pytest.fixture(scope="session")
def pagefind_url(pagefind_site: Path) -> Iterator[str]:
    """The Pagefind build of the real site served on loopback: the address of its home (a sub-path)."""
    for url in serve(pagefind_site):
        yield url + PAGEFIND_BASE


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
