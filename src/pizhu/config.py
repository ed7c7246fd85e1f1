"""The site's settings for pizhu: the plugin's options and what pizhu needs from mkdocs.yml.

The plugin reads them from the configuration MkDocs hands it; ``pizhu check`` reads the same
file through MkDocs' own loader. Both turn it into :class:`SiteOptions` with
:func:`site_options`, so a check decides exactly as the build does (the same ``strict``,
the same templates, the same navigation). With :mod:`pizhu.plugin`, the only module that
imports MkDocs.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urljoin

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from .core.editions import EDITIONS
from .core.options import FEED_ENTRIES, SiteOptions
from .core.problems import Problem

CONFIG_FILE = "mkdocs.yml"


class _Categories(c.Type):  # type: ignore[type-arg]
    """A list of category ids, or a mapping of ids to labels: each a line of text."""

    def __init__(self, default: list[str]) -> None:
        super().__init__((list, dict), default=default)

    def run_validation(self, value: object) -> list[str] | dict[str, str]:
        checked = super().run_validation(value)
        items = list(checked.items()) if isinstance(checked, dict) else [(item, "") for item in checked]
        for key, label in items:
            if not isinstance(key, str) or not isinstance(label, str) or not key.strip():
                raise ValidationError(f"a category is an id (text), with a label (text) in a mapping; "
                                        f"not {key!r}: {label!r} (write `categories: [person, …]` or "
                                        "`categories: {person: People, …}`)")
        return cast("list[str] | dict[str, str]", checked)


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
    messages = c.Type(str, default="i18n")
    """Folder of the site's own reader-facing words, relative to ``mkdocs.yml``: ``<language>.yml``
    (``ja.yml``, ``zh-Hans.yml``), a flat mapping of pizhu's message keys (those of its
    ``i18n/en.yml``) to the site's words. They override pizhu's catalogue for that language key
    by key; a site in a language pizhu has no catalogue for writes every key it shows (the rest
    stay English). ``pizhu check`` reports an unknown key or placeholder at its line.

    ```yaml
    plugins:
      - pizhu:
          messages: i18n     # i18n/ja.yml for `theme: {language: ja}`
    ```
    """
    edit_base = c.Optional(c.Type(str))
    """URL prefix for "edit this" links on notes, terms and tables, e.g.
    ``https://github.com/org/pizhu/edit/main``. Without it, pizhu derives it from MkDocs' own
    ``repo_url`` and ``edit_uri`` (``edit/main/docs/`` gives ``…/edit/main/``); without those,
    the data file's path is shown."""
    compress = c.Type(bool, default=False)
    """After the build, write ``.gz`` and ``.br`` copies of the site's text files, for hosts that
    serve precompressed files (``pizhu compress site/`` does the same to any built site)."""
    minify = c.Type(bool, default=False)
    """Minify every page's HTML as it is written (:mod:`pizhu.minify`: indentation, optional
    quotes; closing tags, scripts and preformatted text are kept): the article page 126.8 ->
    119.1 KB. Costs about 2 ms a page."""
    search_engine = c.Choice(("material", "pagefind"), default="material")
    """What answers the header's search box: ``material`` (Material's own index, one file that
    the page fetches on the first search: fine for a few articles) or ``pagefind`` (a chunked
    index written by Pagefind after the build, for sites of many articles; needs the
    ``pagefind`` extra, ``pip install 'pizhu[pagefind]'``). Both search in pizhu's words and
    understand Traditional, regional and pinyin queries (:mod:`pizhu.pagefind`).

    ```yaml
    plugins:
      - search
      - pizhu:
          search_engine: pagefind
    ```
    """
    strict = c.Type(bool, default=False)
    """Treat pizhu's warnings (e.g. unused glossary entries) as errors."""
    feed_entries = c.Type(int, default=FEED_ENTRIES)
    """How many entries the feeds (``feed.xml``, ``feed.json``) hold: the newest notes and
    corrections. Feed readers fetch the whole file again and again, so it holds the latest
    entries, not the site's history (every note is in ``annotations.jsonld``). At least 1.

    ```yaml
    plugins:
      - pizhu:
          feed_entries: 100
    ```
    """
    home_page = c.Choice(("auto", "always", "never"), default="auto")
    """Generate a home page listing the articles: ``auto`` (only when the site has no
    ``docs/index.md``; pizhu never replaces a page of the site), ``always`` or ``never``.

    ```yaml
    plugins:
      - pizhu:
          home_page: never
    ```
    """
    categories = _Categories(default=["person", "organization", "product", "concept"])
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
    config_file = Path(config.config_file_path or root / CONFIG_FILE).resolve()
    shown = config_file.relative_to(root).as_posix() if config_file.is_relative_to(root) else config_file.name
    nav_file, text = _written_in(config_file, "nav", root)
    docs = Path(config.docs_dir)
    categories = plugin.categories if plugin else ["person", "organization", "product", "concept"]
    return SiteOptions(
        templates=plugin.templates if plugin else "templates",
        messages=plugin.messages if plugin else "i18n",
        edit_base=(plugin.edit_base if plugin and plugin.edit_base
                   else edit_base(config.repo_url, config.edit_uri, docs.relative_to(root).as_posix()
                                  if docs.is_relative_to(root) else "docs")),
        repo_url=str(config.repo_url) if config.repo_url else None,
        strict=bool(config.strict or (plugin and plugin.strict)),
        nav_files=tuple((path, nav_file, _line_of(text, path)) for path in _nav_files(config.nav)),
        docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
        slugify=_slugify(config),
        language=str(config.theme.get("language") or config.theme.locale or "en"),
        home_page=cast(Literal["auto", "always", "never"], plugin.home_page if plugin else "auto"),
        config_file=shown,
        site_name=str(config.site_name),
        site_url=config.site_url or None,
        categories=tuple((str(k), str(v)) for k, v in categories.items()) if isinstance(categories, dict)
        else tuple((str(k), None) for k in categories),
        edition=plugin.edition if plugin else None,
        feed_entries=plugin.feed_entries if plugin else FEED_ENTRIES,
        directory_urls=bool(config.use_directory_urls) and not _offline(config),
    )


def _slugify(config: MkDocsConfig) -> Callable[[str, str], str] | None:
    """The ``slugify`` of the ``toc`` extension as mkdocs.yml configures it (``None``: its default)."""
    toc = config.mdx_configs.get("toc")
    slugify = toc.get("slugify") if isinstance(toc, dict) else None
    return cast("Callable[[str, str], str]", slugify) if callable(slugify) else None


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on: it turns ``use_directory_urls`` off, after pizhu
    has read the configuration."""
    return any(type(plugin).__module__.startswith("material.plugins.offline") and plugin.config.get("enabled", True)
               for plugin in config.plugins.values())


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
        said = [r.getMessage() for r in records.records]
        return SiteOptions(), [Problem(CONFIG_FILE, None, message, "fix mkdocs.yml (`mkdocs build` stops on it too)")
                               for message in said] or [_unreadable(exc)]
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
        logger.propagate = propagate
    plugin = config.plugins.get("pizhu")
    # What MkDocs only warns about (an unknown option …) stops `mkdocs build --strict`: so here too.
    warned = [Problem(CONFIG_FILE, None, r.getMessage(), "fix mkdocs.yml (`mkdocs build --strict` stops on it)",
                      "warning") for r in records.records]
    return site_options(config, plugin.config if plugin is not None else None, root), warned + config_problems(config)


def config_problems(config: MkDocsConfig) -> list[Problem]:
    """What is wrong with MkDocs' own settings for pizhu: the theme's language, the search's."""
    return theme_problems(config) + search_problems(config)


def search_problems(config: MkDocsConfig) -> list[Problem]:
    """A site in Chinese whose search plugin does not split Chinese into words (no ``lang: zh``:
    Material then indexes a Chinese site as English, and a word inside a sentence is not found)."""
    language = str(config.theme.get("language") or "")
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not language.lower().startswith("zh"):
        return []
    lang = search.config.get("lang") or []
    if "zh" in ([lang] if isinstance(lang, str) else lang):
        return []
    where = _file_writing(config, "plugins")
    return [Problem(where, None, f"the site is in {language}, and its search plugin does not split Chinese into words "
                    f"(its `lang` is {lang or 'not set, so en'}): a word inside a sentence is not found",
                    "set `lang: zh` under `- search:` in `plugins`", "warning")]


def theme_problems(config: MkDocsConfig) -> list[Problem]:
    """A ``theme.language`` Material has no interface for (``de-CH``): its build stops with a traceback."""
    language = str(config.theme.get("language") or "")
    if config.theme.name != "material" or not language or (config.theme.custom_dir and Path(
            config.theme.custom_dir, "partials", "language.html").exists()):  # (the site chooses its partial itself)
        return []
    found = {p.stem for folder in config.theme.dirs for p in Path(folder, "partials", "languages").glob("*.html")}
    if not found or language in found:
        return []
    close = difflib.get_close_matches(language, sorted(found), n=1, cutoff=0.5)
    where = _file_writing(config, "theme")
    return [Problem(where, None, f"Material has no interface in the language \"{language}\" (`theme.language`): "
                    "its build stops", "use one it has" + (f", e.g. {close[0]}" if close else "")
                    + " (pizhu's own words follow the same setting)")]


def _unreadable(exc: Exception) -> Problem:
    """Why MkDocs could not load mkdocs.yml: a YAML syntax error at its line, else MkDocs' words."""
    cause = exc.__context__
    if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark is not None:
        return Problem(CONFIG_FILE, cause.problem_mark.line + 1, f"YAML syntax error: {cause.problem}",
                       "fix mkdocs.yml (`mkdocs build` stops on it too)")
    return Problem(CONFIG_FILE, None, " ".join(str(exc).split()), "fix mkdocs.yml (`mkdocs build` stops on it too)")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def edit_base(repo_url: str | None, edit_uri: str | None, docs_dir: str) -> str | None:
    """The repository's edit address for files at its root, from MkDocs' settings.

    MkDocs' ``edit_uri`` points at the docs folder (``edit/main/docs/``); pizhu's pages come
    from data files elsewhere in the repository, so the docs folder is climbed out of:
    ``https://github.com/org/pizhu/`` + ``edit/main/docs/`` -> ``https://github.com/org/pizhu/edit/main/``.
    """
    if not repo_url or not edit_uri:
        return None
    climb = "../" * len([part for part in docs_dir.split("/") if part not in ("", ".")])
    base = urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", edit_uri.rstrip("/") + "/" + climb)
    return base.rstrip("/")


def data_edit_uri(path: str, docs_dir: str) -> str:
    """A data file's path as MkDocs' ``File.edit_uri`` (relative to the docs folder in ``edit_uri``)."""
    return "../" * len([part for part in docs_dir.split("/") if part not in ("", ".")]) + path


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


def _file_writing(config: MkDocsConfig, key: str) -> str:
    """The configuration file (beside the one MkDocs loaded, or it) that writes ``key``."""
    config_file = Path(config.config_file_path or CONFIG_FILE).resolve()
    return _written_in(config_file, key, config_file.parent)[0]


def _written_in(config_file: Path, key: str, root: Path) -> tuple[str, str]:
    """The configuration file that writes ``key`` (the file itself, or a file it inherits, as
    MkDocs merges them) and its text, so that a problem names the line a contributor edits.
    Only files inside the project are read; without ``key`` anywhere, the file itself."""
    found: list[tuple[str, str]] = []
    path: Path | None = config_file
    while path is not None and path.is_relative_to(root) and path.is_file() and len(found) < 8:
        text = path.read_text(encoding="utf-8", errors="replace")
        found.append((path.relative_to(root).as_posix(), text))
        if re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE):
            return found[-1]
        parent = re.search(r"^INHERIT\s*:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.MULTILINE)
        path = (path.parent / parent[1]).resolve() if parent else None
    return found[0] if found else (config_file.name, "")


def _line_of(text: str, page: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.rstrip().endswith(page):
            return number
    return None
