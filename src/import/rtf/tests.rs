//! The RTF reader's unit tests: a letter as word processors write it, destinations, code
//! pages and Unicode, malformed input.

use super::*;

fn text(rtf: &str) -> String {
    Reader::new(rtf.as_bytes()).read().expect("reads").text
}

const LETTER: &str = r#"{\rtf1\ansi\ansicpg1252\deff0\nouicompat
{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss\fcharset0{\*\panose 020b0604020202020204}Arial;}}
{\colortbl ;\red255\green0\blue0;}
{\stylesheet{\s0 Normal;}{\s1\b heading 1;}}
{\info{\title Panchir : la r\'e9sistance}{\author Claire Martin}{\operator Someone Else}{\creatim\yr2021\mo9\dy6}}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\f0\fs24 Le porte-parole a d\'e9clar\'e9 \ldblquote nous tenons\rdblquote  \emdash  c\u8217?est la r\'e9sistance.\par
{\b Fahim Dashti}{\i  a {\ul ajout\'e9}} que Bazarak tient.\line Deuxi\'e8me ligne.\par
\par
Tab\tab s\'e9par\'e9, back\\slash \{braces\}, nbsp\~ici, opt\-ional, non\_breaking.\par
{\field{\*\fldinst HYPERLINK "https://example.com"}{\fldrslt lien visible}} et {\field{\fldinst PAGE}{\fldrslt 3}} fin.\par
Texte{\v  cach\'e9} visible{\*\bkmkstart b1}{\*\bkmkend b1}.{\footnote \pard\plain {\super\chftn} Note de bas de page.}\par
Seconde note{\super\chftn}{\*\footnote\chftn\~\plain\pard {\pard Par pandoc.\par}
}.{\*\unknown {\footnote cach\'e9e}}\par
{\pict\wmetafile8\picw100 0123456789abcdef}{\header En-t\'eate}\par
}"#;

#[test]
fn a_letter_gives_its_paragraphs_title_and_author() {
    let document = document_from_rtf(LETTER.as_bytes(), "lettre.rtf")
        .expect("imports")
        .document;
    assert_eq!(document.title, "Panchir : la résistance");
    assert_eq!(document.author, "Claire Martin");
    assert_eq!(document.encoding, "windows-1252");
    assert_eq!(
        document.text.as_ref(),
        "Le porte-parole a déclaré “nous tenons” — c’est la résistance.\n\n\
         Fahim Dashti a ajouté que Bazarak tient.\nDeuxième ligne.\n\n\
         Tab\tséparé, back\\slash {braces}, nbsp\u{a0}ici, optional, non-breaking.\n\n\
         lien visible et 3 fin.\n\n\
         Texte visible.\n\n\
         Seconde note.\n\n\
         Note de bas de page.\n\n\
         Par pandoc.\n"
    );
}

#[test]
fn cyrillic_in_the_documents_code_page_or_the_fonts_character_set() {
    let cp1251 = r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}
\f0 \'cf\'f0\'e8\'e2\'e5\'f2, \'ec\'e8\'f0!\par}";
    assert_eq!(text(cp1251), "Привет, мир!");
    let read = Reader::new(cp1251.as_bytes()).read().expect("reads");
    assert_eq!(read.encoding.name(), "windows-1251");
    let mixed = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}{\f1\fswiss\fcharset204 Arial CYR;}}
{\f1 \'cf\'f0\'e8\'e2\'e5\'f2} caf\'e9\par}";
    assert_eq!(text(mixed), "Привет café");
    let japanese = r"{\rtf1\ansi\ansicpg932 \'82\'a0\'83e\par}";
    assert_eq!(text(japanese), "あテ");
}

#[test]
fn unicode_characters_skip_their_fallback() {
    assert_eq!(text(r"{\rtf1\uc1 c\u8217?est\par}"), "c’est");
    assert_eq!(text(r"{\rtf1\uc1 c\u8217\'92est\par}"), "c’est");
    assert_eq!(text(r"{\rtf1{\uc2 \u1055ab}c\u1088?\par}"), "Пcр");
    assert_eq!(text(r"{\rtf1\uc0 \u1055\u1088\par}"), "Пр");
    assert_eq!(text(r"{\rtf1 \u-10179?\u-8704?!\par}"), "😀!");
    assert_eq!(text(r"{\rtf1 \u-3913?\par}"), "\u{F0B7}");
}

#[test]
fn binary_data_and_unbalanced_braces_are_tolerated() {
    assert_eq!(
        text("{\\rtf1 Before{\\*\\blob\\bin5 {{}}}} after.\\par}"),
        "Before after."
    );
    assert_eq!(
        text(r"{\rtf1 Hello {\b world}}}} and more"),
        "Hello world and more"
    );
    assert_eq!(text(r"{\rtf1 Unclosed {\b group"), "Unclosed group");
    assert_eq!(text("{\\rtf1 cut at \\"), "cut at");
    assert_eq!(text("{\\rtf1 bad \\'zz hex\\par}"), "bad zz hex");
}

#[test]
fn tables_become_tab_separated_rows() {
    let table = r"{\rtf1\trowd\cellx1000\cellx2000\pard\intbl Kabul\cell 2021\cell\row
\trowd\cellx1000\cellx2000\pard\intbl Bazarak\cell 2022\cell\row\pard After.\par}";
    assert_eq!(text(table), "Kabul\t2021\n\nBazarak\t2022\n\nAfter.");
    // Cells whose paragraphs end with `\par`, as pandoc and multi-paragraph cells write them.
    let cells = r"{\rtf1{\trowd\cellx4320\cellx8640\intbl{{\pard\intbl Ville\par}\cell}{{\pard\intbl Two\par lines\par}\cell}{\pard\intbl\par}\cell\intbl\row}
{\pard After.\par}}";
    assert_eq!(text(cells), "Ville\tTwo lines\n\nAfter.");
}

#[test]
fn rtf_is_recognised_by_its_bytes_whatever_its_name() {
    let document = crate::import::document_from_bytes(
        b"\n{\\rtf1\\ansi Fighters held the valley, said Fahim Dashti.\\par}",
        "note.txt",
    )
    .expect("imports")
    .document;
    assert_eq!(
        document.text.as_ref(),
        "Fighters held the valley, said Fahim Dashti.\n"
    );
    assert!(crate::import::importable_extensions().any(|extension| extension == "rtf"));
    assert!(crate::import::importable_extensions().any(|extension| extension == "epub"));
}

proptest::proptest! {
    #[test]
    fn any_text_after_the_header_is_read_without_panicking(
        tail in "[{}\\\\a-z0-9 '*~_?\u{e9}-]{0,400}"
    ) {
        let _ = document_from_rtf(format!("{{\\rtf1 {tail}").as_bytes(), "any.rtf");
    }

    #[test]
    fn any_bytes_after_the_header_are_read_without_panicking(
        tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)
    ) {
        let mut bytes = b"{\\rtf1 ".to_vec();
        bytes.extend(tail);
        let _ = document_from_rtf(&bytes, "any.rtf");
    }
}

#[test]
fn deep_nesting_is_refused_and_other_files_are_not_rtf() {
    let deep = format!("{{\\rtf1 {}text{}}}", "{".repeat(5_000), "}".repeat(5_000));
    let error = document_from_rtf(deep.as_bytes(), "deep.rtf").expect_err("refused");
    assert!(
        matches!(&error, ImportError::Damaged { reason } if reason.contains("1000")),
        "{error}"
    );
    let error = document_from_rtf(b"Hello, plain text", "x.rtf").expect_err("refused");
    assert!(error.to_string().contains("not an RTF document"), "{error}");
    assert!(matches!(
        document_from_rtf(br"{\rtf1{\fonttbl{\f0 Arial;}}{\pict 00ff}}", "blank.rtf"),
        Err(ImportError::NoText { .. })
    ));
}
