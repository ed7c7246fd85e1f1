"""The editorial rules no single kind owns: what a source record must say.

Every kind checks its own items; these rules look across them, once everything is loaded:

- a source read at an address records when (``accessed``); an ``archive`` is a copy of that
  address, never the address itself.
"""

from __future__ import annotations

from .model import Project, Source
from .problems import Problem


def check_editorial(project: Project) -> list[Problem]:
    """Every editorial rule over the loaded project."""
    problems: list[Problem] = []
    for source in project.sources.values():
        problems += source_record_problems(source)
    return problems


def source_record_problems(source: Source) -> list[Problem]:
    """A source with an address says when it was read there; an archive is a copy of one of its addresses."""
    where = (source.origin.file, source.origin.line)
    problems = []
    if (source.url or source.via_url) and not source.accessed:
        problems.append(Problem(*where, f"source \"{source.id}\" has a URL but no `accessed` date",
                                "add `accessed: YYYY-MM-DD`, the day you last read it at that address (pages "
                                "change: readers need to know when it said what we cite)"))
    if source.archive and not (source.url or source.via_url):
        problems.append(Problem(*where, f"source \"{source.id}\" has an `archive` but no `url` or `via` URL",
                                "give the address the archive is a copy of, or remove `archive`"))
    elif source.archive and source.archive in (source.url, source.via_url):
        problems.append(Problem(*where, f"the `archive` of source \"{source.id}\" is the page itself",
                                "give a web-archive copy (web.archive.org, archive.today) you have seen, "
                                "or remove `archive`"))
    return problems
