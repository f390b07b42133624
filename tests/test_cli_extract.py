"""`onrecord extract`: the command line contract of DESIGN.md, bad input included."""
from __future__ import annotations

import json
import pathlib

import pytest
from click.testing import CliRunner

from onrecord.cli import main

ARTICLE = ('date 2024-09-14 The harbour master said on Tuesday that the pier "will open in June," '
           'adding that costs had risen.\n\n"We are proud of it," she told reporters.\n')
OTHER = 'The coach told reporters that the team "will be back stronger next season."\n'


def run(*args: str, stdin: bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(main, ["extract", *args], input=stdin, env=env, catch_exceptions=False)


def statements(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture()
def articles(tmp_path) -> pathlib.Path:
    (tmp_path / "harbour.txt").write_bytes(ARTICLE.encode("utf-8"))
    (tmp_path / "coach.txt").write_bytes(OTHER.encode("utf-8"))
    return tmp_path


@pytest.mark.model
def test_jsonl_offsets_and_doc_names(nlp, articles):
    result = run(str(articles / "harbour.txt"), str(articles / "coach.txt"))
    assert result.exit_code == 0, result.stderr
    found = statements(result)
    assert {st["doc"] for st in found} == {"harbour", "coach"}
    texts = {"harbour": ARTICLE, "coach": OTHER}
    for st in found:
        text = texts[st["doc"]]
        for role in ("content", "cue", "speaker"):
            span = st[role]
            if span:
                assert text[span["start"]:span["end"]] == span["text"]
    docs_in_order = [st["doc"] for st in found]
    assert docs_in_order == sorted(docs_in_order, key=["harbour", "coach"].index)


def _bad_inputs(tmp_path: pathlib.Path) -> dict[str, tuple[pathlib.Path, str]]:
    """name → (path, a piece of the reason) for every kind of bad input."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (tmp_path / "latin1.txt").write_bytes("Ça, dit-il.".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"word " * 20_000)
    (tmp_path / "folder").mkdir()
    (tmp_path / "nopage.html").write_text("<html><head><title>x</title></head><body></body></html>")
    return {
        "empty": (tmp_path / "empty.txt", "empty"),
        "binary": (tmp_path / "binary.txt", "binary"),
        "undecodable": (tmp_path / "latin1.txt", "not UTF-8"),
        "oversized": (tmp_path / "huge.txt", "too large"),
        "missing": (tmp_path / "missing.txt", "no such file"),
        "directory": (tmp_path / "folder", "is a directory"),
        "no article": (tmp_path / "nopage.html", "no article text"),
    }


@pytest.mark.model
@pytest.mark.parametrize("kind", ["empty", "binary", "undecodable", "oversized", "missing", "directory",
                                  "no article"])
def test_one_bad_file_in_a_batch(nlp, articles, kind):
    bad, reason = _bad_inputs(articles)[kind]
    result = run("--max-bytes", "50000", str(articles / "harbour.txt"), str(bad), str(articles / "coach.txt"))
    assert result.exit_code == 2
    assert {st["doc"] for st in statements(result)} == {"harbour", "coach"}
    [line] = result.stderr.splitlines()
    assert line.startswith(f"onrecord: {bad}: ") and reason in line


@pytest.mark.model
def test_a_bad_jsonl_line_is_reported_and_the_other_records_extracted(nlp, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "rec-a", "text": ARTICLE}) + "\n{oops\n"
                    + json.dumps({"id": "rec-b", "text": OTHER}) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert {st["doc"] for st in statements(result)} == {"rec-a", "rec-b"}
    assert result.stderr.splitlines() == [f"onrecord: {path}: line 2: not valid JSON "
                                          "(Expecting property name enclosed in double quotes at column 2)"]


@pytest.mark.model
@pytest.mark.parametrize("args", [["-"], []])
def test_stdin(nlp, args):
    result = run(*args, stdin=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0
    found = statements(result)
    assert found and {st["doc"] for st in found} == {"stdin"}
    assert all(ARTICLE[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"] for st in found)


@pytest.mark.model
def test_every_format(nlp, articles):
    path = str(articles / "harbour.txt")
    as_jsonl = statements(run(path))
    as_json = json.loads(run("--format", "json", path).stdout)
    assert as_json == as_jsonl and as_jsonl
    table = run("--format", "table", path).stdout
    assert "harbour — 2024-09-14" in table and "speaker" in table and "The harbour master" in table
    markdown = run("--format", "markdown", path).stdout
    assert markdown.startswith("## harbour — 2024-09-14\n") and "| speaker | kind | quote |" in markdown


@pytest.mark.model
def test_published_overrides_the_date_line(nlp, articles):
    result = run("--format", "markdown", "--published", "2023-01-31", str(articles / "harbour.txt"))
    assert result.exit_code == 0 and result.stdout.startswith("## harbour — 2023-01-31\n")


@pytest.mark.model
def test_jobs_gives_the_same_output_in_the_same_order(nlp, articles):
    paths = []
    for n in range(5):
        path = articles / f"copy{n}.txt"
        path.write_text((OTHER if n % 2 else ARTICLE), encoding="utf-8")
        paths.append(str(path))
    one = run(*paths)
    two = run("--jobs", "2", *paths)
    assert two.exit_code == 0 and one.stdout == two.stdout and one.stdout


@pytest.mark.parametrize("value", ["2024-13-01", "14/09/2024", "soon"])
def test_a_bad_published_date_is_a_usage_error(value):
    result = run("--published", value, "x.txt")
    assert result.exit_code == 2
    assert "--published" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_a_missing_model_is_one_line_and_exit_2(articles):
    result = run("--model", "en_no_such_pipeline", str(articles / "harbour.txt"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "onrecord: spaCy pipeline 'en_no_such_pipeline' is not installed\n"


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--max-bytes", "-1"], ["--format", "yaml"]])
def test_bad_option_values_are_usage_errors(args):
    assert run(*args, "x.txt").exit_code == 2


def test_help_explains_every_option():
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--published", "--jobs", "--model", "--max-bytes", "ONRECORD_MAX_BYTES",
                   "jsonl", "markdown", "YYYY-MM-DD", ".warc"):
        assert option in result.stdout, option


@pytest.mark.model
def test_the_demo_article(nlp):
    path = pathlib.Path(__file__).resolve().parent.parent / "examples" / "festival-interview.txt"
    text = path.read_bytes().decode("utf-8")
    result = run(str(path))
    assert result.exit_code == 0 and result.stderr == ""
    found = statements(result)
    assert len(found) >= 10 and {st["doc"] for st in found} == {"festival-interview"}
    assert {st["kind"] for st in found} >= {"direct", "indirect"}
    assert any(st["content"].get("parts") for st in found)
    for st in found:
        assert text[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]
    table = run("--format", "table", str(path)).stdout
    assert table.startswith("festival-interview — 2025-04-08")


@pytest.mark.model
def test_a_document_the_stages_fail_on_is_reported_and_the_rest_printed(nlp, articles, monkeypatch):
    import onrecord.pipeline

    real = onrecord.pipeline.statements_from_doc

    def fail_on_the_coach(doc, doc_id, published, *args, **kwargs):
        if "coach" in doc.text:
            raise RuntimeError("boom")
        return real(doc, doc_id, published, *args, **kwargs)

    monkeypatch.setattr(onrecord.pipeline, "statements_from_doc", fail_on_the_coach)
    result = run(str(articles / "coach.txt"), str(articles / "harbour.txt"))
    assert result.exit_code == 2
    assert {st["doc"] for st in statements(result)} == {"harbour"}
    assert result.stderr == f"onrecord: {articles / 'coach.txt'}: extraction failed: RuntimeError: boom\n"


def test_a_pipeline_in_another_language_is_refused(tmp_path, articles):
    folder = tmp_path / "de_pipeline"
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"lang": "de", "name": "tiny", "version": "0.0.1",
                                                  "spacy_version": ">=3.8.0,<3.9.0"}))
    result = run("--model", str(folder), str(articles / "harbour.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"onrecord: spaCy pipeline '{folder}' is not an English pipeline (lang 'de')\n"


@pytest.mark.model
def test_html_and_warc_inputs(nlp, tmp_path):
    import io as _io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from onrecord.ingest import read_source

    page = ("<html><head><title>Pier opens | Harbour News</title></head><body><article>"
            + "".join(f"<p>{para}</p>" for para in ARTICLE.split("\n\n")[1:] + [OTHER])
            + "</article></body></html>")
    (tmp_path / "pier.html").write_text(page, encoding="utf-8")
    with open(tmp_path / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://harbour.example/pier", "response",
                                                      payload=_io.BytesIO(page.encode()), http_headers=headers))
    result = run(str(tmp_path / "pier.html"), str(tmp_path / "crawl.warc.gz"))
    assert result.exit_code == 0, result.stderr
    texts = {doc.id: doc.text for path in ("pier.html", "crawl.warc.gz")
             for doc in read_source(str(tmp_path / path))}
    found = statements(result)
    assert {st["doc"] for st in found} == set(texts) and len(texts) == 2
    for st in found:
        text = texts[st["doc"]]
        assert text[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]


@pytest.mark.model
def test_an_error_about_a_strange_file_name_is_still_one_line(nlp, tmp_path):
    result = run(str(tmp_path / "two\nlines.txt"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr
