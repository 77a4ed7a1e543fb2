#!/usr/bin/env bash
# Fuzzes the project loader and every importer for SECONDS per target (default 30):
#   bash tests/fuzz.sh 600             ten minutes each, every target
#   bash tests/fuzz.sh 60 pdf docx     one minute each, two targets
# Targets: text html docx odt epub rtf pdf qdpx project (fuzz/fuzz_targets/).
#
# With cargo-fuzz and a nightly toolchain (`cargo install cargo-fuzz`, `rustup toolchain install
# nightly`) the targets run under libFuzzer, coverage-guided, from a seed corpus that the
# in-crate fuzzer writes (src/import/fuzz.rs) plus the sample project's files; the corpus grows
# in fuzz/corpus/TARGET and a crash is kept in fuzz/artifacts/TARGET. Without them, the in-crate
# mutation fuzzer runs instead, in release. Prints the executions per target; exits non-zero
# when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(text html docx odt epub rtf pdf qdpx project)
fi

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz or a nightly toolchain is missing: running the in-crate mutation fuzzer instead."
  TRIANGULATE_FUZZ_SECONDS="$seconds" cargo test --release --lib fuzz -- --nocapture --test-threads 1
  exit
fi

# The seed corpus: the in-crate fuzzer's seeds, and the sample project.
TRIANGULATE_FUZZ_SEEDS="$PWD/fuzz/corpus" cargo test --quiet --lib fuzz >/dev/null
cp projects/*/sources/*.txt fuzz/corpus/text/
cp projects/*/*.ron fuzz/corpus/project/

failed=()
summary=()
for target in "${targets[@]}"; do
  log="fuzz/target/$target.log"
  mkdir -p fuzz/target
  echo "fuzzing $target for $seconds s"
  status=0
  # -rss_limit_mb: the readers cap what they inflate at 256 MB; leave room above it.
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    summary+=("$target: $runs executions, no crash, corpus $corpus inputs")
  else
    summary+=("$target: CRASHED after $runs executions (exit $status), see $log and fuzz/artifacts/$target")
    failed+=("$target")
  fi
  echo "${summary[-1]}"
done
echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  exit 1
fi
