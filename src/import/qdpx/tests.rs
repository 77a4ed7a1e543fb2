//! Positions, texts outside the file and colours, on projects written for the tests.

use super::parser::parse_colour;
use super::*;

/// A one-source project whose text is `text` and whose selections are `(name, start, end)`.
fn project(text: &str, selections: &[(&str, u64, u64)]) -> Exchange {
    let selections: String = selections
        .iter()
        .enumerate()
        .map(|(index, (name, start, end))| {
            format!(
                "<PlainTextSelection guid=\"{index}\" name=\"{name}\" startPosition=\"{start}\" endPosition=\"{end}\"/>"
            )
        })
        .collect();
    let xml = format!(
        "<Project name=\"p\"><Sources><TextSource guid=\"s\" name=\"t\" plainTextPath=\"internal://s.txt\">{selections}</TextSource></Sources></Project>"
    );
    let text = text.to_owned();
    read_project(&xml, &mut |file| {
        assert_eq!(file, "s.txt");
        Ok(Some(text.clone().into_bytes()))
    })
    .expect("reads")
}

fn covered(exchange: &Exchange) -> Vec<&str> {
    let source = &exchange.sources[0];
    source
        .selections
        .iter()
        .map(|selection| &source.text[selection.start..selection.end])
        .collect()
}

#[test]
fn positions_in_code_points_are_read_as_the_standard_says() {
    // "🛡️" is two code points (and three UTF-16 units).
    let exchange = project(
        "The NRF 🛡️ holds.\nEnd",
        &[("holds.", 11, 17), ("End", 18, 21)],
    );
    assert_eq!(exchange.positions, PositionUnit::CodePoints);
    assert_eq!(covered(&exchange), ["holds.", "End"]);
}

#[test]
fn positions_in_utf16_units_are_recognised_from_the_quoted_text() {
    let exchange = project("The NRF 🛡️ holds.\nEnd", &[("holds.", 12, 18)]);
    assert_eq!(exchange.positions, PositionUnit::Utf16);
    assert_eq!(covered(&exchange), ["holds."]);
}

#[test]
fn a_cr_lf_kept_in_the_text_and_counted_as_two_is_read_right() {
    // As QualCoder writes a text it stored with CR LF: the CR counts.
    let exchange = project(
        "\u{feff}Line one\r\nLine two with café\r\nEnd",
        &[("Line two with café", 10, 28), ("café\r\nEnd", 24, 33)],
    );
    assert_eq!(exchange.positions, PositionUnit::CodePointsCrLf);
    assert_eq!(covered(&exchange), ["Line two with café", "café\nEnd"]);
    assert_eq!(
        exchange.sources[0].text,
        "Line one\nLine two with café\nEnd"
    );
}

#[test]
fn line_ends_added_for_another_tool_without_moving_positions_are_read_right() {
    // QualCoder's "line ending for MAXQDA": every LF written as CR LF, positions unchanged.
    let exchange = project("First line\r\nSecond line\r\n", &[("Second line", 11, 22)]);
    assert_eq!(exchange.positions, PositionUnit::CodePoints);
    assert_eq!(covered(&exchange), ["Second line"]);
}

#[test]
fn selections_outside_the_text_are_listed_not_dropped() {
    let exchange = project(
        "Short text",
        &[("Short", 0, 5), ("gone", 50, 60), ("empty", 3, 3)],
    );
    assert_eq!(covered(&exchange), ["Short"]);
    assert_eq!(
        exchange.not_imported,
        ["2 passages of \"t\" that are empty or fall outside its text"]
    );
}

#[test]
fn texts_outside_the_archive_are_never_read_and_are_listed() {
    let xml = "<Project name=\"p\"><Sources>\
        <TextSource guid=\"a\" name=\"abs\" plainTextPath=\"file:///etc/passwd\"/>\
        <TextSource guid=\"b\" name=\"up\" plainTextPath=\"internal://../secret.txt\"/>\
        </Sources></Project>";
    let exchange = read_project(xml, &mut |file| panic!("read {file}")).expect("reads");
    assert!(exchange.sources.is_empty());
    assert_eq!(
        exchange.not_imported.len(),
        2,
        "{:?}",
        exchange.not_imported
    );
}

#[test]
fn colours_come_in_long_and_short_forms() {
    assert_eq!(parse_colour("#12abEF"), Some(Rgb([0x12, 0xab, 0xef])));
    assert_eq!(parse_colour("#a0f"), Some(Rgb([0xaa, 0x00, 0xff])));
    assert_eq!(parse_colour("red"), None);
}

#[test]
fn codes_nested_without_end_are_kept_at_a_bounded_depth() {
    let depth = 10_000;
    let mut xml = String::from("<Project name=\"p\"><CodeBook><Codes>");
    for level in 0..depth {
        xml.push_str(&format!(
            "<Code guid=\"{level}\" name=\"level {level}\" isCodable=\"true\">"
        ));
    }
    xml.push_str(&"</Code>".repeat(depth));
    xml.push_str("</Codes></CodeBook></Project>");
    let exchange = read_project(&xml, &mut |_| Ok(None)).expect("reads");
    assert_eq!(exchange.codes.len(), depth);
    let depth_of = |mut index: usize| {
        let mut depth = 0;
        while let Some(parent) = exchange.codes[index].parent {
            index = parent;
            depth += 1;
        }
        depth
    };
    assert_eq!((0..depth).map(depth_of).max(), Some(32));
}
