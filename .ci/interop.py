"""Loads eventkg's exports into networkx and Kùzu and checks them against expected.json, and
that every text Kùzu holds is the text of the CSV file, read by Python's own CSV reader."""

import csv
import json
import pathlib
import shutil
import sys

import kuzu
import networkx as nx

folder = pathlib.Path(sys.argv[1]).resolve()
expected = json.loads((folder / "expected.json").read_text())


def check(what, found, wanted):
    if found != wanted:
        sys.exit(f"interop: {what}: found {found!r}, expected {wanted!r}")


# networkx: the GraphML.
graph = nx.read_graphml(folder / "graph.graphml", force_multigraph=True)
types = [data.get("type") for _, data in graph.nodes(data=True)]
check("networkx entities", types.count("entity"), expected["entities"])
check("networkx events", types.count("event"), expected["events"])
edges = [data.get("type") for _, _, data in graph.edges(data=True)]
check("networkx participations", edges.count("participation"), expected["participations"])
check("networkx relations", edges.count("relation"), expected["relations"])
opponents = sorted(
    graph.nodes[source]["label"]
    for source, _, data in graph.in_edges(expected["proposal"], data=True)
    if data.get("label") == "opponent" and data.get("negated") is False
)
check("networkx opponents", opponents, expected["opponents"])
print(f"interop: networkx {nx.__version__} read {graph.number_of_nodes()} nodes and "
      f"{graph.number_of_edges()} edges; opponents match")

# Kùzu: the bulk CSV files, with the schema written beside them.
database = folder / "kuzu.db"
shutil.rmtree(database, ignore_errors=True)
if database.exists():
    database.unlink()
connection = kuzu.Connection(kuzu.Database(str(database)))
bulk = folder / "bulk"
for statement in (bulk / "kuzu_schema.cypher").read_text().split(";"):
    if statement.strip():
        connection.execute(statement)
tables = [
    ("Entity", "entities"),
    ("Event", "events"),
    ("Participates", "participations"),
    ("EntityRelation", "entity_relations"),
    ("EventRelation", "event_relations"),
    ("EventEntityRelation", "event_entity_relations"),
    ("EntityEventRelation", "entity_event_relations"),
]
for table, name in tables:
    path = bulk / f"{name}.csv"
    if len(path.read_text().splitlines()) > 1:
        # Real text has line breaks inside quoted fields, which Kùzu's parallel CSV reader
        # refuses; the serial one reads them intact.
        connection.execute(f"COPY {table} FROM '{path}' (HEADER=true, PARALLEL=false)")


def scalar(query, **parameters):
    result = connection.execute(query, parameters)
    return result.get_next()[0]


check("kuzu entities", scalar("MATCH (n:Entity) RETURN count(n)"), expected["entities"])
check("kuzu events", scalar("MATCH (n:Event) RETURN count(n)"), expected["events"])
check("kuzu participations", scalar("MATCH ()-[p:Participates]->() RETURN count(p)"),
      expected["participations"])
relations = sum(
    scalar(f"MATCH ()-[r:{table}]->() RETURN count(r)") for table, _ in tables[3:]
)
check("kuzu relations", relations, expected["relations"])
result = connection.execute(
    "MATCH (a:Entity)-[p:Participates]->(e:Event) "
    "WHERE e.id = $event AND p.role = 'opponent' AND p.negated = false "
    "RETURN a.name ORDER BY a.name",
    {"event": expected["proposal"]},
)
names = []
while result.has_next():
    names.append(result.get_next()[0])
check("kuzu opponents", names, expected["opponents"])
print(f"interop: kuzu {kuzu.__version__} loaded the bulk files; counts and opponents match")


def csv_rows(name):
    with open(bulk / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def rows(query):
    result = connection.execute(query)
    found = []
    while result.has_next():
        found.append(tuple(result.get_next()))
    return sorted(found, key=repr)


# Every text comes back exactly: names, descriptions and quotes, with their line breaks,
# quotes, commas, backslashes, tabs and scripts.
check("kuzu entity names", rows("MATCH (n:Entity) RETURN n.id, n.name"),
      sorted(((r[0], r[1]) for r in csv_rows("entities")), key=repr))
check("kuzu event texts", rows("MATCH (e:Event) RETURN e.id, e.description, e.quote"),
      sorted(((r[0], r[8] or None, r[13] or None) for r in csv_rows("events")), key=repr))
check("kuzu participation quotes",
      rows("MATCH (a:Entity)-[p:Participates]->(e:Event) RETURN a.id, e.id, p.role, p.quote"),
      sorted(((r[0], r[1], r[3], r[6] or None) for r in csv_rows("participations")), key=repr))
print(f"interop: kuzu holds every name, description and quote of {folder.name} exactly")
