"""One call from project root to everything a site needs: pages, open data, problems.

The MkDocs plugin and ``pizhu check`` both go through :func:`build_outputs` with the same
:class:`~pizhu.core.options.SiteOptions`, so the checks a contributor runs are exactly the checks
that stop a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import jinja2

from .core.convert import Converter
from .core.editions import EDITIONS, SOURCE_LANGUAGE, Edition, check_overrides, converter, original_site_url
from .core.extras import chinese_problems
from .core.i18n import Messages, catalogue_name, site_words
from .core.limits import MAX_PAGE_BYTES, MAX_YAML_BYTES
from .core.links import link_problems
from .core.model import Project
from .core.options import FEED_ENTRIES, SiteOptions
from .core.paths import confined, noting_reads, read_confined, unread_files
from .core.problems import Problem, errors, reading
from .core.timing import Stopwatch
from .core.urls import page_dir
from .editions import site_texts
from .kinds import KINDS, Context
from .pipeline import load_project
from .render.feeds import feed_files
from .render.site import Page, SiteRenderer


@dataclass(slots=True)
class Outputs:
    """What a build of the project produces (nothing is written yet)."""

    project: Project
    problems: list[Problem]
    context: Context
    """The project with the site's settings and words, for the stages after building (search)."""
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    """Open-data files by path inside the site (``annotations.jsonld`` …)."""
    convert: Converter | None = None
    """The converter of the edition being built (``None`` for the simplified original)."""
    stopwatch: Stopwatch = field(default_factory=Stopwatch)
    """Seconds by stage, of this call and of the plugin's stages after it."""


def build_outputs(root: Path | str, options: SiteOptions | None = None) -> Outputs:
    """Load, check and, when nothing stops it, render the project.

    1. Load and check the data (:func:`pizhu.pipeline.load_project`).
    2. Render every page and open-data file, in memory.
    3. Check the outputs against the site: no two at one path, none over a page the site
       already has, every page the navigation names provided.

    Args:
        root: the project folder (holding ``data/``, ``seeds/`` and ``mkdocs.yml``).
        options: the site's settings (defaults when the project has no ``mkdocs.yml``).
    """
    root = Path(root)
    options = options or SiteOptions()
    stopwatch = Stopwatch()
    # A converted edition loads the data as the original does (words the loaders write into the
    # model are the original's; the pages are converted later), so its open data is the original's.
    edition = EDITIONS[options.edition or "zh-Hant"]
    load_options = replace(options, edition=None, language=SOURCE_LANGUAGE) if options.edition else options
    config_file = options.config_file or "mkdocs.yml"
    missing = chinese_problems(config_file, [], options.language) or chinese_problems(config_file, [], load_options.language)
    if missing:  # a site in Chinese without jieba, OpenCC or pypinyin: nothing can be checked without them
        return _unloaded(root, options, missing, stopwatch)
    with stopwatch.stage("load and check"), noting_reads() as looked:
        problems: list[Problem] = []
        with reading(edition.overrides_file):  # read by every build, so that `pizhu check` reports its problems
            convert = converter(root, edition, problems)  # (before stopping: its problems come with the rest)
        source_messages, messages = _messages(root, options, load_options.language, edition, convert, problems)
        project, loading_problems = load_project(root, load_options, messages=source_messages)
        problems += loading_problems
        problems += unread_files(root, "data", looked)
        # A site in another language with Chinese words (a name in its glossary) needs them too.
        problems += chinese_problems(config_file, [a.canonical for a in project.articles] + [w.text for w in project.prose]
                                     + [w for kind in KINDS for w in kind.search_words(project)], options.language)
    problems += _option_problems(root, options) + _edition_problems(root, options, project)
    ctx = Context(root, project, problems, options, messages)
    outputs = Outputs(project, problems, ctx, stopwatch=stopwatch)
    templates = confined(root, options.templates)
    if errors(problems, strict=options.strict) or isinstance(templates, str):
        return outputs
    outputs.convert = convert if options.edition else None
    try:
        with reading(options.templates), stopwatch.stage("render pages"):
            outputs.pages = SiteRenderer(project, KINDS, templates, options, messages, outputs.convert).pages()
    except jinja2.TemplateSyntaxError as exc:
        problems.append(Problem(_shown(root, exc.filename or options.templates), exc.lineno,
                                f"template syntax error: {exc.message}", "fix the template"))
        return outputs
    except jinja2.UndefinedError as exc:
        problems.append(Problem(options.templates, None, f"template uses something undefined: {exc.message}",
                                "fix the name in the template"))
        return outputs
    except jinja2.TemplateNotFound as exc:
        problems.append(Problem(options.templates, None, f"template {exc.name} not found",
                                "name a template that exists in your templates/ folder or in pizhu's"))
        return outputs
    # Open data and feeds are canonical: a converted edition publishes the original's files byte
    # for byte (the original's words, offsets over the simplified text, the original's addresses).
    data_ctx = ctx
    if options.edition:
        data_options = replace(options, edition=None, language=SOURCE_LANGUAGE,
                               site_url=original_site_url(options.site_url, EDITIONS[options.edition]))
        data_ctx = Context(root, project, problems, data_options, source_messages)
    with stopwatch.stage("open data and feeds"):
        outputs.files = {path: data for kind in KINDS for path, data in kind.open_data(data_ctx).items()}
        entries = [entry for kind in KINDS for entry in kind.feed_entries(data_ctx)]
        outputs.files |= feed_files(entries, data_ctx.options, data_ctx.messages)
    if entries and options.config_file and not options.site_url:
        problems.append(Problem(options.config_file, None, "the site has no `site_url`: its feeds are not published and its "
                                "annotations have relative ids", "set `site_url:` to the address the site is "
                                "published at", "warning"))
    with stopwatch.stage("check outputs and overrides"):
        problems += _site_problems(root, options, outputs, edition, convert)
    return outputs


def _site_problems(root: Path, options: SiteOptions, outputs: Outputs, edition: Edition,
                   convert: Converter) -> list[Problem]:
    """The rendered site against itself: pages and files (:func:`check_outputs`), the edition's
    overrides against every text they may change, and Chinese text (a source's title, a page of
    docs/) in a site installed without the Chinese extra."""
    texts = site_texts(root, options.docs_dir, [article.canonical for article in outputs.project.articles]
                       + [page.content for page in outputs.pages])
    return (check_outputs(root, options, outputs) + check_overrides(edition, convert.overrides.values(), texts)
            + chinese_problems(options.config_file or "mkdocs.yml", texts, options.language))


def _unloaded(root: Path, options: SiteOptions, problems: list[Problem], stopwatch: Stopwatch) -> Outputs:
    """The outputs of a build that could not load the project: only its problems."""
    empty = Project(root=str(root))
    return Outputs(empty, problems, Context(root, empty, problems, options, Messages.for_language("en")),
                   stopwatch=stopwatch)


def _option_problems(root: Path, options: SiteOptions) -> list[Problem]:
    """Settings of the MkDocs configuration pizhu cannot build with."""
    problems = [Problem(options.config_file or "mkdocs.yml", None, f"the pizhu option `{name}`: {outside}",
                        "name a folder inside the project")
                for name, folder in (("templates", options.templates), ("messages", options.messages))
                if folder and isinstance(outside := confined(root, folder), str)]
    if options.feed_entries < 1:
        problems.append(Problem(options.config_file or "mkdocs.yml", None,
                                f"the pizhu option `feed_entries` is {options.feed_entries}",
                                f"give the number of entries the feeds hold, at least 1 (default {FEED_ENTRIES})"))
    if not options.directory_urls:
        problems.append(Problem(options.config_file or "mkdocs.yml", None,
                                "`use_directory_urls` is false (Material's offline plugin turns it off too): pizhu's "
                                "pages link to each other by folder addresses (glossary/, <article>/#note-…), which "
                                "that layout does not have", "set `use_directory_urls: true` (MkDocs' default) and "
                                "leave Material's offline plugin off: pizhu does not support them yet"))
    return problems


def _edition_problems(root: Path, options: SiteOptions, project: Project) -> list[Problem]:
    """A converted edition of an article already written in the edition's characters: OpenCC
    would change its verbatim text (公布 -> 公佈, 台灣 -> 臺灣), and nothing would be gained."""
    if not options.edition:
        return []
    edition = EDITIONS[options.edition]
    problems = []
    for article in project.articles:
        if catalogue_name(article.language) == edition.language:
            text = read_confined(root, article.origin.file, MAX_YAML_BYTES) or ""
            line = next((n for n, words in enumerate(text.splitlines(), 1) if words.startswith("language:")), None)
            problems.append(Problem(article.origin.file, line, f"the article is written in {article.language}, the "
                                    f"characters of the {edition.language} edition, which would convert its text again "
                                    "and change what it says verbatim", f"build the site without `edition: "
                                    f"{options.edition}` (or correct `language:` if the article is in simplified characters)"))
    return problems


def _messages(root: Path, options: SiteOptions, data_language: str, edition: Edition, convert: Converter,
              problems: list[Problem]) -> tuple[Messages, Messages]:
    """The words of the data's language (the loaders' and the open data's) and of the pages.

    Each is pizhu's with the site's own over them. An edition's are pizhu's for its language, the
    site's own converted, then the site's own for that language; every build reads them all, so
    that `pizhu check` reports their problems too.
    """
    words = site_words(root, options.messages, data_language, problems)
    data_messages = Messages.for_language(data_language).with_words(words, data_language)
    same = catalogue_name(edition.language) == catalogue_name(data_language)
    edition_words = {} if same else site_words(root, options.messages, edition.language, problems)
    if not options.edition:
        return data_messages, data_messages
    converted = {key: convert(text) for key, text in words.items()} | edition_words
    return data_messages, Messages.for_language(options.language).with_words(converted, options.language)


def check_outputs(root: Path, options: SiteOptions, outputs: Outputs) -> list[Problem]:
    """Generated pages and files against each other, the site's own pages and its navigation.

    Pages are compared by the address they are served at (``a.md`` and ``a/index.md`` are
    both ``a/``), so nothing pizhu generates silently replaces or shadows anything else.
    """
    problems: list[Problem] = []
    docs = root / options.docs_dir
    docs_files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else []
    own = {page_dir(rel): f"{options.docs_dir}/{rel}" for rel in docs_files if rel.endswith(".md")}
    taken: dict[str, str] = {}
    for page in outputs.pages:
        origin, url = page.edit_path or "pizhu", page_dir(page.src_uri)
        if url in own:
            problems.append(Problem(origin, None, f"would generate the page {url or '/'}, which the site's own "
                                    f"{own[url]} already is", "rename the article, note or table, or move the site's page"))
        elif url in taken:
            problems.append(Problem(origin, None, f"generates the page {url or '/'}, as {taken[url]} does",
                                    "give one of them another id"))
        taken.setdefault(url, origin)
    published = dict.fromkeys(outputs.files, "its open data") | {
        path: f"a file of the page {page_dir(page.src_uri)}" for page in outputs.pages for path, _ in page.files}
    problems += [Problem(f"{options.docs_dir}/{path}", None, f"pizhu publishes {what} at {path}",
                         "move or rename the site's file") for path, what in published.items() if (docs / path).exists()]
    problems += link_problems(outputs.project.prose, outputs.pages, outputs.files,
                              docs_pages={rel: partial(read_confined, root, f"{options.docs_dir}/{rel}", MAX_PAGE_BYTES)
                                          for rel in docs_files if rel.endswith(".md")},
                              docs_files=[rel for rel in docs_files if not rel.endswith(".md")], slugify=options.slugify)
    provided = {page.src_uri for page in outputs.pages}
    for nav_page, nav_file, line in options.nav_files:
        if nav_page not in provided and not (docs / nav_page).is_file():
            problems.append(Problem(nav_file, line, f"the navigation names {nav_page}, which no page of the "
                                    "site and no generated page provides",
                                    "remove it from `nav`, or add the data that generates it", "warning"))
    return problems


def _shown(root: Path, filename: str) -> str:
    path = Path(filename).resolve()
    return path.relative_to(root.resolve()).as_posix() if path.is_relative_to(root.resolve()) else str(path)
