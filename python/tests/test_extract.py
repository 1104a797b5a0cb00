"""Extraction from Python equals the CLI's JSONL, and bad input raises."""

import json

import pyarrow as pa
import pytest

import geokg


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cli_triples(cli, *args):
    out = cli("extract", *args, "--format", "jsonl").stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("name", ["news.jsonl", "outlets.jsonl", "terms.jsonl"])
def test_extract_equals_cli_jsonl(cli, fixtures, name):
    records = read_jsonl(fixtures / name)
    expected = cli_triples(cli, fixtures / name)
    got = geokg.extract(records)
    assert len(got) == len(expected) > 0
    for g, e in zip(got, expected):
        assert g == e
        # Same fields in the same order, as the CLI prints them.
        assert list(g) == list(e)


def test_extract_text_with_date_equals_cli(cli, fixtures):
    text = (fixtures / "summit.txt").read_text(encoding="utf-8")
    expected = cli_triples(cli, fixtures / "summit.txt", "--date", "2025-02-07")
    got = geokg.extract([{"id": "summit", "text": text}], date="2025-02-07")
    assert got == expected


def test_strings_get_line_ids_as_jsonl_records_do():
    got = geokg.extract(["Russia attacked Ukraine on Monday.", "Japan praised Brazil."], date="2025-02-10")
    assert [t["evidence"]["doc"] for t in got] == ["line-1", "line-2"]
    assert got[0]["date"] == "2025-02-10"


def test_jobs_do_not_change_output(fixtures):
    records = read_jsonl(fixtures / "outlets.jsonl") + read_jsonl(fixtures / "terms.jsonl")
    assert geokg.extract(records, jobs=1) == geokg.extract(records, jobs=2)


def test_extract_arrow_rows_are_the_jsonl_triples_flattened(fixtures):
    records = read_jsonl(fixtures / "terms.jsonl")
    table = pa.Table.from_pylist([{k: r.get(k) for k in ("id", "date", "source", "text")} for r in records])
    out = geokg.extract_arrow(table)
    assert out.schema == geokg.triples_schema()
    dicts = geokg.extract(records)
    assert out.num_rows == len(dicts) > 0
    for row, t in zip(out.to_pylist(), dicts):
        assert row["doc"] == t["evidence"]["doc"]
        assert row["sentence"] == t["evidence"]["sentence"]
        assert [row["start"], row["end"]] == t["evidence"]["span"]
        assert row["text"] == t["evidence"]["text"]
        for end in ("subject", "object"):
            assert row[end] == t[end]["id"]
            assert row[f"{end}_name"] == t[end]["name"]
            assert row[f"{end}_type"] == t[end]["type"]
        for k in ("predicate", "category", "date", "date_precision", "negated", "modality", "rule", "symmetric"):
            assert row[k] == t[k], k
        assert row["former"] == t.get("former", False)
        for k in ("valid_from", "valid_until", "dead", "injured", "mode"):
            assert row[k] == t.get(k), k
        assert row["place"] == (t["place"]["id"] if t.get("place") else None)
        assert row["attribution"] == (t["attribution"]["id"] if t["attribution"] else None)
        assert row["confidence"] == pytest.approx(t["confidence"], abs=1e-6)


def test_extract_arrow_takes_large_strings_and_integer_ids():
    table = pa.table({"id": pa.array([7], pa.int64()), "text": pa.array(["Japan praised Brazil."], pa.large_string())})
    out = geokg.extract_arrow(table)
    assert out.column("doc").to_pylist() == ["7"]


def test_extract_arrow_of_an_empty_table():
    out = geokg.extract_arrow(pa.table({"text": pa.array([], pa.string())}))
    assert out.num_rows == 0 and out.schema == geokg.triples_schema()


@pytest.mark.parametrize(
    "records, error, message",
    [
        ([{"id": "a", "text": 5}], TypeError, "records[0]: `text` is not a string"),
        ([{"id": "a"}], ValueError, "records[0]: record has no `text`"),
        ([{"id": [1], "text": "x"}], TypeError, "records[0]: `id` is not a string (got list)"),
        (["ok", {"text": "x", "date": 20250101}], TypeError, "records[1]: `date` is not a string"),
        ([{"text": "x", "title": b"bytes"}], TypeError, "records[0]: `title` is not a string (got bytes)"),
        ([3], TypeError, "records[0]: expected a str or a dict, got int"),
        ("just one article", TypeError, "records must be a list of str or dict, not a single record"),
        (42, TypeError, "records must be a list of str or dict, not int"),
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], ValueError, 'records[1]: duplicate id "a"'),
    ],
)
def test_bad_records_raise_with_a_clear_message(records, error, message):
    with pytest.raises(error) as e:
        geokg.extract(records)
    assert str(e.value) == message


def test_bad_options_raise_with_the_cli_messages():
    with pytest.raises(ValueError, match=r'^"yesterday" is not a date \(use YYYY-MM-DD\)$'):
        geokg.extract(["x"], date="yesterday")
    with pytest.raises(ValueError, match="threads is more than the 256 allowed"):
        geokg.extract(["x"], jobs=100000)
    with pytest.raises(OverflowError):
        geokg.extract(["x"], jobs=-1)


def test_bad_tables_raise():
    with pytest.raises(ValueError, match="^the table has no `text` column$"):
        geokg.extract_arrow(pa.table({"body": ["x"]}))
    with pytest.raises(TypeError, match="^column `text` is int64 but must hold strings$"):
        geokg.extract_arrow(pa.table({"text": [1]}))
    with pytest.raises(ValueError, match="^row 1: record has no `text`$"):
        geokg.extract_arrow(pa.table({"text": ["x", None]}))
