//! Where a file's selections fall in its texts: tools count characters differently, and each
//! file's convention is found from the text its selections quote.

use super::{ExchangeSelection, ExchangeSource, PositionUnit, RawSource};
use std::collections::HashMap;

/// The text of a source's bytes: UTF-8 (invalid sequences replaced), a byte-order mark
/// dropped; and the same text with its line ends as line feeds.
fn source_text(bytes: &[u8]) -> (String, usize) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let replaced = match &text {
        std::borrow::Cow::Borrowed(_) => 0,
        std::borrow::Cow::Owned(text) => text.matches('\u{fffd}').count(),
    };
    (text.into_owned(), replaced)
}

/// The byte offsets in the line-feed text of `raw` at which each position in `sorted` falls,
/// counted in `unit`; a position past the end has none.
fn byte_offsets(raw: &str, unit: PositionUnit, sorted: &[u64]) -> HashMap<u64, usize> {
    let utf16 = matches!(unit, PositionUnit::Utf16 | PositionUnit::Utf16CrLf);
    let crlf_two = matches!(unit, PositionUnit::CodePointsCrLf | PositionUnit::Utf16CrLf);
    let mut found = HashMap::new();
    let mut wanted = sorted.iter().copied().peekable();
    let mut units = 0u64;
    let mut bytes = 0usize;
    let mut chars = raw.chars().peekable();
    loop {
        while let Some(&position) = wanted.peek() {
            if position > units {
                break;
            }
            if position == units {
                found.insert(position, bytes);
            }
            wanted.next();
        }
        let Some(c) = chars.next() else {
            break;
        };
        if c == '\r' && chars.peek() == Some(&'\n') {
            // A CR LF pair is one line feed of the text; the CR counts only where the file
            // counted it.
            if crlf_two {
                units += 1;
            }
            continue;
        }
        units += if utf16 { c.len_utf16() as u64 } else { 1 };
        bytes += if c == '\r' { 1 } else { c.len_utf8() };
    }
    found
}

/// Whether `covered` is the text a selection's name quotes: the same words, or, when the name
/// was cut short, the same first words.
fn quotes(covered: &str, name: &str) -> bool {
    let name = name.replace('\u{2029}', "\n");
    let covered = crate::text::one_line(covered);
    let name = crate::text::one_line(&name);
    if name.is_empty() {
        return false;
    }
    if covered == name {
        return true;
    }
    let cut = name.trim_end_matches(['…', '.']).trim_end();
    name.chars().count() >= 20 && cut.len() < name.len() && covered.starts_with(cut)
}

/// Finds how the file counts positions and reads every selection into byte ranges of its
/// text; selections that fall outside their text are listed.
pub(super) fn place_selections(
    read: Vec<(RawSource, Vec<u8>)>,
    not_imported: &mut Vec<String>,
) -> (PositionUnit, Vec<ExchangeSource>) {
    // Per source: its text as written, with line feeds, the replacement count, and where its
    // positions fall under each reading.
    let texts: Vec<_> = read
        .iter()
        .map(|(source, bytes)| {
            let (raw, replaced) = source_text(bytes);
            let mut positions: Vec<u64> = source
                .selections
                .iter()
                .flat_map(|selection| [selection.start, selection.end])
                .flatten()
                .collect();
            positions.sort_unstable();
            positions.dedup();
            let readings = PositionUnit::ALL.map(|unit| byte_offsets(&raw, unit, &positions));
            let text = crate::import::text::normalise_line_endings(&raw);
            (text, replaced, readings)
        })
        .collect();
    let range = |found: &HashMap<u64, usize>, selection: &super::RawSelection| {
        selection
            .start
            .and_then(|start| found.get(&start).copied())
            .zip(selection.end.and_then(|end| found.get(&end).copied()))
    };
    // Each reading scores the selections whose covered text is the text their name quotes.
    let mut best = (0, 0usize);
    for index in 0..PositionUnit::ALL.len() {
        let score: usize = read
            .iter()
            .zip(&texts)
            .map(|((source, _), (text, _, readings))| {
                source
                    .selections
                    .iter()
                    .filter(|selection| {
                        range(&readings[index], selection)
                            .and_then(|(start, end)| text.get(start..end))
                            .is_some_and(|covered| quotes(covered, &selection.name))
                    })
                    .count()
            })
            .sum();
        if score > best.1 {
            best = (index, score);
        }
    }
    let chosen = best.0;
    let mut sources = Vec::new();
    for ((source, _), (text, replaced, readings)) in read.into_iter().zip(texts) {
        let mut selections = Vec::new();
        let mut outside = 0;
        for selection in source.selections {
            match range(&readings[chosen], &selection) {
                Some((start, end)) if start < end => selections.push(ExchangeSelection {
                    guid: selection.guid,
                    start,
                    end,
                    codes: selection.codes,
                    notes: selection.notes,
                    description: selection.description,
                }),
                _ => outside += 1,
            }
        }
        if outside > 0 {
            not_imported.push(format!(
                "{outside} passages of {:?} that are empty or fall outside its text",
                source.name
            ));
        }
        sources.push(ExchangeSource {
            guid: source.guid,
            name: source.name,
            text,
            replaced,
            variables: source.variables,
            selections,
            notes: source.notes,
            description: source.description,
        });
    }
    (PositionUnit::ALL[chosen], sources)
}
