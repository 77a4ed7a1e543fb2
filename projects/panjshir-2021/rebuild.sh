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
# Admiralty grades: outlets first, then claims whose own source is weaker than their outlet.
while IFS='|' read -r outlet grade; do
  "$bin" grade "$project" --outlet "$outlet" "$grade"
done <<'GRADES'
Wire Agency Dispatch|B2
Metro Daily (via wire)|C2
The Frontline Review|B3
La Dépêche Express|C3
L'Hebdo International|B3
Le Quotidien du Soir|C3
Northern Ledger|C3
GRADES
"$bin" grade "$project" --claim 1 E5   # anonymous pro-Taliban accounts
"$bin" grade "$project" --claim 4 E5   # unverified posts
"$bin" grade "$project" --claim 12 D4  # a victory claim by one side
"$bin" hypotheses "$project" --add "The resistance is negotiating its surrender"
"$bin" hypotheses "$project" --add "The resistance fights on"
# Ratings: claim, against hypothesis 1, against hypothesis 2.
while read -r claim first second; do
  "$bin" rate "$project" --claim "$claim" --hypothesis 1 "$first"
  "$bin" rate "$project" --claim "$claim" --hypothesis 2 "$second"
done <<'RATINGS'
1 C I
2 C I
3 C I
4 N N
5 I C
6 I C
7 I C
8 I C
9 I C
11 I C
12 C I
13 C I
16 I C
19 I C
RATINGS
rm -f "$project.bak"
"$bin" info "$project"
