//! What the characters around a run say: a token, quotation marks, a heading, an initial.

use super::super::super::words::Word;
use crate::analysis::lexicon::Lexicon;

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

/// Whether a run is part of a title of a work in quotation marks, written in title case,
/// without being all of it: "Upon A Time" and "Hollywood" of “Once Upon A Time in Hollywood”.
/// The title is a work's, its words are not names.
/// `function_word` tells the short words a title keeps in lower case ("in", "of", "de").
pub(super) fn is_in_quoted_title(
    text: &str,
    (start, end): (usize, usize),
    function_word: impl Fn(&str) -> bool,
) -> bool {
    const OPENING: [char; 4] = ['“', '«', '„', '"'];
    const CLOSING: [char; 3] = ['”', '»', '"'];
    const REACH: usize = 120;
    // Only the last REACH bytes of the line are looked at: this is asked of every name.
    let mut from = start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    let before = before
        .rfind('\n')
        .map_or(before, |index| &before[index + 1..]);
    let base = start - before.len();
    let Some(open) = before.rfind(OPENING) else {
        return false;
    };
    // A straight quotation mark opens a quotation only after an even number of them.
    if before[open..].starts_with('"') {
        let line_start = text[..base + open].rfind('\n').map_or(0, |index| index + 1);
        if text[line_start..base + open].matches('"').count() % 2 == 1 {
            return false;
        }
    }
    let open_len = before[open..].chars().next().map_or(1, char::len_utf8);
    let inside_start = base + open + open_len;
    let Some(close) = text[end..]
        .char_indices()
        .take_while(|(index, c)| *index <= REACH && *c != '\n')
        .find(|(_, c)| CLOSING.contains(c))
        .map(|(index, _)| end + index)
    else {
        return false;
    };
    let inside = text[inside_start..close].trim_matches([' ', '\u{a0}', '\u{202f}', ',']);
    // Only the run itself quoted is the title whole (see `is_quoted`); a quotation mark inside
    // means the quotation closed before the run or opens after it.
    if inside_start >= start && close <= end
        || inside.contains(['.', '!', '?', '“', '”', '«', '»', '"'])
    {
        return false;
    }
    let words: Vec<&str> = inside
        .split([' ', '\u{a0}', '\u{202f}'])
        .map(|word| word.trim_matches([',', ':', ';']))
        .filter(|word| !word.is_empty())
        .collect();
    let capitalised = words
        .iter()
        .filter(|word| word.starts_with(char::is_uppercase))
        .count();
    (2..=10).contains(&words.len())
        && capitalised >= 2
        && words
            .iter()
            .all(|word| word.starts_with(char::is_uppercase) || function_word(word))
        && text[start..end].split_whitespace().count() < words.len()
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

/// Whether `after`, the text after a name in parentheses, closes them and the dateline of a
/// wire report: ") —", "). —", ".) -".
pub(super) fn after_agency(after: &str) -> bool {
    let rest = after.strip_prefix('.').unwrap_or(after);
    let Some(rest) = rest.strip_prefix(')') else {
        return false;
    };
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    rest.trim_start_matches([' ', '\u{a0}'])
        .starts_with(['—', '–', '-'])
}

/// Whether `after`, the text after a name opening a paragraph, is the date of a dateline in
/// title case: "Sarnen, 15 septembre.", "Rorschach 21 août", "Baltimore, March 2": the name is
/// where the report was written.
pub(super) fn dated_after(lexicon: &Lexicon, after: &str) -> bool {
    let after = after.strip_prefix(',').unwrap_or(after).trim_start();
    let mut parts = after.split([' ', '\u{a0}']).filter(|part| !part.is_empty());
    let (Some(first), Some(second)) = (parts.next(), parts.next()) else {
        return false;
    };
    let word = |part: &str| part.trim_end_matches(['.', ',', ':', ';']).to_owned();
    let day = |part: &str| {
        let digits = word(part);
        !digits.is_empty() && digits.len() <= 2 && digits.chars().all(|c| c.is_ascii_digit())
    };
    day(first) && lexicon.is_calendar_word(&word(second))
        || lexicon.is_calendar_word(&word(first)) && day(second)
}
