use super::*;

/// A piece of text of `size` at (`left`, `bottom`), as wide as its characters at half the size.
fn at(left: f32, bottom: f32, size: f32, text: &str) -> Fragment {
    Fragment {
        text: text.to_owned(),
        left,
        right: left + text.chars().count() as f32 * size * 0.5,
        bottom,
        top: bottom + size,
    }
}

/// Lines of a column of 10-point type from `top` down, 12 points apart.
fn column(left: f32, top: f32, lines: &[&str]) -> Vec<Fragment> {
    lines
        .iter()
        .enumerate()
        .map(|(row, text)| at(left, top - 12.0 * row as f32, 10.0, text))
        .collect()
}

#[test]
fn columns_are_read_one_after_the_other_under_a_headline() {
    let mut page = vec![at(50.0, 760.0, 20.0, "Resistance holds in the valley")];
    page.extend(column(
        50.0,
        720.0,
        &[
            "Fighters loyal to the",
            "resistance said they",
            "held the valley.",
        ],
    ));
    page.extend(column(
        180.0,
        720.0,
        &["The Taliban said", "they had taken the", "district centre."],
    ));
    page.extend(column(
        310.0,
        720.0,
        &["Neither claim could", "be checked on the", "ground."],
    ));
    assert_eq!(
        page_paragraphs(page),
        [
            "Resistance holds in the valley",
            "Fighters loyal to the resistance said they held the valley.",
            "The Taliban said they had taken the district centre.",
            "Neither claim could be checked on the ground.",
        ]
    );
}

#[test]
fn a_paragraph_runs_on_from_one_column_to_the_next() {
    let mut page = column(
        50.0,
        720.0,
        &["The talks in the valley", "went on until the"],
    );
    page.extend(column(
        200.0,
        720.0,
        &["evening, they said.", "Others were doubtful."],
    ));
    assert_eq!(
        page_paragraphs(page),
        ["The talks in the valley went on until the evening, they said. Others were doubtful."]
    );
}

#[test]
fn paragraph_breaks_that_line_up_across_columns_do_not_cut_the_columns() {
    // Both columns have a paragraph break after their second line, at the same height, and
    // a headline over both keeps the gutter from running through the whole page.
    let mut page = vec![at(50.0, 750.0, 16.0, "Two columns under one headline")];
    page.extend(column(
        50.0,
        720.0,
        &["First column one", "ends a sentence."],
    ));
    page.extend(column(50.0, 680.0, &["First column two", "ends as well."]));
    page.extend(column(
        200.0,
        720.0,
        &["Second column one", "ends here too."],
    ));
    page.extend(column(200.0, 680.0, &["Second column two", "is the last."]));
    assert_eq!(
        page_paragraphs(page),
        [
            "Two columns under one headline",
            "First column one ends a sentence.",
            "First column two ends as well.",
            "Second column one ends here too.",
            "Second column two is the last.",
        ]
    );
}

#[test]
fn a_column_running_on_below_a_shorter_one_is_read_to_its_end_first() {
    // The last page of a story: the left column goes on after a paragraph break below the
    // end of the right one, so a strip across the page is empty there.
    let mut page = vec![at(50.0, 750.0, 16.0, "The last page of the story")];
    page.extend(column(
        50.0,
        720.0,
        &["The left column", "starts the page."],
    ));
    page.extend(column(50.0, 680.0, &["Its second part", "goes on lower."]));
    page.extend(column(200.0, 720.0, &["The right column", "is shorter."]));
    assert_eq!(
        page_paragraphs(page),
        [
            "The last page of the story",
            "The left column starts the page.",
            "Its second part goes on lower.",
            "The right column is shorter.",
        ]
    );
}

#[test]
fn indents_short_lines_and_type_size_end_paragraphs() {
    let mut page = vec![at(50.0, 740.0, 14.0, "A heading line")];
    page.extend(column(
        50.0,
        720.0,
        &[
            "The first paragraph runs over",
            "two lines and ends.",
            "Another starts here and runs",
        ],
    ));
    page.push(at(60.0, 684.0, 10.0, "The indented one starts"));
    page.push(at(50.0, 672.0, 10.0, "a third paragraph."));
    assert_eq!(
        page_paragraphs(page),
        [
            "A heading line",
            "The first paragraph runs over two lines and ends.",
            "Another starts here and runs",
            "The indented one starts a third paragraph.",
        ]
    );
}

#[test]
fn a_drop_cap_stays_with_its_word() {
    // The initial is three lines high, its bottom by the third line.
    let mut page = vec![at(50.0, 694.0, 34.0, "M")];
    page.extend(column(
        70.0,
        720.0,
        &[
            "ore than three thousand",
            "people are staying in an",
            "open field, officials said",
        ],
    ));
    page.push(at(50.0, 684.0, 10.0, "on Thursday."));
    assert_eq!(
        page_paragraphs(page),
        [
            "More than three thousand people are staying in an open field, officials said on Thursday."
        ]
    );
}

#[test]
fn pieces_of_a_line_are_spaced_by_their_gaps_and_hyphenated_words_rejoined() {
    let page = vec![
        at(50.0, 720.0, 10.0, "L"),
        at(55.0, 720.0, 10.0, "’appareil est arrivé à"),
        at(50.0, 708.0, 10.0, "Kat-"),
        at(80.0, 708.0, 10.0, "mandou"),
        at(50.0, 696.0, 10.0, "mercredi matin."),
    ];
    assert_eq!(
        page_paragraphs(page),
        ["L’appareil est arrivé à Kat- mandou mercredi matin."]
    );
    // A hyphen at a line's end is kept where the text writes the word so elsewhere.
    let mut page = column(
        50.0,
        720.0,
        &["Les secours se sont inter-", "rompus dans la soirée,"],
    );
    page.extend(column(
        50.0,
        696.0,
        &[
            "après une marche anti-",
            "immigrés. La marche anti-immigrés",
        ],
    ));
    page.extend(column(50.0, 672.0, &["avait été interdite."]));
    assert_eq!(
        join_pages(vec![page_paragraphs(page)]).text,
        "Les secours se sont interrompus dans la soirée, après une marche anti-immigrés. \
         La marche anti-immigrés avait été interdite.\n"
    );
}

#[test]
fn pages_join_where_a_paragraph_runs_on() {
    let pages = vec![
        vec!["Title".to_owned(), "The talks went on until".to_owned()],
        vec!["the evening.".to_owned(), "Next paragraph.".to_owned()],
        vec!["A new page starts here.".to_owned()],
    ];
    assert_eq!(
        join_pages(pages),
        Pages {
            text: "Title\n\nThe talks went on until the evening.\n\nNext paragraph.\n\n\
                   A new page starts here.\n"
                .into(),
            furniture: Vec::new(),
        }
    );
}

#[test]
fn page_numbers_and_running_heads_are_furniture_and_do_not_cut_a_paragraph() {
    let page = |number: usize, body: &[&str]| {
        let mut page = vec![format!("The Valley Review, {number} September 2021")];
        page.extend(body.iter().map(|line| (*line).to_owned()));
        page.push(format!("Page {number} of 3"));
        page
    };
    let pages = vec![
        page(1, &["The talks went on until"]),
        page(2, &["the evening, they said.", "Another paragraph."]),
        page(3, &["The end."]),
    ];
    let joined = join_pages(pages);
    assert_eq!(
        joined.text,
        "The Valley Review, 1 September 2021\n\nThe talks went on until the evening, they said.\n\n\
         Page 1 of 3\n\nThe Valley Review, 2 September 2021\n\nAnother paragraph.\n\n\
         Page 2 of 3\n\nThe Valley Review, 3 September 2021\n\nThe end.\n\nPage 3 of 3\n"
    );
    let set_aside: Vec<&str> = joined
        .furniture
        .iter()
        .map(|range| &joined.text[range.clone()])
        .collect();
    // The first paragraph of the document stays: it is often the title.
    assert_eq!(
        set_aside,
        [
            "Page 1 of 3",
            "The Valley Review, 2 September 2021",
            "Page 2 of 3",
            "The Valley Review, 3 September 2021",
            "Page 3 of 3",
        ]
    );
    for number in ["12", "- 12 -", "xiv", "3 / 12", "Page 3 sur 12"] {
        assert!(is_page_number(number), "{number}");
    }
    for text in ["Chapter 3", "12 people died", "Vivre", "Page"] {
        assert!(!is_page_number(text), "{text}");
    }
}

#[test]
fn a_row_of_many_pieces_is_read_across() {
    // A chart's axis labels, or a hostile page: thousands of pieces on one baseline.
    let page: Vec<Fragment> = (0..5_000)
        .map(|i| at(i as f32 * 30.0, 700.0, 10.0, "ab"))
        .collect();
    let paragraphs = page_paragraphs(page);
    assert_eq!(paragraphs.len(), 1);
    assert_eq!(paragraphs[0].split(' ').count(), 5_000);
}

#[test]
fn empty_and_broken_positions_give_no_text_and_no_panic() {
    assert!(page_paragraphs(Vec::new()).is_empty());
    let broken = vec![
        Fragment {
            text: "NaN".into(),
            left: f32::NAN,
            right: 1.0,
            bottom: 0.0,
            top: 1.0,
        },
        at(0.0, 0.0, 0.0, "zero"),
        at(0.0, 0.0, 10.0, "   "),
    ];
    assert_eq!(page_paragraphs(broken), ["zero"]);
}
