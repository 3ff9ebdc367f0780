//! SPDY/3.1 framing as kubectl's SPDY library (moby/spdystream) speaks it: frames, and the
//! name/value header blocks compressed with zlib over the SPDY/3 dictionary, one
//! compression context per direction for the whole connection. Pure data in, data out; the
//! port-forward session (`portforward_spdy`) drives it over a byte stream.
//!
//! Header blocks we send are zlib *stored* blocks: a zlib stream without FDICT (Go's zlib
//! reader only checks the dictionary when FDICT is set) whose blocks are byte-aligned and
//! self-contained, each frame's ending with the empty stored block of a sync flush, so the
//! stream needs no compressor state beyond "the zlib header went out". Header blocks we receive are inflated with the
//! dictionary preloaded as history (miniz refuses FDICT headers itself, so the zlib header
//! is read here and the raw deflate data goes to miniz).
//!
//! Flow control: spdystream neither sends WINDOW_UPDATE nor tracks peer windows, so none is
//! sent here and received ones are ignored; TCP (or the WebSocket) carries the backpressure.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

/// The SPDY/3 header compression dictionary (draft-mbelshe-httpbis-spdy-00 §2.6.10.1).
pub const DICTIONARY: &[u8; 1423] = b"\
      \0\0\0\x07options\0\0\0\x04head\0\0\0\x04post\0\0\0\x03put\0\0\0\x06delete\0\0\0\x05trace\0\
      \0\0\x06accept\0\0\0\x0eaccept-charset\0\0\0\x0faccept-encoding\0\0\0\x0faccept-language\0\0\
      \0\x0daccept-ranges\0\0\0\x03age\0\0\0\x05allow\0\0\0\x0dauthorization\0\0\0\x0dcache-contro\
      l\0\0\0\x0aconnection\0\0\0\x0ccontent-base\0\0\0\x10content-encoding\0\0\0\x10content-langu\
      age\0\0\0\x0econtent-length\0\0\0\x10content-location\0\0\0\x0bcontent-md5\0\0\0\x0dcontent-\
      range\0\0\0\x0ccontent-type\0\0\0\x04date\0\0\0\x04etag\0\0\0\x06expect\0\0\0\x07expires\0\0\
      \0\x04from\0\0\0\x04host\0\0\0\x08if-match\0\0\0\x11if-modified-since\0\0\0\x0dif-none-match\
      \0\0\0\x08if-range\0\0\0\x13if-unmodified-since\0\0\0\x0dlast-modified\0\0\0\x08location\0\0\
      \0\x0cmax-forwards\0\0\0\x06pragma\0\0\0\x12proxy-authenticate\0\0\0\x13proxy-authorization\
      \0\0\0\x05range\0\0\0\x07referer\0\0\0\x0bretry-after\0\0\0\x06server\0\0\0\x02te\0\0\0\x07t\
      railer\0\0\0\x11transfer-encoding\0\0\0\x07upgrade\0\0\0\x0auser-agent\0\0\0\x04vary\0\0\0\
      \x03via\0\0\0\x07warning\0\0\0\x10www-authenticate\0\0\0\x06method\0\0\0\x03get\0\0\0\x06sta\
      tus\0\0\0\x06200 OK\0\0\0\x07version\0\0\0\x08HTTP/1.1\0\0\0\x03url\0\0\0\x06public\0\0\0\
      \x0aset-cookie\0\0\0\x0akeep-alive\0\0\0\x06origin100101201202205206300302303304305306307402\
      405406407408409410411412413414415416417502504505203 Non-Authoritative Information204 No Cont\
      ent301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Interna\
      l Server Error501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept\
      \x20Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,i\
      mage/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,publicpr\
      ivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

/// Adler-32 of [`DICTIONARY`]: the DICTID a peer's zlib header names.
pub const DICTIONARY_ID: u32 = 0xe3c6_a7c2;

pub const VERSION: u16 = 3;
/// Frame bodies are 24-bit lengths.
pub const MAX_LENGTH: usize = (1 << 24) - 1;

const SYN_STREAM: u16 = 1;
const SYN_REPLY: u16 = 2;
const RST_STREAM: u16 = 3;
const SETTINGS: u16 = 4;
const PING: u16 = 6;
const GOAWAY: u16 = 7;
const HEADERS: u16 = 8;
const WINDOW_UPDATE: u16 = 9;

pub const FLAG_FIN: u8 = 0x01;

/// RST_STREAM status codes used here.
pub const RST_PROTOCOL_ERROR: u32 = 1;
pub const RST_CANCEL: u32 = 5;

/// A header block: lower-case names; a name's NUL-separated values are separate entries.
pub type Headers = Vec<(String, String)>;

pub fn header<'a>(h: &'a Headers, name: &str) -> Option<&'a str> {
    h.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    SynStream {
        stream: u32,
        associated: u32,
        priority: u8,
        flags: u8,
        headers: Headers,
    },
    SynReply {
        stream: u32,
        flags: u8,
        headers: Headers,
    },
    RstStream {
        stream: u32,
        status: u32,
    },
    /// (flags, id, value) triples.
    Settings {
        flags: u8,
        entries: Vec<(u8, u32, u32)>,
    },
    Ping {
        id: u32,
    },
    GoAway {
        last_good: u32,
        status: u32,
    },
    Headers {
        stream: u32,
        flags: u8,
        headers: Headers,
    },
    WindowUpdate {
        stream: u32,
        delta: u32,
    },
    Data {
        stream: u32,
        flags: u8,
        data: Bytes,
    },
    /// A control frame of a type SPDY/3 does not define (to be ignored, per the spec).
    Unknown {
        kind: u16,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SpdyError {
    #[error("unsupported SPDY version {0}")]
    Version(u16),
    #[error("malformed {0} frame")]
    Malformed(&'static str),
    #[error("malformed header block: {0}")]
    HeaderBlock(String),
}

/// Inflates the peer's header blocks: one zlib stream for the whole connection.
pub struct HeaderDecoder {
    inflater: DecompressorOxide,
    /// Output so far, after the dictionary; the last 32 KiB are the deflate window.
    window: Vec<u8>,
    /// How much of `window` holds output (the rest is scratch space).
    filled: usize,
    /// The zlib header is still to be read.
    header_pending: bool,
}

/// Deflate's window: the history a back-reference may reach.
const WINDOW: usize = 32 * 1024;
/// Bound on one header block's inflated size.
const MAX_HEADER_BLOCK: usize = 1 << 20;

impl Default for HeaderDecoder {
    fn default() -> Self {
        HeaderDecoder {
            inflater: DecompressorOxide::new(),
            window: DICTIONARY.to_vec(),
            filled: DICTIONARY.len(),
            header_pending: true,
        }
    }
}

impl HeaderDecoder {
    /// Inflate one frame's compressed header block (all of it: the peer flushes at the end
    /// of every block) and parse the name/value pairs.
    pub fn decode(&mut self, mut block: &[u8]) -> Result<Headers, SpdyError> {
        if self.header_pending {
            block = self.read_zlib_header(block)?;
        }
        // Keep the buffer bounded: only the window is history.
        if self.filled > 4 * WINDOW {
            let drop = self.filled - WINDOW;
            self.window.copy_within(drop..self.filled, 0);
            self.filled = WINDOW;
        }
        let start = self.filled;
        let flags = inflate_flags::TINFL_FLAG_HAS_MORE_INPUT | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        loop {
            if self.window.len() < self.filled + 4096 {
                self.window.resize(self.filled + 8192, 0);
            }
            let (status, read, written) = decompress(&mut self.inflater, block, &mut self.window, self.filled, flags);
            block = &block[read..];
            self.filled += written;
            if self.filled - start > MAX_HEADER_BLOCK {
                return Err(SpdyError::HeaderBlock("more than 1 MiB of headers".into()));
            }
            match status {
                TINFLStatus::HasMoreOutput => continue,
                TINFLStatus::NeedsMoreInput if block.is_empty() => break,
                TINFLStatus::NeedsMoreInput => continue,
                TINFLStatus::Done => {
                    return Err(SpdyError::HeaderBlock("the compressed header stream ended".into()));
                }
                other => return Err(SpdyError::HeaderBlock(format!("inflate failed: {other:?}"))),
            }
        }
        parse_name_values(&self.window[start..self.filled])
    }

    fn read_zlib_header<'a>(&mut self, block: &'a [u8]) -> Result<&'a [u8], SpdyError> {
        let bad = |why: &str| SpdyError::HeaderBlock(format!("zlib header: {why}"));
        let [cmf, flg, rest @ ..] = block else { return Err(bad("truncated")) };
        if cmf & 0x0f != 8 || (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 != 0 || cmf >> 4 > 7 {
            return Err(bad("not a deflate stream"));
        }
        let rest = if flg & 0x20 != 0 {
            let Some((id, rest)) = rest.split_first_chunk::<4>() else { return Err(bad("truncated")) };
            if u32::from_be_bytes(*id) != DICTIONARY_ID {
                return Err(bad("not the SPDY/3 dictionary"));
            }
            rest
        } else {
            rest
        };
        self.header_pending = false;
        Ok(rest)
    }
}

/// Compresses our header blocks: a zlib stream of stored blocks (see the module docs).
#[derive(Default)]
pub struct HeaderEncoder {
    started: bool,
}

impl HeaderEncoder {
    pub fn encode(&mut self, headers: &Headers, out: &mut BytesMut) {
        let raw = name_values(headers);
        if !self.started {
            // CMF: deflate, 32 KiB window; FLG: no FDICT, check bits for CMF*256+FLG % 31.
            out.put_slice(&[0x78, 0x01]);
            self.started = true;
        }
        for chunk in raw.chunks(0xffff) {
            stored_block(chunk, out);
        }
        // The sync-flush marker, as zlib's Z_SYNC_FLUSH ends a block: Go's inflater hands
        // out what it has only on reaching an empty stored block; without it, it would
        // read on past the frame's end for the next block.
        stored_block(&[], out);
    }
}

/// A stored, non-final deflate block at a byte boundary: BFINAL=0 and BTYPE=00 (a zero
/// byte, padding included), then LEN and its ones' complement, little-endian, then the data.
fn stored_block(data: &[u8], out: &mut BytesMut) {
    let len = data.len() as u16;
    out.put_u8(0);
    out.put_u16_le(len);
    out.put_u16_le(!len);
    out.put_slice(data);
}

/// SPDY/3 name/value block: count, then length-prefixed names and values, all 32-bit.
/// A name's values are joined with NUL.
pub fn name_values(headers: &Headers) -> Vec<u8> {
    let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
    for (n, v) in headers {
        match grouped.iter_mut().find(|(g, _)| g == n) {
            Some((_, vs)) => vs.push(v),
            None => grouped.push((n, vec![v])),
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(&(grouped.len() as u32).to_be_bytes());
    for (n, vs) in grouped {
        let v = vs.join("\0");
        out.extend_from_slice(&(n.len() as u32).to_be_bytes());
        out.extend_from_slice(n.as_bytes());
        out.extend_from_slice(&(v.len() as u32).to_be_bytes());
        out.extend_from_slice(v.as_bytes());
    }
    out
}

pub fn parse_name_values(mut raw: &[u8]) -> Result<Headers, SpdyError> {
    let short = || SpdyError::HeaderBlock("truncated name/value block".into());
    fn take<'a>(raw: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if raw.len() < n {
            return None;
        }
        let (a, b) = raw.split_at(n);
        *raw = b;
        Some(a)
    }
    fn take_u32(raw: &mut &[u8]) -> Option<usize> {
        take(raw, 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    let count = take_u32(&mut raw).ok_or_else(short)?;
    let mut headers = Vec::new();
    for _ in 0..count {
        let n = take_u32(&mut raw).ok_or_else(short)?;
        let name = take(&mut raw, n).ok_or_else(short)?;
        let n = take_u32(&mut raw).ok_or_else(short)?;
        let value = take(&mut raw, n).ok_or_else(short)?;
        let name = String::from_utf8_lossy(name).to_lowercase();
        for v in value.split(|&b| b == 0) {
            headers.push((name.clone(), String::from_utf8_lossy(v).into_owned()));
        }
    }
    if !raw.is_empty() {
        return Err(SpdyError::HeaderBlock("bytes after the last name/value pair".into()));
    }
    Ok(headers)
}

/// Take one whole frame off the front of `buf`, if it holds one.
pub fn decode(buf: &mut BytesMut, headers: &mut HeaderDecoder) -> Result<Option<Frame>, SpdyError> {
    if buf.len() < 8 {
        return Ok(None);
    }
    let word = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]);
    let flags = buf[4];
    let length = u32::from_be_bytes([0, buf[5], buf[6], buf[7]]) as usize;
    if buf.len() < 8 + length {
        return Ok(None);
    }
    buf.advance(8);
    let mut body = buf.split_to(length).freeze();
    if word & 0x8000_0000 == 0 {
        return Ok(Some(Frame::Data { stream: word, flags, data: body }));
    }
    let version = ((word >> 16) & 0x7fff) as u16;
    if version != VERSION {
        return Err(SpdyError::Version(version));
    }
    let kind = (word & 0xffff) as u16;
    let need = |n: usize, what| if body.len() < n { Err(SpdyError::Malformed(what)) } else { Ok(()) };
    let frame = match kind {
        SYN_STREAM => {
            need(10, "SYN_STREAM")?;
            let stream = body.get_u32() & 0x7fff_ffff;
            let associated = body.get_u32() & 0x7fff_ffff;
            let priority = body.get_u8() >> 5;
            let _slot = body.get_u8();
            Frame::SynStream { stream, associated, priority, flags, headers: headers.decode(&body)? }
        }
        SYN_REPLY => {
            need(4, "SYN_REPLY")?;
            let stream = body.get_u32() & 0x7fff_ffff;
            Frame::SynReply { stream, flags, headers: headers.decode(&body)? }
        }
        HEADERS => {
            need(4, "HEADERS")?;
            let stream = body.get_u32() & 0x7fff_ffff;
            Frame::Headers { stream, flags, headers: headers.decode(&body)? }
        }
        RST_STREAM => {
            need(8, "RST_STREAM")?;
            Frame::RstStream { stream: body.get_u32() & 0x7fff_ffff, status: body.get_u32() }
        }
        SETTINGS => {
            need(4, "SETTINGS")?;
            let n = body.get_u32() as usize;
            if body.len() != n.saturating_mul(8) {
                return Err(SpdyError::Malformed("SETTINGS"));
            }
            let entries = (0..n)
                .map(|_| {
                    let id = body.get_u32();
                    ((id >> 24) as u8, id & 0x00ff_ffff, body.get_u32())
                })
                .collect();
            Frame::Settings { flags, entries }
        }
        PING => {
            need(4, "PING")?;
            Frame::Ping { id: body.get_u32() }
        }
        GOAWAY => {
            need(8, "GOAWAY")?;
            Frame::GoAway { last_good: body.get_u32() & 0x7fff_ffff, status: body.get_u32() }
        }
        WINDOW_UPDATE => {
            need(8, "WINDOW_UPDATE")?;
            Frame::WindowUpdate { stream: body.get_u32() & 0x7fff_ffff, delta: body.get_u32() & 0x7fff_ffff }
        }
        kind => Frame::Unknown { kind },
    };
    Ok(Some(frame))
}

/// Append `frame`'s bytes to `out`. Data larger than a frame can carry is split.
pub fn encode(frame: &Frame, headers: &mut HeaderEncoder, out: &mut BytesMut) {
    let control = |out: &mut BytesMut, kind: u16, flags: u8, body: &[u8]| {
        out.put_u32(0x8000_0000 | (u32::from(VERSION) << 16) | u32::from(kind));
        out.put_u32((u32::from(flags) << 24) | body.len() as u32);
        out.put_slice(body);
    };
    let mut body = BytesMut::new();
    match frame {
        Frame::SynStream { stream, associated, priority, flags, headers: h } => {
            body.put_u32(*stream);
            body.put_u32(*associated);
            body.put_u8(priority << 5);
            body.put_u8(0);
            headers.encode(h, &mut body);
            control(out, SYN_STREAM, *flags, &body);
        }
        Frame::SynReply { stream, flags, headers: h } => {
            body.put_u32(*stream);
            headers.encode(h, &mut body);
            control(out, SYN_REPLY, *flags, &body);
        }
        Frame::Headers { stream, flags, headers: h } => {
            body.put_u32(*stream);
            headers.encode(h, &mut body);
            control(out, HEADERS, *flags, &body);
        }
        Frame::RstStream { stream, status } => {
            body.put_u32(*stream);
            body.put_u32(*status);
            control(out, RST_STREAM, 0, &body);
        }
        Frame::Settings { flags, entries } => {
            body.put_u32(entries.len() as u32);
            for (f, id, value) in entries {
                body.put_u32((u32::from(*f) << 24) | (id & 0x00ff_ffff));
                body.put_u32(*value);
            }
            control(out, SETTINGS, *flags, &body);
        }
        Frame::Ping { id } => control(out, PING, 0, &id.to_be_bytes()),
        Frame::GoAway { last_good, status } => {
            body.put_u32(*last_good);
            body.put_u32(*status);
            control(out, GOAWAY, 0, &body);
        }
        Frame::WindowUpdate { stream, delta } => {
            body.put_u32(*stream);
            body.put_u32(*delta);
            control(out, WINDOW_UPDATE, 0, &body);
        }
        Frame::Data { stream, flags, data } => {
            let mut chunks = data.chunks(MAX_LENGTH).peekable();
            if chunks.peek().is_none() {
                out.put_u32(*stream & 0x7fff_ffff);
                out.put_u32(u32::from(*flags) << 24);
            }
            while let Some(chunk) = chunks.next() {
                // Only the last piece carries FIN.
                let f = if chunks.peek().is_none() { *flags } else { 0 };
                out.put_u32(*stream & 0x7fff_ffff);
                out.put_u32((u32::from(f) << 24) | chunk.len() as u32);
                out.put_slice(chunk);
            }
        }
        Frame::Unknown { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adler32(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + u32::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
    }

    fn h(pairs: &[(&str, &str)]) -> Headers {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn dictionary_is_the_spdy3_one() {
        // The DICTID every SPDY/3 zlib stream names (`78 .. e3 c6 a7 c2`), and the
        // dictionary's known shape: length-prefixed words, then the status and date text.
        assert_eq!(adler32(DICTIONARY), DICTIONARY_ID);
        assert!(DICTIONARY.starts_with(b"\0\0\0\x07options\0\0\0\x04head"));
        assert!(DICTIONARY.ends_with(b"charset=iso-8859-1,utf-,*,enq=0."));
    }

    /// Header blocks as Go's (and C zlib's) compressor writes them: best compression with
    /// the dictionary, FDICT set, a sync flush per block, one stream across blocks. The
    /// second block back-references the first, so the shared context is exercised.
    #[test]
    fn decoder_inflates_dictionary_compressed_blocks_across_frames() {
        let first = hex(
            "78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45e01c6061606100a4398b20d198094ade8c0600000000ffff",
        );
        let second = hex("c2aa19540e2512d60b000000ffff");
        let mut d = HeaderDecoder::default();
        assert_eq!(
            d.decode(&first).expect("first block"),
            h(&[("streamtype", "error"), ("port", "8080"), ("requestid", "0")])
        );
        assert_eq!(
            d.decode(&second).expect("second block"),
            h(&[("streamtype", "data"), ("port", "8080"), ("requestid", "0")])
        );
    }

    /// The first bytes real kubectl (1.33, plain SPDY) sent for `port-forward pod/echo
    /// 28765:18765`: the error stream's SYN_STREAM, its FIN (kubectl only reads errors),
    /// then the data stream's SYN_STREAM, whose header block reuses the first's context.
    #[test]
    fn decodes_what_kubectl_sends() {
        let wire = hex(concat!(
            "800300010000003f0000000100000000000078f9e3c6a7c202253a48f95b044aabac8616e666a0e286b308",
            "126199a084cc68004e8a2545a989b9d0d2863515141700000000ffff",
            "0000000101000000",
            "800300010000001a0000000300000000000082ea469502154489449809000000ffff",
        ));
        let mut buf = BytesMut::from(&wire[..]);
        let mut dec = HeaderDecoder::default();
        let mut frames = Vec::new();
        while let Some(f) = decode(&mut buf, &mut dec).expect("decodes") {
            frames.push(f);
        }
        let sorted = |mut h: Headers| {
            h.sort();
            h
        };
        let [first, fin, second] = &frames[..] else { panic!("three frames: {frames:?}") };
        let Frame::SynStream { stream: 1, associated: 0, flags: 0, headers, .. } = first else { panic!("{first:?}") };
        assert_eq!(sorted(headers.clone()), h(&[("port", "18765"), ("requestid", "0"), ("streamtype", "error")]));
        assert_eq!(fin, &Frame::Data { stream: 1, flags: FLAG_FIN, data: Bytes::new() });
        let Frame::SynStream { stream: 3, flags: 0, headers, .. } = second else { panic!("{second:?}") };
        assert_eq!(sorted(headers.clone()), h(&[("port", "18765"), ("requestid", "0"), ("streamtype", "data")]));
    }

    #[test]
    fn decoder_refuses_another_dictionary() {
        let mut block = hex("78f9e3c6a7c3");
        block.extend_from_slice(&[0, 0, 0, 0xff, 0xff]);
        let err = HeaderDecoder::default().decode(&block).expect_err("wrong dictionary");
        assert_eq!(err, SpdyError::HeaderBlock("zlib header: not the SPDY/3 dictionary".into()));
    }

    #[test]
    fn decoder_keeps_a_bounded_window_over_a_long_connection() {
        let mut enc = HeaderEncoder::default();
        let mut dec = HeaderDecoder::default();
        let headers = h(&[("streamtype", "data"), ("port", "8080"), ("requestid", "12345")]);
        for _ in 0..5000 {
            let mut block = BytesMut::new();
            enc.encode(&headers, &mut block);
            assert_eq!(dec.decode(&block).expect("block"), headers);
        }
        assert!(dec.window.len() <= 4 * WINDOW + 16 * 1024, "{}", dec.window.len());
    }

    #[test]
    fn encoder_starts_a_zlib_stream_without_a_preset_dictionary() {
        let mut enc = HeaderEncoder::default();
        let mut first = BytesMut::new();
        enc.encode(&Vec::new(), &mut first);
        // 0x78 0x01: deflate, FDICT clear, valid check bits; then one stored block of the
        // empty name/value block (a zero count), then the sync flush's empty stored block.
        let block = [0, 4, 0, 0xfb, 0xff, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
        assert_eq!(first[..2], [0x78, 0x01]);
        assert_eq!(first[2..], block);
        assert_eq!((0x78u32 * 256 + 0x01) % 31, 0);
        let mut second = BytesMut::new();
        enc.encode(&Vec::new(), &mut second);
        assert_eq!(second[..], block);
    }

    fn round_trip(frames: &[Frame]) {
        let mut enc = HeaderEncoder::default();
        let mut wire = BytesMut::new();
        for f in frames {
            spdy_encode(f, &mut enc, &mut wire);
        }
        let mut dec = HeaderDecoder::default();
        let mut got = Vec::new();
        // Byte by byte: nothing decodes before a frame is whole.
        let mut buf = BytesMut::new();
        for b in wire {
            buf.put_u8(b);
            while let Some(f) = decode(&mut buf, &mut dec).expect("decodes") {
                got.push(f);
            }
        }
        assert!(buf.is_empty());
        assert_eq!(got, frames);
    }

    fn spdy_encode(f: &Frame, enc: &mut HeaderEncoder, out: &mut BytesMut) {
        encode(f, enc, out);
    }

    #[test]
    fn frames_round_trip() {
        let headers = h(&[("streamtype", "error"), ("port", "80"), ("requestid", "7")]);
        round_trip(&[
            Frame::SynStream { stream: 1, associated: 0, priority: 0, flags: 0, headers: headers.clone() },
            Frame::SynReply { stream: 1, flags: 0, headers: Vec::new() },
            Frame::SynStream { stream: 3, associated: 0, priority: 7, flags: FLAG_FIN, headers: headers.clone() },
            Frame::Headers { stream: 3, flags: FLAG_FIN, headers: h(&[("a", "1"), ("a", "2")]) },
            Frame::Data { stream: 3, flags: 0, data: Bytes::from_static(b"hello") },
            Frame::Data { stream: 3, flags: FLAG_FIN, data: Bytes::new() },
            Frame::RstStream { stream: 3, status: RST_CANCEL },
            Frame::Settings { flags: 0, entries: vec![(0, 4, 1000), (1, 7, 65536)] },
            Frame::Ping { id: 1 },
            Frame::WindowUpdate { stream: 1, delta: 4096 },
            Frame::GoAway { last_good: 3, status: 0 },
        ]);
    }

    #[test]
    fn multi_valued_headers_are_joined_with_nul() {
        let raw = name_values(&h(&[("a", "1"), ("b", "x"), ("a", "2")]));
        assert_eq!(raw, b"\0\0\0\x02\0\0\0\x01a\0\0\0\x031\x002\0\0\0\x01b\0\0\0\x01x");
        assert_eq!(parse_name_values(&raw).expect("parses"), h(&[("a", "1"), ("a", "2"), ("b", "x")]));
        assert!(parse_name_values(&raw[..raw.len() - 1]).is_err());
    }

    #[test]
    fn data_frame_header_layout() {
        let mut out = BytesMut::new();
        encode(
            &Frame::Data { stream: 5, flags: FLAG_FIN, data: Bytes::from_static(b"ab") },
            &mut HeaderEncoder::default(),
            &mut out,
        );
        assert_eq!(&out[..], &[0, 0, 0, 5, 1, 0, 0, 2, b'a', b'b']);
        let mut out = BytesMut::new();
        encode(&Frame::Ping { id: 9 }, &mut HeaderEncoder::default(), &mut out);
        assert_eq!(&out[..], &[0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 9]);
    }

    #[test]
    fn unknown_versions_and_short_frames_are_errors() {
        let mut dec = HeaderDecoder::default();
        let mut buf = BytesMut::from(&[0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1][..]);
        assert_eq!(decode(&mut buf, &mut dec), Err(SpdyError::Version(2)));
        let mut buf = BytesMut::from(&[0x80, 3, 0, 3, 0, 0, 0, 4, 0, 0, 0, 1][..]);
        assert_eq!(decode(&mut buf, &mut dec), Err(SpdyError::Malformed("RST_STREAM")));
        let mut buf = BytesMut::from(&[0x80, 3, 0, 0x0b, 0, 0, 0, 0][..]);
        assert_eq!(decode(&mut buf, &mut dec), Ok(Some(Frame::Unknown { kind: 0x0b })));
    }
}
