#!/usr/bin/env python3
"""NetworkX's betweenness centrality on the network `examples/centrality_peer.rs` scores.

    python3 ../shared/bench/gen.py 100000 /tmp/gen100k
    python3 benches/peers/networkx_betweenness.py /tmp/gen100k 1000 [exact]

The network is the one eventkg scores: a node per row of entities.csv, joined to the other
participant of each row of events.csv and to the other end of each row of relations.csv.
Betweenness is estimated from the given number of sources (`k`, seed 0), normalised; prints
the time and the ten leading entities by name, and with `exact` the exact score too.
"""
import csv
import sys
import time

import networkx as nx


def main(directory, sources, exact):
    graph = nx.Graph()
    names = {}
    with open(f"{directory}/entities.csv", newline="") as f:
        for row in csv.DictReader(f):
            names[int(row["id"])] = row["name"]
            graph.add_node(int(row["id"]))
    for table, a, b in (("events", "initiator", "target"), ("relations", "src", "dst")):
        with open(f"{directory}/{table}.csv", newline="") as f:
            for row in csv.DictReader(f):
                if row[a] != row[b]:
                    graph.add_edge(int(row[a]), int(row[b]))
    runs = [(f"from {sources} sources", sources)] + ([("exact", None)] if exact else [])
    for what, k in runs:
        start = time.perf_counter()
        scores = nx.betweenness_centrality(graph, k=k, seed=0 if k else None)
        seconds = time.perf_counter() - start
        print(f"betweenness {what}: networkx {seconds:.3f} s")
        top = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:10]
        for node, score in top:
            print(f"  {score:.4f}  {names[node]}")


if __name__ == "__main__":
    main(
        sys.argv[1],
        int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
        len(sys.argv) > 3 and sys.argv[3] == "exact",
    )
