//! Byte spans into immutable document text, and quotes anchored with their context.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A byte range `start..end` into a document's text whose ends lie on `char` boundaries.
///
/// Constructed only through [`ByteSpan::new`], which checks the boundaries against the text;
/// a span read from a file is checked again when the project loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByteSpan {
    start: usize,
    end: usize,
}

/// Why a span does not fit a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// The span ends before it starts.
    #[error("span {start}..{end} ends before it starts")]
    Reversed {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// The span runs past the end of the text.
    #[error("span {start}..{end} runs past the end of the text ({len} bytes)")]
    OutOfRange {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// Length of the text in bytes.
        len: usize,
    },
    /// An end of the span falls inside a multi-byte character.
    #[error("span {start}..{end} cuts a character in two")]
    NotCharBoundary {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
}

impl ByteSpan {
    /// A span of `text`, checked to be in range and on character boundaries.
    pub fn new(text: &str, start: usize, end: usize) -> Result<Self, SpanError> {
        let span = Self { start, end };
        span.check(text)?;
        Ok(span)
    }

    /// Checks that the span fits `text`.
    pub fn check(&self, text: &str) -> Result<(), SpanError> {
        let (start, end) = (self.start, self.end);
        if end < start {
            return Err(SpanError::Reversed { start, end });
        }
        if end > text.len() {
            return Err(SpanError::OutOfRange {
                start,
                end,
                len: text.len(),
            });
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(SpanError::NotCharBoundary { start, end });
        }
        Ok(())
    }

    /// The first byte.
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The span as a range, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Range<usize>) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The slice of `text` this span covers, or `None` if it does not fit the text.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.range())
    }
}

/// The bytes of `text` from up to `chars` characters before `range` to up to `chars` after it.
///
/// `range` must lie on `char` boundaries of `text`.
pub fn context_bounds(text: &str, range: Range<usize>, chars: usize) -> Range<usize> {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(range.start, |(index, _)| index);
    let end = text[range.end..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(index, _)| range.end + index);
    start..end
}

/// How many characters of context a quote keeps on either side.
pub const QUOTE_CONTEXT_CHARS: usize = 32;

/// A passage of a document: its span, its exact text and a little context either side.
///
/// The context lets a loader confirm that the span still points at the words the user chose
/// (the W3C TextQuoteSelector idea). A quote that no longer matches is reported, never moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Where the passage is.
    pub span: ByteSpan,
    /// The passage's exact text.
    pub exact: String,
    /// Up to [`QUOTE_CONTEXT_CHARS`] characters before the passage.
    pub prefix: String,
    /// Up to [`QUOTE_CONTEXT_CHARS`] characters after the passage.
    pub suffix: String,
}

/// Why a stored quote does not match its document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// The span does not fit the text.
    #[error(transparent)]
    Span(#[from] SpanError),
    /// The text under the span differs from the stored quote.
    #[error("the text at {start}..{end} is no longer the quoted text {exact:?}")]
    Mismatch {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// The quote as stored.
        exact: String,
    },
}

impl Quote {
    /// The quote of `span` in `text`, with its context.
    pub fn new(text: &str, span: ByteSpan) -> Self {
        let bounds = context_bounds(text, span.range(), QUOTE_CONTEXT_CHARS);
        Self {
            span,
            exact: text[span.range()].to_owned(),
            prefix: text[bounds.start..span.start()].to_owned(),
            suffix: text[span.end()..bounds.end].to_owned(),
        }
    }

    /// Checks that the span fits `text` and still covers the quoted words.
    pub fn verify(&self, text: &str) -> Result<(), QuoteError> {
        self.span.check(text)?;
        if text[self.span.range()] != self.exact {
            return Err(QuoteError::Mismatch {
                start: self.span.start(),
                end: self.span.end(),
                exact: self.exact.clone(),
            });
        }
        Ok(())
    }
}

/// Converts a byte offset on a char boundary to a count of `char`s from the start of `text`.
pub fn byte_to_char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Converts a count of `char`s from the start of `text` to a byte offset, if within the text.
pub fn char_to_byte_offset(text: &str, chars: usize) -> Option<usize> {
    if chars == 0 {
        return Some(0);
    }
    let mut indices = text.char_indices();
    match indices.nth(chars) {
        Some((byte, _)) => Some(byte),
        None if text.chars().count() == chars => Some(text.len()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_must_sit_on_char_boundaries() {
        let text = "Pandjchir « vallée »";
        assert!(ByteSpan::new(text, 0, 9).is_ok());
        let inside_guillemet = text.find('«').map(|i| i + 1).unwrap_or_default();
        assert_eq!(
            ByteSpan::new(text, 0, inside_guillemet),
            Err(SpanError::NotCharBoundary {
                start: 0,
                end: inside_guillemet
            })
        );
        assert!(matches!(
            ByteSpan::new(text, 3, 2),
            Err(SpanError::Reversed { .. })
        ));
        assert!(matches!(
            ByteSpan::new(text, 0, 999),
            Err(SpanError::OutOfRange { .. })
        ));
    }

    #[test]
    fn quote_keeps_context_and_detects_drift() {
        let text = "Le chef a déclaré « c’est de la propagande » hier soir à Kaboul.";
        let start = text.find("c’est").unwrap_or_default();
        let end = text.find(" »").unwrap_or_default();
        let quote = Quote::new(text, ByteSpan::new(text, start, end).expect("valid span"));
        assert_eq!(quote.exact, "c’est de la propagande");
        assert!(quote.prefix.ends_with("déclaré « "));
        assert!(quote.suffix.starts_with(" » hier"));
        assert!(quote.verify(text).is_ok());
        let edited = text.replace("propagande", "propaganda");
        assert!(matches!(
            quote.verify(&edited),
            Err(QuoteError::Mismatch { .. })
        ));
    }

    #[test]
    fn char_and_byte_offsets_round_trip() {
        let text = "é’«»😀a";
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_to_char_offset(text, byte), chars);
            assert_eq!(char_to_byte_offset(text, chars), Some(byte));
        }
        assert_eq!(
            char_to_byte_offset(text, text.chars().count()),
            Some(text.len())
        );
        assert_eq!(char_to_byte_offset(text, 99), None);
    }
}
