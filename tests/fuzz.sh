#!/usr/bin/env bash
# Mutation-fuzzes every reader and the project loader for SECONDS per target (default 30), in
# release: `bash tests/fuzz.sh 600` for ten minutes each. Prints the inputs tried per target;
# any crash fails with the input's number. See src/import/fuzz.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
TRIANGULATE_FUZZ_SECONDS="${1:-30}" cargo test --release --lib fuzz -- --nocapture --test-threads 1
