"""The pages in real headless Chromium (Debian's /usr/bin/chromium; browsers are never downloaded).

Search, open a speaker, open a statement, see its words highlighted in the
source, and check that no script from an article ever runs. Screenshots go to
pytest's tmp path; with ONRECORD_SCREENSHOTS=1 the statement page also to docs/screenshots/.
"""
from __future__ import annotations

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn on 127.0.0.1 over the small corpus, in a thread, for the module."""
    import uvicorn

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}"
    with open_store(url) as store:
        serve_corpus.fill(store)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


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
    yield p
    context.close()
    assert dialogs == [], f"a script from an article ran: {dialogs}"


def shoot(page, tmp_path: pathlib.Path, name: str, *, for_readme: bool = False) -> pathlib.Path:
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if for_readme and os.environ.get("ONRECORD_SCREENSHOTS"):
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SHOTS / f"{name}.png"), full_page=False)
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
