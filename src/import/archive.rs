//! ZIP archives (DOCX, ODT, EPUB) read with caps, so a ZIP bomb is refused instead of filling
//! the memory.
//!
//! The archive's declared sizes are checked and every read is capped: one entry may not inflate
//! past [`MAX_ENTRY_BYTES`], and all the entries read from one archive together may not inflate
//! past four times that, however many chapters a book lists.

use super::ImportError;
use std::io::{Cursor, Read};

/// The most one entry of an archive may inflate to.
pub(super) const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// The most all the entries read from one archive may inflate to together.
const MAX_TOTAL_BYTES: u64 = 4 * MAX_ENTRY_BYTES;

/// An open ZIP archive whose entries are read under the caps.
pub(super) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes that reads from this archive may still inflate to.
    budget: u64,
}

fn damaged(reason: String) -> ImportError {
    ImportError::Damaged { reason }
}

impl<'a> Archive<'a> {
    /// Opens the archive held in `bytes`, or says why it is not one.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, ImportError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| damaged(format!("not a readable ZIP archive ({error})")))?;
        Ok(Self {
            zip,
            budget: MAX_TOTAL_BYTES,
        })
    }

    /// The names of the entries, in archive order.
    pub(super) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(std::borrow::Cow::into_owned)
            .collect()
    }

    /// The bytes of one entry, `None` when there is no such entry; refused past the caps.
    pub(super) fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(damaged(format!("{name} cannot be read ({error})"))),
        };
        if file.size() > MAX_ENTRY_BYTES {
            return Err(damaged(format!(
                "{name} would inflate to {} MB, over the limit of {} MB",
                file.size() / 1_000_000,
                MAX_ENTRY_BYTES / 1_000_000
            )));
        }
        let limit = MAX_ENTRY_BYTES.min(self.budget);
        let mut bytes = Vec::new();
        // The declared size can lie: the read itself is capped too.
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| damaged(format!("{name} cannot be read ({error})")))?;
        let read = bytes.len() as u64;
        if read > limit {
            return Err(damaged(if limit < MAX_ENTRY_BYTES {
                format!(
                    "its entries inflate past the limit of {} MB in all",
                    MAX_TOTAL_BYTES / 1_000_000
                )
            } else {
                format!(
                    "{name} inflates past the limit of {} MB",
                    MAX_ENTRY_BYTES / 1_000_000
                )
            }));
        }
        self.budget -= read;
        Ok(Some(bytes))
    }

    /// One entry as UTF-8 text, as the XML parts of office files are; `None` when missing.
    pub(super) fn text(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let Some(bytes) = self.bytes(name)? else {
            return Ok(None);
        };
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| damaged(format!("{name} is not UTF-8 text")))
    }
}

/// A ZIP archive of the given text entries, deflated as an office suite or an e-book writer
/// makes them (for tests and fuzz targets).
pub(crate) fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        // Writing to memory cannot fail; an entry that did would only be missing.
        if writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .is_ok()
        {
            let _ = writer.write_all(content.as_bytes());
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    pub(crate) use super::zip_of as archive;
    use super::*;
    use std::io::Write;

    #[test]
    fn entries_are_found_by_name_and_missing_ones_are_none() {
        let bytes = archive(&[("a/b.xml", "<x/>")]);
        let mut opened = Archive::open(&bytes).expect("opens");
        assert_eq!(opened.text("b.xml").expect("reads"), None);
        assert_eq!(
            opened.text("a/b.xml").expect("reads").as_deref(),
            Some("<x/>")
        );
        assert_eq!(opened.text("missing.xml").expect("reads"), None);
    }

    #[test]
    fn many_entries_cannot_inflate_past_the_total_cap() {
        // Each entry is under the cap of one entry; together they are over the total.
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let zeros = vec![b'0'; 1024 * 1024];
        for index in 0..5 {
            writer
                .start_file(
                    format!("part{index}.xml"),
                    zip::write::SimpleFileOptions::default(),
                )
                .expect("entry");
            for _ in 0..60 {
                writer.write_all(&zeros).expect("write");
            }
        }
        let bytes = writer.finish().expect("finish").into_inner();
        let mut opened = Archive::open(&bytes).expect("opens");
        let mut results = (0..5).map(|index| opened.bytes(&format!("part{index}.xml")));
        for _ in 0..4 {
            assert!(matches!(results.next(), Some(Ok(Some(_)))));
        }
        let Some(Err(error)) = results.next() else {
            panic!("the fifth entry is refused");
        };
        assert!(error.to_string().contains("in all"), "{error}");
    }
}
