#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one after another, from the committed
# corpus. Needs cargo-fuzz (`cargo install cargo-fuzz`). The crate builds on stable Rust;
# libFuzzer's sanitizer flags need RUSTC_BOOTSTRAP=1 there, or a nightly toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
# Everything a run writes to the temporary folder (the corpus copies, the files the targets
# read through paths, named by process) goes in one folder of its own, removed when the run
# ends, passed or failed.
TMPDIR="$(mktemp -d)"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
for target in load_graph_file read_json graph_operations exporters read_gdelt; do
    echo "== fuzz $target for ${seconds}s"
    mkdir -p "fuzz/corpus/$target"
    # A scratch copy of the corpus, so that a short run does not add its finds to the
    # committed one; `cargo fuzz cmin` is how new inputs are kept.
    scratch="$(mktemp -d)"
    cp -r "fuzz/corpus/$target/." "$scratch/"
    cargo fuzz run "$target" "$scratch" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 -print_final_stats=1
    rm -rf "$scratch"
done
