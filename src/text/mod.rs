//! Text utilities every layer shares: folding for comparison, and text on one line.
//!
//! The bottom layer with `model`: it knows nothing of import, analysis or editing.

pub mod fold;

pub use fold::{fold, push_folded};

/// `text` on one line: runs of whitespace, line breaks included, become one space; ends trimmed.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// The words of a name as written, split at whitespace but not at a printed line's break: "Ge¬
/// meinde Rümlang" is "Ge¬ meinde" and "Rümlang" (which [`fold`] reads as "gemeinde").
pub fn words_of_name(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    // Where the word being read began, while its pieces end in a line break's "¬".
    let mut start = None;
    for piece in name.split_whitespace() {
        // `piece` is a slice of `name`: its offset is the distance between their starts.
        let begin = piece.as_ptr() as usize - name.as_ptr() as usize;
        let first = *start.get_or_insert(begin);
        if !piece.ends_with('¬') {
            words.push(&name[first..begin + piece.len()]);
            start = None;
        }
    }
    if let Some(first) = start {
        words.push(name[first..].trim_end());
    }
    words
}

/// A fast, deterministic hasher (64-bit FNV-1a) for the maps of short words that analysis looks
/// up for every word of every text, where the standard library's SipHash costs more than the
/// rest of the look-up. Not for keys an attacker chooses to collide: none of these maps are.
#[derive(Clone, Copy, Debug)]
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash map keyed by words, hashed with [`WordHasher`].
pub type WordMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A hash set of words, hashed with [`WordHasher`].
pub type WordSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<WordHasher>>;

/// A file name as text, without losing what is not Unicode: on Unix, a byte that is not part of
/// valid UTF-8 (a name written in Latin-1, say) becomes `\xE9`; on Windows, a lone UTF-16
/// surrogate becomes `\u{d800}`. Any other name is itself. The original name can be told from
/// the text, where a lossy conversion would turn every such name into the same `�`.
pub fn file_name_text(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_owned();
    }
    escaped_os_text(name)
}

#[cfg(unix)]
fn escaped_os_text(name: &std::ffi::OsStr) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt as _;
    let mut text = String::with_capacity(name.len() + 8);
    for chunk in name.as_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(text, "\\x{byte:02X}");
        }
    }
    text
}

#[cfg(windows)]
fn escaped_os_text(name: &std::ffi::OsStr) -> String {
    use std::fmt::Write as _;
    use std::os::windows::ffi::OsStrExt as _;
    let mut text = String::with_capacity(name.len() + 8);
    for unit in char::decode_utf16(name.encode_wide()) {
        match unit {
            Ok(character) => text.push(character),
            Err(error) => {
                let _ = write!(text, "\\u{{{:x}}}", error.unpaired_surrogate());
            }
        }
    }
    text
}

#[cfg(not(any(unix, windows)))]
fn escaped_os_text(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_splits_into_words_but_not_at_a_printed_line_break() {
        assert_eq!(
            words_of_name("  Ge¬ meinde Rümlang\tund Kon¬\nstan¬ tinopel "),
            ["Ge¬ meinde", "Rümlang", "und", "Kon¬\nstan¬ tinopel"]
        );
        assert_eq!(words_of_name("Ende¬"), ["Ende¬"]);
        assert!(words_of_name(" ").is_empty());
    }

    #[test]
    fn a_unicode_file_name_is_itself() {
        let name = std::ffi::OsStr::new("Rapport été — Panjshir.txt");
        assert_eq!(file_name_text(name), "Rapport été — Panjshir.txt");
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_are_written_as_escapes() {
        use std::os::unix::ffi::OsStrExt as _;
        let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff\xfe.txt");
        assert_eq!(file_name_text(latin1), "caf\\xE9 \\xFF\\xFE.txt");
        // Two names that differ only in their invalid bytes stay two names.
        let other = std::ffi::OsStr::from_bytes(b"caf\xe8 \xff\xfe.txt");
        assert_ne!(file_name_text(latin1), file_name_text(other));
    }

    #[cfg(windows)]
    #[test]
    fn lone_surrogates_are_written_as_escapes() {
        use std::os::windows::ffi::OsStringExt as _;
        let name = std::ffi::OsString::from_wide(&[0x61, 0xD800, 0x62]);
        assert_eq!(file_name_text(&name), "a\\u{d800}b");
    }
}
