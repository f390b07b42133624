"""The pages in real headless Chromium (Debian's /usr/bin/chromium; browsers are never downloaded).

Search, open a speaker, open a statement, see its words highlighted in the
source, and check that no script from an article ever runs. Screenshots go to
pytest's tmp path; with ONRECORD_SCREENSHOTS=1 the statement page also to docs/screenshots/.
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import socket
import threading
import time

import pytest

import serve_corpus
from onrecord.serve import create_app
from onrecord.store import open_store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS_SHOTS = pathlib.Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def long_article():
    """An article whose quote sits far below the first screen, to see the statement page scroll to it."""
    from onrecord.records import Document, Span, Statement, statement_id

    filler = "".join(f"Paragraph {n} describes the harbour works in some detail, at length.\n\n" for n in range(80))
    text = "date 2025-04-02\n\n" + filler + 'The engineer Rosa Vell said the new pier "will outlast all of us."\n'
    quote = '"will outlast all of us."'
    start = text.index(quote)
    speaker = text.index("Rosa Vell")
    st = Statement(id=statement_id("long-harbour", start, start + len(quote)), doc="long-harbour", kind="mixed",
                   content=Span.of(text, text.index("the new pier"), start + len(quote)),
                   cue=Span.of(text, text.index(" said ") + 1, text.index(" said ") + 5),
                   speaker=Span.of(text, speaker, speaker + len("Rosa Vell")), speaker_name="Rosa Vell",
                   confidence=0.9)
    return Document("long-harbour", text, title="The long pier", outlet="Coast Post", published="2025-04-02"), [st]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(url: str):
    """uvicorn on 127.0.0.1 over the store at `url`, in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The small corpus (and one long article) served for the module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}"
    with open_store(url) as store:
        serve_corpus.fill(store)
        store.add(*long_article())
    with running_server(url) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"{CHROMIUM} not installed (make browser-deps): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs
    errors: list[str] = []  # a script error or a Content-Security-Policy refusal shows up here
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []  # nothing may be fetched from anywhere but this server
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else (outside.append(route.request.url), route.abort()))
    yield p
    context.close()
    assert dialogs == [], f"a script from an article ran: {dialogs}"
    assert outside == [], f"the page fetched from outside: {outside}"
    assert [e for e in errors if "favicon" not in e and ".map" not in e] == [], errors


def shoot(page, tmp_path: pathlib.Path, name: str, *, for_readme: bool = False) -> pathlib.Path:
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if for_readme and os.environ.get("ONRECORD_SCREENSHOTS"):
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SHOTS / f"{name}.png"), full_page=name == "stats")
    return shot


def test_search_speaker_statement_and_the_highlight(server, page, tmp_path):
    page.goto(server + "/")
    page.fill("input[name=q]", "audience")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=audience**")
    cards = page.locator("article.card")
    assert cards.count() == 2
    shoot(page, tmp_path, "search")

    cards.first.locator("a.who").click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1.speaker-name").inner_text() == "Mara Quint"
    assert page.locator("li.occasion").count() >= 2
    shoot(page, tmp_path, "speaker")

    page.locator("li.occasion blockquote a", has_text="never about the money").click()
    page.wait_for_url("**/statements/*")
    quote = page.locator("blockquote.big").inner_text()
    highlighted = page.locator("#article mark.hl-content")
    assert highlighted.count() == 1 and highlighted.inner_text() == quote == '"never about the money."'
    assert page.locator("#article mark.hl-cue").inner_text() == "said"
    assert page.locator("#article mark.hl-speaker").inner_text() == "Quint"
    colours = {role: page.locator(f"#article mark.hl-{role}").evaluate("e => getComputedStyle(e).backgroundColor")
               for role in ("content", "cue", "speaker")}
    assert len(set(colours.values())) == 3, colours
    shoot(page, tmp_path, "statement", for_readme=True)


def test_document_page_shows_who_on_click_and_runs_no_article_script(server, page, tmp_path):
    page.goto(server + "/documents/harbor-interview")
    assert page.locator("#article mark.hl-content").count() == 3
    script_quote = page.locator("#article mark.hl-content", has_text="alert")
    assert script_quote.inner_text() == '"<script>alert(\'x\')</script> and <b>three</b> endings"'
    assert page.locator("#article script, #article b").count() == 0
    script_quote.click()
    panel = page.locator("#who-panel")
    assert panel.is_visible() and "Mara Quint" in panel.inner_text()
    assert panel.locator("a").get_attribute("href").startswith("/statements/")
    shoot(page, tmp_path, "document")


@pytest.mark.model
def test_paste_an_article_and_see_it_highlighted(server, page, tmp_path):
    page.goto(server + "/extract")
    page.fill("textarea[name=text]", 'date 2025-05-02\n\n"We kept the ending quiet on purpose," '
                                     'the composer Ilse Varga said in an interview with Tideline.\n')
    page.click("button[type=submit]")
    page.wait_for_selector("#article mark.hl-content")
    assert page.locator("#article mark.hl-content").first.inner_text() == '"We kept the ending quiet on purpose,"'
    assert page.locator("#article mark.hl-cue").first.inner_text() == "said"
    shoot(page, tmp_path, "extract")


def test_stats_page_draws_every_chart_from_the_local_library(server, page, tmp_path):
    page.goto(server + "/stats")
    page.wait_for_selector("body[data-charts-drawn='5']")
    for chart in ("chart-over-time", "chart-share", "chart-speakers", "chart-outlets", "chart-kinds"):
        inked = page.evaluate("""id => {
            const c = document.getElementById(id), ctx = c.getContext("2d");
            const px = ctx.getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
            return n; }""", chart)
        assert inked > 500, f"{chart} drew nothing"
    assert page.locator("table.top-speakers tbody tr").count() == 3
    shoot(page, tmp_path, "stats", for_readme=True)


def test_documents_filtered_by_outlet_from_the_outlets_page(server, page, tmp_path):
    page.goto(server + "/outlets")
    assert page.locator("p.count strong").inner_text() == "3"
    shoot(page, tmp_path, "outlets", for_readme=True)
    page.locator("table.outlets a", has_text="Coast Post").first.click()
    page.wait_for_url("**/documents?outlet=Coast+Post")
    assert page.locator("p.count strong").inner_text() == "2"
    assert page.locator("table.documents tbody tr").count() == 2
    page.goto(server + "/documents")
    page.fill("input[name=since]", "2025-02")
    page.fill("input[name=until]", "2025-03")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/documents?*since=2025-02*")
    titles = page.locator("table.documents tbody td:nth-child(2)").all_inner_texts()
    assert titles == ["Quint, months later", "Why the ending works"]
    shoot(page, tmp_path, "documents", for_readme=True)
    with page.expect_download() as download:
        page.locator("p.count a", has_text="CSV").click()
    rows = pathlib.Path(download.value.path()).read_text().splitlines()
    assert rows[0].startswith("id,title,outlet") and len(rows) == 3


def test_speakers_found_by_part_of_a_name(server, page, tmp_path):
    page.goto(server + "/speakers")
    page.fill("form.list-filter input[name=q]", "bran")
    page.press("form.list-filter input[name=q]", "Enter")
    page.wait_for_url("**/speakers?q=bran")
    assert page.locator("table.list tbody tr").all_inner_texts()[0].startswith("Theo Brand")
    assert page.locator("p.count").inner_text().startswith("1 speaker")
    shoot(page, tmp_path, "speakers", for_readme=True)


def test_statement_page_scrolls_the_whole_article_to_the_quote(server, page, tmp_path):
    page.goto(server + "/?q=outlast")
    page.locator("article.card blockquote a").first.click()
    page.wait_for_url("**/statements/*")
    assert "Paragraph 0 describes" in page.locator("#article").inner_text()  # the whole article, not a paragraph
    mark = page.locator("#article mark.hl-content")
    assert mark.count() == 1 and mark.inner_text() == 'the new pier "will outlast all of us."'
    page.wait_for_function("() => window.scrollY > 0")
    box = mark.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 900, box  # in view without scrolling by hand
    assert "active" in mark.get_attribute("class")


def test_api_docs_render_offline(server, page, tmp_path):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "onrecord" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path", has_text="/api/statements").count() >= 1
    shoot(page, tmp_path, "docs")
