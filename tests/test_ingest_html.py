"""HTML pages: the main text is the Document text; title, date and site come beside it."""
from __future__ import annotations

from onrecord.ingest import InputError, read_source

PAGE = """<!doctype html><html><head><title>Harbour plan approved | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour plan approved">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
<link rel="canonical" href="https://ledger.example/harbour-plan"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbour plan approved</h1>
<p>The harbour master said on Tuesday that the new pier "will open in June," adding that costs had risen.</p>
<p>"We are proud of it," she told reporters. &ldquo;It took years.&rdquo;</p></article>
<footer>Copyright The Coastal Ledger</footer></body></html>"""


def test_main_text_and_metadata(tmp_path):
    path = tmp_path / "harbour-plan.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read_source(str(path))
    assert doc.id == "harbour-plan"
    assert "the new pier \"will open in June,\"" in doc.text
    assert "“It took years.”" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Harbour plan approved"
    assert doc.outlet == "The Coastal Ledger"
    assert doc.published == "2024-05-02"
    assert doc.url == "https://ledger.example/harbour-plan"


def test_published_overrides_the_page_date(tmp_path):
    path = tmp_path / "p.htm"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read_source(str(path), published="2024-06-01")
    assert doc.published == "2024-06-01"


def test_a_page_in_another_declared_charset(tmp_path):
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace("harbour master", "maître du port")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("iso-8859-1", errors="xmlcharrefreplace"))
    [doc] = read_source(str(path))
    assert "maître du port" in doc.text


def test_a_page_without_article_text_is_an_input_error(tmp_path):
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><title>Sign in</title></head><body><script>x()</script></body></html>",
                    encoding="utf-8")
    [err] = read_source(str(path))
    assert isinstance(err, InputError)
    assert err.source == str(path) and err.reason == "no article text found in the HTML"
