//! PDF files with a text layer: the text of each page, in reading order.

use super::{ImportError, Imported, Metadata, build_document};
use pdf_oxide::PdfDocument;

/// Reads the text layer of a PDF. A scan without text, an encrypted file or a damaged one gets
/// a message instead of an empty document; a reader failure on a hostile file is caught.
pub fn document_from_pdf(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let owned = bytes.to_vec();
    let read = std::panic::catch_unwind(move || -> Result<String, ImportError> {
        let document = PdfDocument::from_bytes(owned).map_err(|error| ImportError::Damaged {
            reason: format!("not a readable PDF ({error})"),
        })?;
        let pages = document
            .page_count()
            .map_err(|error| ImportError::Damaged {
                reason: format!("its pages cannot be read ({error})"),
            })?;
        let mut text = String::new();
        for page in 0..pages {
            if let Ok(page_text) = document.extract_text(page) {
                text.push_str(page_text.trim_end());
                text.push_str("\n\n");
            }
        }
        if text.trim().is_empty() && document.is_encrypted() {
            return Err(ImportError::NoText {
                reason: "the PDF is encrypted".into(),
            });
        }
        Ok(text)
    });
    let text = read.unwrap_or_else(|_| {
        Err(ImportError::Damaged {
            reason: "the PDF reader failed on this file".into(),
        })
    })?;
    if text.split_whitespace().count() < 3 {
        return Err(ImportError::NoText {
            reason: "the PDF has no text layer (a scanned page?)".into(),
        });
    }
    build_document(&text, file, "PDF", 0, Metadata::default())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A one-page PDF whose page shows `lines`, built by hand with a correct cross-reference table.
    pub(crate) fn pdf(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
        for line in lines {
            content.push_str(&format!(
                "({}) Tj T*\n",
                line.replace('(', "\\(").replace(')', "\\)")
            ));
        }
        content.push_str("ET");
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        ];
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
    fn damaged_and_empty_pdfs_say_why() {
        assert!(matches!(
            document_from_pdf(b"%PDF-1.4\n1 0 obj garbage", "bad.pdf"),
            Err(ImportError::Damaged { .. } | ImportError::NoText { .. })
        ));
        let truncated = &pdf(&["Some text on the page here"])[..120];
        assert!(document_from_pdf(truncated, "cut.pdf").is_err());
        let blank = pdf(&[]);
        assert!(matches!(
            document_from_pdf(&blank, "scan.pdf"),
            Err(ImportError::NoText { .. })
        ));
    }
}
