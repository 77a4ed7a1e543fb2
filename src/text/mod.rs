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
