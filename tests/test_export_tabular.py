"""CSV and Parquet of statements and documents, in the flat row form the store uses."""
from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq

from onrecord.export import (DOCUMENT_FIELDS, write_documents_csv, write_documents_parquet,
                             write_statements_csv, write_statements_parquet)
from onrecord.records import ROW_FIELDS, Document, statement_from_row, statement_to_row

from test_export_formats import TEXT, _statements


def test_statements_parquet_round_trips(tmp_path):
    path = tmp_path / "s.parquet"
    assert write_statements_parquet(_statements(), str(path), batch_size=1) == 2
    table = pq.read_table(path)
    assert table.column_names == list(ROW_FIELDS)
    assert str(table.schema.field("content_start").type) == "int64"
    back = [statement_from_row(row) for row in table.to_pylist()]
    assert back == _statements()
    for st in back:
        assert TEXT[st.content.start:st.content.end] == st.content.text


def test_empty_parquet_keeps_its_schema(tmp_path):
    path = tmp_path / "none.parquet"
    assert write_statements_parquet([], str(path)) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.column_names == list(ROW_FIELDS)


def test_statements_csv_has_the_row_columns():
    out = io.StringIO(newline="")
    assert write_statements_csv(_statements(), out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(ROW_FIELDS)
    expected = statement_to_row(_statements()[0])
    assert rows[0]["content_parts"] == expected["content_parts"]
    assert int(rows[0]["content_start"]) == expected["content_start"]
    assert rows[1]["venue_kind"] == ""


def test_documents_csv_and_parquet(tmp_path):
    docs = [Document(id="a", text='Line one,\r\n"two"', url="https://x.example/a", published="2024-01-01"),
            Document(id="b", text="B.")]
    out = io.StringIO(newline="")
    assert write_documents_csv(docs, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0]["text"] == 'Line one,\r\n"two"' and list(rows[0]) == list(DOCUMENT_FIELDS)
    path = tmp_path / "d.parquet"
    assert write_documents_parquet(docs, str(path)) == 2
    assert pq.read_table(path).to_pylist()[0]["text"] == 'Line one,\r\n"two"'
