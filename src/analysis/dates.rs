//! Dates in running text, in English and French, resolved against the document's date.
//!
//! Recognised: "August 14", "Aug. 14, 2021", "14 August 2021", "Saturday (March 5)",
//! "mardi 7 octobre", "12 juin", "1er mai 2020", "August 2021", "septembre 2021", "in 1989",
//! "en 1989", "from 2011 to 2013", "la crise de 2008", and decades ("the 1990s", "mid-1990s",
//! "les années 1970"). A month name needs a day or a year beside it, so "May I" and "March on" are not
//! dates. A missing year is taken from the document's date, or the year before when the month
//! lies well after the document's; a weekday given with the date must agree with it.

use super::words::{Word, words};
use crate::model::PartialDate;
use chrono::Datelike;
use std::ops::Range;

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The date, as precise as the text gives it; `None` when no year can be inferred.
    pub value: Option<PartialDate>,
}

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
];

const WEEKDAYS: &[(&str, chrono::Weekday)] = &[
    ("monday", chrono::Weekday::Mon),
    ("lundi", chrono::Weekday::Mon),
    ("tuesday", chrono::Weekday::Tue),
    ("mardi", chrono::Weekday::Tue),
    ("wednesday", chrono::Weekday::Wed),
    ("mercredi", chrono::Weekday::Wed),
    ("thursday", chrono::Weekday::Thu),
    ("jeudi", chrono::Weekday::Thu),
    ("friday", chrono::Weekday::Fri),
    ("vendredi", chrono::Weekday::Fri),
    ("saturday", chrono::Weekday::Sat),
    ("samedi", chrono::Weekday::Sat),
    ("sunday", chrono::Weekday::Sun),
    ("dimanche", chrono::Weekday::Sun),
];

/// Words before a bare year that make it a date: "in 1989", "en 1989".
const YEAR_CUES: &[&str] = &[
    "in", "since", "until", "by", "en", "depuis", "jusqu'en", "année", "dès", "d'ici", "d’ici",
];

/// Words before a bare year that make it a date only when no noun follows the number: "from
/// 2011 to 2013", "la crise de 2008," but not "from 2000 people" or "de 2000 euros".
const WEAK_YEAR_CUES: &[&str] = &[
    "from", "to", "and", "or", "after", "before", "during", "between", "of", "de", "à", "et", "ou",
    "après", "avant", "pendant", "entre", "vers",
];

/// Words that may follow a year without making it a count of something: "in 2011, when",
/// "de 2014. Elle", "dès 2020 en Suisse", "from 2011 to 2013".
const AFTER_YEAR: &[&str] = &[
    "to", "and", "or", "when", "as", "in", "on", "at", "with", "for", "after", "before", "à", "et",
    "ou", "en", "au", "aux", "où", "quand", "lorsque", "avec", "pour", "dans", "le", "la", "les",
];

/// For each first byte of a lower-case name in a list, a bit for each length (in bytes) that a
/// name starting with it has: most words are ruled out by these two before any comparison.
const fn starts_and_lengths<T>(list: &[(&str, T)]) -> [u32; 256] {
    let mut table = [0_u32; 256];
    let mut index = 0;
    while index < list.len() {
        let name = list[index].0.as_bytes();
        table[name[0] as usize] |= 1 << name.len();
        index += 1;
    }
    table
}

const MONTH_SHAPES: [u32; 256] = starts_and_lengths(MONTHS);
const WEEKDAY_SHAPES: [u32; 256] = starts_and_lengths(WEEKDAYS);

/// Looks a word up in a list of lower-case names, ignoring case. This runs on every word of
/// every document: a table of first bytes and lengths rules out nearly all of them at once,
/// and ASCII words, most of them, are compared without lowering a copy.
fn lookup<T: Copy>(list: &[(&str, T)], shapes: &[u32; 256], word: &str) -> Option<T> {
    if !(2..=24).contains(&word.len()) || !word.starts_with(char::is_alphabetic) {
        return None;
    }
    let fits =
        |lower_first: u8, length: usize| shapes[usize::from(lower_first)] & (1 << length) != 0;
    if word.is_ascii() {
        if !fits(word.as_bytes()[0].to_ascii_lowercase(), word.len()) {
            return None;
        }
        return list
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
            .map(|(_, value)| *value);
    }
    let lower = word.to_lowercase();
    if lower.len() >= 32 || !fits(lower.as_bytes()[0], lower.len()) {
        return None;
    }
    list.iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, value)| *value)
}

fn month(word: &str) -> Option<u8> {
    lookup(MONTHS, &MONTH_SHAPES, word)
}

fn weekday(word: &str) -> Option<chrono::Weekday> {
    lookup(WEEKDAYS, &WEEKDAY_SHAPES, word)
}

fn day(word: &str) -> Option<u8> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = word
        .strip_suffix("er")
        .or_else(|| word.strip_suffix("st"))
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    let value: u8 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (1..=31).contains(&value).then_some(value)
}

fn year(word: &str) -> Option<i32> {
    if word.len() != 4 {
        return None;
    }
    let value: i32 = word.parse().ok()?;
    (1000..=2199).contains(&value).then_some(value)
}

/// Whether the number at `position` counts something: a noun follows it, or follows the number
/// after it in a range ("2000 people", "between 1500 and 2000 soldiers").
fn counts_something(text: &str, words: &[Word<'_>], position: usize) -> bool {
    let Some(next) = words.get(position + 1) else {
        return false;
    };
    let between = &text[words[position].end..next.start];
    if !between.chars().all(char::is_whitespace) || between.contains("\n\n") {
        return false;
    }
    let next_word = next.text.to_lowercase();
    let range = ["to", "and", "or", "à", "et", "ou"].contains(&next_word.as_str())
        && words
            .get(position + 2)
            .is_some_and(|after| after.text.bytes().all(|b| b.is_ascii_digit()));
    if range {
        return counts_something(text, words, position + 2);
    }
    !AFTER_YEAR.contains(&next_word.as_str())
}

/// The decade a word names ("1990s", "mid-1880s"), or that "années" and the word after it name
/// ("années 1970", "années 70", "années 2000"): its range in the text.
fn decade_at(text: &str, words: &[Word<'_>], position: usize) -> Option<Range<usize>> {
    let word = words.get(position)?;
    if decade_name(word.text).is_some() {
        return Some(word.start..word.end);
    }
    let next = words.get(position + 1)?;
    (word.text.eq_ignore_ascii_case("années")
        && text[word.end..next.start].chars().all(char::is_whitespace)
        && decade_name(&format!("années {}", next.text)).is_some())
    .then_some(word.start..next.end)
}

/// The name of the decade a text writes, in one form for every language ("1990s" for "the
/// 1990s", "mid-1990s" and "années 1990"; "1970s" for "années 70"), or `None` if it names none.
pub fn decade_name(text: &str) -> Option<String> {
    let digits = |part: &str| part.len() >= 2 && part.bytes().all(|b| b.is_ascii_digit());
    let from_digits = |part: &str| match part.len() {
        2 if part.ends_with('0') => Some(format!("19{part}s")),
        4 if part.ends_with('0') && year(part).is_some() => Some(format!("{part}s")),
        _ => None,
    };
    if let Some(rest) = text.strip_prefix("années ") {
        return digits(rest).then(|| from_digits(rest)).flatten();
    }
    let core = ["mid-", "early-", "late-"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or(text);
    let number = core.strip_suffix('s')?;
    (number.len() == 4 && digits(number))
        .then(|| from_digits(number))
        .flatten()
}

/// Finds the dates in `text`; `document_date` supplies a missing year.
pub fn find_dates(text: &str, document_date: Option<PartialDate>) -> Vec<DateMention> {
    find_dates_in(text, &words(text), document_date)
}

/// [`find_dates`] in the words of `text`, split once for all that reads them.
pub fn find_dates_in(
    text: &str,
    words: &[Word<'_>],
    document_date: Option<PartialDate>,
) -> Vec<DateMention> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        match date_at(text, words, index, document_date) {
            Some((mention, next)) => {
                found.push(mention);
                index = next;
            }
            None => index += 1,
        }
    }
    found
}

/// Whether only spaces, commas, dots and parentheses stand between two words.
fn adjacent(text: &str, before: &Word<'_>, after: &Word<'_>) -> bool {
    text[before.end..after.start]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ')'))
        && !text[before.end..after.start].contains("\n\n")
}

/// A date starting at word `index`: the mention and the index of the word after it.
fn date_at(
    text: &str,
    words: &[Word<'_>],
    index: usize,
    document_date: Option<PartialDate>,
) -> Option<(DateMention, usize)> {
    let word = |i: usize| words.get(i);
    let next_to = |a: usize, b: usize| matches!((word(a), word(b)), (Some(x), Some(y)) if adjacent(text, x, y));
    let mut start = index;
    let mut position = index;
    let mut named_weekday = None;
    if let Some(day_name) = word(position).and_then(|w| weekday(w.text)) {
        if !next_to(position, position + 1) {
            return None;
        }
        named_weekday = Some(day_name);
        position += 1;
    }
    let (month_number, day_number, last) = if let Some(month_number) =
        word(position).and_then(|w| month(w.text))
    {
        // "August 14", "August 14, 2021", "August 2021".
        match word(position + 1).filter(|_| next_to(position, position + 1)) {
            Some(next) if day(next.text).is_some() => (month_number, day(next.text), position + 1),
            Some(next) if year(next.text).is_some() => (month_number, None, position),
            _ => return None,
        }
    } else if let Some(day_number) = word(position).and_then(|w| day(w.text)) {
        // "14 August", "1er mai 2020".
        let month_number = word(position + 1)
            .filter(|_| next_to(position, position + 1))
            .and_then(|w| month(w.text))?;
        (month_number, Some(day_number), position + 1)
    } else if named_weekday.is_none()
        && let Some(range) = decade_at(text, words, position)
    {
        // "the 1990s", "mid-1990s", "les années 1970": a decade, which no day can place.
        return Some((DateMention { range, value: None }, position + 1));
    } else if named_weekday.is_none()
        && let Some(year_number) = word(position).and_then(|w| year(w.text))
    {
        // "in 1989": a bare year only after a word that makes it a date; after a weaker one
        // ("from", "de") only with no noun after it.
        let cue = index
            .checked_sub(1)
            .and_then(word)
            .map(|w| w.text.to_lowercase());
        let dated = cue.as_deref().is_some_and(|cue| {
            YEAR_CUES.contains(&cue)
                || WEAK_YEAR_CUES.contains(&cue) && !counts_something(text, words, position)
        });
        if !dated {
            return None;
        }
        let w = word(position)?;
        return Some((
            DateMention {
                range: w.start..w.end,
                value: Some(PartialDate::year(year_number)),
            },
            position + 1,
        ));
    } else {
        return None;
    };
    let mut end_word = last;
    let mut year_number = None;
    if let Some(next) = word(last + 1).filter(|_| next_to(last, last + 1))
        && let Some(found) = year(next.text)
    {
        year_number = Some(found);
        end_word = last + 1;
    }
    if named_weekday.is_none() {
        start = position;
    }
    let value = resolve(
        month_number,
        day_number,
        year_number,
        named_weekday,
        document_date,
    );
    let range = words[start].start..words[end_word].end;
    Some((DateMention { range, value }, end_word + 1))
}

fn resolve(
    month: u8,
    day: Option<u8>,
    year: Option<i32>,
    weekday: Option<chrono::Weekday>,
    document_date: Option<PartialDate>,
) -> Option<PartialDate> {
    let years: Vec<i32> = match (year, document_date) {
        (Some(year), _) => vec![year],
        (None, Some(date)) => {
            let base = date.year_value();
            // A month well after the document's is last year's ("December 28" in a January report).
            let base = match date.month() {
                Some(known) if month > known + 1 => base - 1,
                _ => base,
            };
            vec![base, base - 1, base + 1]
        }
        (None, None) => return None,
    };
    let Some(day) = day else {
        return PartialDate::year_month(years[0], month);
    };
    let matches_weekday = |year: i32| {
        let date = chrono::NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day));
        date.is_some_and(|date| weekday.is_none_or(|weekday| date.weekday() == weekday))
    };
    let chosen = years
        .iter()
        .copied()
        .find(|year| matches_weekday(*year))
        .unwrap_or(years[0]);
    PartialDate::full(chosen, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, document: &str) -> Vec<(String, Option<String>)> {
        find_dates(text, document.parse().ok())
            .into_iter()
            .map(|mention| {
                (
                    text[mention.range].to_owned(),
                    mention.value.map(|value| value.to_string()),
                )
            })
            .collect()
    }

    fn one(text: &str, document: &str) -> (String, Option<String>) {
        let found = dates(text, document);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            one("Fighting began on August 14 near the pass.", "2021-08-22"),
            ("August 14".into(), Some("2021-08-14".into()))
        );
        assert_eq!(
            one("He was born on June 3, 1999 in Kabul.", "2021-08"),
            ("June 3, 1999".into(), Some("1999-06-03".into()))
        );
        assert_eq!(
            one("It was Saturday (March 5) when they left.", "2022-03-10"),
            ("Saturday (March 5".into(), Some("2022-03-05".into()))
        );
        assert_eq!(
            one("KABUL, Aug. 22 (Wire) — fighters moved.", "2021"),
            ("Aug. 22".into(), Some("2021-08-22".into()))
        );
        assert_eq!(
            one("The talks of 14 August 2021 failed.", ""),
            ("14 August 2021".into(), Some("2021-08-14".into()))
        );
        assert_eq!(
            one("Soviet forces left in 1989.", ""),
            ("1989".into(), Some("1989".into()))
        );
        assert_eq!(
            one("By August 2021 the army had collapsed.", ""),
            ("August 2021".into(), Some("2021-08".into()))
        );
    }

    #[test]
    fn french_forms() {
        assert_eq!(
            one("Les combats ont repris mardi 7 septembre.", "2021-09-08"),
            ("mardi 7 septembre".into(), Some("2021-09-07".into()))
        );
        assert_eq!(
            one("Le 12 juin, la ville est tombée.", "2021-07"),
            ("12 juin".into(), Some("2021-06-12".into()))
        );
        assert_eq!(
            one("Depuis le 1er mai 2020, rien.", ""),
            ("1er mai 2020".into(), Some("2020-05-01".into()))
        );
        assert_eq!(
            one("Il est né en 1989 à Kaboul.", ""),
            ("1989".into(), Some("1989".into()))
        );
        assert_eq!(
            one("En septembre 2021, tout a changé.", ""),
            ("septembre 2021".into(), Some("2021-09".into()))
        );
    }

    #[test]
    fn decades_and_years_after_weaker_words() {
        assert_eq!(
            dates(
                "In the 1880s and 1890s, and again in the mid-1990s, power passed from 2011 to \
                 2013, during 2015.",
                ""
            ),
            [
                ("1880s".into(), None),
                ("1890s".into(), None),
                ("mid-1990s".into(), None),
                ("2011".into(), Some("2011".into())),
                ("2013".into(), Some("2013".into())),
                ("2015".into(), Some("2015".into())),
            ]
        );
        assert_eq!(
            dates(
                "Depuis les années 1970, puis dans les années 70 et les années 2000, la crise \
                 de 2008, puis ; interdit dès 2020 en Suisse, d’ici 2050.",
                ""
            ),
            [
                ("années 1970".into(), None),
                ("années 70".into(), None),
                ("années 2000".into(), None),
                ("2008".into(), Some("2008".into())),
                ("2020".into(), Some("2020".into())),
                ("2050".into(), Some("2050".into())),
            ]
        );
        // One decade, one name, in either language.
        assert_eq!(decade_name("années 90").as_deref(), Some("1990s"));
        assert_eq!(decade_name("mid-1990s").as_deref(), Some("1990s"));
        assert_eq!(decade_name("1995s"), None);
    }

    #[test]
    fn the_year_is_inferred_and_the_weekday_checked() {
        // December in a January report is the December before.
        assert_eq!(
            one("Since December 28 the road is closed.", "2022-01-05").1,
            Some("2021-12-28".into())
        );
        // 5 March was a Saturday in 2022, not in 2023: the weekday picks the year.
        assert_eq!(
            one("It was Saturday (March 5).", "2023-01-02").1,
            Some("2022-03-05".into())
        );
        // Without a document date a day and month cannot be placed.
        assert_eq!(one("Fighting began on August 14.", "").1, None);
    }

    #[test]
    fn false_friends_are_not_dates() {
        for text in [
            "May I ask a question?",
            "March on the capital, they said.",
            "He lives at 21 Jump Street.",
            "In 150 kilometres the road ends.",
            "He paid 2021 dollars.",
            "It rose from 2000 people to more.",
            "Un budget de 2000 euros et de 1500 francs.",
            "Between 1500 and 2000 soldiers left.",
        ] {
            assert!(
                dates(text, "2021-08-22").is_empty(),
                "{text}: {:?}",
                dates(text, "2021-08-22")
            );
        }
    }
}
