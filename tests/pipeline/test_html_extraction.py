"""Issue 12, HTML: the chosen trafilatura settings keep the body of pages written for the project, and a page
whose extraction is no body (a byline, a list of headlines) is rejected as `html_no_body`.

Figures per setting: ``benchmarks/bench_html_extraction.py`` (README, "HTML")."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipelines.errors import EmptyText, HtmlNoBody
from pipelines.parse_articles import MIN_BODY_SHARE, ArticleParser, extract_body, html_to_text
from pipelines.records import KafkaRecord

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
sys.path.insert(0, str(FIXTURES))
sys.path.insert(0, str(FIXTURES.parents[2] / "benchmarks"))

from bench_html_extraction import token_f1  # noqa: E402
from pages import PAGES, render  # noqa: E402

WITH_BODY = [p.name for p in PAGES if p.body]
#: Pages without an article body: nothing extracted (empty_text) or a fragment (html_no_body).
NO_BODY = ["scripted_wire_en", "tag_page_uk", "section_front_en"]


def _page(name: str) -> tuple[str, str]:
    return (FIXTURES / f"{name}.html").read_text("utf-8"), (FIXTURES / f"{name}.txt").read_text("utf-8")


def test_the_fixture_pages_are_current() -> None:
    for page in PAGES:
        html, body = _page(page.name)
        assert html == render(page) and body.splitlines() == list(page.body), (
            f"tests/fixtures/html/{page.name} is stale: run python tests/fixtures/html/pages.py"
        )


@pytest.mark.parametrize("name", WITH_BODY)
def test_the_body_of_each_page_is_kept(name: str) -> None:
    html, body = _page(name)
    assert token_f1(html_to_text(html), body) >= 0.85


@pytest.mark.parametrize("name", NO_BODY)
def test_a_page_without_a_body_is_rejected_at_parse(name: str) -> None:
    html, _ = _page(name)
    doc = {"id": name, "source": "s", "url": "https://example.org/x", "title": "t",
           "published_at": "2025-01-14T09:41:00Z", "html": html}  # fmt: skip
    record = KafkaRecord("articles.raw", 0, 0, 0, None, json.dumps(doc).encode())
    parser = ArticleParser()
    with pytest.raises((HtmlNoBody, EmptyText)):
        parser.to_article(parser.decode(record.value), record)


def test_a_fragment_is_rejected_with_its_share() -> None:
    """A page whose only text outside navigation and related links is a byline (the issue's wire page as
    trafilatura saw it): the fragment is rejected, never analysed as the article."""
    links = "".join(
        f'<li><a href="/{i}">Another headline about markets and policy, number {i}</a></li>'
        for i in range(30)
    )
    html = (f"<html><body><nav><ul>{links}</ul></nav><article><h1>Heat restored</h1><p>By Anna Keller and Tomas "
            "Horvat, Northline. Reporting from Kharkiv and Kyiv, January 14, 2025.</p></article>"
            f"<section><ul>{links}</ul></section></body></html>")  # fmt: skip
    text, share = extract_body(html)
    assert "Anna Keller" in text and share < MIN_BODY_SHARE
    with pytest.raises(HtmlNoBody, match=r"is \d+% of the page's visible text; allowed: at least 18%"):
        html_to_text(html)
