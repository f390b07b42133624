"""Bad input: one InputError per input, naming it and the reason on one line."""
from __future__ import annotations

import pytest

from onrecord.ingest import DEFAULT_MAX_BYTES, InputError, iter_documents, max_bytes_from_env, read_source


def _only_error(path, **kwargs) -> InputError:
    [item] = list(read_source(str(path), **kwargs))
    assert isinstance(item, InputError)
    assert item.source == str(path)
    assert "\n" not in str(item) and str(item).startswith(str(path) + ": ")
    return item


def test_empty(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    assert _only_error(tmp_path / "e.txt").reason == "empty"


def test_whitespace_only(tmp_path):
    (tmp_path / "w.txt").write_bytes(b" \n\t\n")
    assert _only_error(tmp_path / "w.txt").reason == "no text (only whitespace)"


def test_binary(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    assert "binary" in _only_error(tmp_path / "b.txt").reason


def test_undecodable(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Café said.".encode("latin-1"))
    assert _only_error(tmp_path / "latin1.txt").reason == "not UTF-8 text (undecodable byte at offset 3)"


def test_oversized_by_argument(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"word " * 300)
    assert _only_error(tmp_path / "big.txt", max_bytes=1000).reason.startswith("too large (over 1000 bytes")
    [doc] = read_source(str(tmp_path / "big.txt"), max_bytes=1500)
    assert len(doc.text) == 1500


def test_oversized_by_default_and_by_environment(tmp_path, monkeypatch):
    path = tmp_path / "huge.html"
    path.write_bytes(b"<p>" + b"a" * DEFAULT_MAX_BYTES + b"</p>")
    assert "too large" in _only_error(path).reason
    monkeypatch.setenv("ONRECORD_MAX_BYTES", "10")
    (tmp_path / "small.txt").write_bytes(b"eleven byte")
    assert "over 10 bytes" in _only_error(tmp_path / "small.txt").reason


def test_a_bad_environment_limit_is_refused(monkeypatch):
    monkeypatch.setenv("ONRECORD_MAX_BYTES", "lots")
    with pytest.raises(ValueError, match="ONRECORD_MAX_BYTES"):
        max_bytes_from_env()


def test_missing(tmp_path):
    assert _only_error(tmp_path / "nope.txt").reason == "no such file"


def test_unreadable(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        items = list(read_source(str(path)))
    finally:
        path.chmod(0o600)
    if not isinstance(items[0], InputError):
        pytest.skip("running as root: file permissions are not enforced")
    assert items[0].reason == "permission denied"


def test_a_directory_is_an_error_unless_walked(tmp_path):
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text("<html><body><p>Third paragraph of words here.</p></body></html>")
    (tmp_path / "sub" / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden")
    [err] = list(iter_documents([str(tmp_path)], recursive=False))
    assert isinstance(err, InputError) and err.reason == "is a directory"
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.id for d in docs] == ["b", "a"]


def test_an_empty_directory_is_an_error(tmp_path):
    [err] = list(iter_documents([str(tmp_path)]))
    assert isinstance(err, InputError) and err.reason.startswith("no .txt")


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "c.txt").write_text("Third.")
    items = list(iter_documents([str(tmp_path / n) for n in ("a.txt", "bad.txt", "missing.txt", "c.txt")]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "Document"]
