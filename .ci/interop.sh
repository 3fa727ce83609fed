#!/usr/bin/env bash
# Proves the interchange files load in real consumers: networkx reads the GraphML, Kùzu loads
# the bulk CSV files with the scripts written beside them, and both must find the counts and
# the answers that the crate computes (expected.json), for the seed, a made-up report of
# hostile text and a generated graph of 100 000 events in hostile text. The consumers come pinned from PyPI, in a virtualenv of our own.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/interop
rm -rf "$out"
cargo run --quiet --features parquet --example export_all -- "$out/seed"
# A made-up report whose text has line breaks, quotes, commas, backslashes, tabs and
# non-Latin scripts inside fields, as real articles do.
cargo run --quiet --features parquet --example export_all -- "$out/hostile" tests/data/hostile_text.toml
# A generated graph of 100 000 events told in made-up articles of such text.
cargo run --quiet --release --features workload,parquet --example export_all -- "$out/generated" --generated 100000

venv=target/interop-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check networkx==3.6.1 kuzu==0.11.3
"$venv/bin/python" .ci/interop.py "$out/seed"
"$venv/bin/python" .ci/interop.py "$out/hostile"
"$venv/bin/python" .ci/interop.py "$out/generated"
