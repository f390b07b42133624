"""`onrecord ingest` under faults: a changed text updates, one id twice is reported, a store that
cannot be written is found before any work, a lost PostgreSQL ends with one line and a summary."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from conftest import POSTGRES_URL
from test_cli_store import count_documents, spark_output

from onrecord.cli import main
from onrecord.store import open_store

ARTICLE = "date 2025-02-03\n\nThe harbour master said the ferry would run on {day}.\n\n\u201cWe are ready,\u201d she told reporters.\n"


def _summary(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("read ")]
    return line


@pytest.mark.model
def test_a_changed_text_is_extracted_again_and_reported_updated(tmp_path):
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE.format(day="Friday"))
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(article), "--db", db])
    assert first.exit_code == 0 and "stored 1" in _summary(first.output)
    same = runner.invoke(main, ["ingest", str(article), "--db", db])
    assert "stored 0, skipped 1 (1 already stored), updated 0" in _summary(same.output)
    article.write_text(ARTICLE.format(day="Monday"))
    changed = runner.invoke(main, ["ingest", str(article), "--db", db])
    assert changed.exit_code == 0, changed.output
    assert "stored 0, skipped 0 (none), updated 1" in _summary(changed.output)
    with open_store(db) as store:
        document, stored = store.document("ferry")
        assert "Monday" in document.text
        assert stored and all(document.text[s.statement.content.start:s.statement.content.end]
                              == s.statement.content.text for s in stored)
        assert store.search("Friday").items == [] and store.search("Monday").items


def test_one_id_twice_in_a_batch_is_reported_not_dropped(tmp_path, make_article):
    records = tmp_path / "batch.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": "The mayor said the pier would reopen."},
        {"id": "a", "text": "The mayor said the pier would stay shut."}]) + "\n")
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(main, ["ingest", str(records), "--db", db])
    assert result.exit_code == 2
    [error] = [line for line in result.output.splitlines() if line.startswith("onrecord: ")]
    assert f"{records}:2" in error and "id 'a' was already read from" in error
    assert "1 failed" in _summary(result.output)


def test_ingest_has_the_size_limit_its_message_names(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The mayor said the pier would reopen. " * 60)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(main, ["ingest", str(big), "--db", db, "--max-bytes", "1000"])
    assert result.exit_code == 2
    assert f"onrecord: {big}: too large (over 1000 bytes; raise the limit with --max-bytes)" in result.output


def test_a_store_that_cannot_be_written_is_found_before_any_extraction(tmp_path, make_article):
    path = tmp_path / "ro.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add(*make_article("old", [("Ann Lee", "Words here.", {})]))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd not text")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE.format(day="Friday"))
    result = CliRunner().invoke(main, ["ingest", str(good), str(bad), "--db", f"sqlite:///file:{path}?mode=ro&uri=true"])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("onrecord: cannot write to the store ")
    assert "readonly" in lines[0] or "read-only" in lines[0]


class Proxy:
    """A TCP relay to PostgreSQL that can be cut: the database lost as a client sees it."""

    def __init__(self, port: int = 5432):
        self.upstream = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lost = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.lost:  # accepted in the moment of the cut: refused all the same
                client.close()
                return
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        self.lost = True
        try:  # wakes the accept() blocked in the other thread; close() alone would not
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


@pytest.mark.postgres
def test_a_lost_postgresql_ends_with_one_line_and_a_summary(store_url, tmp_path, make_article):
    if not store_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL case")
    src = spark_output(tmp_path / "out", make_article, 1500)
    proxy = Proxy()
    through_proxy = store_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    proc = subprocess.Popen([sys.executable, "-c", "from onrecord.cli import main; main()", "ingest", str(src),
                             "--db", through_proxy], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and count_documents(store_url) < 64:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before the database could be lost: make the input larger"
    proxy.cut()
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    lines = err.splitlines()
    assert "Traceback" not in err and len(lines) == 2, err
    assert lines[0].startswith("onrecord: lost the store ") and "run the same command again" in lines[0]
    stored = count_documents(store_url)
    assert lines[1].startswith("read ") and f"stored {stored}," in lines[1]
    rerun = CliRunner().invoke(main, ["ingest", str(src), "--db", store_url])
    assert rerun.exit_code == 0 and f"stored {1500 - stored}, skipped {stored}" in rerun.output
