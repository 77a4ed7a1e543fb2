//! What the characters around a run say: a token, quotation marks, a heading, an initial.

use super::super::super::words::Word;

/// Whether the characters around a run make it part of a hashtag, a handle, a web address or a
/// file name ("#Panjshir", "@AFP", "appstore-badge_EN", "logo.PNG"), not a name.
pub(super) fn is_in_token(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: char| matches!(c, '#' | '@' | '_' | '/' | '\\' | '=' | '&' | '%' | '~');
    if before.is_some_and(glued) || after.is_some_and(glued) {
        return true;
    }
    // A file extension or a domain right after: "badge.png", "Example.com".
    let rest = &text[end..];
    if let Some(extension) = rest.strip_prefix('.') {
        let letters: String = extension
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if (2..=4).contains(&letters.len())
            && letters
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && !extension[letters.len()..].starts_with(char::is_alphabetic)
        {
            return true;
        }
    }
    false
}

/// Whether a name stands between quotation marks, whole: a title of a work.
pub(super) fn is_quoted(text: &str, start: usize, end: usize) -> bool {
    let spaces = [' ', '\u{a0}', '\u{202f}'];
    let mut before = text[..start].trim_end_matches(spaces);
    // "“The Bird Tribunal”": the article opens the title but is not part of the name.
    for article in [
        "The", "A", "An", "Le", "La", "Les", "L'", "L’", "Un", "Une", "Der", "Die", "Das",
    ] {
        if let Some(rest) = before.strip_suffix(article)
            && (article.ends_with(['\'', '’'])
                || rest.ends_with(spaces)
                || rest.ends_with(['“', '«', '"', '‘', '„']))
        {
            before = rest.trim_end_matches(spaces);
            break;
        }
    }
    let after = text[end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let opened = before.ends_with(['“', '«', '"', '‘', '„']);
    let closed = after.starts_with(['”', '»', '"', '’', '“']);
    opened && closed
}

/// Whether the paragraph around `position` reads as a heading: short, with no closing
/// punctuation.
pub(super) fn in_heading(text: &str, position: usize) -> bool {
    let start = text[..position].rfind('\n').map_or(0, |index| index + 1);
    let end = text[position..]
        .find('\n')
        .map_or(text.len(), |index| position + index);
    let line = text[start..end].trim();
    // Asked of every name in a paragraph: the count stops at the thirteenth word.
    !line.ends_with(['.', '!', '?', ':', ';', ',']) && line.split_whitespace().nth(12).is_none()
}

/// Whether `words[end]` follows a middle initial ("Donald J. Trump"): a single capital and a dot
/// between two capitalised words of a name.
pub(super) fn after_middle_initial(text: &str, words: &[Word<'_>], end: usize) -> bool {
    let Some(initial) = end.checked_sub(1).map(|index| &words[index]) else {
        return false;
    };
    end >= 2
        && initial.text.chars().count() == 1
        && initial.text.starts_with(char::is_uppercase)
        && text[initial.end..words[end].start].trim_end() == "."
        && words[end].text.starts_with(char::is_uppercase)
        && words[end - 2].text.chars().count() > 1
}

/// Whether `words[end]` follows a dotted abbreviation ("U.S.", "U.N.") that opens the name of a
/// body: the dot after it ends the abbreviation, not the sentence ("the U.S. Embassy in Tunis",
/// "U.N. Security Council"). `names_a_body` says whether the capitalised words that follow
/// name one (an organisation's or a place's word among them).
pub(super) fn after_dotted_abbreviation(
    text: &str,
    words: &[Word<'_>],
    end: usize,
    names_a_body: impl Fn(&[Word<'_>]) -> bool,
) -> bool {
    const MOST_WORDS: usize = 3;
    let Some(abbreviation) = end.checked_sub(1).map(|index| &words[index]) else {
        return false;
    };
    let dotted = abbreviation.text.contains('.')
        && abbreviation
            .text
            .chars()
            .all(|c| c == '.' || c.is_uppercase());
    if !dotted || text[abbreviation.end..words[end].start].trim_end_matches(' ') != "." {
        return false;
    }
    let mut last = end;
    while last < words.len()
        && last - end < MOST_WORDS
        && (last == end || !words[last].broken_before)
        && words[last].text.starts_with(char::is_uppercase)
    {
        last += 1;
    }
    last > end && names_a_body(&words[end..last])
}
