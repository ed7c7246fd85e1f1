"""The reader of the annotated article (issue 12), in a real browser, by geometry and behaviour."""

from __future__ import annotations

from pathlib import Path

ARTICLE = "sensetime-xu-bing/"


def test_every_page_has_a_description_and_sharing_tags(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 10
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        for tag in ('<meta name="description" content="', '<meta property="og:title" content="',
                    '<meta property="og:description" content="', '<meta property="og:type" content="',
                    '<meta property="og:url" content="https://pizhu.example.org/', '<meta name="twitter:card" content="summary"'):
            assert head.count(tag) == 1, (path, tag)
        assert "og:image" not in head  # nothing to fetch
    head = (built_site / ARTICLE / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="商汤联合创始人徐冰卸任，转向AI芯片业务">' in head
    assert '<meta name="description" content="商汤科技联合创始人徐冰的卸任' in head


def test_sharing_tags_quote_titles_and_descriptions_as_escaped_attributes() -> None:
    from pizhu.render.social import social_tags

    page = social_tags("<html><head><title>x</title></head><body></body></html>",
                       title="Page &amp; &lt;title&gt;",
                       content='<h1 id="h">T "q" &lt;/title&gt;&lt;script&gt;<a class="headerlink" href="#h">¶</a></h1>'
                               '<p class="pz-meta">meta line</p><p>一段足够长的描述："引号" 与 &lt;b&gt;标签&lt;/b&gt;。</p>',
                       site_name="S", language="zh-Hant", url="https://example.org/p/")
    head = page.split("</head>")[0]
    assert "<script" not in head and "<b>" not in head
    assert '<meta property="og:title" content="T &quot;q&quot; &lt;/title&gt;&lt;script&gt;">' in head
    assert '<meta name="description" content="一段足够长的描述：&quot;引号&quot; 与 &lt;b&gt;标签&lt;/b&gt;。">' in head
    assert '<meta property="og:locale" content="zh_TW">' in head
