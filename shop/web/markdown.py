"""Stories and descriptions as Markdown: parsed with markdown-it-py, cleaned with nh3."""

from __future__ import annotations

import html
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark without raw HTML; headings are demoted below the page's own h1/h2.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}) \
        .disable(["image", "code", "fence", "html_block", "html_inline"])


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a story: paragraphs, emphasis, lists, quotes and plain links only."""
    if not text or not text.strip():
        return Markup("")
    rendered = _parser().render(text)
    rendered = (rendered.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
            .replace("<h2>", "<h3>").replace("</h2>", "</h3>")
            .replace("<h5>", "<h4>").replace("</h5>", "</h4>")
            .replace("<h6>", "<h4>").replace("</h6>", "</h4>"))
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow")
    return Markup(clean)  # noqa: S704  # nosec B704  (sanitised by nh3 above)


def plain_text(text: str | None) -> str:
    """The story without its Markdown marks, for meta descriptions."""
    return html.unescape(nh3.clean(_parser().render(text or ""), tags=set())).strip()
