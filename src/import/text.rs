//! Plain text: decoding, the leading `date` line, the headline and the language.

use crate::model::PartialDate;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from bytes.
#[derive(Debug, Clone)]
pub struct DecodedText {
    /// The text, with `\r\n` and `\r` line endings turned into `\n` and no byte-order mark.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// How many invalid byte sequences became U+FFFD.
    pub replaced: usize,
}

/// Decodes text in any common encoding, or `None` for binary data.
///
/// A byte-order mark wins; then UTF-16 without a mark is recognised by its zero bytes; then
/// UTF-8; then the most likely legacy encoding as guessed by `chardetng`.
pub fn decode(bytes: &[u8]) -> Option<DecodedText> {
    let (encoding, payload) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => (guess_utf16(bytes).unwrap_or(UTF_8), bytes),
    };
    let has_bom = payload.len() != bytes.len();
    // A byte-order mark wins: only unmarked bytes that are not UTF-8 are guessed.
    let encoding = if !has_bom
        && encoding == UTF_8
        && std::str::from_utf8(payload).is_err()
        && !looks_binary(payload)
    {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(payload, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    } else {
        encoding
    };
    if encoding != UTF_16LE && encoding != UTF_16BE && looks_binary(payload) {
        return None;
    }
    let (text, _) = encoding.decode_without_bom_handling(payload);
    let replaced = if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        text.matches('\u{FFFD}').count() - count_literal_replacements(payload, encoding)
    } else {
        0
    };
    let text = normalise_line_endings(&text);
    if text.contains('\0') {
        return None;
    }
    Some(DecodedText {
        text,
        encoding: encoding.name(),
        replaced,
    })
}

/// Replacement characters that were already in the file, so they are not counted as damage.
fn count_literal_replacements(payload: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 {
        payload
            .windows(3)
            .filter(|window| *window == [0xEF, 0xBF, 0xBD])
            .count()
    } else {
        0
    }
}

/// UTF-16 text without a byte-order mark has a zero in most high bytes of Latin text.
fn guess_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_zeros = bytes.iter().step_by(2).filter(|byte| **byte == 0).count();
    let odd_zeros = bytes
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|byte| **byte == 0)
        .count();
    if odd_zeros * 10 >= pairs * 7 && even_zeros * 10 < pairs {
        return Some(UTF_16LE);
    }
    if even_zeros * 10 >= pairs * 7 && odd_zeros * 10 < pairs {
        return Some(UTF_16BE);
    }
    if even_zeros + odd_zeros == 0 {
        return None;
    }
    // Text in other scripts has few zero bytes (only its spaces and punctuation), so decode both
    // ways: the right one is well formed, free of control characters and full of plain spaces.
    let score = |encoding: &'static Encoding| {
        let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
        let controls = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .count();
        let spaces = text.chars().filter(|c| matches!(c, ' ' | '\n')).count();
        (controls == 0 && spaces > 0).then_some(spaces)
    };
    match (score(UTF_16LE), score(UTF_16BE)) {
        (Some(le), Some(be)) => Some(if le >= be { UTF_16LE } else { UTF_16BE }),
        (Some(_), None) => Some(UTF_16LE),
        (None, Some(_)) => Some(UTF_16BE),
        (None, None) => None,
    }
}

/// Binary data: any zero byte, or many control characters other than tab, newline and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|byte| **byte < 0x20 && !matches!(**byte, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 20 > sample.len().max(1)
}

/// Line ends (CR LF, a lone CR) as line feeds.
pub(super) fn normalise_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// What a metadata header at the start of a plain-text report says, and where its body starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// `date`: the publication date.
    pub date: Option<PartialDate>,
    /// `title`.
    pub title: Option<String>,
    /// `source` or `outlet`.
    pub outlet: Option<String>,
    /// `author`.
    pub author: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// The byte where the body starts: after the header, on the same line when text follows it
    /// there (` date 2021-08 First words…`), and after any blank lines.
    pub body_start: usize,
}

/// Reads a metadata header at the start of a text: one or more lines of `key value` or `Key:
/// value`, the keys being `date`, `title`, `source` or `outlet`, `author` and `url`, indented
/// or not. A date (and a URL) may be followed by the article's first words on the same line;
/// those words are the body. A first line that does not read as such a key and value ("date of
/// the attack is unknown", "Dated reports") is not a header; `title`, `source` and `author`
/// need a colon unless a `date` line came first, so "Author Jane Doe wrote" stays text.
pub fn metadata_header(text: &str) -> Option<Header> {
    let mut header = Header::default();
    let mut at = 0;
    let mut lines = 0;
    loop {
        let rest = &text[at..];
        let line_end = rest.find('\n').map_or(rest.len(), |end| end);
        let line = &rest[..line_end];
        let indent = line.len() - line.trim_start().len();
        let content = &line[indent..];
        let Some((key, after)) = content.split_once(|c: char| c.is_whitespace() || c == ':') else {
            break;
        };
        let colon = after.starts_with(':') || content[key.len()..].starts_with(':');
        let value = after.trim_start_matches(':').trim_start();
        let value_offset = at + indent + (content.len() - value.len());
        let lowered = key.to_ascii_lowercase();
        // The body starts on this line, after the value (`date`, `url`), or on the next one.
        let mut same_line_body = None;
        match lowered.as_str() {
            "date" if header.date.is_none() => {
                let token = value.split_whitespace().next().unwrap_or("");
                let Ok(date) = token
                    .trim_end_matches([',', ';', '.'])
                    .parse::<PartialDate>()
                else {
                    break;
                };
                header.date = Some(date);
                same_line_body = text_after(value, token).map(|start| value_offset + start);
            }
            "url" if header.url.is_none() => {
                let token = value.split_whitespace().next().unwrap_or("");
                if !(token.starts_with("http://")
                    || token.starts_with("https://")
                    || token.starts_with("www."))
                {
                    break;
                }
                header.url = Some(token.to_owned());
                same_line_body = text_after(value, token).map(|start| value_offset + start);
            }
            "title" | "source" | "outlet" | "author"
                if (colon || header.date.is_some()) && !value.trim().is_empty() =>
            {
                let slot = match lowered.as_str() {
                    "title" => &mut header.title,
                    "author" => &mut header.author,
                    _ => &mut header.outlet,
                };
                if slot.is_some() {
                    break;
                }
                *slot = Some(value.trim().to_owned());
            }
            _ => break,
        }
        lines += 1;
        if let Some(body) = same_line_body {
            header.body_start = body;
            return Some(header);
        }
        at = (at + line_end + 1).min(text.len());
        if at >= text.len() {
            break;
        }
    }
    if lines == 0 {
        return None;
    }
    // Blank lines after the header belong to it.
    let mut body_start = at;
    while let Some(rest) = text.get(body_start..) {
        let next_end = rest.find('\n').map_or(rest.len(), |end| end + 1);
        if next_end == 0 || !rest[..next_end].trim().is_empty() {
            break;
        }
        body_start += next_end;
    }
    header.body_start = body_start.min(text.len());
    Some(header)
}

/// Where text starts after `token` at the start of `value`, if any follows it on the line.
fn text_after(value: &str, token: &str) -> Option<usize> {
    let after = &value[token.len()..];
    (!after.trim().is_empty()).then(|| token.len() + (after.len() - after.trim_start().len()))
}

/// Reads a leading metadata line such as ` date 2021-08`: the date and the byte where the body
/// starts (see [`metadata_header`]).
pub fn metadata_date(text: &str) -> Option<(PartialDate, usize)> {
    let header = metadata_header(text)?;
    Some((header.date?, header.body_start))
}

/// The first line of `body` if it reads as a headline: short, alone in its paragraph, and not
/// ending like a sentence.
pub fn headline(body: &str) -> Option<&str> {
    let mut lines = body.lines().skip_while(|line| line.trim().is_empty());
    // A Markdown heading's marks are not part of the title.
    let first = lines.next()?.trim().trim_start_matches('#').trim();
    let words = first.split_whitespace().count();
    let chars = first.chars().count();
    let sentence_end = first.ends_with(['.', ',', ';', ':']) && !first.ends_with("...");
    let next_is_blank = lines.next().is_none_or(|line| line.trim().is_empty());
    let short_enough = chars <= 150 && (2..=25).contains(&words);
    (short_enough && !sentence_end && (next_is_blank || chars <= 90)).then_some(first)
}

/// The author a plain-text report names in a byline ("By Sam Reed", "Par Claire Martin, à
/// Kaboul"), in its first three or last two paragraphs.
pub fn byline(body: &str) -> Option<String> {
    let paragraphs: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .collect();
    let candidates = paragraphs
        .iter()
        .take(3)
        .chain(paragraphs.iter().rev().take(2));
    for paragraph in candidates {
        if paragraph.contains('\n') || paragraph.chars().count() > 80 {
            continue;
        }
        let Some((lead, rest)) = paragraph.split_once(char::is_whitespace) else {
            continue;
        };
        if !["by", "par", "von", "por", "di", "door"].contains(&lead.to_lowercase().as_str()) {
            continue;
        }
        // The name runs to a comma, a dash or a place ("in Kabul", "à Kaboul").
        let name = rest
            .split([',', '—', '–', '|', '('])
            .next()
            .unwrap_or("")
            .trim();
        let name = [" in ", " à ", " at ", " en "]
            .iter()
            .fold(name, |name, cut| name.split(cut).next().unwrap_or(name))
            .trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        let looks_like_names = (1..=6).contains(&words.len())
            && words.iter().all(|word| {
                word.chars().next().is_some_and(char::is_uppercase)
                    || matches!(*word, "and" | "et" | "de" | "van" | "von" | "al" | "bin")
            });
        if looks_like_names {
            return Some(name.to_owned());
        }
    }
    None
}

/// The ISO 639-1 code of the text's language, if it is one of the languages we recognise.
pub fn detect_language(text: &str) -> Option<&'static str> {
    use whatlang::Lang;
    const LANGUAGES: [(Lang, &str); 19] = [
        (Lang::Eng, "en"),
        (Lang::Fra, "fr"),
        (Lang::Deu, "de"),
        (Lang::Spa, "es"),
        (Lang::Ita, "it"),
        (Lang::Por, "pt"),
        (Lang::Nld, "nl"),
        (Lang::Rus, "ru"),
        (Lang::Ukr, "uk"),
        (Lang::Ara, "ar"),
        (Lang::Pes, "fa"),
        (Lang::Tur, "tr"),
        (Lang::Pol, "pl"),
        (Lang::Ell, "el"),
        // Scripts of their own, so a guess is rarely wrong.
        (Lang::Heb, "he"),
        (Lang::Cmn, "zh"),
        (Lang::Jpn, "ja"),
        (Lang::Kor, "ko"),
        (Lang::Hin, "hi"),
    ];
    let sample: String = text.chars().take(4000).collect();
    let detector =
        whatlang::Detector::with_allowlist(LANGUAGES.iter().map(|(lang, _)| *lang).collect());
    let info = detector.detect(&sample)?;
    // A guess on a line or two is often wrong; no language is better than a wrong one.
    if !info.is_reliable() {
        return None;
    }
    let lang = info.lang();
    LANGUAGES
        .iter()
        .find(|(known, _)| *known == lang)
        .map(|(_, code)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_and_is_dropped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("« Panchir »\r\n".as_bytes());
        let decoded = decode(&bytes).expect("text");
        assert_eq!(decoded.text, "« Panchir »\n");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "La vallée du Panchir résiste.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).map(|d| d.text), Some(text.to_owned()));
        assert_eq!(decode(&be).map(|d| d.text), Some(text.to_owned()));
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        assert_eq!(decode(&with_bom).map(|d| d.encoding), Some("UTF-16LE"));
    }

    #[test]
    fn utf16_without_bom_in_other_scripts() {
        let text = "Москва и Киев: переговоры продолжаются.\nВторой абзац.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).map(|d| d.text), Some(text.to_owned()));
        assert_eq!(decode(&be).map(|d| d.text), Some(text.to_owned()));
    }

    #[test]
    fn a_bom_wins_over_guessing() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("Talibans et résistance ".as_bytes());
        bytes.push(0xFF);
        let decoded = decode(&bytes).expect("text");
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.starts_with("Talibans et résistance"));
        assert_eq!(decoded.replaced, 1);
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le commandant Massoud a déclaré à l’AFP que la résistance continuait dans la vallée, « coûte que coûte ».");
        let decoded = decode(&bytes).expect("text");
        assert!(decoded.text.contains("déclaré à l’AFP"), "{}", decoded.text);
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let decoded = decode(b"ok \xff\xfe ok").expect("text");
        assert!(decoded.replaced > 0 || decoded.encoding != "UTF-8");
    }

    #[test]
    fn date_line_variants() {
        for (text, date, body) in [
            (" date 2021-08\nTitle", "2021-08", "Title"),
            ("date 2021-08-23\n\n\nTitle", "2021-08-23", "Title"),
            ("  Date: 2021\nTitle", "2021", "Title"),
        ] {
            let (found, start) = metadata_date(text).expect("a date line");
            assert_eq!(found.to_string(), date);
            assert_eq!(&text[start..], body);
        }
        assert!(metadata_date("Dated reports from Kabul\n").is_none());
        assert!(metadata_date("date of the attack is unknown\n").is_none());
    }

    #[test]
    fn metadata_headers_on_their_own_lines_or_before_the_first_words() {
        let text = " date 2021-08 Reading time: 3 minutes\n\nThe valley held.\n";
        let header = metadata_header(text).expect("a header");
        assert_eq!(
            header.date.map(|date| date.to_string()).as_deref(),
            Some("2021-08")
        );
        assert_eq!(
            &text[header.body_start..],
            "Reading time: 3 minutes\n\nThe valley held.\n"
        );
        let text = "Date: 2021-09-06\nTitle: Panchir : la résistance\nSource: La Dépêche\nAuthor: Claire Martin\nurl https://example.org/a\n\nLe texte.\n";
        assert_eq!(
            metadata_header(text),
            Some(Header {
                date: "2021-09-06".parse().ok(),
                title: Some("Panchir : la résistance".into()),
                outlet: Some("La Dépêche".into()),
                author: Some("Claire Martin".into()),
                url: Some("https://example.org/a".into()),
                body_start: text.find("Le texte").expect("body"),
            })
        );
        // Prose is not a header.
        for prose in [
            "date of the attack is unknown\n",
            "Author Jane Doe wrote the report.\n",
            "Source close to the group said so.\n",
            "Title fights are planned.\n",
        ] {
            assert_eq!(metadata_header(prose), None, "{prose}");
        }
    }

    #[test]
    fn headline_rules() {
        assert_eq!(
            headline("Resistance holds in the valley\n\nBody text."),
            Some("Resistance holds in the valley")
        );
        assert_eq!(
            headline("The resistance said on Sunday it held the valley.\nMore."),
            None
        );
        assert_eq!(headline("Word\n\nBody"), None);
        assert_eq!(headline("# Nested note\n\nBody"), Some("Nested note"));
    }

    #[test]
    fn bylines_name_the_author() {
        assert_eq!(
            byline("Valley holds\n\nBy Sam Reed, in Kabul\n\nFighting went on.").as_deref(),
            Some("Sam Reed")
        );
        assert_eq!(
            byline("Titre\n\nLe texte.\n\nPar Claire Martin à Kaboul").as_deref(),
            Some("Claire Martin")
        );
        assert_eq!(
            byline("Headline\n\nBy the end of the week the valley had fallen to the fighters.")
                .as_deref(),
            None
        );
        assert_eq!(
            byline("Headline\n\nBy noon, fighting resumed.").as_deref(),
            None
        );
        assert_eq!(byline("Headline\n\nJust text.").as_deref(), None);
    }

    #[test]
    fn languages() {
        assert_eq!(
            detect_language(
                "The resistance fighters said they still held the strategic positions in the valley."
            ),
            Some("en")
        );
        assert_eq!(
            detect_language(
                "Les combattants de la résistance affirment qu'ils tiennent toujours les positions stratégiques."
            ),
            Some("fr")
        );
        assert_eq!(
            detect_language(
                "Ахмад Масуд заявил журналистам, что сопротивление в долине продолжается."
            ),
            Some("ru")
        );
        assert_eq!(
            detect_language("אחמד מסעוד אמר לכתבים כי ההתנגדות בעמק נמשכת וכי לא ייכנע."),
            Some("he")
        );
    }
}
