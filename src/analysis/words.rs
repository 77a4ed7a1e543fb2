//! Words with their byte offsets. The word lists recognition leans on are data files, read
//! by [`super::lexicon`].

/// A word of the text and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    /// The word as written, without elision prefix or possessive suffix.
    pub text: &'t str,
    /// Its first byte.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Whether it opens a sentence, a line, a quotation or a parenthesis.
    pub sentence_start: bool,
    /// Whether a blank line, a tab (between table cells) or punctuation other than a space
    /// separates it from the word before.
    pub broken_before: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑' | '.')
}

/// Splits text into words: letters and digits, joined by inner apostrophes, hyphens and the
/// dots of abbreviations such as `U.N.`.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut gap_start = 0;
    let mut after_possessive = false;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(index, next)) = chars.peek() {
            if is_word_char(next) {
                end = index + next.len_utf8();
                chars.next();
            } else if is_joiner(next) {
                let after = text[index + next.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    chars.next();
                } else {
                    break;
                }
            } else if let Some(resume) = line_break_hyphen(text, index, next) {
                // "Massachu¬ setts": one word, broken at the end of a printed line.
                while chars.peek().is_some_and(|&(at, _)| at < resume) {
                    chars.next();
                }
            } else {
                break;
            }
        }
        // A dot is only kept inside abbreviations like U.N.; "Kabul.Then" is two words.
        let raw = &text[start..end];
        let (text_start, text_end) = trim_word(raw);
        let gap = &text[gap_start..start];
        found.push(Word {
            text: &raw[text_start..text_end],
            start: start + text_start,
            end: start + text_end,
            sentence_start: opens_sentence(gap, gap_start == 0),
            broken_before: gap.chars().any(|c| !c.is_whitespace() || c == '\t')
                || gap.matches('\n').count() >= 2
                || after_possessive,
        });
        // "Egypt's Muslim Brotherhood": a possessive ends a name.
        after_possessive = text_end < raw.len() && raw[text_end..].starts_with(['\'', '’']);
        gap_start = end;
    }
    found.retain(|word| !word.text.is_empty());
    found
}

/// Where a word broken across a printed line goes on, if `c` at `index` is such a break: a
/// soft hyphen (U+00AD, which web and word-processor text keep inside words), or the `¬` that
/// OCR of newspapers writes at a line's end, followed by spaces or one line break. Returns the
/// byte offset of the word's next letter.
fn line_break_hyphen(text: &str, index: usize, c: char) -> Option<usize> {
    if c != '\u{ad}' && c != '¬' {
        return None;
    }
    let after = index + c.len_utf8();
    let rest = &text[after..];
    let gap = if c == '¬' {
        rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len()
    } else {
        0
    };
    let resume = after + gap;
    let breaks_paragraph = rest[..gap].matches('\n').count() > 1;
    let continues = text[resume..].chars().next().is_some_and(is_word_char);
    (continues && !breaks_paragraph).then_some(resume)
}

/// French articles, pronouns and prepositions elided before a word ("l'", "qu’").
const ELISIONS: [&str; 18] = [
    "qu'", "qu’", "l'", "l’", "d'", "d’", "L'", "L’", "D'", "D’", "j'", "j’", "n'", "n’", "s'",
    "s’", "c'", "c’",
];

/// A lower-case word without the elision before it: "hebdomadaire" of "l'hebdomadaire",
/// "ambassadeur" of "d’ambassadeur". (Before a capital [`words`] has already taken it off.)
pub(crate) fn without_elision(word: &str) -> &str {
    ELISIONS
        .iter()
        .find_map(|prefix| {
            word.strip_prefix(prefix)
                .filter(|rest| rest.starts_with(char::is_lowercase))
        })
        .unwrap_or(word)
}

/// Drops French elisions (l', d', qu') before a capital and the English possessive ('s).
fn trim_word(raw: &str) -> (usize, usize) {
    // Most words have no apostrophe and no dot: nothing to trim (and this runs on every word).
    let has_apostrophe = raw.bytes().any(|byte| byte == b'\'' || byte == 0xE2);
    if !has_apostrophe && !raw.contains('.') {
        return (0, raw.len());
    }
    let mut start = 0;
    for prefix in ELISIONS {
        if let Some(rest) = raw.strip_prefix(prefix)
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            start = prefix.len();
            break;
        }
    }
    let mut end = raw.len();
    for suffix in ["'s", "’s"] {
        if raw[start..].ends_with(suffix) && raw.len() - suffix.len() > start {
            end = raw.len() - suffix.len();
        }
    }
    let word = &raw[start..end];
    // A trailing abbreviation dot belongs to the word only in forms like "U.N" (inner dots).
    if !word.contains('.') || word.split('.').all(|part| part.chars().count() == 1) {
        (start, end)
    } else {
        let first_dot = word.find('.').map_or(word.len(), |index| index);
        (start, start + first_dot)
    }
}

fn opens_sentence(gap: &str, at_text_start: bool) -> bool {
    if at_text_start || gap.contains('\n') {
        return true;
    }
    gap.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '«' | '“' | '"' | '(' | '—' | '–' | '…' | '‘' | '['
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_strip_elisions_and_possessives_and_keep_offsets() {
        let text = "Selon l’AFP, Massoud's men hold the U.N. line near Jabal-Saraj.";
        let found: Vec<&str> = words(text).iter().map(|word| word.text).collect();
        assert_eq!(
            found,
            [
                "Selon",
                "AFP",
                "Massoud",
                "men",
                "hold",
                "the",
                "U.N",
                "line",
                "near",
                "Jabal-Saraj"
            ]
        );
        for word in words(text) {
            assert_eq!(&text[word.start..word.end], word.text);
        }
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_one_word() {
        let text =
            "the State of Massachu¬ setts and Vir¬\nginia, a Presi\u{ad}dent, an end¬\n\nNew";
        let found: Vec<&str> = words(text).iter().map(|word| word.text).collect();
        assert_eq!(
            found,
            [
                "the",
                "State",
                "of",
                "Massachu¬ setts",
                "and",
                "Vir¬\nginia",
                "a",
                "Presi\u{ad}dent",
                "an",
                "end",
                "New"
            ]
        );
    }

    #[test]
    fn sentence_starts_are_marked() {
        let text = "Fighting resumed. Residents fled.\n« Nous tenons », dit-il.";
        let starts: Vec<&str> = words(text)
            .iter()
            .filter(|word| word.sentence_start)
            .map(|word| word.text)
            .collect();
        assert_eq!(starts, ["Fighting", "Residents", "Nous"]);
    }
}
