#!/usr/bin/env python3
"""Compare Triangulate's office text with pandoc's on the same files.

  python3 benches/peers/pandoc.py --bin target/release/triangulate FOLDER [FOLDER...]

Each .docx, .odt, .epub and .rtf file of the folders (for example pandoc's own test documents,
`test/docx` and `test/odt/odt` of github.com/jgm/pandoc) is imported alone into a temporary
project; its stored text (`triangulate text --json`) is compared with `pandoc -t plain
--wrap=none` of the same file, as sequences of lower-case words: the similarity of the two
(difflib's ratio, 1 for the same words in the same order), then the mean over the files both
could read. Files pandoc cannot read are skipped; files Triangulate refuses count 0.
"""
import argparse, difflib, json, re, subprocess, sys, tempfile
from pathlib import Path

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return WORD.findall(text.lower())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--worst", type=int, default=8, help="list the files furthest from pandoc")
    a = ap.parse_args()
    scores = []
    for folder in a.folders:
        for path in sorted(Path(folder).iterdir()):
            if path.suffix.lower() not in {".docx", ".odt", ".epub", ".rtf"}:
                continue
            peer = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", str(path)],
                                  capture_output=True, text=True)
            if peer.returncode != 0 or not words(peer.stdout):
                continue
            with tempfile.TemporaryDirectory() as tmp:
                project = Path(tmp) / "p.ron"
                subprocess.run([a.bin, "import", str(project), str(path)], capture_output=True)
                shown = subprocess.run([a.bin, "text", str(project), "--json"], capture_output=True, text=True)
                ours = json.loads(shown.stdout)[0]["text"] if shown.returncode == 0 and shown.stdout.strip().startswith("[") and json.loads(shown.stdout) else ""
            ratio = difflib.SequenceMatcher(None, words(peer.stdout), words(ours), autojunk=False).ratio()
            scores.append((ratio, path.name))
    if not scores:
        sys.exit("no file both could read")
    mean = sum(score for score, _ in scores) / len(scores)
    print(f"{len(scores)} files, mean word-sequence similarity to pandoc {mean:.3f}")
    for score, name in sorted(scores)[: a.worst]:
        print(f"  {score:.3f}  {name}")


if __name__ == "__main__":
    main()
