"""geokg.Graph: builds equal to the CLI's, round trips, merges, questions,
networkx, and errors with the CLI's messages."""

import json

import pytest

import geokg
from test_extract import read_jsonl

CORPUS = ["summit.txt", "news.jsonl", "outlets.jsonl", "terms.jsonl"]


def corpus_records(fixtures):
    """The fixtures as records, as the CLI reads them (a .txt file is one
    document, its stem the id)."""
    out = []
    for name in CORPUS:
        p = fixtures / name
        if p.suffix == ".txt":
            out.append({"id": p.stem, "text": p.read_text(encoding="utf-8")})
        else:
            out.extend(read_jsonl(p))
    return out


@pytest.fixture(scope="module")
def built(cli, fixtures, tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    cli("build", *[fixtures / n for n in CORPUS], "--date", "2025-02-07", "-o", d / "g.json")
    cli("build", *[fixtures / n for n in CORPUS], "--date", "2025-02-07", "-o", d / "g.geokg")
    return d


def test_build_equals_the_cli_build_byte_for_byte(built, fixtures, tmp_path):
    g = geokg.Graph.build(corpus_records(fixtures), date="2025-02-07")
    for name in ("g.json", "g.geokg"):
        g.save(tmp_path / name)
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
    assert g.to_bytes(binary=False) == (built / "g.json").read_bytes()
    assert g.to_bytes() == (built / "g.geokg").read_bytes()


@pytest.mark.parametrize("name", ["g.json", "g.geokg"])
def test_load_save_round_trips(built, tmp_path, name):
    g = geokg.Graph.load(built / name)
    for out in ("back.json", "back.geokg"):
        g.save(tmp_path / out)
        assert geokg.Graph.load(tmp_path / out).to_bytes() == g.to_bytes()
    assert (tmp_path / "back.json").read_bytes() == (built / "g.json").read_bytes()
    assert geokg.Graph.from_bytes((built / name).read_bytes()).to_bytes() == g.to_bytes()


def test_merge_of_parts_equals_one_build(built, fixtures):
    records = corpus_records(fixtures)
    a = geokg.Graph.build(records[:3], date="2025-02-07")
    b = geokg.Graph.build(records[3:], date="2025-02-07")
    ab = a.copy().merge(b)
    ba = b.copy().merge(a)
    assert ab.to_bytes(False) == ba.to_bytes(False) == (built / "g.json").read_bytes()
    # Idempotent, also when merging a graph with itself.
    assert ab.copy().merge(ab).to_bytes() == ab.to_bytes()
    assert ab.merge(ab).to_bytes() == ba.to_bytes()


def test_add_equals_build_into(cli, built, fixtures, tmp_path):
    records = corpus_records(fixtures)
    g = geokg.Graph.build(records[:1], date="2025-02-07").add(records[1:], date="2025-02-07")
    assert g.to_bytes(False) == (built / "g.json").read_bytes()


def test_networkx_counts_equal_stats(cli, built):
    stats = json.loads(cli("stats", built / "g.json", "--format", "json").stdout)
    g = geokg.Graph.load(built / "g.json")
    G = g.to_networkx()
    assert G.number_of_nodes() == stats["entities"]
    assert G.number_of_edges() == stats["relations"]
    assert sum(d["statements"] for _, _, d in G.edges(data=True)) == stats["evidence"]
    assert g.stats() == stats
    node = G.nodes["country:UKR"]
    assert node["name"] == "Ukraine" and node["type"] == "COUNTRY"
    _, _, data = next(iter(G.edges("country:RUS", data=True)))
    assert {"category", "documents", "corroboration", "sources", "first_date", "last_date"} <= set(data)


@pytest.mark.parametrize("args", [("Ukraine",), ("Russia", "--depth", "2"), ("Russia", "--direction", "out", "--category", "ASSAULT")])
def test_neighbors_equal_the_cli_json(cli, built, args):
    expected = json.loads(cli("neighbors", built / "g.json", *args, "--format", "json").stdout)
    kwargs = {}
    rest = list(args[1:])
    while rest:
        flag, value = rest.pop(0), rest.pop(0)
        if flag == "--depth":
            kwargs["depth"] = int(value)
        elif flag == "--direction":
            kwargs["direction"] = value
        elif flag == "--category":
            kwargs["categories"] = [value]
    got = geokg.Graph.load(built / "g.json").neighbors(args[0], **kwargs)
    assert got == expected


def test_unknown_entity_raises_the_cli_message(cli, built):
    g = geokg.Graph.load(built / "g.json")
    with pytest.raises(LookupError) as e:
        g.neighbors("Ukrane")
    err = cli("neighbors", built / "g.json", "Ukrane", check=False).stderr.strip()
    assert err == f"geokg: error: {e.value}"
    assert "did you mean" in str(e.value)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:40] + bytes([b[40] ^ 0xFF]) + b[41:],  # one byte flipped
        lambda b: b"\x7fELF" + b[4:],  # foreign
    ],
)
@pytest.mark.parametrize("name", ["g.json", "g.geokg"])
def test_damaged_graph_files_raise_the_cli_message(cli, built, tmp_path, damage, name):
    bad = tmp_path / name
    bad.write_bytes(damage((built / name).read_bytes()))
    err = cli("stats", bad, check=False)
    assert err.returncode == 2
    with pytest.raises(geokg.GraphFileError) as e:
        geokg.Graph.load(bad)
    assert isinstance(e.value, ValueError)
    assert err.stderr.strip() == f"geokg: error: {e.value}"
    with pytest.raises(geokg.GraphFileError):
        geokg.Graph.from_bytes(bad.read_bytes())


def test_missing_graph_file_raises_file_not_found(cli, tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(FileNotFoundError) as e:
        geokg.Graph.load(missing)
    assert cli("stats", missing, check=False).stderr.strip() == f"geokg: error: {e.value}"


def test_save_is_atomic_and_leaves_no_temporary(tmp_path):
    g = geokg.Graph.build(["Japan praised Brazil."])
    g.save(tmp_path / "g.json")
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]
    with pytest.raises(OSError):
        g.save(tmp_path / "no-such-dir" / "g.json")


def test_arrow_tables_match_the_graph(cli, built):
    stats = json.loads(cli("stats", built / "g.json", "--format", "json").stdout)
    g = geokg.Graph.load(built / "g.json")
    f = g.to_dict()
    entities, relations, evidence = g.entities(), g.relations(), g.evidence()
    assert entities.num_rows == stats["entities"]
    assert relations.num_rows == stats["relations"]
    assert evidence.num_rows == stats["evidence"]
    assert entities.column("id").to_pylist() == [e["id"] for e in f["entities"]]
    keys = [(r["subject"], r["predicate"], r["object"]) for r in f["relations"]]
    assert list(zip(*(relations.column(c).to_pylist() for c in ("subject", "predicate", "object")))) == keys
    texts = [e["text"] for r in f["relations"] for e in r["evidence"]]
    assert evidence.column("text").to_pylist() == texts
    df = relations.to_pandas()
    assert set(df["category"]) == {r["category"] for r in f["relations"]}
