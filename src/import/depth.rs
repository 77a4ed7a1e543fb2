//! How deep the elements of an HTML page nest, counted before it is parsed.
//!
//! The HTML parser checks, for many tags, whether an element is open by walking the stack of
//! open elements: on a page whose elements nest hundreds of thousands deep that is quadratic
//! (200,000 nested `div`s took minutes). Browsers stop nesting far earlier (Blink at 512), and
//! real pages nest a few dozen levels, so a page nested deeper than [`MAX_HTML_DEPTH`] is
//! refused before the parser sees it.

/// The deepest nesting of elements a page may have to be read.
pub const MAX_HTML_DEPTH: usize = 4_096;

/// Elements that never have content, and those whose end tag may be left out (a page of
/// ten thousand unclosed `<p>` is not nested ten thousand deep): neither counts.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// The deepest nesting of elements in `html`, in one pass: open tags minus end tags, outside
/// comments, declarations and the text of scripts and styles.
pub fn html_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0_usize, 0_usize);
    let mut at = 0;
    while let Some(offset) = memchr_lt(&bytes[at..]) {
        at += offset + 1;
        let rest = &html[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        let name: String = rest[name_start..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let tag_end = rest.find('>').map_or(rest.len(), |end| end + 1);
        let self_closing = rest[..tag_end].ends_with("/>");
        if closing {
            if !NOT_COUNTED.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if name == "script" || name == "style" {
            // Their text is not markup: skip to their end tag.
            at += end_tag(rest, &name).unwrap_or(rest.len());
            continue;
        } else if !self_closing && !NOT_COUNTED.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        at += tag_end;
    }
    deepest
}

/// Where the end tag of `name` (lower case) starts in `text`, whatever its case.
fn end_tag(text: &str, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text[from..].find("</") {
        let start = from + offset;
        let candidate = bytes.get(start + 2..start + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|byte| *byte == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_comments_scripts_and_optional_end_tags() {
        assert_eq!(
            html_depth("<html><body><div><section><p>a<p>b<br><img src=x/></section></div>"),
            2
        );
        assert_eq!(
            html_depth("<div><!-- <div><div> --><script>if (a < b) { '<div>' }</script></div>"),
            1
        );
        assert_eq!(html_depth(&"<div>".repeat(5_000)), 5_000);
        assert_eq!(html_depth("<ul><li>one<li>two</ul>"), 1);
        assert_eq!(html_depth("<SCRIPT>x</div></Script><div></div>"), 1);
    }

    #[test]
    fn a_page_nested_deeper_than_browsers_go_is_refused_at_once() {
        let depth = MAX_HTML_DEPTH + 1;
        let page = format!(
            "<html><body>{}<p>The valley held on Sunday, the spokesman said in Kabul.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let error = crate::import::document_from_file_bytes(page.as_bytes(), "deep.html")
            .expect_err("refused");
        assert!(error.to_string().contains("4097 levels deep"), "{error}");
    }
}
