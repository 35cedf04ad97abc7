#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install the build dependencies,
# build pactgraph into build/, load the bundled sample articles into a graph
# and print what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPACTGRAPH_TESTS=OFF -DPACTGRAPH_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)" --target pactgraph_cli
./build/pactgraph extract examples
