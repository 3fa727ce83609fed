#!/usr/bin/env python3
"""NetworkX on the questions `examples/paths_peer.rs` asks, on the same gen.py files.

    python3 ../shared/bench/gen.py 100000 /tmp/gen100k
    python3 benches/peers/networkx_paths.py /tmp/gen100k 1000

The graph is the one eventkg builds from the files, undirected: an entity node per row of
entities.csv, an event node per row of events.csv joined to its initiator and target, and an
edge per row of relations.csv. Pair i joins the entities of rows (i * 7919) % E and
(i * 104729 + 17) % E; co-participants are asked of the first entity of each pair. Prints the
paths found and their total length (which must match eventkg's) and the times.
"""
import csv
import sys
import time

import networkx as nx


def main(directory, count):
    graph = nx.Graph()
    with open(f"{directory}/entities.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    entities = [("e", int(row["id"])) for row in rows]
    graph.add_nodes_from(entities)
    with open(f"{directory}/events.csv", newline="") as f:
        for row in csv.DictReader(f):
            event = ("v", int(row["id"]))
            graph.add_edge(("e", int(row["initiator"])), event)
            graph.add_edge(("e", int(row["target"])), event)
    with open(f"{directory}/relations.csv", newline="") as f:
        for row in csv.DictReader(f):
            graph.add_edge(("e", int(row["src"])), ("e", int(row["dst"])))
    n = len(entities)
    pairs = [((i * 7919) % n, (i * 104729 + 17) % n) for i in range(count)]

    start = time.perf_counter()
    lengths = []
    for a, z in pairs:
        try:
            lengths.append(nx.shortest_path_length(graph, entities[a], entities[z]))
        except nx.NetworkXNoPath:
            pass
    paths = time.perf_counter() - start

    # As on the Rust side: twenty runs, the fastest kept.
    co = float("inf")
    for _ in range(20):
        start = time.perf_counter()
        partners = 0
        for a, _ in pairs:
            entity = entities[a]
            seen = set()
            for event in graph.neighbors(entity):
                if event[0] == "v":
                    seen.update(other for other in graph.neighbors(event) if other != entity)
            partners += len(seen)
        co = min(co, time.perf_counter() - start)

    print(f"paths: {len(lengths)} found, {sum(lengths)} hops in all")
    print(f"co-participants: {partners} in all")
    print(f"shortest paths: networkx {paths:.3f} s")
    print(f"co-participants: networkx {co:.4f} s")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
