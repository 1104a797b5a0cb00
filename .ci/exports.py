"""Load geokg's exports with the readers analysts use: GraphML and GEXF
with networkx, Turtle with pyoxigraph, Parquet with pandas and DuckDB.

Run by .ci/run inside a throwaway virtual environment:
    python exports.py GRAPH.json GRAPH.graphml GRAPH.ttl GRAPH.gexf PARQUET_DIR GRAPH.dot
The graph file gives the expected counts, and the DOT diagram the colours
the GEXF must carry.
"""
import json
import os
import re
import sys

import duckdb
import networkx
import pandas
import pyoxigraph

graph_path, graphml_path, turtle_path, gexf_path, parquet_dir, dot_path = sys.argv[1:7]
with open(graph_path, encoding="utf-8") as f:
    graph = json.load(f)
entities, relations = len(graph["entities"]), len(graph["relations"])
statements = sum(len(r["evidence"]) for r in graph["relations"])

g = networkx.read_graphml(graphml_path)
assert g.number_of_nodes() == entities, (g.number_of_nodes(), entities)
assert g.number_of_edges() == relations, (g.number_of_edges(), relations)
some_edge = next(iter(g.edges(data=True)))[2]
assert isinstance(some_edge["documents"], int), some_edge
print(f"networkx: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges from {graphml_path}")

store = pyoxigraph.Store()
with open(turtle_path, "rb") as f:
    store.load(f, format=pyoxigraph.RdfFormat.TURTLE)
ns = "https://geokg.dev/ns#"
query = f"SELECT (COUNT(?r) AS ?n) WHERE {{ ?r a <{ns}Relation> }}"
count = int(next(iter(store.query(query)))["n"].value)
assert count == relations, (count, relations)
print(f"pyoxigraph: {len(store)} triples, {count} relations from {turtle_path}")


# GEXF: the same nodes and edges, a dated relation's spell, and a node's
# colour equal to its fill in the DOT diagram.
g = networkx.read_gexf(gexf_path)
assert g.number_of_nodes() == entities, (g.number_of_nodes(), entities)
assert g.number_of_edges() == relations, (g.number_of_edges(), relations)
attacked = [d for _, _, d in g.edges(data=True) if d.get("predicate") == "attacked"]
assert attacked and attacked[0]["spells"] == [("2024-11-07", "2024-11-07")], attacked
assert attacked[0]["category"] == "ASSAULT" and attacked[0]["corroboration"] == 1, attacked
with open(dot_path, encoding="utf-8") as f:
    fill = re.search(r'"country:RUS"\s*\[[^\]]*fillcolor="#([0-9a-f]{6})"', f.read()).group(1)
want = {"r": int(fill[0:2], 16), "g": int(fill[2:4], 16), "b": int(fill[4:6], 16)}
color = g.nodes["country:RUS"]["viz"]["color"]
assert {k: color[k] for k in "rgb"} == want, (color, want)
assert g.nodes["country:RUS"]["spells"] == [("2024-11-07", "2024-11-07")], g.nodes["country:RUS"]
print(f"networkx: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges with spells from {gexf_path}")

# Parquet: pandas and DuckDB read the three tables, which join on
# `relation`.
table = lambda name: os.path.join(parquet_dir, f"{name}.parquet")
frames = {name: pandas.read_parquet(table(name)) for name in ("entities", "relations", "evidence")}
assert len(frames["entities"]) == entities, (len(frames["entities"]), entities)
assert len(frames["relations"]) == relations, (len(frames["relations"]), relations)
assert len(frames["evidence"]) == statements, (len(frames["evidence"]), statements)
assert list(frames["relations"]["predicate"]) == [r["predicate"] for r in graph["relations"]]
joined = duckdb.sql(
    f"SELECT r.predicate, e.text FROM '{table('evidence')}' e JOIN '{table('relations')}' r USING (relation) "
    "WHERE r.predicate = 'attacked'"
).fetchall()
assert joined == [("attacked", "Russia attacked Ukraine with drones overnight.")], joined
[(count,)] = duckdb.sql(f"SELECT count(*) FROM '{table('evidence')}'").fetchall()
assert count == statements, (count, statements)
print(f"pandas and duckdb: {entities} entities, {relations} relations, {statements} statements from {parquet_dir}")
