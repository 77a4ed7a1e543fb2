//! Name lists the user loads: each line an entity, its kind and its aliases.
//!
//! ```text
//! # kind, name, aliases…
//! place, Panjshir, Panjsher, Panshir, Panchir, Pandjchir
//! person, Ahmad Massoud, Ahmed Massoud
//! organisation, National Resistance Front, NRF, Front national de résistance, FNR
//! ```
//! Fields are separated by commas, tabs or `|`; a line whose first field is not a kind is all
//! names, of kind "other". The first name is the canonical one. Lines starting with `#` and
//! blank lines are skipped.

use crate::model::{EntityKind, NameEntry};

/// Reads a kind as a list may write it: person, organisation (organization, org), place
/// (location, loc, gpe), date, other.
pub fn parse_kind(text: &str) -> Option<EntityKind> {
    match text.trim().to_lowercase().as_str() {
        "person" | "per" | "people" | "personne" => Some(EntityKind::Person),
        "organisation" | "organization" | "org" | "organisme" => Some(EntityKind::Organisation),
        "place" | "location" | "loc" | "gpe" | "lieu" => Some(EntityKind::Place),
        "date" => Some(EntityKind::Date),
        "other" | "misc" | "autre" => Some(EntityKind::Other),
        _ => None,
    }
}

/// The largest name list read, in bytes.
pub const MAX_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a name list file (any common encoding); the error says what is wrong with which file.
pub fn read_names_file(path: &std::path::Path) -> Result<(Vec<NameEntry>, Vec<usize>), String> {
    crate::frame_guard::heavy("reading a name list");
    let name = path.display();
    let size = std::fs::metadata(path)
        .map_err(|error| format!("cannot read the name list {name}: {error}"))?
        .len();
    if size > MAX_LIST_BYTES {
        return Err(format!(
            "the name list {name} is {} MB, over the limit of {} MB",
            size / 1_000_000,
            MAX_LIST_BYTES / 1_000_000
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|error| format!("cannot read the name list {name}: {error}"))?;
    let decoded =
        super::decode(&bytes).ok_or_else(|| format!("the name list {name} is not a text file"))?;
    Ok(parse_names(&decoded.text))
}

/// Reads a name list; returns the entries and the numbers of the lines it could not read.
pub fn parse_names(text: &str) -> (Vec<NameEntry>, Vec<usize>) {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line
            .split([',', '\t', '|'])
            .map(str::trim)
            .filter(|field| !field.is_empty())
            .collect();
        let (kind, names) = match fields.split_first() {
            Some((first, rest)) if parse_kind(first).is_some() => {
                (parse_kind(first).unwrap_or(EntityKind::Other), rest)
            }
            _ => (EntityKind::Other, fields.as_slice()),
        };
        let mut names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        names.dedup();
        if names.is_empty() {
            skipped.push(number + 1);
        } else {
            entries.push(NameEntry { kind, names });
        }
    }
    (entries, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_with_and_without_kinds() {
        let (entries, skipped) = parse_names(
            "# watch list\nplace, Panjshir, Panshir\n\nperson\tAhmad Massoud\tAhmed Massoud\nKabul | Kaboul\nperson,\n",
        );
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0],
            NameEntry {
                kind: EntityKind::Place,
                names: vec!["Panjshir".into(), "Panshir".into()]
            }
        );
        assert_eq!(entries[1].kind, EntityKind::Person);
        assert_eq!(
            entries[2],
            NameEntry {
                kind: EntityKind::Other,
                names: vec!["Kabul".into(), "Kaboul".into()]
            }
        );
        assert_eq!(
            skipped,
            [6],
            "a kind without names is reported by its line number"
        );
    }
}
