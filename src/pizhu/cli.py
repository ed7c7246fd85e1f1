"""The ``pizhu`` command: ``check`` a project, ``seed accept`` a re-published article.

``main(argv) -> int`` is the whole command line, so tests call it directly. Exit codes:
0 clean, 1 problems in the data, 2 usage or an internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import schemas
from .build import build_outputs
from .config import read_site_options
from .core.articles import accept_seed
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
    schema = commands.add_parser("schemas", help="write the JSON Schemas of the data files to schemas/",
                                 description="Generate schemas/*.schema.json from the field definitions the loader uses "
                                 "(editors use them to complete and explain fields).")
    schema.add_argument("--check", action="store_true", help="only check that schemas/ matches the code")
    schema.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    schema.set_defaults(run=_schemas)
    seed = commands.add_parser("seed", help="work with an article's locked seed")
    seed_commands = seed.add_subparsers(dest="seed_command", required=True)
    accept = seed_commands.add_parser("accept", help="record the seed's current SHA-256 in the article's manifest "
                                      "(a deliberate re-publication)")
    accept.add_argument("slug", help="the article (its manifest is data/articles/<slug>.yml)")
    accept.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    accept.set_defaults(run=_seed_accept)
    return parser


def _check(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not (root / "data").is_dir():
        print(f"{root}: no data/ folder here; run pizhu check in the project folder or pass --root", file=sys.stderr)
        return 1
    options, problems = read_site_options(root)
    if not problems:
        strict = args.strict or options.strict
        outputs = build_outputs(root, options)
        problems = outputs.problems
    else:
        strict, outputs = args.strict or options.strict, None
    stopping = errors(problems, strict=strict)
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
    print(f"pizhu: ok: {len(p.articles)} article(s), {len(p.sources)} sources, {', '.join(kinds)}, "
          f"{len(outputs.pages)} pages")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    options, problems = read_site_options(args.root)
    if problems:
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
