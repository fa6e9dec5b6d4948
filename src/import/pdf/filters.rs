//! A PDF stream's filter chain decoded only as far as a bound: each filter
//! lopdf would apply (Flate, LZW, ASCII85, and ASCIIHex and RunLength for
//! good measure), in the order the stream lists them, writing into a buffer
//! that refuses to grow past the bound. Nothing past the bound is kept, so
//! measuring a bomb costs at most the bound in memory.

use std::io::{Read, Write};

/// Bytes written past the bound.
#[derive(Debug)]
pub(super) struct Over;

/// A buffer that counts what is written and keeps it only when asked
/// (the chain's last filter is only measured).
struct Capped {
    kept: Option<Vec<u8>>,
    len: u64,
    cap: u64,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.len += buf.len() as u64;
        if self.len > self.cap {
            return Err(std::io::Error::other("over the bound"));
        }
        if let Some(kept) = &mut self.kept {
            kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What one filter does to its input, if it is one lopdf decodes.
fn stage(filter: &[u8], early_change: bool, input: &[u8], out: &mut Capped) -> Option<()> {
    match filter {
        b"FlateDecode" | b"Fl" => {
            // As lopdf: zlib, else raw deflate past the two-byte header.
            let before = out.len;
            let zlib = copy(flate2::read::ZlibDecoder::new(input), out);
            if zlib.is_err() && out.len == before && input.len() > 2 {
                copy(flate2::read::DeflateDecoder::new(&input[2..]), out).ok()?;
            } else {
                zlib.ok()?;
            }
        }
        b"LZWDecode" | b"LZW" => {
            use weezl::{decode::Decoder, BitOrder};
            let mut decoder = if early_change {
                Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
            } else {
                Decoder::new(BitOrder::Msb, 8)
            };
            let result = decoder.into_stream(&mut *out).decode_all(input);
            if out.len > out.cap {
                return None;
            }
            let _ = result.status;
        }
        b"ASCII85Decode" | b"A85" => ascii85(input, out).ok()?,
        b"ASCIIHexDecode" | b"AHx" => {
            let digits: Vec<u8> = input
                .iter()
                .take_while(|&&c| c != b'>')
                .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                .collect();
            for pair in digits.chunks(2) {
                let byte = pair[0] << 4 | pair.get(1).copied().unwrap_or(0);
                out.write_all(&[byte]).ok()?;
            }
        }
        b"RunLengthDecode" | b"RL" => {
            let mut i = 0;
            while i < input.len() && input[i] != 128 {
                let n = input[i] as usize;
                if n < 128 {
                    let run = input.get(i + 1..i + 2 + n)?;
                    out.write_all(run).ok()?;
                    i += 2 + n;
                } else {
                    let byte = *input.get(i + 1)?;
                    out.write_all(&vec![byte; 257 - n]).ok()?;
                    i += 2;
                }
            }
        }
        // Images (DCT, JPX, CCITT, JBIG2) and unknown filters: lopdf does
        // not decode them, nothing inflates.
        _ => return None,
    }
    Some(())
}

/// Copy a decoder's output into `out` until its end, an error in the data
/// (what came before it counts, as lopdf keeps it) or the bound.
fn copy(mut reader: impl Read, out: &mut Capped) -> Result<(), ()> {
    let mut buf = [0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => out.write_all(&buf[..n]).map_err(|_| ())?,
            Err(_) => return Err(()),
        }
    }
}

fn ascii85(input: &[u8], out: &mut Capped) -> std::io::Result<()> {
    let (mut group, mut count) = (0u64, 0);
    for &c in input {
        match c {
            b'~' => break,
            b'z' if count == 0 => out.write_all(&[0; 4])?,
            b'!'..=b'u' => {
                group = group * 85 + u64::from(c - b'!');
                count += 1;
                if count == 5 {
                    out.write_all(&(group as u32).to_be_bytes())?;
                    (group, count) = (0, 0);
                }
            }
            c if c.is_ascii_whitespace() => {}
            _ => break,
        }
    }
    if count > 1 {
        for _ in count..5 {
            group = group * 85 + 84;
        }
        out.write_all(&(group as u32).to_be_bytes()[..count - 1])?;
    }
    Ok(())
}

/// How many bytes a stream's data decodes to through `filters`, stopping
/// at the first filter lopdf would not decode; [`Over`] past `cap`.
pub(super) fn decoded_len(
    filters: &[&[u8]],
    early_change: bool,
    data: &[u8],
    cap: u64,
) -> Result<u64, Over> {
    decode(filters, early_change, data, cap, false).map(|(len, _)| len)
}

/// The bytes a stream's data decodes to (at most `cap` of them are kept).
pub(super) fn decoded(
    filters: &[&[u8]],
    early_change: bool,
    data: &[u8],
    cap: u64,
) -> Result<Vec<u8>, Over> {
    let (_, kept) = decode(filters, early_change, data, cap, true)?;
    Ok(kept.unwrap_or_else(|| data.to_vec()))
}

/// The chain decoded stage by stage; the last stage's output kept only
/// when asked (`keep`).
fn decode(
    filters: &[&[u8]],
    early_change: bool,
    data: &[u8],
    cap: u64,
    keep: bool,
) -> Result<(u64, Option<Vec<u8>>), Over> {
    let mut input: Vec<u8>;
    let mut current: &[u8] = data;
    let mut result = (data.len() as u64, None);
    for (i, filter) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        let mut out = Capped {
            kept: (keep || !last).then(Vec::new),
            len: 0,
            cap,
        };
        let decoded = stage(filter, early_change, current, &mut out);
        if out.len > cap {
            return Err(Over);
        }
        if decoded.is_none() && out.len == 0 {
            break;
        }
        match out.kept {
            Some(kept) if !last => {
                input = kept;
                current = &input;
                result = (out.len, None);
            }
            kept => {
                result = (out.len, kept);
                break;
            }
        }
    }
    if keep && result.1.is_none() {
        result.1 = Some(current.to_vec());
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_decode_in_order_and_stop_at_the_bound() {
        let hex = b"48656C6C6F>";
        assert_eq!(
            decoded_len(&[b"ASCIIHexDecode"], true, hex, 100).unwrap(),
            5
        );
        // RunLength: 257 - 129 = 128 copies of one byte, twice.
        let rl = [129u8, b' ', 129, b' ', 128];
        assert_eq!(decoded_len(&[b"RL"], true, &rl, 1000).unwrap(), 256);
        assert!(decoded_len(&[b"RL"], true, &rl, 200).is_err());
        // ASCII85 `z` is four zero bytes.
        assert_eq!(decoded_len(&[b"A85"], true, b"zzz~>", 100).unwrap(), 12);
        // Hex of RunLength: the chain's second filter inflates.
        let chain = b"81208120 80>";
        assert_eq!(
            decoded_len(&[b"AHx", b"RunLengthDecode"], true, chain, 1000).unwrap(),
            256
        );
    }
}
