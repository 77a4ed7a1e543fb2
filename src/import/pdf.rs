//! PDF files with a text layer: the text of each page, in reading order.

use super::{ImportError, Imported, Metadata, build_document, pdf_layout};
use pdf_oxide::PdfDocument;

/// Reads the text layer of a PDF. A scan without text, an encrypted file or a damaged one gets
/// a message instead of an empty document; a reader failure on a hostile file is caught.
pub fn document_from_pdf(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    // The reader follows nested arrays and dictionaries by recursion: nested deep enough, a
    // small hostile file would overflow the stack, which aborts the whole program and which no
    // `catch_unwind` catches. Real files nest a few levels deep.
    let depth = nesting_depth(bytes);
    if depth > MAX_NESTING {
        return Err(ImportError::Damaged {
            reason: format!(
                "it nests arrays or dictionaries {depth} levels deep, more than the {MAX_NESTING} a PDF reader can safely follow"
            ),
        });
    }
    let read = read_on_worker(bytes.to_vec())?;
    if read.text.split_whitespace().count() < 3 {
        return Err(ImportError::NoText {
            reason: "the PDF has no text layer (a scanned page?)".into(),
        });
    }
    let mut imported = build_document(&read.text, file, "PDF", 0, Metadata::default())?;
    set_aside_furniture(&mut imported.document, &read.furniture);
    if !has_end_marker(bytes) {
        imported.document.import_warnings.push(
            "the file ends early (it was cut short, or is still being written): the text is what could be read"
                .into(),
        );
    }
    if read.unread > 0 {
        imported.document.import_warnings.push(format!(
            "{} of its {} pages could not be read",
            read.unread, read.pages
        ));
    }
    Ok(imported)
}

/// Adds the page furniture to the paragraphs the document sets aside: kept in the text, left
/// out of reading and analysis like any other furniture.
fn set_aside_furniture(
    document: &mut crate::model::Document,
    furniture: &[std::ops::Range<usize>],
) {
    let body = document.body.range();
    for range in furniture {
        if range.start >= body.start
            && range.end <= body.end
            && !document.is_set_aside(range)
            && let Ok(span) = crate::model::ByteSpan::new(&document.text, range.start, range.end)
        {
            document.boilerplate.push(span);
        }
    }
    document
        .boilerplate
        .sort_by_key(|span| (span.start(), span.end()));
}

/// Whether a PDF ends as a whole file does: with the end-of-file marker `%%EOF` in its last
/// kilobyte (some writers add a few bytes after it).
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|window| window == b"%%EOF")
}

/// The text read from a PDF's pages.
struct PdfText {
    text: String,
    /// Page numbers, running heads and feet: set aside.
    furniture: Vec<std::ops::Range<usize>>,
    /// Pages in the file.
    pages: usize,
    /// Pages whose text could not be read.
    unread: usize,
}

/// How long one PDF may take to read: a real 1,000-page report takes a few seconds.
const READ_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

/// Reads the text of a PDF's pages on a worker of its own, with a large stack, and waits for it
/// at most [`READ_BUDGET`]. A reader that takes longer (a page tree listing one page tens of
/// thousands of times makes the reader walk the whole tree for every page) is abandoned: the
/// file is refused at once, and the worker stops at the next page it would read.
fn read_on_worker(bytes: Vec<u8>) -> Result<PdfText, ImportError> {
    let deadline = std::time::Instant::now() + READ_BUDGET;
    super::guard::within_budget("pdf-reader", READ_BUDGET, move || {
        read_pages(bytes, deadline)
    })
}

/// The text of every page, one paragraph break between pages; stops at `deadline`.
fn read_pages(bytes: Vec<u8>, deadline: std::time::Instant) -> Result<PdfText, ImportError> {
    let document = PdfDocument::from_bytes(bytes).map_err(|error| ImportError::Damaged {
        reason: format!("not a readable PDF ({error})"),
    })?;
    let pages = document
        .page_count()
        .map_err(|error| ImportError::Damaged {
            reason: format!("its pages cannot be read ({error})"),
        })?;
    let mut text_pages = Vec::new();
    let mut unread = 0;
    for page in 0..pages {
        if std::time::Instant::now() > deadline {
            return Err(ImportError::Damaged {
                reason: format!("reading its pages takes too long: {page} of {pages} read"),
            });
        }
        let laid_out = document.extract_spans(page).ok().and_then(laid_out_page);
        match laid_out {
            Some(paragraphs) => text_pages.push(paragraphs),
            None => match document.extract_text(page) {
                Ok(page_text) => text_pages.push(vec![page_text.trim().to_owned()]),
                Err(_) => unread += 1,
            },
        }
    }
    let pdf_layout::Pages { text, furniture } = pdf_layout::join_pages(text_pages);
    if text.trim().is_empty() && document.is_encrypted() {
        return Err(ImportError::NoText {
            reason: "the PDF is encrypted".into(),
        });
    }
    Ok(PdfText {
        text,
        furniture,
        pages,
        unread,
    })
}

/// The paragraphs of a page of horizontal, left-to-right text in reading order; `None` for a
/// page the geometric reading does not fit (vertical or rotated writing, right-to-left
/// scripts), which the library's own assembly reads instead.
fn laid_out_page(spans: Vec<pdf_oxide::layout::TextSpan>) -> Option<Vec<String>> {
    let (mut letters, mut other_way) = (0_usize, 0_usize);
    for span in &spans {
        let count = span.text.chars().filter(|c| c.is_alphabetic()).count();
        letters += count;
        let turned = span.wmode != 0 || span.rotation_degrees.abs() > 1.0;
        if turned {
            other_way += count;
        } else {
            other_way += span.text.chars().filter(|&c| is_right_to_left(c)).count();
        }
    }
    if other_way * 5 > letters {
        return None;
    }
    let fragments = spans
        .into_iter()
        .filter(|span| span.artifact_type.is_none())
        .map(|span| {
            let (left, right) = inked_edges(&span);
            pdf_layout::Fragment {
                left,
                right,
                bottom: span.bbox.y,
                top: span.bbox.y + span.bbox.height,
                text: span.text,
            }
        })
        .collect();
    Some(pdf_layout::page_paragraphs(fragments))
}

/// Where a span's text starts and ends, without the spaces at its ends: a line's trailing space
/// would otherwise narrow the gutter beside it.
fn inked_edges(span: &pdf_oxide::layout::TextSpan) -> (f32, f32) {
    let (left, right) = (span.bbox.x, span.bbox.x + span.bbox.width);
    let chars: Vec<char> = span.text.chars().collect();
    let leading = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trailing = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    if leading == 0 && trailing == 0 || leading == chars.len() {
        return (left, right);
    }
    let widths: Vec<f32> = if span.char_widths.len() == chars.len() {
        span.char_widths.clone()
    } else {
        vec![span.bbox.width / chars.len() as f32; chars.len()]
    };
    let before: f32 = widths[..leading].iter().sum();
    let after: f32 = widths[chars.len() - trailing..].iter().sum();
    if before + after >= right - left {
        return (left, right);
    }
    (left + before, right - after)
}

/// Letters of scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The deepest nesting of arrays and dictionaries a PDF may have to be read.
const MAX_NESTING: usize = 256;

/// How deep the arrays (`[ ]`) and dictionaries (`<< >>`) of a PDF's objects nest, outside
/// strings, comments and stream data; one pass over the bytes.
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0_usize, 0_usize);
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'%' => {
                while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
                    at += 1;
                }
            }
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut open = 1_usize;
                at += 1;
                while at < bytes.len() && open > 0 {
                    match bytes[at] {
                        b'\\' => at += 1,
                        b'(' => open += 1,
                        b')' => open -= 1,
                        _ => {}
                    }
                    at += 1;
                }
                continue;
            }
            b'<' if bytes.get(at + 1) == Some(&b'<') => {
                depth += 1;
                at += 1;
            }
            b'<' => {
                // A hexadecimal string.
                while at < bytes.len() && bytes[at] != b'>' {
                    at += 1;
                }
            }
            b'>' if bytes.get(at + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                at += 1;
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b's' if bytes[at..].starts_with(b"stream") => {
                // Stream data is binary: skip to its end.
                let rest = &bytes[at..];
                at += rest
                    .windows(9)
                    .position(|window| window == b"endstream")
                    .map_or(rest.len(), |end| end + 9);
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        at += 1;
    }
    deepest
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_pdf_nested_too_deep_is_refused_before_it_is_parsed() {
        let mut hostile = b"%PDF-1.7\n1 0 obj\n".to_vec();
        hostile.extend(std::iter::repeat_n(b'[', 60_000));
        hostile.extend(std::iter::repeat_n(b']', 60_000));
        hostile.extend(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        let error = document_from_pdf(&hostile, "deep.pdf").expect_err("refused");
        assert!(error.to_string().contains("60000 levels deep"), "{error}");
        // Brackets inside strings, comments and streams are not nesting; a real page is read.
        assert_eq!(
            nesting_depth(b"1 0 obj << /A [(]]][[[[) <5B5B>] >> % [[[[\nendobj"),
            2
        );
        assert_eq!(
            nesting_depth(b"<< /Length 4 >>\nstream\n[[[[\nendstream"),
            1
        );
        assert!(
            document_from_pdf(&pdf(&["The valley held on Sunday, they said."]), "ok.pdf").is_ok()
        );
    }

    /// A one-page PDF whose page shows `lines`, built by hand with a correct cross-reference table.
    pub(crate) fn pdf(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
        for line in lines {
            content.push_str(&format!("({}) Tj T*\n", escaped(line)));
        }
        content.push_str("ET");
        pdf_with_content(&content)
    }

    fn escaped(text: &str) -> String {
        text.replace('(', "\\(").replace(')', "\\)")
    }

    /// A one-page PDF showing each (left, baseline, size, text) where it says.
    fn pdf_placed(pieces: &[(f32, f32, f32, &str)]) -> Vec<u8> {
        let content: String = pieces
            .iter()
            .map(|(left, baseline, size, text)| {
                format!(
                    "BT /F1 {size} Tf 1 0 0 1 {left} {baseline} Tm ({}) Tj ET\n",
                    escaped(text)
                )
            })
            .collect();
        pdf_with_content(&content)
    }

    fn pdf_with_content(content: &str) -> Vec<u8> {
        pdf_of_pages(&[content])
    }

    /// A PDF of one page per content stream.
    fn pdf_of_pages(contents: &[&str]) -> Vec<u8> {
        // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content for each page.
        let kids: Vec<String> = (0..contents.len())
            .map(|page| format!("{} 0 R", 4 + 2 * page))
            .collect();
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                contents.len()
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        ];
        for (page, content) in contents.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
                5 + 2 * page
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ));
        }
        let mut out = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (index, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", index + 1));
        }
        let xref = out.len();
        out.push_str(&format!(
            "xref\n0 {}\n0000000000 65535 f \n",
            objects.len() + 1
        ));
        for offset in offsets {
            out.push_str(&format!("{offset:010} 00000 n \n"));
        }
        out.push_str(&format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        ));
        out.into_bytes()
    }

    #[test]
    fn page_numbers_and_running_heads_are_set_aside() {
        let page = |number: usize, body: &str| {
            format!(
                "BT /F1 9 Tf 1 0 0 1 72 760 Tm (Valley Review, September 2021) Tj ET\n\
                 BT /F1 11 Tf 1 0 0 1 72 700 Tm ({body}) Tj ET\n\
                 BT /F1 9 Tf 1 0 0 1 300 40 Tm (Page {number} of 3) Tj ET\n"
            )
        };
        let pages = [
            page(1, "Fighters said they held the valley."),
            page(2, "The Taliban denied it on Monday."),
            page(3, "Neither claim could be checked."),
        ];
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        let document = document_from_pdf(&pdf_of_pages(&pages), "review.pdf")
            .expect("imports")
            .document;
        assert_eq!(
            document.reading_body(),
            "Valley Review, September 2021\n\nFighters said they held the valley.\n\n\
             The Taliban denied it on Monday.\n\nNeither claim could be checked."
        );
        // Nothing is lost: the furniture is in the text, set aside.
        assert_eq!(document.text.matches("Valley Review").count(), 3);
        assert_eq!(document.boilerplate.len(), 5);
    }

    #[test]
    fn the_text_layer_is_read() {
        let bytes = pdf(&[
            "Resistance holds in the valley",
            "Fighters loyal to Ahmad Massoud said they held the Panjshir valley.",
        ]);
        let document = document_from_pdf(&bytes, "report.pdf")
            .expect("imports")
            .document;
        assert!(document.text.contains("Ahmad Massoud"), "{}", document.text);
        assert!(
            document.text.contains("Panjshir valley"),
            "{}",
            document.text
        );
        assert_eq!(document.encoding, "PDF");
    }

    #[test]
    fn a_page_of_two_columns_is_read_column_after_column() {
        let mut pieces = vec![(72.0, 740.0, 20.0, "Resistance holds in the valley")];
        let left = [
            "Fighters loyal to the resistance",
            "said on Sunday that they still",
            "held the entrance of the valley,",
        ];
        let right = [
            "while the Taliban said they had",
            "taken the district centre. Neither",
            "claim could be checked.",
        ];
        for (row, (left, right)) in left.iter().zip(right).enumerate() {
            let baseline = 700.0 - 14.0 * row as f32;
            pieces.push((72.0, baseline, 11.0, left));
            pieces.push((320.0, baseline, 11.0, right));
        }
        let document = document_from_pdf(&pdf_placed(&pieces), "columns.pdf")
            .expect("imports")
            .document;
        assert_eq!(
            &*document.text,
            "Resistance holds in the valley\n\nFighters loyal to the resistance said on Sunday that \
             they still held the entrance of the valley, while the Taliban said they had taken the \
             district centre. Neither claim could be checked.\n"
        );
        assert_eq!(document.title, "Resistance holds in the valley");
    }

    #[test]
    fn damaged_and_empty_pdfs_say_why() {
        assert!(matches!(
            document_from_pdf(b"%PDF-1.4\n1 0 obj garbage", "bad.pdf"),
            Err(ImportError::Damaged { .. } | ImportError::NoText { .. })
        ));
        let truncated = &pdf(&["Some text on the page here"])[..120];
        assert!(document_from_pdf(truncated, "cut.pdf").is_err());
        // Cut after its page but before its end: what could be read, said to be incomplete.
        let whole = pdf(&["The valley held on Sunday, they said."]);
        let complete = document_from_pdf(&whole, "whole.pdf").expect("imports");
        assert!(
            complete.document.import_warnings.is_empty(),
            "{:?}",
            complete.document.import_warnings
        );
        let cut = &whole[..whole.len() - 40];
        let partial = document_from_pdf(cut, "cut.pdf").expect("what could be read");
        assert_eq!(
            &*partial.document.text,
            "The valley held on Sunday, they said.\n"
        );
        assert_eq!(
            partial.document.import_warnings,
            [
                "the file ends early (it was cut short, or is still being written): the text is what could be read"
            ]
        );
        let blank = pdf(&[]);
        assert!(matches!(
            document_from_pdf(&blank, "scan.pdf"),
            Err(ImportError::NoText { .. })
        ));
    }
}
