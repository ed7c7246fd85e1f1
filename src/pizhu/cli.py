"""``pizhu check``: validate a project without building it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build_outputs
from .problems import errors, format_problems


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 problems, 2 usage)."""
    parser = argparse.ArgumentParser(prog="pizhu", description="Annotated-article sites with MkDocs.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check data/, seeds/ and templates/ and report every problem")
    check.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)
    return run_check(args.root, strict=args.strict)


def run_check(root: Path, *, strict: bool) -> int:
    if not (root / "data").is_dir():
        print(f"{root}: no data/ folder here; run pizhu check in the project folder or pass --root", file=sys.stderr)
        return 1
    outputs = build_outputs(root, strict=strict)
    if outputs.problems:
        print(format_problems(outputs.problems), file=sys.stderr)
    stopping = errors(outputs.problems, strict=strict)
    if stopping:
        print(f"pizhu: {len(stopping)} problem(s); nothing was published", file=sys.stderr)
        return 1
    p = outputs.project
    published = sum(1 for n in p.notes if n.published)
    print(f"pizhu: ok: {len(p.articles)} article(s), {len(p.sources)} sources, {published} published notes, "
          f"{len(p.terms)} terms, {len(p.tables)} tables, {len(outputs.pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
