"""Load geokg's GraphML and Turtle exports with the readers analysts use.

Run by .ci/run inside a throwaway virtual environment:
    python exports.py GRAPH.json GRAPH.graphml GRAPH.ttl
The graph file gives the expected counts.
"""
import json
import sys

import networkx
import pyoxigraph

graph_path, graphml_path, turtle_path = sys.argv[1:4]
with open(graph_path, encoding="utf-8") as f:
    graph = json.load(f)
entities, relations = len(graph["entities"]), len(graph["relations"])

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
