#!/usr/bin/env bash
# Opens the sample project's HTML report in headless Chromium, checks that the page the
# browser rendered contains every claim, and writes a screenshot.
#
#   bash tests/report-in-chromium.sh [OUT_DIR]
#
# Needs Chromium (Debian: apt-get install chromium). Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/report-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
project=projects/panjshir-2021/panjshir-2021.ron
cargo build --quiet
bin=target/debug/triangulate
"$bin" export "$project" --format html -o "$out/report.html"
"$bin" claims "$project" --json > "$out/claims.json"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$out/profile")
"$browser" "${flags[@]}" --dump-dom "file://$out/report.html" > "$out/rendered.html" 2>/dev/null
"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$out/report.png" \
  "file://$out/report.html" 2>/dev/null
python3 - "$out/claims.json" "$out/rendered.html" <<'PY'
import html, json, re, sys
claims = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
missing = [c["id"] for c in claims if " ".join(c["quote"].split()) not in text]
if missing:
    sys.exit(f"claims missing from the rendered report: {missing}")
print(f"the rendered report contains all {len(claims)} claims")
PY
echo "screenshot: $out/report.png"
