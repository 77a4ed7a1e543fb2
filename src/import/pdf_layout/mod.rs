//! Reading order of a PDF page from where its text is drawn: columns read one after the other,
//! lines joined into paragraphs, a drop cap kept with its word.
//!
//! A PDF says where each piece of text goes, not in what order it is read. The page is cut
//! recursively along empty strips (an "XY cut"): a vertical strip that no text crosses, from the
//! top of a region to its bottom, is a gutter between columns; a horizontal strip across the
//! whole region separates a headline from the columns under it, or one story from the next.
//! Columns are read left to right, bands top to bottom. Two bands that the same gutter runs
//! through are one set of columns whose paragraph breaks happen to line up, and are read as one.
//! Inside a column, pieces on one baseline are a line, and lines are joined into paragraphs where
//! nothing marks a break (more space than the line spacing, a first-line indent, a short line
//! ending a sentence, a change of type size).

/// One piece of text as the page draws it, in page space (y grows upwards).
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    /// The text drawn.
    pub text: String,
    /// The left edge.
    pub left: f32,
    /// The right edge.
    pub right: f32,
    /// The bottom of the type (the baseline or just under it).
    pub bottom: f32,
    /// The top of the type; `top - bottom` is the type size.
    pub top: f32,
}

impl Fragment {
    fn size(&self) -> f32 {
        (self.top - self.bottom).max(0.1)
    }
}

/// The paragraphs of one page, in reading order, each on one line.
pub fn page_paragraphs(fragments: Vec<Fragment>) -> Vec<String> {
    let fragments: Vec<Fragment> = fragments
        .into_iter()
        .filter(|fragment| {
            !fragment.text.trim().is_empty()
                && fragment.left.is_finite()
                && fragment.right.is_finite()
                && fragment.bottom.is_finite()
                && fragment.top.is_finite()
        })
        .collect();
    if fragments.is_empty() {
        return Vec::new();
    }
    let size = body_size(&fragments);
    let page = Page {
        fragments: &fragments,
        size,
    };
    let mut blocks = Vec::new();
    page.cut((0..fragments.len()).collect(), 0, &mut blocks);
    let lines: Vec<(usize, Line)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(block, members)| {
            page.lines(members)
                .into_iter()
                .map(move |line| (block, line))
        })
        .collect();
    let mut bounds = Vec::with_capacity(blocks.len());
    for members in &blocks {
        let left = members
            .iter()
            .map(|&i| fragments[i].left)
            .fold(f32::MAX, f32::min);
        let right = members
            .iter()
            .map(|&i| fragments[i].right)
            .fold(f32::MIN, f32::max);
        bounds.push((left, right));
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut previous: Option<&(usize, Line)> = None;
    for entry in &lines {
        let (block, line) = entry;
        let joins = previous.is_some_and(|(previous_block, previous_line)| {
            if previous_block == block {
                same_paragraph(previous_line, line, bounds[*block], size)
            } else {
                continues(previous_line, line, bounds[*previous_block])
            }
        });
        match paragraphs.last_mut() {
            Some(paragraph) if joins => join_line(paragraph, &line.text),
            _ => paragraphs.push(line.text.clone()),
        }
        previous = Some(entry);
    }
    paragraphs
}

/// A document's text from its pages' paragraphs, and the page furniture in it.
#[derive(Debug, PartialEq)]
pub struct Pages {
    /// Paragraphs one blank line apart; a paragraph that runs on to the next page is joined
    /// across the page break.
    pub text: String,
    /// Byte ranges of `text` that are page furniture: page numbers, and running heads and
    /// feet (a short paragraph opening or closing several pages).
    pub furniture: Vec<std::ops::Range<usize>>,
}

/// Joins the pages of a document. Page furniture stays in the text, as paragraphs of their
/// own (a paragraph that runs on over a page break is joined, and the foot and head between
/// its two parts come after it).
pub fn join_pages(pages: Vec<Vec<String>>) -> Pages {
    let pages: Vec<Vec<String>> = pages
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter(|paragraph| !paragraph.trim().is_empty())
                .collect()
        })
        .collect();
    let running = Running::of(&pages);
    let mut paragraphs: Vec<(String, bool)> = Vec::new();
    for page in pages {
        let flags = running.furniture_of(&page);
        let mut body_started = false;
        for (index, paragraph) in page.into_iter().enumerate() {
            // The document's first paragraph is often its title, repeated as a running head.
            let furniture = !paragraphs.is_empty() && flags[index];
            if !furniture && !body_started {
                body_started = true;
                // The first paragraph of the page's body may carry on the last page's.
                if let Some((last, _)) = paragraphs
                    .iter_mut()
                    .rev()
                    .find(|(_, furniture)| !furniture)
                    && !ends_sentence(last)
                    && starts_lower(&paragraph)
                {
                    join_line(last, &paragraph);
                    continue;
                }
            }
            paragraphs.push((paragraph, furniture));
        }
    }
    let compounds = compounds(paragraphs.iter().map(|(paragraph, _)| paragraph.as_str()));
    let mut text = String::new();
    let mut furniture = Vec::new();
    for (index, (paragraph, is_furniture)) in paragraphs.iter().enumerate() {
        if index > 0 {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&rejoin_hyphenated(paragraph, &compounds));
        if *is_furniture {
            furniture.push(start..text.len());
        }
    }
    text.push('\n');
    Pages { text, furniture }
}

/// How many paragraphs at a page's top and bottom may be furniture.
const EDGE: usize = 2;

/// A paragraph as running heads and feet repeat it: lower case, digits as `#`.
fn running_key(paragraph: &str) -> String {
    paragraph
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_numeric() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The running heads and feet of a document: short paragraphs at the top or the bottom of
/// pages, the same on two pages, or the same but for their numbers on three (two numbered
/// paragraphs of a text may well open two pages).
struct Running {
    /// [`running_key`]s of paragraphs alike on three pages or more.
    alike: std::collections::HashSet<String>,
    /// Paragraphs the same on two pages or more.
    same: std::collections::HashSet<String>,
}

impl Running {
    fn of(pages: &[Vec<String>]) -> Self {
        let mut alike: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut same: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for page in pages {
            let count = page.len();
            let edges: std::collections::HashSet<&str> = page
                .iter()
                .enumerate()
                .filter(|(index, paragraph)| {
                    (*index < EDGE || index + EDGE >= count) && paragraph.chars().count() <= 160
                })
                .map(|(_, paragraph)| paragraph.as_str())
                .collect();
            let keys: std::collections::HashSet<String> = edges
                .iter()
                .map(|paragraph| running_key(paragraph))
                .collect();
            for key in keys {
                *alike.entry(key).or_default() += 1;
            }
            for paragraph in edges {
                *same.entry(paragraph).or_default() += 1;
            }
        }
        Self {
            alike: alike
                .into_iter()
                .filter(|(_, pages)| *pages >= 3)
                .map(|(key, _)| key)
                .collect(),
            same: same
                .into_iter()
                .filter(|(_, pages)| *pages >= 2)
                .map(|(paragraph, _)| paragraph.to_owned())
                .collect(),
        }
    }

    /// Which paragraphs of a page are furniture: from the top and from the bottom, the
    /// outermost paragraph if it is a page number or a running head or foot, and the one
    /// within it if that is one too (a page number, or a line alike on three pages).
    fn furniture_of(&self, page: &[String]) -> Vec<bool> {
        let mut flags = vec![false; page.len()];
        let alike = |paragraph: &str| {
            paragraph.split_whitespace().nth(2).is_some()
                && self.alike.contains(&running_key(paragraph))
        };
        let outer = |paragraph: &str| {
            is_page_number(paragraph) || self.same.contains(paragraph) || alike(paragraph)
        };
        let inner = |paragraph: &str| is_page_number(paragraph) || alike(paragraph);
        let count = page.len();
        for order in [
            (0..count).collect::<Vec<_>>(),
            (0..count).rev().collect::<Vec<_>>(),
        ] {
            for (depth, index) in order.into_iter().take(EDGE).enumerate() {
                let paragraph = page[index].as_str();
                if depth == 0 && outer(paragraph) || depth > 0 && inner(paragraph) {
                    flags[index] = true;
                } else {
                    break;
                }
            }
        }
        flags
    }
}

/// A page number as pages print them: "12", "- 12 -", "Page 3", "3 / 12", "Page 3 of 12", "xiv".
fn is_page_number(paragraph: &str) -> bool {
    let lower = paragraph.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '|'))
        .filter(|word| !word.is_empty())
        .collect();
    let number = |word: &&str| {
        word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 5
            || word.len() <= 6 && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
    };
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(number)
        && words
            .iter()
            .all(|word| number(word) || matches!(*word, "page" | "p." | "of" | "sur" | "de"))
}

/// How deep the cuts may nest; real pages need a handful.
const MAX_DEPTH: usize = 48;

/// A gutter between columns is at least this many type sizes wide, with at least three lines
/// beside it (dense pages set gutters of about one type size)...
const GUTTER: f32 = 0.6;

/// ...or this wide with two lines beside it.
const WIDE_GUTTER: f32 = 1.5;

/// The most gutters one region is cut at.
const MAX_GUTTERS: usize = 16;

/// A column is at least this many type sizes wide.
const COLUMN: f32 = 7.0;

/// A strip between bands is at least this many type sizes high: more than the space between two
/// lines of a paragraph, less than a headline's.
const BAND_GAP: f32 = 0.8;

/// An empty vertical strip: its left and right edges.
type Strip = (f32, f32);

struct Page<'a> {
    fragments: &'a [Fragment],
    /// The body text's type size: what gaps are measured in.
    size: f32,
}

/// A line of text: its pieces joined, where it is, and the size of its type.
#[derive(Clone, Debug)]
struct Line {
    text: String,
    left: f32,
    right: f32,
    bottom: f32,
    size: f32,
}

impl Page<'_> {
    /// Appends the blocks of `members` in reading order: each block is a column or a band that
    /// no empty strip cuts.
    fn cut(&self, members: Vec<usize>, depth: usize, blocks: &mut Vec<Vec<usize>>) {
        if members.len() < 2 || depth > MAX_DEPTH {
            blocks.push(members);
            return;
        }
        let gutters = self.gutters(&members, 2);
        if !gutters.is_empty() {
            for column in self.split_columns(members, &gutters) {
                self.cut(column, depth + 1, blocks);
            }
            return;
        }
        let bands = self.bands(members.clone());
        if bands.len() < 2 {
            blocks.push(members);
            return;
        }
        let merged = self.merge_bands(bands.clone());
        // Bands that merge back into the whole have no gutter with two lines beside it: read
        // them one after the other.
        let bands = if merged.len() < 2 { bands } else { merged };
        for band in bands {
            self.cut(band, depth + 1, blocks);
        }
    }

    /// The empty vertical strips, at least [`GUTTER`] wide, that run through the whole of
    /// `members` with text on both sides; with each side at least `min_lines` lines deep.
    fn gutters(&self, members: &[usize], min_lines: usize) -> Vec<(f32, f32)> {
        let mut spans: Vec<(f32, f32)> = members
            .iter()
            .map(|&i| (self.fragments[i].left, self.fragments[i].right))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut gaps = Vec::new();
        let mut reach = spans[0].1;
        for &(left, right) in &spans[1..] {
            if left - reach >= GUTTER * self.size {
                gaps.push((reach, left));
            }
            reach = reach.max(right);
        }
        // A page has a handful of columns: only the widest gaps are looked at, so a row of
        // thousands of pieces (a hostile file, a chart's labels) costs no more than a page.
        if gaps.len() > MAX_GUTTERS {
            gaps.sort_by(|a, b| (b.1 - b.0).total_cmp(&(a.1 - a.0)));
            gaps.truncate(MAX_GUTTERS);
            gaps.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        gaps.retain(|&(start, end)| {
            let side = |on_left: bool, min_lines: usize| {
                let baselines = members
                    .iter()
                    .map(|&i| &self.fragments[i])
                    .filter(|fragment| {
                        if on_left {
                            fragment.right <= start
                        } else {
                            fragment.left >= end
                        }
                    })
                    .map(|fragment| fragment.bottom);
                distinct_lines(baselines, self.size) >= min_lines
            };
            let lines = if end - start >= WIDE_GUTTER * self.size {
                min_lines
            } else {
                min_lines + 1
            };
            side(true, lines) && side(false, lines)
        });
        // A column of text is some words wide; narrower strips are the cells of a table,
        // read across by rows.
        let (start, end) = (spans[0].0, reach);
        let mut column_start = start;
        let mut columns = Vec::new();
        for (gap_start, gap_end) in gaps {
            let wide = COLUMN * self.size;
            if gap_start - column_start >= wide && end - gap_end >= wide {
                columns.push((gap_start, gap_end));
                column_start = gap_end;
            }
        }
        columns
    }

    fn split_columns(&self, members: Vec<usize>, gutters: &[(f32, f32)]) -> Vec<Vec<usize>> {
        let mut columns = vec![Vec::new(); gutters.len() + 1];
        for i in members {
            let left = self.fragments[i].left;
            let column = gutters.iter().filter(|gutter| left >= gutter.1).count();
            columns[column].push(i);
        }
        columns.retain(|column| !column.is_empty());
        columns
    }

    /// `members` cut at every empty horizontal strip at least [`BAND_GAP`] high, top first.
    fn bands(&self, mut members: Vec<usize>) -> Vec<Vec<usize>> {
        members.sort_by(|&a, &b| self.fragments[b].top.total_cmp(&self.fragments[a].top));
        let mut bands: Vec<Vec<usize>> = Vec::new();
        let mut floor = f32::MAX;
        for i in members {
            let fragment = &self.fragments[i];
            match bands.last_mut() {
                Some(band) if floor - fragment.top < BAND_GAP * self.size => band.push(i),
                _ => bands.push(vec![i]),
            }
            floor = floor.min(fragment.bottom);
        }
        bands
    }

    /// Joins neighbouring bands that one gutter runs through, uncrossed: columns whose
    /// paragraph breaks happen to line up, or a column running on below a shorter one; not a
    /// headline across the columns or a story's end.
    fn merge_bands(&self, bands: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        let mut merged: Vec<(Vec<usize>, Vec<Strip>)> = Vec::new();
        for band in bands {
            let gutters = self.gutters(&band, 1);
            if let Some((previous, previous_gutters)) = merged.last_mut() {
                let mut common = self.uncrossed(previous_gutters, &band);
                common.extend(self.uncrossed(&gutters, previous));
                if !common.is_empty() {
                    previous.extend(band);
                    *previous_gutters = common;
                    continue;
                }
            }
            merged.push((band, gutters));
        }
        merged.into_iter().map(|(band, _)| band).collect()
    }

    /// The parts of `gutters`, at least [`GUTTER`] wide, that no text of `members` crosses.
    fn uncrossed(&self, gutters: &[(f32, f32)], members: &[usize]) -> Vec<(f32, f32)> {
        let mut free = Vec::new();
        for &(start, end) in gutters {
            let mut pieces = vec![(start, end)];
            for &i in members {
                let (left, right) = (self.fragments[i].left, self.fragments[i].right);
                pieces = pieces
                    .into_iter()
                    .flat_map(|(a, b)| {
                        if right <= a || left >= b {
                            vec![(a, b)]
                        } else {
                            vec![(a, left), (right, b)]
                        }
                    })
                    .filter(|(a, b)| b - a >= GUTTER * self.size)
                    .collect();
            }
            free.extend(pieces);
        }
        free
    }

    /// The lines of one block, top to bottom; a drop cap joins the first line beside it.
    fn lines(&self, members: &[usize]) -> Vec<Line> {
        let block_size = body_size_of(members.iter().map(|&i| &self.fragments[i]));
        let (caps, mut rest): (Vec<usize>, Vec<usize>) = members
            .iter()
            .partition(|&&i| is_drop_cap(&self.fragments[i], block_size));
        if rest.is_empty() {
            rest = caps.clone();
        }
        rest.sort_by(|&a, &b| {
            let (a, b) = (&self.fragments[a], &self.fragments[b]);
            b.bottom
                .total_cmp(&a.bottom)
                .then(a.left.total_cmp(&b.left))
        });
        // Each line: its pieces and the piece whose type sets the line's place and size.
        let mut lines: Vec<(Vec<usize>, usize)> = Vec::new();
        for i in rest {
            let fragment = &self.fragments[i];
            let found = lines
                .iter_mut()
                .rev()
                .take(4)
                .find(|(_, reference)| on_one_line(&self.fragments[*reference], fragment));
            match found {
                Some((pieces, reference)) => {
                    pieces.push(i);
                    if fragment.size() > self.fragments[*reference].size() * 1.05 {
                        *reference = i;
                    }
                }
                None => lines.push((vec![i], i)),
            }
        }
        for cap in caps {
            let cap_fragment = &self.fragments[cap];
            let beside = lines.iter_mut().find(|(pieces, reference)| {
                let line = &self.fragments[*reference];
                line.top > cap_fragment.bottom
                    && line.bottom < cap_fragment.top
                    && pieces
                        .iter()
                        .all(|&p| self.fragments[p].left >= cap_fragment.right - 1.0)
            });
            match beside {
                Some((pieces, _)) => pieces.push(cap),
                None => lines.push((vec![cap], cap)),
            }
        }
        lines
            .into_iter()
            .map(|(mut pieces, reference)| {
                pieces.sort_by(|&a, &b| self.fragments[a].left.total_cmp(&self.fragments[b].left));
                let size = self.fragments[reference].size();
                let mut text = String::new();
                let mut previous: Option<&Fragment> = None;
                for &p in &pieces {
                    let fragment = &self.fragments[p];
                    if let Some(before) = previous {
                        let gap = fragment.left - before.right;
                        let spaced = text.ends_with(char::is_whitespace)
                            || fragment.text.starts_with(char::is_whitespace);
                        let cap = is_drop_cap(before, size);
                        if !spaced && !cap && gap > 0.15 * before.size().min(fragment.size()) {
                            text.push(' ');
                        }
                    }
                    text.push_str(&fragment.text);
                    previous = Some(fragment);
                }
                // Where the line starts, beside its drop cap if it has one.
                let left = pieces
                    .iter()
                    .map(|&p| &self.fragments[p])
                    .filter(|fragment| !is_drop_cap(fragment, size))
                    .map(|fragment| fragment.left)
                    .fold(f32::MAX, f32::min);
                Line {
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    left: if left == f32::MAX {
                        self.fragments[pieces[0]].left
                    } else {
                        left
                    },
                    right: pieces
                        .iter()
                        .map(|&p| self.fragments[p].right)
                        .fold(f32::MIN, f32::max),
                    bottom: self.fragments[reference].bottom,
                    size,
                }
            })
            .collect()
    }
}

/// Whether `fragment` sits on the line whose main type is `reference`: the two share most of
/// their height (a superscript shares all of its own), or their baselines.
fn on_one_line(reference: &Fragment, fragment: &Fragment) -> bool {
    let overlap = reference.top.min(fragment.top) - reference.bottom.max(fragment.bottom);
    let smaller = reference.size().min(fragment.size());
    overlap >= 0.5 * smaller || (reference.bottom - fragment.bottom).abs() <= 0.2 * smaller
}

/// A large initial letter set beside the first lines of a paragraph.
fn is_drop_cap(fragment: &Fragment, body: f32) -> bool {
    let letter = fragment
        .text
        .trim()
        .trim_start_matches(['“', '‘', '"', '\'', '«', '„']);
    let mut chars = letter.chars();
    fragment.size() >= 1.8 * body
        && chars.next().is_some_and(char::is_alphabetic)
        && chars.next().is_none()
}

/// Whether `line` goes on the paragraph `previous` ends, both in one block spanning
/// `bounds` (left, right).
fn same_paragraph(previous: &Line, line: &Line, bounds: (f32, f32), size: f32) -> bool {
    let (left, right) = bounds;
    let step = previous.bottom - line.bottom;
    let larger = previous.size.max(line.size);
    if (previous.size - line.size).abs() > 0.15 * larger {
        return false;
    }
    if step > 1.9 * larger || step < 0.0 {
        return false;
    }
    let indented = line.left > previous.left + 0.6 * size && previous.left <= left + 0.3 * size;
    if indented {
        return false;
    }
    let short = previous.right < right - (0.15 * (right - left)).max(3.0 * size);
    !(short && ends_sentence(&previous.text))
}

/// Whether `line`, the first of a new block, carries on the paragraph `previous` ended the
/// block before with (a column's last line running on to the next column's first).
fn continues(previous: &Line, line: &Line, previous_bounds: (f32, f32)) -> bool {
    let larger = previous.size.max(line.size);
    if (previous.size - line.size).abs() > 0.15 * larger || line.bottom < previous.bottom {
        return false;
    }
    let (left, right) = previous_bounds;
    let full = previous.right >= right - 0.15 * (right - left);
    !ends_sentence(&previous.text) && (starts_lower(&line.text) || full)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '…', '»', '”', '"', ')'])
}

fn starts_lower(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Stands for a hyphen at a line's end until the whole document is read: it is the document's
/// own word ("anti-immigrant" elsewhere in the text) or a break in one word ("adip-iscing").
const LINE_END_HYPHEN: char = '\u{E000}';

/// Appends `line` to `paragraph`; a word hyphenated at the line's end is joined again.
fn join_line(paragraph: &mut String, line: &str) {
    if let Some(stem) = paragraph.strip_suffix('\u{ad}') {
        let stem = stem.len();
        paragraph.truncate(stem);
    } else {
        let hyphenated = paragraph.ends_with('-')
            && paragraph
                .chars()
                .rev()
                .nth(1)
                .is_some_and(char::is_alphabetic)
            && starts_lower(line);
        if hyphenated {
            paragraph.pop();
            paragraph.push(LINE_END_HYPHEN);
        } else {
            paragraph.push(' ');
        }
    }
    paragraph.push_str(line.trim_start());
}

/// The words a document writes with a hyphen, lower-cased.
fn compounds<'a>(paragraphs: impl Iterator<Item = &'a str>) -> std::collections::HashSet<String> {
    paragraphs
        .flat_map(|paragraph| paragraph.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .filter(|word| word.contains('-'))
        .map(str::to_lowercase)
        .collect()
}

/// Resolves each hyphen at a line's end: kept where the document writes the same word with a
/// hyphen elsewhere (`compounds`), dropped otherwise (typesetters break words far more often
/// than they break a compound at its hyphen).
fn rejoin_hyphenated(text: &str, compounds: &std::collections::HashSet<String>) -> String {
    if !text.contains(LINE_END_HYPHEN) {
        return text.to_owned();
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LINE_END_HYPHEN) {
        let (before, after) = (&rest[..at], &rest[at + LINE_END_HYPHEN.len_utf8()..]);
        let left = &before[before.rfind(|c: char| !is_word(c)).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        })..];
        let right = &after[..after.find(|c: char| !is_word(c)).unwrap_or(after.len())];
        out.push_str(before);
        if compounds.contains(&format!("{left}-{right}").to_lowercase()) {
            out.push('-');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// How many lines the baselines make: baselines closer than half the type size are one line.
fn distinct_lines(baselines: impl Iterator<Item = f32>, size: f32) -> usize {
    let mut baselines: Vec<f32> = baselines.collect();
    baselines.sort_by(f32::total_cmp);
    let mut count = 0;
    let mut last = f32::MIN;
    for baseline in baselines {
        if baseline - last > 0.5 * size {
            count += 1;
            last = baseline;
        }
    }
    count
}

/// The type size most of the page's characters are set in.
fn body_size(fragments: &[Fragment]) -> f32 {
    body_size_of(fragments.iter())
}

fn body_size_of<'a>(fragments: impl Iterator<Item = &'a Fragment>) -> f32 {
    let mut sizes: Vec<(f32, usize)> = fragments
        .map(|fragment| (fragment.size(), fragment.text.chars().count()))
        .collect();
    if sizes.is_empty() {
        return 10.0;
    }
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|(_, chars)| chars).sum();
    let mut seen = 0;
    for (size, chars) in &sizes {
        seen += chars;
        if seen * 2 >= total {
            return *size;
        }
    }
    sizes[sizes.len() - 1].0
}

#[cfg(test)]
mod tests;
