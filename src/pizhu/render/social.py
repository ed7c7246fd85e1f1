"""Sharing: a page's description, Open Graph and Twitter card tags, for every page.

The plugin calls :func:`social_tags` on each rendered page (generated and hand-written alike)
with what MkDocs knows of it. The description is the page's own (``description:`` in its front
matter), else the start of its first paragraph of running text, else the site's description.
No image is named: a card image would be one more file to keep, and one more request.

Escaping: MkDocs prints a page's title as HTML (pizhu's generated titles arrive escaped, see
:func:`pizhu.core.markup.front_matter`), so the title is read as HTML and written back as an
attribute; the description is text taken out of the page's HTML the same way.
"""

from __future__ import annotations

import html
import re

DESCRIPTION_CHARS = 120
"""Longest description, in characters (search engines and share cards cut around 120–160)."""
_PARAGRAPH = re.compile(r"<p(?P<attrs>\s[^>]*)?>(?P<body>.*?)</p>", re.DOTALL)
_SKIPPED = re.compile(r'class="[^"]*\b(pz-meta|pz-cite-note|admonition-title|pz-notes-tally)\b')
_TAG = re.compile(r"<[^>]+>")
_SUP = re.compile(r"<sup\b.*?</sup>", re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(?P<body>.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
_OLD_DESCRIPTION = re.compile(r'<meta name="description" content="[^"]*">\s*')
_META_NAME = re.compile(r'<meta\s[^>]*?\b(?:name|property)=["\']?([^"\'\s>]+)')
LOCALES = {"zh": "zh_CN", "zh-hans": "zh_CN", "zh-cn": "zh_CN", "zh-hant": "zh_TW", "zh-tw": "zh_TW",
           "zh-hk": "zh_HK", "en": "en_US", "ja": "ja_JP", "ko": "ko_KR"}


def page_description(content: str, own: str | None = None, fallback: str | None = None) -> str:
    """What a page is about, as plain text: its own description, its first paragraph, the site's."""
    if own and own.strip():
        return _shorten(own)
    for match in _PARAGRAPH.finditer(content):
        if match["attrs"] and _SKIPPED.search(match["attrs"]):
            continue
        text = html.unescape(_TAG.sub("", _SUP.sub("", match["body"])))
        if len(text.strip()) >= 10:
            return _shorten(text)
    return _shorten(fallback or "")


def _shorten(text: str) -> str:
    text = " ".join(text.replace("\u2060", "").split())
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1].rstrip() + "…"


def locale(language: str) -> str:
    """Open Graph's locale (``zh_CN``) for a site language (``zh``)."""
    return LOCALES.get(language.lower(), language.replace("-", "_"))


def social_tags(page_html: str, *, title: str, content: str, site_name: str, language: str,
                description: str | None = None, site_description: str | None = None, url: str | None = None) -> str:
    """``page_html`` with one ``<meta name="description">`` and the Open Graph and Twitter tags.

    Args:
        page_html: the whole rendered page.
        title: the page's title as MkDocs prints it (HTML); the content's first heading, when it
            has one, is shared instead (an article's headline rather than its navigation label).
        content: the page's content (HTML), where the description and the heading are found.
        site_name, language: the site's name (HTML, as MkDocs prints it) and language.
        description: the page's own description (front matter), if any.
        site_description: the site's, the last resort.
        url: the page's canonical address (needs ``site_url``).
    """
    if "</head>" not in page_html:
        return page_html
    text = page_description(content, description, site_description)
    heading = _H1.search(content)
    headline = _text(_HEADERLINK.sub("", heading["body"])) if heading else ""
    title = headline or _text(title)
    kind = "article" if 'class="pz-block' in content else "website"
    tags = [("name", "description", text)] if text else []
    tags += [("property", "og:type", kind), ("property", "og:title", title),
             ("property", "og:site_name", _text(site_name)), ("property", "og:locale", locale(language))]
    tags += [("property", "og:description", text)] if text else []
    tags += [("property", "og:url", url)] if url else []
    # Twitter reads og:title and og:description when its own tags are missing.
    tags += [("name", "twitter:card", "summary")]
    # Material's own description (the site's, in its site_meta block, before <title>) is replaced;
    # a tag the site's templates add themselves (an extrahead block) is theirs, and stays alone.
    title_at = page_html.find("<title")
    page_html = _OLD_DESCRIPTION.sub("", page_html[:title_at], count=1) + page_html[title_at:] if title_at >= 0 \
        else page_html
    present = set(_META_NAME.findall(page_html[:page_html.index("</head>")]))
    head = "".join(f'<meta {attr}="{name}" content="{html.escape(value, quote=True)}">'
                   for attr, name, value in tags if name not in present)
    return page_html.replace("</head>", head + "</head>", 1)


def _text(printed: str) -> str:
    """Text of something MkDocs prints as HTML (a title, the site name)."""
    return " ".join(html.unescape(_TAG.sub("", printed)).split())
