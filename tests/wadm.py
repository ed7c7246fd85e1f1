"""The W3C Web Annotation Data Model's conformance assertions, as plain Python checks.

The W3C's own assertions are JSON Schemas in w3c/web-annotation-tests (web-platform-tests
``annotation-model/``). They are not on any package registry, and this project does not copy
code or data out of other repositories, so the assertions are written here from the
Recommendation itself (https://www.w3.org/TR/annotation-model/), section by section, with the
same MUST/SHOULD levels. One difference is deliberate and stricter than a JSON Schema
``format: uri`` check: an IRI must have a scheme (``https:``), so a relative reference such as
``sensetime-xu-bing/#note-x`` fails.

Each check takes a document and returns ``True`` when it holds (or does not apply). ``failures``
lists the names of the checks a document fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
"""An absolute IRI: a scheme, a colon, no whitespace or characters IRIs may not hold."""
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
"""xsd:dateTime as the model asks for it: with a timezone (3.3.1)."""
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging"}
TEXT_DIRECTIONS = {"ltr", "rtl", "auto"}
AGENT_TYPES = {"Person", "Organization", "Software"}

Check = Callable[[dict[str, Any]], bool]


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and bool(IRI.match(value))


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def types(node: Any) -> set[str]:
    return set(as_list(node.get("type", []))) if isinstance(node, dict) else set()


def _single_iri_if_present(key: str) -> Check:
    return lambda doc: key not in doc or is_iri(doc[key])


def _iris_if_present(key: str) -> Check:
    return lambda doc: key not in doc or all(is_iri(v) for v in as_list(doc[key]))


def _date_time_if_present(key: str) -> Check:
    return lambda doc: key not in doc or (isinstance(doc[key], str) and bool(DATE_TIME.match(doc[key])))


def _has_context(doc: dict[str, Any]) -> bool:
    return ANNO_CONTEXT in as_list(doc.get("@context"))


# ---- resources (bodies and targets, 3.2; specific resources and selectors, 4) -------------------


def _resource_problems(node: Any, role: str) -> list[str]:
    """What is wrong with one body or target (an IRI, or an object of one of the model's classes)."""
    if isinstance(node, str):
        return [] if is_iri(node) else [f"{role} is a string that is not an IRI"]
    if not isinstance(node, dict):
        return [f"{role} is neither an IRI nor an object"]
    found = _common_problems(node, role) + _class_problems(node, role)
    if role.startswith("body") and "purpose" in node and not set(as_list(node["purpose"])) <= MOTIVATIONS:
        found.append(f"{role} purpose is not one of the model's motivations")
    return found


def _common_problems(node: dict[str, Any], role: str) -> list[str]:
    """The properties any resource may have (3.2.1, 3.3.1, 3.3.6, 3.3.7)."""
    found = [f"{role} {key} is not an xsd:dateTime" for key in ("created", "modified")
             if not _date_time_if_present(key)(node)]
    found += [f"{role} {key} has a value that is not an IRI" for key in ("rights", "via") if not _iris_if_present(key)(node)]
    if not _single_iri_if_present("canonical")(node):
        found.append(f"{role} canonical is not one IRI")
    if "textDirection" in node and node["textDirection"] not in TEXT_DIRECTIONS:
        found.append(f"{role} textDirection is not ltr, rtl or auto")
    return found


def _class_problems(node: dict[str, Any], role: str) -> list[str]:
    """What the resource's class requires and forbids (3.2.4, 3.2.7, 4)."""
    kind = types(node)
    if kind & {"Choice", "List", "Composite", "Independents"}:
        found = [f"{role} {key} on a Choice/Set" for key in ("value", "purpose", "source") if key in node]
        return found + [p for item in as_list(node.get("items", [])) for p in _resource_problems(item, f"{role} item")]
    if "TextualBody" in kind:
        found = ["a target is a TextualBody"] if role.startswith("target") else []
        if not isinstance(node.get("value"), str):
            found.append(f"{role} TextualBody has no single string value")
        return found + [f"{role} {key} on a TextualBody" for key in ("items", "source") if key in node]
    if "SpecificResource" in kind or "source" in node:
        found = [] if is_iri(node.get("source")) or isinstance(node.get("source"), dict) else [
            f"{role} SpecificResource source is not an IRI or resource"]
        found += [f"{role} {key} on a SpecificResource" for key in ("value", "items") if key in node]
        return found + [p for selector in as_list(node.get("selector", [])) for p in _selector_problems(selector, role)]
    # An External Web Resource.
    found = [] if is_iri(node.get("id")) else [f"{role} External Web Resource has no IRI id"]
    return found + [f"{role} {key} on an External Web Resource" for key in ("items", "purpose") if key in node]


def _positions_ok(selector: dict[str, Any]) -> bool:
    start, end = selector.get("start"), selector.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end


SELECTOR_RULES: dict[str, tuple[Callable[[dict[str, Any]], bool], str]] = {
    "TextQuoteSelector": (lambda s: isinstance(s.get("exact"), str), "has no single exact"),
    "TextPositionSelector": (_positions_ok, "has no non-negative integer start and end"),
    "DataPositionSelector": (_positions_ok, "has no non-negative integer start and end"),
    "FragmentSelector": (lambda s: isinstance(s.get("value"), str), "has no value"),
    "CssSelector": (lambda s: isinstance(s.get("value"), str), "has no value"),
    "XPathSelector": (lambda s: isinstance(s.get("value"), str), "has no value"),
    "RangeSelector": (lambda s: "startSelector" in s and "endSelector" in s, "lacks startSelector or endSelector"),
}
"""What each class of selector must have (4.2)."""


def _selector_problems(selector: Any, role: str) -> list[str]:
    if isinstance(selector, str):
        return [] if is_iri(selector) else [f"{role} selector is a string that is not an IRI"]
    if not isinstance(selector, dict) or not types(selector):
        return [f"{role} selector has no type"]
    return [f"{role} {kind} {problem}" for kind in sorted(types(selector)) if kind in SELECTOR_RULES
            for ok, problem in [SELECTOR_RULES[kind]] if not ok(selector)]


def _agent_ok(agent: Any) -> bool:
    return is_iri(agent) or isinstance(agent, dict)


# ---- the assertions -----------------------------------------------------------------------


ANNOTATION_MUST: dict[str, Check] = {
    "3.1 @context includes the anno.jsonld context": _has_context,
    "3.1 id is a single IRI": lambda d: is_iri(d.get("id")),
    "3.1 type includes Annotation": lambda d: "Annotation" in types(d),
    "3.1 has a target": lambda d: bool(d.get("target")),
    "3.2 every body is an IRI or a resource of the model": lambda d: all(
        not _resource_problems(b, "body") for b in as_list(d.get("body", []))),
    "3.2 every target is an IRI or a resource of the model": lambda d: all(
        not _resource_problems(t, "target") for t in as_list(d.get("target", []))),
    "3.2.5 never both body and bodyValue": lambda d: not ("body" in d and "bodyValue" in d),
    "3.2.5 bodyValue, if present, is one string": lambda d: "bodyValue" not in d or isinstance(d["bodyValue"], str),
    "3.3.1 created, if present, is an xsd:dateTime": _date_time_if_present("created"),
    "3.3.1 modified, if present, is an xsd:dateTime": _date_time_if_present("modified"),
    "3.3.1 generated, if present, is an xsd:dateTime": _date_time_if_present("generated"),
    "3.3.6 rights, if present, are IRIs": _iris_if_present("rights"),
    "3.3.7 canonical, if present, is one IRI": _single_iri_if_present("canonical"),
    "3.3.7 via, if present, are IRIs": _iris_if_present("via"),
}

ANNOTATION_SHOULD: dict[str, Check] = {
    "3.3.1 has created": lambda d: "created" in d,
    "3.3.1 has a creator": lambda d: "creator" in d and all(_agent_ok(a) for a in as_list(d["creator"])),
    "3.3.2 every creator has an IRI id": lambda d: all(
        is_iri(a) or (isinstance(a, dict) and is_iri(a.get("id"))) for a in as_list(d.get("creator", []))),
    "3.3.2 every creator has a type and a name": lambda d: all(
        isinstance(a, dict) and types(a) & AGENT_TYPES and isinstance(a.get("name"), str)
        for a in as_list(d.get("creator", []))),
    "3.3.1 has a generator": lambda d: "generator" in d and all(_agent_ok(a) for a in as_list(d["generator"])),
    "3.3.2 the generator has an IRI id, a type and a name": lambda d: all(
        isinstance(a, dict) and is_iri(a.get("id")) and types(a) & AGENT_TYPES and isinstance(a.get("name"), str)
        for a in as_list(d.get("generator", []))),
    "3.3.5 motivation is one of the model's": lambda d: set(as_list(d.get("motivation", []))) <= MOTIVATIONS,
    "3.2.1 every textual body says its format and language": lambda d: all(
        isinstance(b, dict) and "format" in b and "language" in b
        for b in as_list(d.get("body", [])) if "TextualBody" in types(b) and b.get("purpose") != "tagging"),
}

COLLECTION_MUST: dict[str, Check] = {
    "5.1 @context includes the anno.jsonld context": _has_context,
    "5.1 id is a single IRI": lambda d: is_iri(d.get("id")),
    "5.1 type includes AnnotationCollection": lambda d: "AnnotationCollection" in types(d),
    "5.1 label, if present, is a string": lambda d: "label" not in d or isinstance(d["label"], str),
    "5.1 total, if present, is a non-negative integer": lambda d: "total" not in d or (
        isinstance(d["total"], int) and not isinstance(d["total"], bool) and d["total"] >= 0),
    "5.1 has first (unless it is empty)": lambda d: "first" in d or d.get("total", 0) == 0,
    "5.1 first is an IRI or a page with an IRI id": lambda d: "first" not in d or is_iri(d["first"]) or (
        isinstance(d["first"], dict) and is_iri(d["first"].get("id"))),
    "5.1 last, if present, is one IRI": lambda d: "last" not in d or is_iri(d["last"]) or (
        isinstance(d["last"], dict) and is_iri(d["last"].get("id"))),
    "3.3.1 created, if present, is an xsd:dateTime": _date_time_if_present("created"),
    "3.3.1 modified, if present, is an xsd:dateTime": _date_time_if_present("modified"),
    "3.3.6 rights, if present, are IRIs": _iris_if_present("rights"),
}

PAGE_MUST: dict[str, Check] = {
    "5.2 id is a single IRI": lambda d: is_iri(d.get("id")),
    "5.2 type includes AnnotationPage": lambda d: "AnnotationPage" in types(d),
    "5.2 items is a list of annotations or IRIs": lambda d: isinstance(d.get("items"), list) and all(
        is_iri(i) or (isinstance(i, dict) and "Annotation" in types(i)) for i in d["items"]),
    "5.2 startIndex, if present, is a non-negative integer": lambda d: "startIndex" not in d or (
        isinstance(d["startIndex"], int) and not isinstance(d["startIndex"], bool) and d["startIndex"] >= 0),
    "5.2 next, if present, is an IRI": _single_iri_if_present("next"),
    "5.2 prev, if present, is an IRI": _single_iri_if_present("prev"),
    "5.2 partOf, if present, is an IRI or a collection with one": lambda d: "partOf" not in d or is_iri(d["partOf"]) or (
        isinstance(d["partOf"], dict) and is_iri(d["partOf"].get("id"))),
    "3.3.1 created, if present, is an xsd:dateTime": _date_time_if_present("created"),
    "3.3.1 modified, if present, is an xsd:dateTime": _date_time_if_present("modified"),
}


def failures(doc: dict[str, Any], checks: dict[str, Check]) -> list[str]:
    return [name for name, check in checks.items() if not check(doc)]


def resource_problems(annotation: dict[str, Any]) -> Iterable[str]:
    """The detail behind the body and target assertions (for a readable failure message)."""
    for body in as_list(annotation.get("body", [])):
        yield from _resource_problems(body, "body")
    for target in as_list(annotation.get("target", [])):
        yield from _resource_problems(target, "target")
