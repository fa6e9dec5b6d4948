//! How many files a Word package (a zip) says it holds, read from its end
//! record before `zip` indexes them all: a package of 600,000 empty entries
//! costs the index 200 MB and a second; a real .docx holds a few dozen.

use super::refused;
use crate::import::Refusal;

/// Entries a .docx may hold.
pub const MAX_ENTRIES: u64 = 10_000;

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The number of entries the end of central directory record declares
/// (its zip64 form when the short one is full), if one is found.
pub fn entries(bytes: &[u8]) -> Option<u64> {
    // The record is 22 bytes plus a comment of at most 65,535.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = from + bytes[from..].windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let short = u16_at(bytes, at + 10)?;
    if short != 0xFFFF {
        return Some(short);
    }
    // The zip64 locator sits just before, pointing at the zip64 record.
    let locator = at.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
        return Some(short);
    }
    let record = usize::try_from(u64_at(bytes, locator + 8)?).ok()?;
    if bytes.get(record..record + 4)? != b"PK\x06\x06" {
        return Some(short);
    }
    u64_at(bytes, record + 32)
}

/// Refuse a package that declares more than [`MAX_ENTRIES`] files.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    match entries(bytes) {
        Some(n) if n > MAX_ENTRIES => Err(refused(&format!(
            "Word 文档（压缩包）中的文件超过 {} 个",
            MAX_ENTRIES
        ))),
        _ => Ok(()),
    }
}
