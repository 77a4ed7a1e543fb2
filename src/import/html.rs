//! Saved web pages: the article's text and the page's metadata, nothing fetched.

use super::{ImportError, Imported, Metadata, build_document, declared_language, decode};
use crate::model::PartialDate;
use crate::text::one_line;
use chrono::Datelike;

/// Reads a saved article page: main text without navigation, comments or related links, and
/// title, site name (the outlet), author, date, language and canonical URL from its metadata.
///
/// Nothing is fetched: scripts, styles and images referenced by the page are ignored.
pub fn document_from_html(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let decoded = decode(bytes).ok_or(ImportError::Binary)?;
    let depth = super::depth::html_depth(&decoded.text);
    if depth > super::depth::MAX_HTML_DEPTH {
        return Err(ImportError::Damaged {
            reason: format!(
                "its elements nest {depth} levels deep, more than the {} a page is read with",
                super::depth::MAX_HTML_DEPTH
            ),
        });
    }
    let options = trafilatura::Options::default().with_exclude_comments(true);
    let extracted =
        trafilatura::extract(&decoded.text, &options).map_err(|error| ImportError::NoArticle {
            reason: error.to_string(),
        })?;
    // Each block of the article becomes a paragraph of its own.
    let paragraphs = blocks(&extracted.content_html);
    if paragraphs
        .iter()
        .map(|paragraph| paragraph.split_whitespace().count())
        .sum::<usize>()
        < 5
    {
        return Err(ImportError::NoArticle {
            reason: "the page has no article text".into(),
        });
    }
    let text = paragraphs.join("\n\n");
    let metadata = extracted.metadata;
    let outlet = super::credits::clean_outlet(&metadata.sitename, &metadata.hostname);
    // The date the article was first published: the extractor prefers the date it was last
    // modified, which would put an article updated a month later out of the story's order.
    let date = published_date(&decoded.text).or_else(|| {
        metadata.date.and_then(|date| {
            PartialDate::full(
                date.year(),
                u8::try_from(date.month()).ok()?,
                u8::try_from(date.day()).ok()?,
            )
        })
    });
    let language = declared_language(&metadata.language);
    let author = super::credits::clean_author(&metadata.author, &outlet);
    let metadata = Metadata {
        title: metadata.title,
        outlet,
        author,
        url: metadata.url,
        date,
        language,
    };
    let mut imported = build_document(&text, file, decoded.encoding, decoded.replaced, metadata)?;
    let menus = menu_items_in(&decoded.text, &paragraphs);
    if menus > 0 {
        imported.document.import_warnings.push(format!(
            "the article could not be told from the rest of the page: the text includes {menus} items of the site's menus (set aside what is not the article)"
        ));
    }
    Ok(imported)
}

/// Where `needle` first stands in `haystack` as whole words.
fn whole_word_at(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .match_indices(needle)
        .map(|(at, _)| at)
        .find(|&at| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Where `paragraph` starts in the paragraphs laid end to end, one byte apart.
fn offset_of(paragraph: &str, paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .take_while(|other| !std::ptr::eq(other.as_str(), paragraph))
        .map(|other| other.len() + 1)
        .sum()
}

/// How many items of the page's navigation menus (`<nav>` elements) stand side by side in the
/// extracted text, when they are most of a menu of four or more: the extractor fell back to
/// the whole page. Zero otherwise.
fn menu_items_in(html: &str, paragraphs: &[String]) -> usize {
    let mut found_items = 0;
    let mut rest = html;
    while let Some(open) = find_ignoring_case(rest, "<nav") {
        let after = &rest[open + 4..];
        if !after.starts_with(|c: char| c.is_whitespace() || c == '>') {
            rest = after;
            continue;
        }
        let end = find_ignoring_case(after, "</nav").unwrap_or(after.len());
        // Each link of the menu is an item.
        let menu = &after[..end];
        let mut items = std::collections::BTreeSet::new();
        let mut links = menu;
        while let Some(at) = find_ignoring_case(links, "<a") {
            let link = &links[at + 2..];
            let close = find_ignoring_case(link, "</a").unwrap_or(link.len());
            if link.starts_with(|c: char| c.is_whitespace() || c == '>') {
                let inner = link[..close].split_once('>').map_or("", |(_, inner)| inner);
                let item = blocks(inner).join(" ");
                if item.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
                    items.insert(item);
                }
            }
            links = &link[close..];
        }
        // The menu's items side by side in the text, as a dump of the page writes them (an
        // article may name a section or two, never the menu in a row).
        let mut places: Vec<(usize, usize)> = items
            .iter()
            .filter_map(|item| {
                paragraphs.iter().find_map(|paragraph| {
                    whole_word_at(paragraph, item)
                        .map(|at| (at + offset_of(paragraph, paragraphs), item.len()))
                })
            })
            .collect();
        places.sort_unstable();
        let mut run = 0;
        let mut longest = 0;
        let mut reach = 0;
        for (at, len) in places {
            run = if run > 0 && at <= reach + 3 {
                run + 1
            } else {
                1
            };
            reach = at + len;
            longest = longest.max(run);
        }
        if items.len() >= 4 && longest >= 4 && longest * 5 >= items.len() * 3 {
            found_items += longest;
        }
        rest = &after[end..];
    }
    found_items
}

/// Meta tags (by `property`, `name` or `itemprop`) that give the date of first publication.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
];

/// The date of first publication a page declares: JSON-LD `datePublished`, else a meta tag
/// or a `<time>` element for it. The date modified (`dateModified`, `og:updated_time`) never
/// stands in for it.
fn published_date(html: &str) -> Option<PartialDate> {
    json_ld_published(html).or_else(|| {
        tags(html, "meta")
            .filter(|attributes| {
                ["property", "name", "itemprop"].iter().any(|key| {
                    attribute(attributes, key).is_some_and(|value| {
                        PUBLISHED_META.contains(&value.to_ascii_lowercase().as_str())
                    })
                })
            })
            .find_map(|attributes| attribute(attributes, "content").and_then(date_prefix))
            .or_else(|| {
                tags(html, "time")
                    .filter(|attributes| {
                        attribute(attributes, "itemprop")
                            .is_some_and(|value| value.eq_ignore_ascii_case("datePublished"))
                            || attributes.to_ascii_lowercase().contains("pubdate")
                    })
                    .find_map(|attributes| attribute(attributes, "datetime").and_then(date_prefix))
            })
    })
}

/// The first `"datePublished": "…"` of the page's JSON-LD.
fn json_ld_published(html: &str) -> Option<PartialDate> {
    let mut rest = html;
    while let Some(at) = rest.find("\"datePublished\"") {
        rest = &rest[at + "\"datePublished\"".len()..];
        let value = rest
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        if let Some(date) = value.split('"').next().and_then(date_prefix) {
            return Some(date);
        }
    }
    None
}

/// The attributes, as written, of every `<name …>` tag of the page.
fn tags<'h>(html: &'h str, name: &'h str) -> impl Iterator<Item = &'h str> + 'h {
    let open = format!("<{name}");
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let at = find_ignoring_case(rest, &open)?;
            let after = &rest[at + open.len()..];
            let end = after.find('>')?;
            rest = &after[end..];
            if after.starts_with(|c: char| c.is_whitespace() || c == '/') {
                return Some(&after[..end]);
            }
        }
    })
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The value of attribute `key` in a tag's attributes (`key="v"`, `key='v'` or `key=v`).
fn attribute<'a>(attributes: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = attributes;
    while let Some(at) = find_ignoring_case(rest, key) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + key.len()..].trim_start();
        rest = &rest[at + key.len()..];
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return match value.chars().next()? {
            quote @ ('"' | '\'') => value[1..].split(quote).next(),
            _ => value.split(|c: char| c.is_whitespace() || c == '/').next(),
        };
    }
    None
}

/// The calendar date a timestamp starts with (`2021-08-24`, `2021-08-24T09:30:00+02:00`).
fn date_prefix(value: &str) -> Option<PartialDate> {
    let value = value.trim();
    let date = value.get(..10)?;
    let bytes = date.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    // A placeholder ("0001-01-01") or a date far ahead is no publication date.
    let date: PartialDate = date.parse().ok()?;
    let this_year = chrono::Utc::now().year();
    (1900..=this_year + 1)
        .contains(&date.year_value())
        .then_some(date)
}

/// Markup left in text: a page that escapes an image or a link inside `<noscript>` gives its
/// tag as text once entities are decoded. A tag of HTML's own names is dropped; any other
/// angle-bracketed text ("<3", "a < b > c") is kept.
fn without_markup(text: &str) -> String {
    const NAMES: &[&str] = &[
        "img", "a", "iframe", "script", "style", "noscript", "source", "picture", "video", "audio",
        "span", "div", "p", "br", "figure", "svg", "link", "meta", "input", "button",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let close = after.find('>').filter(|end| !after[..*end].contains('<'));
        match close {
            Some(end) if NAMES.contains(&name.as_str()) => rest = &after[end + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of each block element (paragraph, heading, list item, quotation…) of extracted HTML.
fn blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        current.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        match name.as_str() {
            "br" => current.push('\n'),
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "div" | "tr"
            | "pre" | "figcaption" | "dd" | "dt" => {
                blocks.push(std::mem::take(&mut current));
            }
            "td" | "th" => current.push(' '),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    current.push_str(rest);
    blocks.push(current);
    blocks
        .into_iter()
        .map(|block| one_line(&without_markup(&decode_entities(&block))))
        .filter(|block| !block.is_empty())
        .collect()
}

/// Replaces character references (`&amp;`, `&#233;`, `&#xE9;`, and HTML's named ones such as
/// `&nbsp;`, `&eacute;` or `&mdash;`) by their characters; anything else is kept as written.
pub(crate) fn decode_entities(text: &str) -> String {
    // The longest HTML entity name, `CounterClockwiseContourIntegral`, has 31 letters.
    const LONGEST_REFERENCE: usize = 33;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest[1..]
            .find([';', '&'])
            .map(|end| end + 1)
            .filter(|end| *end <= LONGEST_REFERENCE && rest[*end..].starts_with(';'));
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let numeric = name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| {
                    name.strip_prefix('#')
                        .and_then(|decimal| decimal.parse().ok())
                });
            let characters: Vec<char> = match numeric {
                Some(code) => vec![char::from_u32(code)?],
                None => {
                    // The table also holds every prefix of a name, mapped to zero: not a match.
                    let (first, second) = web_atoms::NAMED_ENTITIES
                        .get(&rest[1..=end])
                        .filter(|(first, _)| *first != 0)?;
                    [*first, *second]
                        .into_iter()
                        .filter(|code| *code != 0)
                        .filter_map(char::from_u32)
                        .collect()
                }
            };
            Some((characters, end + 1))
        });
        match decoded {
            Some((characters, length)) => {
                out.extend(characters);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr-FR"><head>
<meta charset="utf-8">
<title>Panchir : la résistance dément toute reddition | Le Quotidien du Soir</title>
<meta property="og:title" content="Panchir : la résistance dément toute reddition">
<meta property="og:site_name" content="Le Quotidien du Soir">
<meta name="author" content="Claire Martin">
<meta property="article:published_time" content="2021-08-24T09:30:00+02:00">
<link rel="canonical" href="https://quotidien.example/monde/panchir-resistance">
<script>window.tracking = "do not keep me";</script>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Panchir : la résistance dément toute reddition","datePublished":"2021-08-24"}</script>
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
<article>
<h1>Panchir : la résistance dément toute reddition</h1>
<p>Le porte-parole du Front national de résistance, Fahim Dashti, a qualifié mardi de « pure propagande » les rumeurs selon lesquelles Ahmad Massoud aurait accepté de déposer les armes dans la vallée du Panchir.</p>
<p>Selon lui, les combattants tiennent toujours les positions stratégiques autour de Bazarak et de Rukha, malgré l'avancée des talibans depuis la province de Parwan.</p>
<p>Les négociations entamées à Charikar n'ont débouché sur aucun accord, a-t-il ajouté, tout en se disant ouvert à un cessez-le-feu.</p>
</article>
<section class="comments"><h2>Commentaires</h2><div class="comment"><p>Premier commentaire sans intérêt posté par un lecteur anonyme.</p></div></section>
<aside class="related"><h3>Lire aussi</h3><ul><li><a href="/a">Kaboul : l'aéroport sous tension</a></li><li><a href="/b">Les talibans promettent une amnistie</a></li></ul></aside>
<footer>© Le Quotidien du Soir — Mentions légales</footer>
</body></html>"#;

    #[test]
    fn the_author_is_the_writer_and_the_outlet_a_name() {
        let page = PAGE
            .replace(
                r#"<meta name="author" content="Claire Martin">"#,
                r#"<meta name="author" content="CLAIRE MARTIN; Le Quotidien du Soir; AFP Correspondent">"#,
            )
            .replace(
                r#"content="Le Quotidien du Soir">"#,
                r#"content="Le Quotidien du Soir | L'actualité en continu">"#,
            );
        let document = document_from_html(page.as_bytes(), "panchir.html")
            .expect("imports")
            .document;
        assert_eq!(
            (document.author.as_str(), document.outlet.as_str()),
            ("Claire Martin", "Le Quotidien du Soir")
        );
    }

    #[test]
    fn a_saved_article_page_gives_its_text_and_metadata() {
        let document = document_from_html(PAGE.as_bytes(), "panchir.html")
            .expect("imports")
            .document;
        assert_eq!(
            document.title,
            "Panchir : la résistance dément toute reddition"
        );
        assert_eq!(document.outlet, "Le Quotidien du Soir");
        assert_eq!(document.author, "Claire Martin");
        assert_eq!(
            document.date.map(|date| date.to_string()).as_deref(),
            Some("2021-08-24")
        );
        assert_eq!(document.language.as_deref(), Some("fr"));
        assert_eq!(
            document.url,
            "https://quotidien.example/monde/panchir-resistance"
        );
        let text = &document.text;
        assert!(
            text.contains("« pure propagande »") && text.contains("cessez-le-feu"),
            "{text}"
        );
        for furniture in [
            "Accueil",
            "cookies",
            "Premier commentaire",
            "aéroport sous tension",
            "Mentions légales",
            "tracking",
        ] {
            assert!(
                !text.contains(furniture),
                "{furniture:?} should not be in the article: {text}"
            );
        }
        // Paragraphs stay paragraphs, so the reader lays them out one by one.
        assert!(text.matches("\n\n").count() >= 2, "{text}");
    }

    #[test]
    fn blocks_become_paragraphs_and_entities_are_decoded() {
        let found = blocks(
            "<h1>T&amp;T</h1><p>Caf&eacute; &mdash; caf&#233; &#xE0; <b>Kaboul</b> &unknown; AT&T;<br>next</p><ul><li>one</li><li>two</li></ul>",
        );
        assert_eq!(
            found,
            [
                "T&T",
                "Café — café à Kaboul &unknown; AT&T; next",
                "one",
                "two"
            ]
        );
    }

    #[test]
    fn the_published_date_wins_over_the_modified_one() {
        let page = |head: &str| {
            format!(
                "<html><head>{head}</head><body><article><h1>Valley</h1><p>The resistance said on Sunday that its fighters still held the valley and the passes to the north of it.</p></article></body></html>"
            )
        };
        let date = |head: &str| {
            document_from_html(page(head).as_bytes(), "page.html")
                .expect("imports")
                .document
                .date
                .map(|date| date.to_string())
        };
        assert_eq!(
            date(r#"<meta property="og:updated_time" content="2021-10-02T08:00:00Z"><meta property="article:published_time" content="2021-08-24T09:30:00+02:00"><meta property="article:modified_time" content="2021-10-01">"#).as_deref(),
            Some("2021-08-24")
        );
        assert_eq!(
            date(r#"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2021-09-30","datePublished": "2021-09-06T10:00:00Z"}</script>"#).as_deref(),
            Some("2021-09-06")
        );
        assert_eq!(
            date(r#"<meta name='pubdate' content='2021-09-01'>"#).as_deref(),
            Some("2021-09-01")
        );
        // A placeholder is no date: the page's other dates are used.
        assert_eq!(
            date(r#"<script type="application/ld+json">{"datePublished":"0001-01-01T00:00:00"}</script><meta property="article:published_time" content="2021-08-30">"#).as_deref(),
            Some("2021-08-30")
        );
    }

    #[test]
    fn escaped_markup_leaves_no_tag_in_the_text() {
        let found = blocks(
            "<p>Fighters moved north &lt;img src=&quot;a.jpg&quot; alt=&quot;&quot;&gt; on Sunday &lt;a href=&quot;/x&quot;&gt;here&lt;/a&gt;.</p><p>Love &lt;3 and a &lt; b &gt; c stay.</p>",
        );
        assert_eq!(
            found,
            [
                "Fighters moved north on Sunday here.",
                "Love <3 and a < b > c stay."
            ]
        );
    }

    #[test]
    fn a_page_read_whole_says_its_menus_are_in_the_text() {
        let page = "<html><head><title>Valley News</title></head><body><nav><ul>\
            <li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li>\
            <li><a href='/politics'>Politics</a></li><li><a href='/sport'>Sport results</a></li>\
            <li><a href='/culture'>Culture</a></li><li><a href='/contact'>Contact us</a></li>\
            </ul></nav><div><span>Fighters held the valley on Sunday, a spokesman said.</span></div>\
            <div><span>The road to the valley was closed.</span></div></body></html>";
        let imported = document_from_html(page.as_bytes(), "home.html").expect("imports");
        assert_eq!(
            imported.document.import_warnings,
            [
                "the article could not be told from the rest of the page: the text includes 6 items of the site's menus (set aside what is not the article)"
            ]
        );
        // An article found in its page: its menu is left out, and nothing is said.
        let article = document_from_html(PAGE.as_bytes(), "panchir.html").expect("imports");
        assert!(
            article.document.import_warnings.is_empty(),
            "{:?}",
            article.document.import_warnings
        );
    }

    #[test]
    fn a_page_without_an_article_is_refused() {
        let page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>";
        assert!(matches!(
            document_from_html(page.as_bytes(), "menu.html"),
            Err(ImportError::NoArticle { .. } | ImportError::Empty)
        ));
    }
}
