#!/usr/bin/env python3
"""Reads criterion's results for the `scale` bench and prints BENCHMARKS.md's tables: the
median of each figure, the baseline's, their ratio, and the throughput of exports."""

import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
groups = [
    "build", "load_json", "load_file", "lookups_100k", "typed_neighbours_10k",
    "co_participants_1k", "shortest_paths_1k", "window_month", "stance_100",
    "export_dot", "export_json", "export_ntriples", "ego_dot", "actor_network_top100",
]


def median(path):
    estimates = json.loads((path / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"] / 1e9


def throughput(path):
    benchmark = json.loads((path / "new" / "benchmark.json").read_text())
    value = benchmark.get("throughput") or {}
    return value.get("Bytes")


def human(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


sizes = sorted({int(p.name) for g in groups for p in (root / g / "eventkg").glob("*") if p.name.isdigit()})
for size in sizes:
    print(f"\n### {size:,} events\n")
    print("| work | eventkg | baseline | ratio | eventkg MB/s | baseline MB/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for group in groups:
        ours, base = root / group / "eventkg" / str(size), root / group / "baseline" / str(size)
        if not ours.exists() or not base.exists():
            continue
        a, b = median(ours), median(base)
        rate = lambda path, t: f"{throughput(path) / t / 1e6:.0f}" if throughput(path) else ""
        print(f"| {group} | {human(a)} | {human(b)} | {a / b:.2f}× | {rate(ours, a)} | {rate(base, b)} |")
