"""One rule for every id a contributor chooses: article slugs, note, table, term, source,
contributor, row and column ids.

Ids become folder names, file names, URL fragments and open-data keys, so they are
lowercase ASCII words joined by ``-`` (``v6-date``, ``xinkuaibao-2025-03-26``); the
article's own numbered sources are digits (``"1"``). Some names are taken by pages the site
generates; each generator keeps its list next to its code, and :func:`id_problem` refuses
them with the owner named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_CHARS = 80
EXAMPLES = {"source": "xinkuaibao-2025-03-26", "contributor": "pizhu-editors", "glossary term": "xu-bing",
            "row": "fy2024", "column": "revenue", "note": "v6-date", "table": "sensetime-results",
            "article": "sensetime-xu-bing"}
"""An example id for each kind of thing, for the hint."""


def id_problem(value: str, what: str, reserved: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """What is wrong with ``value`` as a ``what`` id, as (message, hint); ``None`` when it is fine.

    Args:
        value: the id as written.
        what: what it is ("source id", "article slug (the manifest's file name)" …), for the message.
        reserved: names that are taken, each with what takes it ("the glossary page").
    """
    if not ID_PATTERN.fullmatch(value):
        example = next((e for kind, e in EXAMPLES.items() if what.startswith(kind)), "my-id")
        return (f"{what} \"{value}\" is not lowercase ASCII words joined by '-'",
                f"rename it, e.g. `{example}` (letters a-z, digits, single hyphens)")
    if len(value) > MAX_ID_CHARS:
        return (f"{what} \"{value[:20]}…\" has {len(value)} characters, over the limit of {MAX_ID_CHARS}",
                "choose a shorter id")
    if reserved and value in reserved:
        return (f"{what} \"{value}\" is taken by {reserved[value]}", "choose another one")
    return None
