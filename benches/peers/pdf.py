#!/usr/bin/env python3
"""Compare Triangulate's PDF text with poppler's pdftotext, and both with the true text.

  python3 benches/peers/pdf.py --bin target/release/triangulate FOLDER [FOLDER...]

Each .pdf file of the folders is imported alone into a temporary project and its stored text
(`triangulate text --json`) is compared, as a sequence of lower-case words (difflib's ratio, 1
for the same words in the same order), with `pdftotext -enc UTF-8` of the same file. Where a
file `NAME.txt` lies beside `NAME.pdf` (the text the PDF was made from, as `make-columns.py`
writes it), both readers are also scored against it: that is the reading-order measure, since
pdftotext can be wrong too. Files pdftotext cannot read are skipped; files Triangulate refuses
count 0.
"""
import argparse, difflib, json, re, subprocess, sys, tempfile
from pathlib import Path

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return WORD.findall(text.lower())


def similarity(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def ours(binary, path):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p.ron"
        subprocess.run([binary, "import", str(project), str(path)], capture_output=True)
        shown = subprocess.run([binary, "text", str(project), "--json"], capture_output=True, text=True)
        if shown.returncode != 0 or not shown.stdout.strip().startswith("["):
            return ""
        documents = json.loads(shown.stdout)
        return documents[0]["text"] if documents else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--worst", type=int, default=8, help="list the files furthest from pdftotext")
    a = ap.parse_args()
    against_peer, against_truth = [], []
    for folder in a.folders:
        for path in sorted(Path(folder).iterdir()):
            if path.suffix.lower() != ".pdf":
                continue
            peer = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
            if peer.returncode != 0 or len(words(peer.stdout)) < 3:
                continue
            mine = words(ours(a.bin, path))
            theirs = words(peer.stdout)
            against_peer.append((similarity(theirs, mine), path.name))
            truth_file = path.with_suffix(".txt")
            if truth_file.exists():
                truth = words(truth_file.read_text(encoding="utf-8"))
                against_truth.append((similarity(truth, mine), similarity(truth, theirs), path.name))
    if not against_peer:
        sys.exit("no PDF pdftotext could read")
    mean = sum(score for score, _ in against_peer) / len(against_peer)
    print(f"{len(against_peer)} files, mean word-sequence similarity to pdftotext {mean:.3f}")
    for score, name in sorted(against_peer)[: a.worst]:
        print(f"  {score:.3f}  {name}")
    if against_truth:
        n = len(against_truth)
        print(f"{n} files with their true text: Triangulate {sum(t[0] for t in against_truth) / n:.3f}, "
              f"pdftotext {sum(t[1] for t in against_truth) / n:.3f}")
        for mine, theirs, name in sorted(against_truth)[: a.worst]:
            print(f"  {mine:.3f} (pdftotext {theirs:.3f})  {name}")


if __name__ == "__main__":
    main()
