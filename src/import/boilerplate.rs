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

/// A paragraph longer than this is furniture by its phrases only when it opens with one.
const PHRASE_WORDS: usize = 25;

/// Whether a paragraph reads as publisher furniture rather than article text.
pub fn is_boilerplate(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return false;
    }
    // A phrase of furniture inside a long sentence is the article quoting it; at the start
    // of a paragraph, or in a short one, it is the furniture itself.
    let folded = fold(paragraph);
    let phrase = PHRASES.iter().any(|phrase| {
        folded.starts_with(phrase) || (words.len() <= PHRASE_WORDS && folded.contains(phrase))
    });
    if phrase {
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

/// Headings, folded, over a list of other articles or of columnists: the short lines under
/// them are furniture too.
const LIST_HEADINGS: &[&str] = &[
    "opinion",
    "opinions",
    "columnists",
    "our columnists",
    "chroniques",
    "chroniqueurs",
    "nos chroniqueurs",
    "tribunes",
    "editorials",
    "editoriaux",
    "most read",
    "most popular",
    "les plus lus",
    "les plus partages",
    "related",
    "related articles",
    "related stories",
    "articles lies",
    "sur le meme sujet",
    "dans la meme rubrique",
    "more on this topic",
    "more on this story",
    "more stories",
    "a lire egalement",
    "recommended",
    "recommande pour vous",
    "you may also like",
    "vous aimerez aussi",
    "read next",
    "a decouvrir",
    "latest news",
    "dernieres actualites",
    "trending",
];

/// Calls to action of one to three words, folded, that make up a paragraph alone.
const CALLS: &[&str] = &[
    "subscribe",
    "s'abonner",
    "sign in",
    "log in",
    "se connecter",
    "connexion",
    "share",
    "partager",
    "tweet",
    "email",
    "e-mail",
    "print",
    "imprimer",
    "comment",
    "comments",
    "commenter",
    "commentaires",
    "menu",
    "search",
    "rechercher",
    "close",
    "fermer",
    "follow",
    "suivre",
    "back to top",
    "retour en haut",
    "listen",
    "ecouter",
    "next",
    "suivant",
    "previous",
    "precedent",
    "continue reading",
    "see more",
    "voir plus",
    "load more",
    "afficher plus",
    "skip to content",
    "aller au contenu",
];

/// A token left by copying an image or a badge: a file name ("logo.png") or an identifier
/// joined by underscores or several hyphens ("appstore-badge_EN", "logo-google-play").
fn is_file_token(word: &str) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '"' | '\''));
    let lower = word.to_ascii_lowercase();
    let image = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"]
        .iter()
        .any(|extension| lower.ends_with(extension));
    let joined = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        && word.chars().any(|c| c.is_ascii_alphabetic())
        && word.split(['_', '-']).all(|part| !part.is_empty())
        && (word.contains('_') || (word.matches('-').count() >= 2 && word == lower));
    image || joined
}

/// The text of a paragraph folded, without the punctuation around it.
fn bare(paragraph: &str) -> String {
    fold(paragraph)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a paragraph is a heading over a list of other articles or of columnists.
fn is_list_heading(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= 5 && LIST_HEADINGS.contains(&bare(paragraph).as_str())
}

/// Whether a paragraph reads as an item of such a list: a headline, a byline or a name, short
/// and not a sentence of prose.
fn is_list_item(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let byline = words
        .first()
        .is_some_and(|word| matches!(fold(word).as_str(), "by" | "par"));
    let sentence = paragraph.trim_end().ends_with(['.', ';', ',']) && !byline;
    !words.is_empty() && words.len() <= 16 && !sentence
}

/// Furniture that a short paragraph is by its shape rather than its words: a call to action, a
/// file-name token, a link to another article ending in a marker ("-!", "→", a lone "»").
fn is_furniture_shape(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    if words.len() <= 3 && CALLS.contains(&bare(paragraph).as_str()) {
        return true;
    }
    if words.len() <= 6 && words.iter().all(|word| is_file_token(word)) {
        return true;
    }
    let trimmed = paragraph.trim();
    let marked = trimmed.ends_with("-!")
        || trimmed.ends_with('→')
        || trimmed.ends_with('›')
        || trimmed.starts_with(['►', '▶', '→'])
        || (trimmed.ends_with('»') && !trimmed.contains('«'));
    marked && words.len() <= 25
}

/// The parts of a paragraph to judge one by one: its lines, where a short line (a headline, a
/// "Reading time" line, a "Read more" link) stands above or below other text; a paragraph of
/// wrapped prose, whose lines are all long, is one part.
fn units(body: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut at = paragraph.start;
    for line in body[paragraph.clone()].split_inclusive('\n') {
        let text = line.trim_end();
        if !text.trim().is_empty() {
            let lead = text.len() - text.trim_start().len();
            lines.push(at + lead..at + text.len());
        }
        at += line.len();
    }
    if lines.len() < 2 {
        return vec![paragraph];
    }
    let short = |range: &Range<usize>| body[range.clone()].chars().count() < 50;
    let opens = |range: &Range<usize>| {
        body[range.clone()]
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase())
    };
    let mut parts: Vec<Range<usize>> = vec![lines[0].clone()];
    for (index, line) in lines.iter().enumerate().skip(1) {
        let before = &lines[index - 1];
        let last = index == lines.len() - 1;
        let ends_sentence =
            body[before.clone()].ends_with(['.', '!', '?', '…', '"', '”', '»', ')']);
        let boundary = opens(line) && (short(before) || (last && short(line) && ends_sentence));
        if boundary {
            parts.push(line.clone());
        } else if let Some(part) = parts.last_mut() {
            part.end = line.end;
        }
    }
    parts
}

/// The paragraphs (or lines of a paragraph, see [`units`]) of `body` that are furniture, as
/// byte ranges offset by `offset`: by their words, by their shape, or as the heading and the
/// items of a list of other articles or of columnists.
pub fn detect(body: &str, offset: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut in_list = false;
    for paragraph in paragraphs(body) {
        let parts = units(body, paragraph.clone());
        let flagged: Vec<bool> = parts
            .iter()
            .map(|part| {
                let text = &body[part.clone()];
                if is_list_heading(text) {
                    in_list = true;
                    return true;
                }
                if in_list && is_list_item(text) {
                    return true;
                }
                in_list = false;
                is_boilerplate(text) || is_furniture_shape(text)
            })
            .collect();
        if flagged.iter().all(|&flag| flag) {
            found.push(offset + paragraph.start..offset + paragraph.end);
        } else {
            found.extend(
                parts
                    .iter()
                    .zip(&flagged)
                    .filter(|(_, flag)| **flag)
                    .map(|(part, _)| offset + part.start..offset + part.end),
            );
        }
    }
    found
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

    /// The set-aside parts of `body`, as text.
    fn set_aside(body: &str) -> Vec<&str> {
        detect(body, 0)
            .into_iter()
            .map(|range| &body[range])
            .collect()
    }

    #[test]
    fn a_furniture_line_above_a_headline_is_set_aside_alone() {
        let body = "Reading time: 3 minutes\nTaliban close in on the valley\n\nFighters were seen on the road on Sunday.\nRead more\n";
        assert_eq!(set_aside(body), ["Reading time: 3 minutes", "Read more"]);
        // Wrapped prose that mentions a newsletter is one paragraph of article text.
        let prose = "The resistance said in its newsletter on Sunday that the fighters\nhad fallen back to the side valleys, where they still held the passes\nand the roads that lead north towards the mountains of Badakhshan.\n";
        assert!(set_aside(prose).is_empty(), "{:?}", set_aside(prose));
    }

    #[test]
    fn shapes_of_furniture_in_english_and_french() {
        for paragraph in [
            "Subscribe",
            "Partager",
            "Back to top",
            "appstore-badge_EN logo-google-play",
            "badge.png",
            "Kaboul : la vie reprend dans les marchés »",
            "Inside the eleven days that broke the Afghan army -!",
            "► The Taliban's first week in power",
        ] {
            assert_eq!(set_aside(paragraph), [paragraph], "{paragraph:?}");
        }
        for paragraph in [
            "« Nous tiendrons la vallée », a déclaré le commandant.",
            "Jean-Pierre Filiu",
            "2021-09-05",
            "Comment the Taliban took the valley is still unclear to the elders of the villages.",
            "每日新闻报道说，塔利班已经控制了该省的大部分地区，但抵抗力量仍在山谷中坚守阵地。",
        ] {
            assert!(set_aside(paragraph).is_empty(), "{paragraph:?}");
        }
    }

    #[test]
    fn a_block_of_columnists_or_related_headlines_is_set_aside_to_its_end() {
        let body = "The valley held out for another week, residents said.\n\nOpinion\n\nBy Claire Martin\n\nJean Dupont\n\nWhy the resistance cannot last\n\nThe Taliban said on Monday that talks had failed and that their fighters would enter the valley within days, according to a spokesman.\n";
        assert_eq!(
            set_aside(body),
            [
                "Opinion",
                "By Claire Martin",
                "Jean Dupont",
                "Why the resistance cannot last"
            ]
        );
        let french = "Les combats ont repris.\n\nSur le même sujet\nAfghanistan : les talibans à Bazarak\nPanchir : la résistance s'organise\n";
        assert_eq!(
            set_aside(french),
            [
                "Sur le même sujet\nAfghanistan : les talibans à Bazarak\nPanchir : la résistance s'organise"
            ]
        );
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
