#!/usr/bin/env bash
# Regenerate every raster icon from triangulate.svg.
#
# Needs:
#   - rsvg-convert  (Debian/Ubuntu package librsvg2-bin) to render the SVG;
#                   ImageMagick's SVG reader is deliberately not used.
#   - python3 with Pillow (pip install pillow) to write the ICO and to
#     check the ICO and ICNS files afterwards. The ICNS container is written
#     by a few lines of Python below, so each size is stored exactly once.
#
# Writes, next to this script:
#   png/triangulate-<N>.png  N = 16 24 32 48 64 128 256 512 1024  (Linux, docs)
#   triangulate.ico          16 24 32 48 64 128 256               (Windows)
#   triangulate.icns         16 32 64 128 256 512 1024            (macOS)
#
# Usage: bash assets/icons/build.sh   (works from any directory)
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool not found" >&2; exit 1; }
done
python3 -c 'import PIL' 2>/dev/null || { echo "build.sh: Pillow missing (pip install pillow)" >&2; exit 1; }

SVG=triangulate.svg
PNG_SIZES=(16 24 32 48 64 128 256 512 1024)

mkdir -p png
for n in "${PNG_SIZES[@]}"; do
    rsvg-convert --width "$n" --height "$n" --format png \
        --output "png/triangulate-$n.png" "$SVG"
done

python3 - <<'PY'
import io
import struct
from PIL import Image

def png(n):
    return f"png/triangulate-{n}.png"

# Windows ICO: one pre-rendered frame per size (PNG-compressed frames).
ico_sizes = [16, 24, 32, 48, 64, 128, 256]
frames = [Image.open(png(n)).convert("RGBA") for n in ico_sizes]
frames[-1].save(
    "triangulate.ico",
    format="ICO",
    sizes=[(n, n) for n in ico_sizes],
    append_images=frames[:-1],
)

# macOS ICNS: PNG payloads, one entry per size.
icns_types = [
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512x512@2x
]
entries = []
for kind, n in icns_types:
    with open(png(n), "rb") as f:
        data = f.read()
    entries.append((kind, data))
toc = b"TOC " + struct.pack(">I", 8 + 8 * len(entries)) + b"".join(
    kind + struct.pack(">I", 8 + len(data)) for kind, data in entries
)
body = toc + b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
with open("triangulate.icns", "wb") as f:
    f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)

# Verify both containers by reading them back.
with Image.open("triangulate.ico") as im:
    got = sorted(s[0] for s in im.info["sizes"])
    assert got == ico_sizes, f"ICO sizes {got}"
    print("triangulate.ico :", " ".join(map(str, got)))
with Image.open("triangulate.icns") as im:
    got = sorted(w * scale for (w, _h, scale) in im.info["sizes"])
    want = sorted(n for _k, n in icns_types)
    assert got == want, f"ICNS sizes {got}"
    for (w, h, scale) in im.info["sizes"]:  # decode every entry
        assert im.icns.getimage((w, h, scale)).size == (w * scale, h * scale)
    print("triangulate.icns:", " ".join(map(str, got)))
PY

if command -v file >/dev/null 2>&1; then
    file triangulate.ico triangulate.icns
fi
