"""The site's settings for pizhu: the plugin's options and what pizhu needs from mkdocs.yml.

The plugin reads them from the configuration MkDocs hands it; ``pizhu check`` reads the same
file through MkDocs' own loader. Both turn it into :class:`SiteOptions` with
:func:`site_options`, so a check decides exactly as the build does (the same ``strict``,
the same templates, the same navigation). With :mod:`pizhu.plugin`, the only module that
imports MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from .core.editions import EDITIONS
from .core.options import SiteOptions
from .core.problems import Problem

CONFIG_FILE = "mkdocs.yml"


class PizhuConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    """Options of the ``pizhu`` plugin in ``mkdocs.yml``."""

    templates = c.Type(str, default="templates")
    """Folder of the project's own Jinja templates, relative to ``mkdocs.yml``.

    ```yaml
    plugins:
      - pizhu:
          templates: templates
    ```
    """
    edit_base = c.Optional(c.Type(str))
    """URL prefix for "edit this" links on notes and terms, e.g.
    ``https://example.org/pizhu/edit/main``; without it the data file's path is shown."""
    strict = c.Type(bool, default=False)
    """Treat pizhu's warnings (e.g. unused glossary entries) as errors."""
    home_page = c.Choice(("auto", "always", "never"), default="auto")
    """Generate a home page listing the articles: ``auto`` (only when the site has no
    ``docs/index.md``; pizhu never replaces a page of the site), ``always`` or ``never``.

    ```yaml
    plugins:
      - pizhu:
          home_page: never
    ```
    """
    categories = c.Type((list, dict), default=["person", "organization", "product", "concept"])
    """Glossary categories, in the order the glossary page shows them: a list of ids (labels
    from pizhu's words for the site's language) or a mapping of ids to labels.

    ```yaml
    plugins:
      - pizhu:
          categories: {people: People, places: Places}
    ```
    """
    edition = c.Optional(c.Choice(tuple(EDITIONS)))
    """Build a converted edition of the site (``zh-Hant``) rather than the simplified original;
    set in the edition's own configuration file (``mkdocs.zh-hant.yml``), never in ``mkdocs.yml``.

    ```yaml
    INHERIT: mkdocs.yml
    plugins:
      - pizhu:
          edition: zh-Hant
    ```
    """


def site_options(config: MkDocsConfig, plugin: PizhuConfig | None, root: Path) -> SiteOptions:
    """:class:`SiteOptions` from a loaded MkDocs configuration and the plugin's options."""
    root = root.resolve()
    text = (root / CONFIG_FILE).read_text(encoding="utf-8") if (root / CONFIG_FILE).is_file() else ""
    docs = Path(config.docs_dir)
    categories = plugin.categories if plugin else ["person", "organization", "product", "concept"]
    return SiteOptions(
        templates=plugin.templates if plugin else "templates",
        edit_base=plugin.edit_base if plugin else None,
        strict=bool(config.strict or (plugin and plugin.strict)),
        nav_files=tuple((path, _line_of(text, path)) for path in _nav_files(config.nav)),
        docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
        language=str(config.theme.get("language") or config.theme.locale or "en"),
        home_page=cast(Literal["auto", "always", "never"], plugin.home_page if plugin else "auto"),
        categories=tuple((str(k), str(v)) for k, v in categories.items()) if isinstance(categories, dict)
        else tuple((str(k), None) for k in categories),
        edition=plugin.edition if plugin else None,
    )


def read_site_options(root: Path) -> tuple[SiteOptions, list[Problem]]:
    """Load ``root/mkdocs.yml`` as ``mkdocs build`` would and return pizhu's view of it.

    Without a ``mkdocs.yml`` the defaults apply (a data-only checkout can still be checked).
    """
    path = root / CONFIG_FILE
    if not path.is_file():
        return SiteOptions(), []
    logger = logging.getLogger("mkdocs")
    records = _Records()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(records)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # load_config logs what it finds wrong; it becomes problems instead
    try:
        config = _load(path)
    except (MkDocsException, OSError, ValueError) as exc:
        said = [r.getMessage() for r in records.records] or [str(exc).strip().splitlines()[-1]]
        return SiteOptions(), [Problem(CONFIG_FILE, None, message, "fix mkdocs.yml (`mkdocs build` stops on it too)")
                               for message in said]
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
        logger.propagate = propagate
    plugin = config.plugins.get("pizhu")
    return site_options(config, plugin.config if plugin is not None else None, root), []


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _load(path: Path) -> MkDocsConfig:
    from mkdocs.config import load_config

    return load_config(config_file=str(path))


def _nav_files(nav: Any) -> list[str]:
    """Every local Markdown page the navigation names, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_files(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_files(item)]
    return []


def _line_of(text: str, page: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.rstrip().endswith(page):
            return number
    return None
