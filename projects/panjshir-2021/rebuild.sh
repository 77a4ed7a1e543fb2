#!/usr/bin/env bash
# Rebuilds panjshir-2021.ron from sources/ and metadata.tsv with the headless commands, so the
# sample project is reproducible: `bash projects/panjshir-2021/rebuild.sh` from the repository root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project="$here/panjshir-2021.ron"
cargo build --quiet
bin=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/triangulate
rm -f "$project" "$project.bak"
"$bin" import "$project" "$here/sources"
# Metadata rows: file, title, outlet, language, date.
grep -v '^#' "$here/metadata.tsv" | tail -n +2 | while IFS=$'\t' read -r file title outlet language date; do
  [[ -n $file ]] || continue
  "$bin" set "$project" --document "$file" --title "$title" --outlet "$outlet" --language "$language" --date "$date"
done
# Claim rows: "# quote<TAB>file<TAB>code<TAB>stance<TAB>speaker"; "(narrator)" means the outlet itself.
grep '^# .*	' "$here/metadata.tsv" | sed 's/^# //' | while IFS=$'\t' read -r quote file code stance speaker; do
  [[ $stance != stance ]] || continue
  args=(--document "$file" --quote "$quote" --code "$code" --stance "$stance")
  [[ $speaker == *"(narrator)"* ]] || args+=(--speaker "$speaker")
  "$bin" tag "$project" "${args[@]}"
done
"$bin" contradict "$project" "surrender rumors" "propaganda denial"
rm -f "$project.bak"
"$bin" info "$project"
