"""Loads eventkg's exports into networkx and Kùzu and checks them against expected.json, and
that every text Kùzu holds is the text of the CSV file, read by Python's own CSV reader."""

import csv
import json
import os
import pathlib
import shutil
import sys
import time

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

# Kùzu: the bulk CSV files, with the schema and the load script written beside them, run from
# their folder as docs/engines.md says.
database = folder / "kuzu.db"
shutil.rmtree(database, ignore_errors=True)
if database.exists():
    database.unlink()
connection = kuzu.Connection(kuzu.Database(str(database)))
bulk = folder / "bulk"
os.chdir(bulk)


def run_script(name):
    started = time.monotonic()
    for statement in (bulk / name).read_text(encoding="utf-8").split(";\n"):
        if statement.strip():
            connection.execute(statement)
    return time.monotonic() - started


run_script("kuzu_schema.cypher")
load_time = run_script("kuzu_load.cypher")


def scalar(query, **parameters):
    result = connection.execute(query, parameters)
    return result.get_next()[0]


def rows(query, **parameters):
    result = connection.execute(query, parameters)
    found = []
    while result.has_next():
        found.append(tuple(result.get_next()))
    return sorted(found, key=repr)


RELATION_TABLES = ["EntityRelation", "EventRelation", "EventEntityRelation", "EntityEventRelation"]


def check_everything(when):
    check(f"kuzu entities {when}", scalar("MATCH (n:Entity) RETURN count(n)"), expected["entities"])
    check(f"kuzu events {when}", scalar("MATCH (n:Event) RETURN count(n)"), expected["events"])
    check(f"kuzu documents {when}", scalar("MATCH (n:Document) RETURN count(n)"),
          expected["documents"])
    check(f"kuzu sources {when}", scalar("MATCH (n:Source) RETURN count(n)"), expected["sources"])
    check(f"kuzu cites {when}", scalar("MATCH ()-[c:Cites]->() RETURN count(c)"),
          expected["sources"])
    check(f"kuzu participations {when}",
          scalar("MATCH ()-[p:Participates]->() RETURN count(p)"), expected["participations"])
    relations = sum(
        scalar(f"MATCH ()-[r:{table}]->() RETURN count(r)") for table in RELATION_TABLES
    )
    check(f"kuzu relations {when}", relations, expected["relations"])
    if expected["proposal"] is not None:
        names = [name for (name,) in rows(
            "MATCH (a:Entity)-[p:Participates]->(e:Event) "
            "WHERE e.id = $event AND p.role = 'opponent' AND p.negated = false "
            "RETURN a.name",
            event=expected["proposal"],
        )]
        check(f"kuzu opponents {when}", sorted(names), expected["opponents"])

    # The three questions: events per kind, the most active entities, a fact's sources.
    per_kind = dict(rows("MATCH (e:Event) RETURN e.kind, count(*)"))
    check(f"kuzu events per kind {when}", per_kind, expected["events_per_kind"])
    activity = rows("MATCH (a:Entity)-[p:Participates]->(:Event) RETURN a.id, count(p)")
    top = sorted(activity, key=lambda r: (-r[1], int(r[0][1:])))[:10]
    check(f"kuzu top participants {when}", [list(r) for r in top], expected["top_participants"])
    sample = expected["sample_sources"]
    found = {}
    for fact, position, key, quote, speaker, via in rows(
        "MATCH (s:Source)-[:Cites]->(d:Document) WHERE list_contains($facts, s.fact) "
        "RETURN s.fact, s.position, d.key, s.quote, s.speaker, s.reported_via",
        facts=list(sample),
    ):
        found.setdefault(fact, []).append([position, key, quote, speaker, via])
    for fact in found:
        found[fact].sort(key=lambda r: r[0])
    check(f"kuzu sources of {len(sample)} facts {when}", found, sample)


check_everything("after the load")
print(f"interop: kuzu {kuzu.__version__} loaded {folder.name} in {load_time:.1f} s; counts, "
      "opponents, events per kind, top participants and every source of "
      f"{len(expected['sample_sources'])} facts match")


def csv_rows(name):
    with open(bulk / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def split(cell):
    return cell.split("\x1f") if cell else []


# Every text comes back exactly: names, aliases, descriptions, quotes, titles and document
# texts, with their line breaks, quotes, commas, backslashes, tabs and scripts.
check("kuzu entity names and aliases", rows("MATCH (n:Entity) RETURN n.id, n.name, n.aliases"),
      sorted(((r[0], r[1], split(r[4])) for r in csv_rows("entities")), key=repr))
check("kuzu event texts", rows("MATCH (e:Event) RETURN e.id, e.description, e.quote"),
      sorted(((r[0], r[8] or None, r[13] or None) for r in csv_rows("events")), key=repr))
check("kuzu participation quotes",
      rows("MATCH (a:Entity)-[p:Participates]->(e:Event) RETURN a.id, e.id, p.id, p.quote"),
      sorted(((r[0], r[1], r[3], r[7] or None) for r in csv_rows("participations")), key=repr))
check("kuzu documents",
      rows("MATCH (d:Document) RETURN d.id, d.key, d.title, d.url, d.publisher, d.text"),
      sorted(((r[0], r[1], r[2] or None, r[3] or None, r[4] or None, r[7] or None)
              for r in csv_rows("documents")), key=repr))
check("kuzu sources",
      rows("MATCH (s:Source) RETURN s.id, s.fact, s.position, s.document, s.quote, s.speaker, "
           "s.reported_via"),
      sorted(((r[0], r[1], int(r[3]), r[4], r[5] or None, r[6] or None, split(r[7]))
              for r in csv_rows("sources")), key=repr))
print(f"interop: kuzu holds every name, alias, description, quote, title and text of "
      f"{folder.name} exactly")

# Loading again into the loaded database: the schema changes nothing and the merge script
# updates in place, twice over, leaving every count and every source as they were.
run_script("kuzu_schema.cypher")
merge_time = run_script("kuzu_merge.cypher")
run_script("kuzu_merge.cypher")
check_everything("after merging twice")
print(f"interop: kuzu merged {folder.name} into itself twice ({merge_time:.1f} s a time); "
      "nothing doubled")


# Parquet, where the crate was built with it: the same tables, typed, loaded into a second
# database with the script written beside them, must answer the same and hold the same.
parquet = folder / "parquet"
if parquet.exists():
    def snapshot():
        return [
            rows("MATCH (n:Entity) RETURN n.*"),
            rows("MATCH (n:Event) RETURN n.*"),
            rows("MATCH (n:Document) RETURN n.*"),
            rows("MATCH (n:Source) RETURN n.*"),
            rows("MATCH (a)-[p:Participates]->(b) RETURN a.id, b.id, p.*"),
            rows("MATCH (a)-[r:EntityRelation]->(b) RETURN a.id, b.id, r.*"),
            rows("MATCH (s)-[c:Cites]->(d) RETURN s.id, d.id"),
            rows("MATCH (o)-[p:Publishes]->(d) RETURN o.id, d.id"),
        ]

    from_csv = snapshot()
    database = folder / "kuzu_parquet.db"
    shutil.rmtree(database, ignore_errors=True)
    if database.exists():
        database.unlink()
    connection = kuzu.Connection(kuzu.Database(str(database)))
    bulk = parquet
    os.chdir(parquet)
    run_script("kuzu_schema.cypher")
    load_time = run_script("kuzu_load_parquet.cypher")
    check_everything("from Parquet")
    check("kuzu from Parquet and from CSV", snapshot(), from_csv)
    print(f"interop: kuzu loaded the Parquet files of {folder.name} in {load_time:.1f} s; "
          "they hold what the CSV files hold, value for value")
