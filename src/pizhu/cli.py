"""The ``pizhu`` command: ``check`` a project, ``seed accept`` a re-published article.

``main(argv) -> int`` is the whole command line, so tests call it directly. Exit codes:
0 clean, 1 problems in the data, 2 usage or an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import scaffold, schemas
from .build import build_outputs
from .compress import compress_site
from .config import read_site_options
from .core.articles import accept_seed
from .core.i18n import catalogue_name, site_words, words_table
from .core.problems import Problem, errors, format_github, format_json, format_problems, internal_error
from .kinds import KINDS

FORMATS: dict[str, Callable[[list[Problem]], str]] = {
    "text": format_problems, "github": format_github, "json": format_json}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 problems, 2 usage or internal error)."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except Exception as exc:  # the last line of defence; the fuzz suite must never get here
        print(internal_error(exc), file=sys.stderr)
        return 2
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pizhu", description="Annotated-article sites with MkDocs.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check data/, seeds/ and templates/ and report every problem",
                                description="Check the project exactly as `mkdocs build` would (it reads "
                                "mkdocs.yml: `strict` and the pizhu plugin's options), without building.")
    check.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (also when mkdocs.yml says so)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text",
                       help="text (file:line: problem; what to do), github (workflow annotations) or json")
    check.set_defaults(run=_check)
    render = commands.add_parser("render", help="write every page pizhu generates, as the Markdown MkDocs receives",
                                 description="Write every generated page under DIR, at the path it has in the site's "
                                 "docs (for debugging templates, and as the baseline of the build benchmark).")
    render.add_argument("dir", type=Path, help="the folder to write into, not the site's docs folder (created)")
    render.add_argument("--force", action="store_true", help="replace files the pages would overwrite")
    render.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    render.set_defaults(run=_render)
    schema = commands.add_parser("schemas", help="write the JSON Schemas of the data files to schemas/",
                                 description="Generate schemas/*.schema.json from the field definitions the loader uses "
                                 "(editors use them to complete and explain fields).")
    schema.add_argument("--check", action="store_true", help="only check that schemas/ matches the code")
    schema.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    schema.set_defaults(run=_schemas)
    compress = commands.add_parser("compress", help="write .gz and .br copies of a built site's text files",
                                   description="Precompress every text file of a built site (HTML, CSS, JS, JSON, XML, "
                                   "SVG, CSV) for hosts that serve precompressed files; the same bytes every time.")
    compress.add_argument("site", type=Path, help="the built site (e.g. site/)")
    compress.set_defaults(run=_compress)
    words = commands.add_parser("words", help="print the words the site's pages use, as a file of the site's own words",
                                description="Print every key of pizhu's words for the site's language (theme.language) "
                                "with the words its pages use (the site's i18n/<language>.yml over pizhu's), as YAML "
                                "that file takes: `pizhu words --untranslated > i18n/de.yml` starts a translation.")
    words.add_argument("--untranslated", action="store_true",
                       help="only the keys still in English (pizhu has no words of the language for them)")
    words.add_argument("--language", help="another language than the site's (e.g. de, zh-Hant)")
    words.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    words.set_defaults(run=_words)
    _add_new(commands)
    seed = commands.add_parser("seed", help="work with an article's locked seed")
    seed_commands = seed.add_subparsers(dest="seed_command", required=True)
    accept = seed_commands.add_parser("accept", help="record the seed's current SHA-256 in the article's manifest "
                                      "(a deliberate re-publication)")
    accept.add_argument("slug", help="the article (its manifest is data/articles/<slug>.yml)")
    accept.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    accept.set_defaults(run=_seed_accept)
    return parser


def _add_new(commands: Any) -> None:
    """``pizhu new note|term|source``."""
    new = commands.add_parser("new", help="start a note, a glossary term or a source (pizhu check passes right after)")
    kinds = new.add_subparsers(dest="new_command", required=True)
    note = kinds.add_parser("note", help="a draft note anchored to a passage of an article")
    note.add_argument("--article", required=True, help="the article's slug (data/articles/<slug>.yml)")
    note.add_argument("--quote", required=True, help="the exact passage, copied from the seed")
    note.add_argument("--id", help="the note's id and file name (default: <article>-draft-<n>)")
    note.add_argument("--kind", default="context", help="context (default), fact-check, correction, definition, data")
    note.add_argument("--author", help="a contributor id (default: the only contributor)")
    note.add_argument("--source", action="append", default=[], help="a source id (repeat for several)")
    note.add_argument("--occurrence", type=int, help="which occurrence of a repeated passage (1, 2 …)")
    term = kinds.add_parser("term", help="a glossary term, appended to data/glossary.yml")
    term.add_argument("--id", required=True)
    term.add_argument("--term", required=True, help="as the article writes it")
    term.add_argument("--category", required=True, help="person, organization, product, concept (or the site's own)")
    term.add_argument("--definition", required=True, help="Markdown")
    term.add_argument("--source", action="append", default=[], help="a source id (repeat for several)")
    term.add_argument("--alias", action="append", default=[], help="another spelling (repeat for several)")
    term.add_argument("--english")
    source = kinds.add_parser("source", help="a source, appended to data/sources.yml (its id suggested)")
    source.add_argument("--publisher", required=True, help="the original outlet")
    source.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY")
    source.add_argument("--title")
    source.add_argument("--url", help="only an address you have seen")
    source.add_argument("--accessed", help="YYYY-MM-DD: the day you read it at --url (required with --url)")
    source.add_argument("--author")
    source.add_argument("--id", help="default: from the publisher (in pinyin) and the date")
    source.add_argument("--file", default="data/sources.yml", help="data/sources.yml or data/sources/<topic>.yml")
    for sub in (note, term, source):
        sub.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
        sub.set_defaults(run=_new)


def _check(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not (root / "data").is_dir():
        print(f"{root}: no data/ folder here; run pizhu check in the project folder or pass --root", file=sys.stderr)
        return 1
    options, problems = read_site_options(root)
    outputs = None
    if not errors(problems):  # (what MkDocs only warns about is reported with the data's problems)
        outputs = build_outputs(root, options)
        problems = problems + outputs.problems
    stopping = errors(problems, strict=args.strict or options.strict)
    if args.format != "text":
        print(FORMATS[args.format](problems))
        return 1 if stopping else 0
    if problems:
        print(format_problems(problems), file=sys.stderr)
    if stopping or outputs is None:
        print(f"pizhu: {len(stopping)} problem(s); nothing was published", file=sys.stderr)
        return 1
    p = outputs.project
    kinds = [s for kind in KINDS if (s := kind.summary(p))]
    warned = f" with {len(problems)} warning(s)" if problems else ""
    print(f"pizhu: ok{warned}: {len(p.articles)} article(s), {len(p.sources)} sources, {', '.join(kinds)}, "
          f"{len(outputs.pages)} pages")
    return 0


def _words(args: argparse.Namespace) -> int:
    options, problems = read_site_options(args.root)
    language = args.language or options.language
    site = site_words(args.root, options.messages, language, problems)
    if errors(problems):
        print(format_problems(problems), file=sys.stderr)
        return 1
    table = [row for row in words_table(language, site) if not args.untranslated or row[2] == "en"]
    own = f"{options.messages}/{catalogue_name(language)}.yml"
    lines = [f"# {own}: the words of a site in {language} (theme.language), {len(table)} keys. After each, where",
             "# they come from: site (this file), pizhu's catalogue of that language, or en (pizhu has none of",
             "# the language: English). Keep the keys and their {placeholders}; `<key>.one` is a singular."]
    lines += [f"{key}: {json.dumps(text, ensure_ascii=False)}  # {origin}" for key, text, origin in table]
    print("\n".join(lines))
    return 0


def _render(args: argparse.Namespace) -> int:
    options, problems = read_site_options(args.root)
    outputs = build_outputs(args.root, options) if not errors(problems) else None
    stopping = errors(problems + (outputs.problems if outputs else []), strict=options.strict)
    if outputs is None or stopping:
        print(format_problems(stopping), file=sys.stderr)
        return 1
    target: Path = args.dir
    docs, root = (args.root / options.docs_dir).resolve(), args.root.resolve()
    if target.resolve() == docs or target.resolve().is_relative_to(docs) or root.is_relative_to(target.resolve()) \
            or any((target / name).exists() for name in ("data", "seeds", "mkdocs.yml")):
        print(f"pizhu: {target} is the project or its docs folder: the pages would land among the site's own files "
              "and the next build would find them twice; write them elsewhere (pizhu render /tmp/pages)", file=sys.stderr)
        return 1
    if target.exists() and not target.is_dir():
        print(f"pizhu: {target} is a file; name a folder (it is created)", file=sys.stderr)
        return 1
    replaced = [page.src_uri for page in outputs.pages if (target / page.src_uri).exists()]
    replaced += [rel for page in outputs.pages for rel, _ in page.files if (target / rel).exists()]
    if replaced and not args.force:
        print(f"pizhu: {len(replaced)} file(s) under {target} would be replaced ({', '.join(replaced[:3])}"
              f"{' …' if len(replaced) > 3 else ''}); choose an empty folder, or add --force", file=sys.stderr)
        return 1
    try:
        for page in outputs.pages:
            path = target / page.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.content, encoding="utf-8")
            for rel, content in page.files:
                (target / rel).write_bytes(content)
    except OSError as exc:
        print(f"pizhu: cannot write under {target} ({exc.strerror}: {exc.filename}); choose an empty folder", file=sys.stderr)
        return 1
    print(f"pizhu: wrote {len(outputs.pages)} pages under {target}")
    return 0


def _compress(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not (site / "index.html").is_file() and not (site / "404.html").is_file():
        print(f"pizhu: {site} is not a built site (no index.html or 404.html); build it first (make site)",
              file=sys.stderr)
        return 1
    done = compress_site(site)
    print(f"pizhu: compressed {done.files} files, {done.original // 1024} KiB: gzip {done.gzip // 1024} KiB, "
          f"brotli {done.brotli // 1024} KiB")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    options, problems = read_site_options(args.root)
    if errors(problems, strict=options.strict):
        print(format_problems(problems), file=sys.stderr)
        return 1
    if args.check:
        stale = schemas.drifted(args.root, options)
        for name in stale:
            print(f"{name}: differs from the field definitions in the code; run `pizhu schemas` and commit the result",
                  file=sys.stderr)
        return 1 if stale else 0
    for name in schemas.write(args.root, options):
        print(f"pizhu: wrote {name}")
    return 0


def _new(args: argparse.Namespace) -> int:
    root: Path = args.root
    if args.new_command == "note":
        written, problems = scaffold.new_note(root, args.article, args.quote, note_id=args.id, kind=args.kind,
                                              author=args.author, sources=tuple(args.source),
                                              occurrence=args.occurrence)
        done = f"wrote {written.path} (status: draft): write its body, then run `pizhu check`" if written else ""
    elif args.new_command == "term":
        written, problems = scaffold.new_term(root, args.id, args.term, args.category, args.definition,
                                              tuple(args.source), tuple(args.alias), args.english,
                                              categories=read_site_options(root)[0].category_ids)
        done = f"added the term \"{written.id}\" to {written.path}; run `pizhu check`" if written else ""
    else:
        written, problems = scaffold.new_source(root, args.publisher, date=args.date, title=args.title, url=args.url,
                                                accessed=args.accessed,
                                                author=args.author, source_id=args.id, file=args.file)
        done = f"added the source \"{written.id}\" to {written.path}; cite it as `sources: [{written.id}]`" if written else ""
    if written is None:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print(f"pizhu: {done}")
    return 0


def _seed_accept(args: argparse.Namespace) -> int:
    digest, problems = accept_seed(args.root, args.slug)
    if digest is None:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print(f"pizhu: data/articles/{args.slug}.yml now records seed_sha256 {digest}; run `pizhu check`: "
          "notes are re-anchored to the new text and any that no longer match are reported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
