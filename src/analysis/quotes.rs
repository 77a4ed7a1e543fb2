//! Finding a passage the user typed, forgiving typographic quotes, apostrophes and spacing.

/// Where `quote` occurs in `text`, as byte ranges; exact matches if any, else matches that ignore
/// quotation marks, treat all apostrophes alike and any run of white space as one space.
pub fn find_quote(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let quote = quote.trim();
    if quote.is_empty() {
        return Vec::new();
    }
    let exact: Vec<(usize, usize)> = text
        .match_indices(quote)
        .map(|(start, found)| (start, start + found.len()))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let (normal_text, origins) = normalise(text);
    let (normal_quote, _) = normalise(quote);
    let normal_quote = normal_quote.trim();
    if normal_quote.is_empty() {
        return Vec::new();
    }
    normal_text
        .match_indices(normal_quote)
        .map(|(start, found)| {
            // The end is just past the last matched character, so a skipped closing quotation
            // mark after it is not taken in.
            let last = origins[start + found.len() - 1];
            let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
            (
                origins[start],
                trim_end_space(text, origins[start], last + last_len),
            )
        })
        .collect()
}

fn trim_end_space(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// The normalised text and, for each of its bytes (and one past the end), the original byte.
fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (index, c) in text.char_indices() {
        let mapped = match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            // Quotation marks differ most between a typed quote and the text: they are left out.
            '"' | '“' | '”' | '«' | '»' | '„' | '‟' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if mapped == ' ' {
            if in_space {
                continue;
            }
            in_space = true;
        } else {
            in_space = false;
        }
        for _ in 0..mapped.len_utf8() {
            origins.push(index);
        }
        out.push(mapped);
    }
    origins.push(text.len());
    (out, origins)
}

#[cfg(test)]
mod tests {
    use super::find_quote;

    #[test]
    fn exact_match_first() {
        assert_eq!(find_quote("a b a b", "a b"), vec![(0, 3), (4, 7)]);
    }

    #[test]
    fn forgives_typographic_quotes_and_spacing() {
        let text = "Il a dit : « c’est  de la\npropagande ».";
        let found = find_quote(text, "\"c'est de la propagande\"");
        assert_eq!(found.len(), 1);
        let (start, end) = found[0];
        assert_eq!(&text[start..end], "c’est  de la\npropagande");
    }

    #[test]
    fn closing_marks_outside_the_typed_quote_stay_out() {
        let text = "Il a répondu : « c’est faux». Puis il est parti.";
        let found = find_quote(text, "\"c'est faux\"");
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0..found[0].1], "c’est faux");
    }

    #[test]
    fn absent_quote_is_not_found() {
        assert!(find_quote("The valley held.", "valley fell").is_empty());
        assert!(find_quote("The valley held.", "   ").is_empty());
    }
}
