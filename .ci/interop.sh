#!/usr/bin/env bash
# Proves the interchange files load in real consumers: networkx reads the GraphML, Kùzu loads
# the bulk CSV files, and both must find the counts and one query's answer that the crate
# computes (expected.json). The consumers come pinned from PyPI, in a virtualenv of our own.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/interop
rm -rf "$out"
cargo run --quiet --example export_all -- "$out/seed"

venv=target/interop-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check networkx==3.6.1 kuzu==0.11.3
"$venv/bin/python" .ci/interop.py "$out/seed"
