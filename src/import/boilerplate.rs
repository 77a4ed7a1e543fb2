//! Publisher furniture inside article text: subscription offers, app-download lines, reading
//! times, related-article links, social embeds. Such paragraphs are set aside, never deleted.

use crate::text::fold::fold;
use std::ops::Range;

/// Phrases, folded, that mark a short paragraph as furniture, in English and French.
const PHRASES: &[&str] = &[
    "limited offer",
    "offre limitee",
    "without commitment",
    "sans engagement",
    "i subscribe",
    "je m'abonne",
    "subscribe now",
    "abonnez-vous",
    "abonnez vous",
    "subscribers only",
    "reserve aux abonnes",
    "download the",
    "download our",
    "telechargez",
    "telecharger l'application",
    "app store",
    "google play",
    "reading time",
    "temps de lecture",
    "min read",
    "minutes de lecture",
    "read also",
    "read more",
    "lire aussi",
    "a lire aussi",
    "lire la suite",
    "related:",
    "sign up",
    "newsletter",
    "inscrivez-vous",
    "all rights reserved",
    "tous droits reserves",
    "advertisement",
    "publicite",
    "share this",
    "partager cet article",
    "follow us",
    "suivez-nous",
    "cookies",
    "pic.twitter.com",
    "click here",
    "cliquez ici",
    "listen to this article",
    "ecouter cet article",
    "the essentials of the news",
    "l'essentiel de l'actualite",
    "support our journalism",
    "soutenez notre journalisme",
    "this article is reserved",
    "cet article vous est offert",
    "cet article est reserve",
];

/// Paragraphs of furniture are short; a long paragraph that mentions a newsletter is article text.
const MAX_WORDS: usize = 40;

/// Whether a paragraph reads as publisher furniture rather than article text.
pub fn is_boilerplate(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return false;
    }
    let folded = fold(paragraph);
    if PHRASES.iter().any(|phrase| folded.contains(phrase)) {
        return true;
    }
    // A line of links, hashtags or handles only.
    let linkish = |word: &&str| {
        word.starts_with("http")
            || word.starts_with("www.")
            || word.starts_with('#')
            || word.starts_with('@')
            || word.contains(".com/")
    };
    if words.iter().all(linkish) {
        return true;
    }
    // A short call to action with a price: "1 € the first month", "$1 for 3 months".
    let price = words
        .iter()
        .any(|word| word.contains(['€', '$', '£']) && word.chars().any(|c| c.is_ascii_digit()))
        || words.windows(2).any(|pair| {
            pair[0]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && matches!(pair[1], "€" | "$" | "£" | "euro" | "euros")
        });
    price && words.len() <= 20
}

/// The paragraphs of `text` (blocks between blank lines), as byte ranges.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(position),
            (true, Some(first)) => {
                found.push(first..first + text[first..position].trim_end().len());
                start = None;
            }
            _ => {}
        }
        position += line.len();
    }
    if let Some(first) = start {
        found.push(first..first + text[first..].trim_end().len());
    }
    found
}

/// The paragraphs of `body` that are furniture, as byte ranges offset by `offset`.
pub fn detect(body: &str, offset: usize) -> Vec<Range<usize>> {
    paragraphs(body)
        .into_iter()
        .filter(|range| is_boilerplate(&body[range.clone()]))
        .map(|range| offset + range.start..offset + range.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_in_english_and_french() {
        for line in [
            "Limited offer: 1 month for €1, without commitment",
            "Offre limitée : 1 € le premier mois, sans engagement",
            "I subscribe",
            "Je m'abonne",
            "Download the Frontline Review application",
            "Téléchargez l'application La Dépêche Express",
            "Estimated reading time: 3 minutes",
            "Temps de lecture : 4 min",
            "Read also: Inside the eleven days that broke the Afghan army",
            "Lire aussi : Kaboul, l'aéroport sous tension",
            "Available on the App Store / Get it on Google Play",
            "pic.twitter.com/Xk3vQ9pLr2",
            "#Panjshir #Afghanistan @NRF",
        ] {
            assert!(is_boilerplate(line), "{line:?} should be set aside");
        }
    }

    #[test]
    fn article_text_stays() {
        for line in [
            "Fighters loyal to Ahmad Massoud said on Sunday they still held the Panjshir valley.",
            "« Nous sommes prêts à cesser les combats », a déclaré Ahmed Massoud.",
            "The group said it would read more carefully the proposals that the Taliban had sent to the valley elders through intermediaries in Charikar and Kabul, and that it would answer within days, according to two officials who spoke on condition of anonymity because they were not authorised to brief reporters on the talks.",
            "Prices rose: bread now costs 50 afghanis, residents said.",
        ] {
            assert!(!is_boilerplate(line), "{line:?} is article text");
        }
    }

    #[test]
    fn detection_returns_offsets_into_the_document() {
        let body = "Headline\n\nFirst paragraph of the story.\n\nI subscribe\n\nLast paragraph.\n";
        let found = detect(body, 100);
        assert_eq!(found.len(), 1);
        let range = found[0].start - 100..found[0].end - 100;
        assert_eq!(&body[range], "I subscribe");
    }
}
