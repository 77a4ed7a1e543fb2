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
