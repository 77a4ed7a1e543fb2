//! A small, forgiving XML scanner for the zipped formats (DOCX, ODT, EPUB): tags with their
//! attributes, text, and the paragraphs of a body.
//!
//! It builds no tree and reads no DTD, so nothing is ever fetched and an entity cannot expand;
//! comments, processing instructions and doctypes are passed over, and a quoted `>` inside an
//! attribute does not end its tag.

use super::html::decode_entities;

/// One piece of an XML document.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// Character data, with its character references not yet decoded.
    Text(&'a str),
    /// The content of a CDATA section, literal.
    CData(&'a str),
    /// A start, end or empty-element tag.
    Tag(Tag<'a>),
}

/// A start, end or empty-element tag.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Tag<'a> {
    /// The qualified name, such as `dc:title`.
    pub name: &'a str,
    /// Whether it is an end tag (`</p>`).
    pub closing: bool,
    /// Whether it is an empty-element tag (`<br/>`).
    pub self_closing: bool,
    /// The attributes, as written.
    attributes: &'a str,
}

impl Tag<'_> {
    /// The name without its namespace prefix: `title` for `dc:title`.
    pub(super) fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(self.name)
    }

    /// The decoded value of the attribute with this qualified name, or else with this local name.
    pub(super) fn attribute(&self, wanted: &str) -> Option<String> {
        let raw = self
            .attributes()
            .find(|(name, _)| *name == wanted)
            .or_else(|| {
                self.attributes()
                    .find(|(name, _)| name.rsplit(':').next() == Some(wanted))
            })?;
        Some(decode_entities(raw.1))
    }

    /// The attributes as written: names and values with their character references.
    fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut rest = self.attributes;
        std::iter::from_fn(move || {
            loop {
                rest = rest.trim_start();
                if rest.is_empty() {
                    return None;
                }
                let name_end = rest
                    .find(|c: char| c == '=' || c.is_whitespace())
                    .unwrap_or(rest.len());
                let name = &rest[..name_end];
                rest = rest[name_end..].trim_start();
                let Some(after_equals) = rest.strip_prefix('=') else {
                    // An attribute without a value (HTML style) has nothing to read.
                    continue;
                };
                rest = after_equals.trim_start();
                let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                    // An unquoted value is not XML: the rest cannot be read reliably.
                    return None;
                };
                let value_end = rest[1..].find(quote)? + 1;
                let value = &rest[1..value_end];
                rest = &rest[value_end + 1..];
                return Some((name, value));
            }
        })
    }
}

/// The tokens of `xml`, in order; a truncated last tag ends them.
pub(super) fn tokens(xml: &str) -> Tokens<'_> {
    Tokens { rest: xml }
}

/// An iterator over the tokens of an XML text.
pub(super) struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            if !self.rest.starts_with('<') {
                let end = self.rest.find('<').unwrap_or(self.rest.len());
                let text = &self.rest[..end];
                self.rest = &self.rest[end..];
                return Some(Token::Text(text));
            }
            if let Some(comment) = self.rest.strip_prefix("<!--") {
                self.rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            if let Some(cdata) = self.rest.strip_prefix("<![CDATA[") {
                let end = cdata.find("]]>").unwrap_or(cdata.len());
                self.rest = cdata.get(end + 3..).unwrap_or("");
                return Some(Token::CData(&cdata[..end]));
            }
            if let Some(instruction) = self.rest.strip_prefix("<?") {
                self.rest = instruction
                    .find("?>")
                    .map_or("", |end| &instruction[end + 2..]);
                continue;
            }
            let Some(end) = tag_end(self.rest) else {
                self.rest = "";
                return None;
            };
            let inner = &self.rest[1..end];
            self.rest = &self.rest[end + 1..];
            if inner.starts_with('!') {
                // A doctype (its internal subset included) or another declaration: passed over.
                continue;
            }
            let closing = inner.starts_with('/');
            let self_closing = !closing && inner.ends_with('/');
            let body = inner.trim_start_matches('/').trim_end_matches('/');
            let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
            return Some(Token::Tag(Tag {
                name: &body[..name_end],
                closing,
                self_closing,
                attributes: &body[name_end..],
            }));
        }
    }
}

/// The index of the `>` that ends the tag starting `text`: quoted values and a doctype's
/// bracketed internal subset may hold a `>` of their own.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    let mut brackets = 0usize;
    for (index, byte) in text.bytes().enumerate() {
        match (quote, byte) {
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'[') => brackets += 1,
            (None, b']') => brackets = brackets.saturating_sub(1),
            (None, b'>') if brackets == 0 => return Some(index),
            (None, _) => {}
        }
    }
    None
}

/// Which elements of a format's XML hold its paragraphs. Names are compared without regard to
/// ASCII case.
pub(super) struct Schema<'a> {
    /// Text counts only inside one of these elements.
    pub scope_tags: &'a [&'a str],
    /// Elements whose start and end both end the paragraph being read, so nested blocks split
    /// their parent instead of running into it.
    pub paragraph_tags: &'a [&'a str],
    /// When not empty, only the text inside these elements is kept.
    pub text_tags: &'a [&'a str],
    /// Elements whose content is left out, such as scripts and styles.
    pub skip_tags: &'a [&'a str],
    /// Elements left out whatever their name, by an attribute (local name) that holds a word:
    /// `("type", "noteref")` leaves out `<a epub:type="noteref">`.
    pub skip_attributes: &'a [(&'a str, &'a str)],
    /// Elements that stand for a space (a tab, a table cell).
    pub space_tags: &'a [&'a str],
    /// Elements that stand for a line break.
    pub break_tags: &'a [&'a str],
    /// Table rows: a row is one paragraph, whatever paragraphs its cells hold.
    pub row_tags: &'a [&'a str],
    /// Table cells: a tab follows each cell's text, and paragraphs inside a cell are joined by
    /// spaces, so a row reads as a line of cells.
    pub cell_tags: &'a [&'a str],
    /// Whether runs of white space are one space, as in HTML, instead of text as written.
    pub collapse_whitespace: bool,
    /// Whether a link within the document whose text is a note's label (`<a href="#n3">3</a>`,
    /// with or without `<sup>`) is a note reference, written `[3]` so that it does not stick
    /// to the word before it ("held3") as books without note semantics would have it.
    pub note_references: bool,
}

/// Whether a link's text is a note's label: a number, a single letter or sign, or a small
/// roman numeral.
fn is_note_label(text: &str) -> bool {
    let count = text.chars().count();
    (1..=3).contains(&count) && text.chars().all(|c| c.is_ascii_digit())
        || count == 1
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || "*†‡§".contains(c))
        || (1..=4).contains(&count) && text.chars().all(|c| "ivxlc".contains(c))
        || (1..=3).contains(&count) && text.chars().all(|c| "*†‡".contains(c))
}

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|known| known.eq_ignore_ascii_case(name))
}

/// The paragraphs of an XML body, trimmed, without empty ones.
pub(super) fn paragraphs(xml: &str, schema: &Schema<'_>) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    let mut in_scope = 0usize;
    let mut in_text = 0usize;
    let mut in_skip = 0usize;
    let mut in_cell = 0usize;
    // The element left out for its attribute, and how many of that name are open inside it.
    let mut skipped: Option<(&str, usize)> = None;
    // Where the text of an open link within the document began, to tell a note reference.
    let mut link_start: Option<usize> = None;
    let depth = |count: &mut usize, tag: &Tag<'_>| {
        if tag.closing {
            *count = count.saturating_sub(1);
        } else if !tag.self_closing {
            *count += 1;
        }
    };
    for token in tokens(xml) {
        let tag = match token {
            Token::Text(text) | Token::CData(text) => {
                if in_scope > 0
                    && in_skip == 0
                    && skipped.is_none()
                    && (schema.text_tags.is_empty() || in_text > 0)
                {
                    let decoded = match token {
                        Token::Text(_) => decode_entities(text),
                        _ => text.to_owned(),
                    };
                    if schema.collapse_whitespace {
                        push_collapsed(&mut current, &decoded);
                    } else {
                        current.push_str(&decoded);
                    }
                }
                continue;
            }
            Token::Tag(tag) => tag,
        };
        let name = tag.name;
        if let Some((skipped_name, open)) = skipped.as_mut() {
            if *skipped_name == name && !tag.self_closing {
                if tag.closing {
                    *open -= 1;
                } else {
                    *open += 1;
                }
                if *open == 0 {
                    skipped = None;
                }
            }
            continue;
        }
        if !tag.closing && !tag.self_closing && is_marked(&tag, schema.skip_attributes) {
            skipped = Some((name, 1));
            continue;
        }
        if is_one_of(name, schema.scope_tags) {
            depth(&mut in_scope, &tag);
        }
        if schema.note_references && name.eq_ignore_ascii_case("a") && !tag.self_closing {
            if !tag.closing && tag.attribute("href").is_some_and(|href| href.contains('#')) {
                link_start = Some(current.len());
            } else if tag.closing
                && let Some(start) = link_start.take()
                && let Some(text) = current.get(start..)
                && is_note_label(text.trim())
            {
                let label = format!("[{}]", text.trim());
                current.truncate(start);
                current.push_str(&label);
            }
        }
        if is_one_of(name, schema.row_tags) {
            // A row starts and ends a paragraph of its own.
            current.truncate(current.trim_end_matches(['\t', ' ']).len());
            if !current.trim().is_empty() {
                found.push(std::mem::take(&mut current));
            }
            current.clear();
        } else if is_one_of(name, schema.cell_tags) {
            depth(&mut in_cell, &tag);
            if tag.closing {
                current.truncate(current.trim_end_matches(' ').len());
                current.push('\t');
            }
        } else if is_one_of(name, schema.paragraph_tags) {
            if in_cell > 0 {
                // Paragraphs of one cell are one run of text in its row.
                if tag.closing && !current.is_empty() && !current.ends_with(['\t', ' ']) {
                    current.push(' ');
                }
            } else if !current.is_empty() {
                found.push(std::mem::take(&mut current));
            }
        } else if is_one_of(name, schema.text_tags) {
            depth(&mut in_text, &tag);
        } else if is_one_of(name, schema.skip_tags) {
            depth(&mut in_skip, &tag);
        } else if in_scope > 0 && in_skip == 0 && is_one_of(name, schema.space_tags) {
            if !(schema.collapse_whitespace && current.ends_with([' ', '\n'])) {
                current.push(' ');
            }
        } else if in_scope > 0 && in_skip == 0 && is_one_of(name, schema.break_tags) && !tag.closing
        {
            if schema.collapse_whitespace {
                current.truncate(current.trim_end_matches(' ').len());
            }
            current.push('\n');
        }
    }
    found.push(current);
    found
        .into_iter()
        .map(|paragraph| paragraph.trim().to_owned())
        .filter(|paragraph| !paragraph.is_empty())
        .collect()
}

/// Whether an attribute of `tag` holds one of the words that leave an element out.
fn is_marked(tag: &Tag<'_>, marks: &[(&str, &str)]) -> bool {
    marks.iter().any(|(attribute, word)| {
        tag.attribute(attribute)
            .is_some_and(|value| value.split_whitespace().any(|found| found == *word))
    })
}

/// Appends `text` with each run of white space as one space, none at the start of a line.
fn push_collapsed(current: &mut String, text: &str) {
    for character in text.chars() {
        if matches!(character, ' ' | '\t' | '\n' | '\r') {
            if !current.is_empty() && !current.ends_with([' ', '\n']) {
                current.push(' ');
            }
        } else {
            current.push(character);
        }
    }
}

/// The text of the first `<tag …>…</tag>` element in `xml`.
pub(super) fn element(xml: &str, tag: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for token in tokens(xml) {
        match token {
            Token::Tag(found) if found.name == tag => {
                if found.closing {
                    break;
                }
                if found.self_closing {
                    return String::new();
                }
                inside = true;
            }
            Token::Text(content) if inside => text.push_str(&decode_entities(content)),
            Token::CData(content) if inside => text.push_str(content),
            _ => {}
        }
    }
    if inside {
        text.trim().to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_comments_and_cdata() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x "y">]><!-- a > b --><a:b c="1 > 0" d='&amp;x'>t &lt; u<![CDATA[<raw>]]></a:b><br/>"#;
        let found: Vec<Token<'_>> = tokens(xml).collect();
        let Token::Tag(tag) = &found[0] else {
            panic!("a tag first: {found:?}");
        };
        assert_eq!(tag.name, "a:b");
        assert_eq!(tag.local_name(), "b");
        assert_eq!(tag.attribute("c").as_deref(), Some("1 > 0"));
        assert_eq!(tag.attribute("d").as_deref(), Some("&x"));
        assert_eq!(tag.attribute("e"), None);
        assert_eq!(found[1], Token::Text("t &lt; u"));
        assert_eq!(found[2], Token::CData("<raw>"));
        assert!(matches!(&found[3], Token::Tag(tag) if tag.closing && tag.name == "a:b"));
        assert!(matches!(&found[4], Token::Tag(tag) if tag.self_closing && tag.name == "br"));
        assert_eq!(found.len(), 5);
    }

    #[test]
    fn attributes_match_by_qualified_then_local_name() {
        let xml = r#"<dc:creator opf:role="aut" role="x" valueless id="c1">"#;
        let Some(Token::Tag(tag)) = tokens(xml).next() else {
            panic!("a tag");
        };
        assert_eq!(tag.attribute("opf:role").as_deref(), Some("aut"));
        assert_eq!(tag.attribute("role").as_deref(), Some("x"));
        assert_eq!(tag.attribute("id").as_deref(), Some("c1"));
    }

    #[test]
    fn a_truncated_tag_ends_the_tokens() {
        assert_eq!(tokens("text<p cla").count(), 1);
        assert_eq!(element("<dc:title>Cut", "dc:title"), "Cut");
        assert_eq!(element("<x/>", "dc:title"), "");
    }
}
