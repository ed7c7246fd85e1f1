"""Hostile data files, fuzzed: no input may make ``pizhu check`` print a traceback.

Requirement: no traceback from any input. ``pizhu check`` exits 0 or 1 and reports every problem
as ``file:line: message; hint``; an unexpected exception would be turned into "internal error
while reading <file>; please report it" (exit 2) as a last line of defence, but this suite must
find none.

The real project (data/, seeds/, docs/, templates/, mkdocs.yml) is copied once per module. Each
example rewrites ONE file under data/ (YAML, or a note's Markdown with its front matter) with a
mutation, runs ``pizhu.cli.main(["check", ...])`` in-process, and restores the file:

- structural (YAML parsed with ``yaml.safe_load``, changed, dumped again): delete a key or
  item, retype a value (text, list, mapping, int, huge int, float incl. nan/inf, bool, null),
  reshape it (wrap in a list or mapping, stringify, unwrap);
- textual: duplicate a key line, truncate at a random byte (possibly mid-character), inject
  random Unicode, control characters, BOM, bidi marks or YAML syntax at a random position;
- whole file: empty, whitespace only, BOM only, a list where a mapping belongs and vice versa.

Each run is limited to ``LIMIT`` seconds (a YAML alias bomb would otherwise hang the suite).
``test_known_hostile_inputs`` replays inputs an outside trial found; ``test_fuzzed_data_files``
explores 80 mutated files (about 15 s here). ``-m fuzz_long`` runs a longer
exploration.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import shutil
import signal
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, Verbosity, example, given, settings
from hypothesis import strategies as st

from pizhu.cli import main
from support import REPO

LIMIT = 3.0
"""Seconds one ``pizhu check`` may take (the real project takes about 0.3 s)."""
PROBLEM_LINE = re.compile(r"^[^:\n]+(:\d+)?: .+; .+$")
FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*")
               if p.is_file() and p.suffix in (".yml", ".yaml", ".md"))
ORIGINAL = {rel: (REPO / rel).read_bytes() for rel in FILES}
MANIFEST = next(rel for rel in FILES if rel.startswith("data/articles/"))
GROUPS = [group for group in (
    [rel for rel in FILES if rel.startswith("data/articles/")],
    [rel for rel in FILES if rel == "data/sources.yml" or rel.startswith("data/sources/")],
    [rel for rel in FILES if rel in ("data/contributors.yml", "data/glossary.yml")],
    [rel for rel in FILES if rel.startswith("data/tables/")],
    [rel for rel in FILES if rel.startswith("data/notes/")],
) if group]
GROUPS += [[rel for rel in FILES if not any(rel in group for group in GROUPS)]] * (len(FILES) > sum(map(len, GROUPS)))
"""Files by kind, each kind drawn equally often (notes would otherwise take four draws in five)."""


# ---- the project and one run ---------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "project"
    for folder in ("data", "seeds", "docs", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


class _Expired(BaseException):
    """Raised inside ``pizhu check`` by the timer (a BaseException, so no ``except Exception`` hides it)."""


class TooSlowError(Exception):
    """``pizhu check`` ran longer than LIMIT seconds."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Case:
    """One mutated file: which, how, and its new bytes (a plain class: Hypothesis prints its repr)."""

    __slots__ = ("data", "file", "how")

    def __init__(self, file: str, how: str, data: bytes) -> None:
        self.file, self.how, self.data = file, how, data

    def __repr__(self) -> str:
        shown = f": {self.data!r}" if len(self.data) <= 200 else ""
        return f"Case(file={self.file!r}, how={self.how!r}, {len(self.data)} bytes{shown})"


def run_check(project: Path, case: Case) -> tuple[int, str]:
    """Write the case, run ``pizhu check`` in-process, restore the file; (exit code, output)."""
    path = project / case.file
    out, err = io.StringIO(), io.StringIO()
    path.write_bytes(case.data)
    try:
        with time_limit(LIMIT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "--root", str(project)])
    except _Expired:
        raise TooSlowError(f"pizhu check took longer than {LIMIT} s on {case!r}") from None
    finally:
        path.write_bytes(ORIGINAL[case.file])
    return code, out.getvalue() + err.getvalue()


class BadOutputError(AssertionError):
    """``pizhu check`` printed something that is not a ``file:line: message; hint`` line."""

    def __init__(self, line: str, output: str) -> None:
        rest = re.match(r"^[^:\n]+(?::\d+)?: (.*)$", line)
        # The message's fixed words ("unknown source", "contributor id"): one bug per message.
        self.kind = re.split(r'["`(]', rest.group(1))[0].strip()[:60] if rest else "a line that is not a problem"
        super().__init__(f"not a `file:line: message; hint` line: {line!r}\n{output}")


def assert_reported_cleanly(code: int, output: str) -> None:
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert code in (0, 1), f"exit {code}:\n{output}"
    for line in output.splitlines():
        if not line.startswith("pizhu: ") and not PROBLEM_LINE.match(line):
            raise BadOutputError(line, output)


# ---- mutations -------------------------------------------------------------------------------

def split_note(text: str) -> tuple[str, str, str] | None:
    """(head "---\\n", front matter YAML, "---\\n" + body) of a note, or None."""
    match = re.match(r"(---[^\S\n]*\n)(.*?\n)(---[^\S\n]*\n.*)\Z", text, re.DOTALL)
    return (match.group(1), match.group(2), match.group(3)) if match else None


def yaml_part(rel: str) -> tuple[str, str, str]:
    """(before, YAML text, after): the whole file, or a note's front matter."""
    text = ORIGINAL[rel].decode("utf-8")
    if rel.endswith(".md"):
        parts = split_note(text)
        assert parts is not None, f"{rel} has no front matter"
        return parts
    return "", text, ""


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and list index, at every depth."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        yield (*prefix, key)
        yield from paths(value, (*prefix, key))


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def show(path: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "(top)"


SPECIALS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\t", "\r", "\n",
            "\r\n", "\ufeff", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\u2028", "\u2029", "\ufffe",
            "\uffff", "\U0010ffff", "\u00a0", "\u3000", "\u0301", "\U0001f600"]
YAML_FRAGMENTS = ["&a ", "*a", "*nope", "<<: *a\n", "<< : {x: 1}\n", "!!python/object:os.system ",
                  "!!python/object/apply:os.system [id]", "!!python/name:os.system ", "!!binary ", "!!set ",
                  "!!omap ", "!!timestamp ", "!!int ", "!!float ", "!!str ", "!local ", "!<tag:x,2000:y> ",
                  "[", "]", "{", "}", "? ", "|", "|-\n", ">", "\t", "---", "\n---\n", "...", "\n...\n",
                  "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", ": ", "- ", "-", "#", "'", '"', "@", "`", ",", "&", "*",
                  "!", "~", "null", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000", "1e400", "2025-13-45",
                  "2001-12-14t21:59:43.10-05:00", "=", "<<", "&a [*a]", "\n  ", "\n- ", "\n    - x\n", "? [a]\n: b\n"]
WHOLE_FILES = ["", " ", "\n\n", " \t\n  \n", "\ufeff", "\ufeff\n", "\ufeff---\n", "---\n", "---\n---\n", "...\n",
               "- \n", "- a\n- b\n", "a: 1\n", "[]\n", "{}\n", "null\n", "~\n", "42\n", "\"text\"\n", "- [a]\n",
               "--- !!set {a, b}\n", "- - - -\n", "? a\n"]

injected_text = st.one_of(
    st.sampled_from(SPECIALS),
    st.sampled_from(YAML_FRAGMENTS),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.lists(st.sampled_from(SPECIALS + YAML_FRAGMENTS), min_size=2, max_size=5).map("".join),
)
huge = st.sampled_from([10**4000, -(10**4000), 2**63, 2**64 + 1, 10**309])
floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0, 5e-324]))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), huge, floats, st.text(max_size=20),
                    st.lists(st.sampled_from(SPECIALS + list("ab: -#[]{}")), max_size=8).map("".join))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


def reshapes(value: Any) -> list[tuple[str, Any]]:
    """Same content, another type: the mistakes contributors actually make."""
    options: list[tuple[str, Any]] = [("wrapped in a list", [value]), ("wrapped in a mapping", {"value": value}),
                                      ("as text", str(value))]
    if isinstance(value, list) and value:
        options.append(("first item", value[0]))
    if isinstance(value, dict) and value:
        options.append(("values as a list", list(value.values())))
    return options


@st.composite
def structural(draw: st.DrawFn, rel: str) -> Case:
    before, text, after = yaml_part(rel)
    data = yaml.safe_load(text)
    found = list(paths(data))
    if not found:
        return Case(rel, "emptied", b"")
    path = draw(st.sampled_from(found))
    parent, key = parent_of(data, path), path[-1]
    action = draw(st.sampled_from(["delete", "retype", "reshape"]))
    if action == "delete":
        del parent[key]
        how = f"deleted {show(path)}"
    elif action == "retype":
        parent[key] = draw(values)
        how = f"{show(path)} = {parent[key]!r:.80}"
    else:
        label, parent[key] = draw(st.sampled_from(reshapes(parent[key])))
        how = f"{show(path)} {label}"
    return Case(rel, how, (before + dump(data) + after).encode("utf-8"))


KEY_LINE = re.compile(r"^(\s*)(- )?([^\s#:\-][^:\n]*):(?:\s|$)", re.MULTILINE)


@st.composite
def duplicated_key(draw: st.DrawFn, rel: str) -> Case:
    text = ORIGINAL[rel].decode("utf-8")
    keys = list(KEY_LINE.finditer(text))
    if not keys:
        return Case(rel, "no key to duplicate", ORIGINAL[rel])
    match = draw(st.sampled_from(keys))
    start, end = match.start(), text.find("\n", match.start())
    end = len(text) if end < 0 else end + 1
    line = text[start:end]
    if match.group(2):  # "- key: v": repeat the key inside the same item
        copy = match.group(1) + "  " + line[len(match.group(1)) + 2:]
        new = text[:end] + copy.rstrip("\n") + "\n" + text[end:]
    else:  # "key: v": an earlier copy, so a block value below stays with the original
        new = text[:start] + line.rstrip("\n") + "\n" + text[start:]
    return Case(rel, f"duplicated key {match.group(3)!r}", new.encode("utf-8"))


@st.composite
def truncated(draw: st.DrawFn, rel: str) -> Case:
    data = ORIGINAL[rel]
    at = draw(st.integers(0, len(data)))
    return Case(rel, f"truncated at byte {at}", data[:at])


@st.composite
def injected(draw: st.DrawFn, rel: str) -> Case:
    text = ORIGINAL[rel].decode("utf-8")
    at = draw(st.integers(0, len(text)))
    fragment = draw(injected_text)
    return Case(rel, f"inserted {fragment!r} at character {at}", (text[:at] + fragment + text[at:]).encode("utf-8"))


@st.composite
def whole_file(draw: st.DrawFn, rel: str) -> Case:
    before, text, after = yaml_part(rel)
    data = yaml.safe_load(text)
    options = list(WHOLE_FILES)
    if isinstance(data, list) and data:
        options.append(dump(data[0]))  # a mapping where a list belongs
    if isinstance(data, dict):
        options.append(dump([data]))  # a list where a mapping belongs
    content = draw(st.sampled_from(options))
    if rel.endswith(".md") and draw(st.booleans()):
        return Case(rel, f"front matter replaced by {content[:40]!r}", (before + content + after).encode("utf-8"))
    return Case(rel, f"file replaced by {content[:40]!r}", content.encode("utf-8"))


MUTATIONS = [structural, duplicated_key, truncated, injected, whole_file]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    rel = draw(st.sampled_from(draw(st.sampled_from(GROUPS))))
    mutation = draw(st.sampled_from(MUTATIONS))
    return draw(mutation(rel))


# ---- known hostile inputs ------------------------------------------------------------------

def _sub(rel: str, pattern: str, replacement: str, how: str) -> Case:
    text = ORIGINAL[rel].decode("utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{rel}: no match for {pattern!r}; update this example"
    return Case(rel, how, new.encode("utf-8"))


def _examples(known: list[Case]) -> Any:
    def decorate(test: Any) -> Any:
        for case in reversed(known):
            test = example(case=case)(test)
        return test
    return decorate


ALIAS_BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}' if prev else 'lol'] * 9)}]\n"
                     for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=False))
RESULTS = "data/tables/sensetime-results.yml"
HEADCOUNT = "data/tables/sensetime-headcount.yml"

KNOWN = [
    Case(MANIFEST, "YAML alias bomb (9 levels of 9)", ("title: x\n" + ALIAS_BOMB).encode()),
    Case(MANIFEST, "20,000 nested [", ("title: " + "[" * 20_000 + "\n").encode()),
    Case(MANIFEST, "recursive alias", b"title: &a [*a]\nseed: seeds/sensetime-xu-bing.txt\n"),
    Case("data/glossary.yml", "NUL byte", ORIGINAL["data/glossary.yml"].replace(b"\n- id:", b"\x00\n- id:", 1)),
    Case(MANIFEST, "NUL byte in a value", ORIGINAL[MANIFEST].replace(b"title: ", b"title: \x00", 1)),
    _sub(RESULTS, r"^(\s+value:) 34\.058$", r"\1 .inf", "an input of a derived column (change) is .inf"),
    _sub(RESULTS, r"^(\s+value:) 37\.72$", r"\1 .nan", "an input of a derived column (change) is .nan"),
    _sub(HEADCOUNT, r"^(\s+value:) 4672$", r"\1 .inf", "a charted value is .inf"),
    _sub(HEADCOUNT, r"^(\s+value:) 4672$", r"\1 -.inf", "a charted value is -.inf"),
    _sub(HEADCOUNT, r"^(\s+value:) 4672$", r"\g<1> 1" + "0" * 3999, "a 4,000-digit integer"),
    _sub(RESULTS, r"^(\s+value:) 37\.72$", r"\g<1> 1" + "0" * 4999, "a 5,000-digit integer (over int's str limit)"),
    _sub(RESULTS, r"unit: 亿元}", "unit: 亿元, decimals: 100000000}", "decimals: 100000000"),
    _sub(RESULTS, r"^(\s+)quote: 2024年商汤营收37.7亿元$", r"\g<0>\n\1tolerance: .nan", "tolerance: .nan"),
    _sub(RESULTS, r"^(\s+)quote: 2024年商汤营收37.7亿元$", r"\g<0>\n\1tolerance: .inf", "tolerance: .inf"),
    Case("data/sources.yml", "empty file", b""),
    Case("data/contributors.yml", "empty file", b""),
    Case("data/sources.yml", "only a BOM", "\ufeff".encode()),
    Case("data/glossary.yml", "only whitespace", b"  \n\t\n"),
    Case(MANIFEST, "a list instead of a mapping", b"- title: x\n"),
    Case("data/sources.yml", "a mapping instead of a list", b"id: x\npublisher: y\n"),
    Case(MANIFEST, "python object tag", b"title: !!python/object/apply:os.system [id]\n"),
]


COMMON: dict[str, Any] = {
    "deadline": None, "derandomize": True, "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]}


@settings(phases=[Phase.explicit], verbosity=Verbosity.verbose, **COMMON)
@_examples(KNOWN)
@given(case=cases())
def test_known_hostile_inputs(project: Path, case: Case) -> None:
    """The outside trial's inputs, as explicit examples (verbose, so that every failing one is reported)."""
    assert_reported_cleanly(*run_check(project, case))


def signature(exc: BaseException) -> str:
    """What makes two failures the same bug: the exception and where in pizhu it was raised."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/pizhu/" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    if isinstance(exc, BadOutputError):
        return f"problem message broken over lines: {exc.kind}"
    return f"{type(exc).__name__}{where}"


def explore(project: Path, examples: int, phases: list[Phase]) -> None:
    """Run ``examples`` generated cases; report every distinct failure (smallest case each) at once.

    Hypothesis alone stops at the first failure; collecting them instead lists every distinct
    traceback of one run, which is what somebody fixing them needs.
    """
    failures: dict[str, tuple[Case, str]] = {}

    @settings(max_examples=examples, phases=phases, **COMMON)
    @given(case=cases())
    def one(case: Case) -> None:
        try:
            assert_reported_cleanly(*run_check(project, case))
        except Exception as exc:
            key = signature(exc)
            if key not in failures or len(case.data) < len(failures[key][0].data):
                text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                failures[key] = (case, text[:600])

    one()
    if failures:
        report = [f"{key}\n    {case!r}\n    {text}" for key, (case, text) in sorted(failures.items())]
        pytest.fail(f"{len(failures)} distinct failure(s) in {examples} mutated files:\n" + "\n".join(report),
                    pytrace=False)


def test_fuzzed_data_files(project: Path) -> None:
    """80 mutated files (about 15 s on an idle two-core machine), every distinct failure reported."""
    explore(project, 80, [Phase.generate])


@pytest.mark.fuzz_long
def test_fuzzed_data_files_long(project: Path) -> None:
    """A longer exploration; deselected unless ``-m fuzz_long`` is given."""
    explore(project, 2000, [Phase.generate])
