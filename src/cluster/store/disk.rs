//! The durable backend: a checksummed write-ahead log in segments, plus snapshots.
//!
//! ```text
//!   <dir>/FORMAT                  "kx-store 1"; a newer or unknown format is refused
//!   <dir>/LOCK                    held (flock) while a process has the store open
//!   <dir>/wal/<first-rev>.wal     header, then frames: [len u32][crc32c u32][record]
//!   <dir>/snap/<rev>.snap         live keys at <rev>, with a trailing crc32c
//! ```
//! A record is one committed write: `1 rev key value` (put) or `2 rev key` (delete), with
//! little-endian integers and u32 length prefixes. Appends are fsynced (fdatasync) before the
//! store acknowledges them; one append carries a whole group-committed batch.
//!
//! Recovery loads the newest snapshot and replays the log after it. A frame cut short at the
//! end of the last segment (the process or machine died mid-append, so it was never
//! acknowledged) is dropped and reported; any other damage is refused as corruption.

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use bytes::Bytes;

use super::engine::{Engine, Recovered};
use super::mvcc::Mutation;
use super::{KeyValue, StoreError};

const FORMAT_VERSION: u32 = 1;
const WAL_MAGIC: &[u8; 8] = b"kxwal\0\0\0";
const SNAP_MAGIC: &[u8; 8] = b"kxsnap\0\0";
/// magic, format version, first revision, crc32c of the preceding bytes.
const WAL_HEADER_LEN: usize = 8 + 4 + 8 + 4;
/// Frames larger than this are damage, not data (objects are capped far below it).
const MAX_FRAME: usize = 64 << 20;

const TAG_PUT: u8 = 1;
const TAG_DELETE: u8 = 2;

struct Segment {
    path: PathBuf,
    file: File,
}

pub struct DiskEngine {
    dir: PathBuf,
    _lock: File,
    segment_bytes: u64,
    current: Option<Segment>,
    since_snapshot: u64,
    snapshot_job: Option<JoinHandle<Result<(), StoreError>>>,
    poisoned: Option<String>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(io_err(dir))
}

fn corrupt(path: &Path, detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt { path: path.to_path_buf(), detail: detail.into() }
}

impl DiskEngine {
    pub fn open(dir: &Path, segment_bytes: u64) -> Result<DiskEngine, StoreError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let format_path = dir.join("FORMAT");
        match fs::read_to_string(&format_path) {
            Ok(text) => check_format(&format_path, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if dir.join("wal").exists() || dir.join("snap").exists() {
                    return Err(corrupt(dir, "the FORMAT file is missing but data is present"));
                }
                let tmp = dir.join("FORMAT.tmp");
                fs::write(&tmp, format!("kx-store {FORMAT_VERSION}\n")).map_err(io_err(&tmp))?;
                File::open(&tmp).and_then(|f| f.sync_all()).map_err(io_err(&tmp))?;
                fs::rename(&tmp, &format_path).map_err(io_err(&format_path))?;
                sync_dir(dir)?;
            }
            Err(e) => return Err(StoreError::Io { path: format_path, source: e }),
        }
        let lock_path = dir.join("LOCK");
        let lock =
            OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(io_err(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(StoreError::Locked { path: dir.to_path_buf() }),
            Err(fs::TryLockError::Error(e)) => return Err(StoreError::Io { path: lock_path, source: e }),
        }
        for sub in ["wal", "snap"] {
            let p = dir.join(sub);
            fs::create_dir_all(&p).map_err(io_err(&p))?;
        }
        Ok(DiskEngine {
            dir: dir.to_path_buf(),
            _lock: lock,
            segment_bytes,
            current: None,
            since_snapshot: 0,
            snapshot_job: None,
            poisoned: None,
        })
    }

    fn wal_dir(&self) -> PathBuf {
        self.dir.join("wal")
    }

    fn snap_dir(&self) -> PathBuf {
        self.dir.join("snap")
    }

    /// Create and durably initialise the segment whose first record will be `first`.
    fn new_segment(&self, first: u64) -> Result<Segment, StoreError> {
        let path = self.wal_dir().join(format!("{first:016x}.wal"));
        let mut file = OpenOptions::new().create_new(true).append(true).open(&path).map_err(io_err(&path))?;
        let mut header = Vec::with_capacity(WAL_HEADER_LEN);
        header.extend_from_slice(WAL_MAGIC);
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        header.extend_from_slice(&first.to_le_bytes());
        let crc = crc32c::crc32c(&header);
        header.extend_from_slice(&crc.to_le_bytes());
        file.write_all(&header).and_then(|_| file.sync_all()).map_err(io_err(&path))?;
        sync_dir(&self.wal_dir())?;
        Ok(Segment { path, file })
    }

    fn finish_snapshot_job(&mut self) {
        if let Some(job) = self.snapshot_job.take() {
            match job.join() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "store: snapshot failed; the log is kept"),
                Err(_) => tracing::error!("store: snapshot thread panicked; the log is kept"),
            }
        }
    }
}

fn check_format(path: &Path, text: &str) -> Result<(), StoreError> {
    let unsupported = || StoreError::UnsupportedFormat {
        path: path.to_path_buf(),
        found: text.trim().to_string(),
        supported: FORMAT_VERSION,
    };
    let version = text.trim().strip_prefix("kx-store ").and_then(|v| v.parse::<u32>().ok()).ok_or_else(unsupported)?;
    if version != FORMAT_VERSION {
        return Err(unsupported());
    }
    Ok(())
}

/// Files named `<16 hex digits>.<ext>` in `dir`, sorted by that number.
fn numbered_files(dir: &Path, ext: &str) -> Result<Vec<(u64, PathBuf)>, StoreError> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        let path = entry.map_err(io_err(dir))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(stem) = name.strip_suffix(ext).and_then(|s| s.strip_suffix('.')) else { continue };
        if let Ok(n) = u64::from_str_radix(stem, 16) {
            out.push((n, path));
        }
    }
    out.sort();
    Ok(out)
}

pub(super) fn encode_record(buf: &mut Vec<u8>, revision: u64, m: &Mutation) {
    let start = buf.len();
    buf.extend_from_slice(&[0; 8]);
    match m {
        Mutation::Put { key, value } => {
            buf.push(TAG_PUT);
            buf.extend_from_slice(&revision.to_le_bytes());
            put_bytes(buf, key);
            put_bytes(buf, value);
        }
        Mutation::Delete { key } => {
            buf.push(TAG_DELETE);
            buf.extend_from_slice(&revision.to_le_bytes());
            put_bytes(buf, key);
        }
    }
    let len = (buf.len() - start - 8) as u32;
    let crc = crc32c::crc32c(&buf[start + 8..]);
    buf[start..start + 4].copy_from_slice(&len.to_le_bytes());
    buf[start + 4..start + 8].copy_from_slice(&crc.to_le_bytes());
}

fn put_bytes(buf: &mut Vec<u8>, b: &[u8]) {
    buf.extend_from_slice(&(b.len() as u32).to_le_bytes());
    buf.extend_from_slice(b);
}

/// A cursor over a byte slice that fails instead of panicking on short input.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    fn bytes(&mut self, owner: &Bytes) -> Option<Bytes> {
        let n = self.u32()? as usize;
        let start = self.pos;
        self.take(n)?;
        Some(owner.slice(start..start + n))
    }
    fn done(&self) -> bool {
        self.pos == self.buf.len()
    }
}

fn decode_record(payload: Bytes) -> Option<(u64, Mutation)> {
    let mut r = Reader { buf: &payload, pos: 0 };
    let tag = r.u8()?;
    let revision = r.u64()?;
    let key = r.bytes(&payload)?;
    let m = match tag {
        TAG_PUT => Mutation::Put { key, value: r.bytes(&payload)? },
        TAG_DELETE => Mutation::Delete { key },
        _ => return None,
    };
    r.done().then_some((revision, m))
}

/// How reading a segment's frames ended.
#[derive(Debug, PartialEq)]
enum Tail {
    Clean,
    /// Unreadable from this offset to the end of the file, in a way a crash mid-append
    /// leaves: a frame cut short, a last frame that fails its checksum, or zeros.
    Torn(usize),
    /// Damage with readable data after it, or a bad record inside a good checksum.
    Corrupt(usize, String),
}

/// Parse the frames of a segment body from `pos`.
fn read_frames(data: &Bytes, mut pos: usize) -> (Vec<(u64, Mutation)>, Tail) {
    let mut out = Vec::new();
    while pos < data.len() {
        let rest = &data[pos..];
        let torn_or_corrupt = |why: &str| {
            if rest.iter().all(|&b| b == 0) { Tail::Torn(pos) } else { Tail::Corrupt(pos, why.to_string()) }
        };
        if rest.len() < 8 {
            return (out, Tail::Torn(pos));
        }
        let len = u32::from_le_bytes(rest[0..4].try_into().expect("4 bytes")) as usize;
        let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        if len == 0 || len > MAX_FRAME {
            return (out, torn_or_corrupt("invalid frame length"));
        }
        if rest.len() < 8 + len {
            return (out, Tail::Torn(pos));
        }
        let payload = data.slice(pos + 8..pos + 8 + len);
        if crc32c::crc32c(&payload) != crc {
            // Only the very last frame may be a torn write; damage before good data is not.
            let last = rest.len() == 8 + len;
            return (out, if last { Tail::Torn(pos) } else { torn_or_corrupt("checksum mismatch") });
        }
        match decode_record(payload) {
            Some(rec) => out.push(rec),
            None => return (out, Tail::Corrupt(pos, "undecodable record".into())),
        }
        pos += 8 + len;
    }
    (out, Tail::Clean)
}

fn read_wal_header(path: &Path, data: &[u8]) -> Result<u64, StoreError> {
    let h = &data[..WAL_HEADER_LEN];
    if &h[0..8] != WAL_MAGIC {
        return Err(corrupt(path, "not a kx log segment (bad magic)"));
    }
    let crc = u32::from_le_bytes(h[20..24].try_into().expect("4 bytes"));
    if crc32c::crc32c(&h[..20]) != crc {
        return Err(corrupt(path, "segment header checksum mismatch"));
    }
    let version = u32::from_le_bytes(h[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(StoreError::UnsupportedFormat {
            path: path.to_path_buf(),
            found: format!("log segment version {version}"),
            supported: FORMAT_VERSION,
        });
    }
    Ok(u64::from_le_bytes(h[12..20].try_into().expect("8 bytes")))
}

fn load_snapshot(path: &Path) -> Result<(u64, Vec<KeyValue>), StoreError> {
    let data = Bytes::from(fs::read(path).map_err(io_err(path))?);
    if data.len() < 8 + 4 + 8 + 8 + 4 {
        return Err(corrupt(path, "snapshot is truncated"));
    }
    let body_len = data.len() - 4;
    let crc = u32::from_le_bytes(data[body_len..].try_into().expect("4 bytes"));
    if crc32c::crc32c(&data[..body_len]) != crc {
        return Err(corrupt(path, "snapshot checksum mismatch"));
    }
    let body = data.slice(..body_len);
    let mut r = Reader { buf: &body, pos: 0 };
    let bad = || corrupt(path, "snapshot structure is invalid");
    if r.take(8).ok_or_else(bad)? != SNAP_MAGIC {
        return Err(corrupt(path, "not a kx snapshot (bad magic)"));
    }
    let version = r.u32().ok_or_else(bad)?;
    if version != FORMAT_VERSION {
        return Err(StoreError::UnsupportedFormat {
            path: path.to_path_buf(),
            found: format!("snapshot version {version}"),
            supported: FORMAT_VERSION,
        });
    }
    let revision = r.u64().ok_or_else(bad)?;
    let count = r.u64().ok_or_else(bad)?;
    let mut entries = Vec::with_capacity(count.min(1 << 24) as usize);
    for _ in 0..count {
        let key = r.bytes(&body).ok_or_else(bad)?;
        let value = r.bytes(&body).ok_or_else(bad)?;
        let create_revision = r.u64().ok_or_else(bad)?;
        let mod_revision = r.u64().ok_or_else(bad)?;
        let version = r.u64().ok_or_else(bad)?;
        entries.push(KeyValue { key, value, create_revision, mod_revision, version });
    }
    if !r.done() {
        return Err(bad());
    }
    Ok((revision, entries))
}

/// A writer that checksums what passes through it.
struct CrcWriter<W> {
    inner: W,
    crc: u32,
}

impl<W: Write> Write for CrcWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc = crc32c::crc32c_append(self.crc, &buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn write_snapshot(snap_dir: &Path, revision: u64, entries: &[KeyValue]) -> Result<PathBuf, StoreError> {
    let path = snap_dir.join(format!("{revision:016x}.snap"));
    let tmp = snap_dir.join(format!("{revision:016x}.snap.tmp"));
    let file = File::create(&tmp).map_err(io_err(&tmp))?;
    let mut w = CrcWriter { inner: BufWriter::with_capacity(1 << 20, file), crc: 0 };
    let result: std::io::Result<()> = (|| {
        w.write_all(SNAP_MAGIC)?;
        w.write_all(&FORMAT_VERSION.to_le_bytes())?;
        w.write_all(&revision.to_le_bytes())?;
        w.write_all(&(entries.len() as u64).to_le_bytes())?;
        for kv in entries {
            w.write_all(&(kv.key.len() as u32).to_le_bytes())?;
            w.write_all(&kv.key)?;
            w.write_all(&(kv.value.len() as u32).to_le_bytes())?;
            w.write_all(&kv.value)?;
            w.write_all(&kv.create_revision.to_le_bytes())?;
            w.write_all(&kv.mod_revision.to_le_bytes())?;
            w.write_all(&kv.version.to_le_bytes())?;
        }
        let crc = w.crc;
        w.inner.write_all(&crc.to_le_bytes())?;
        let file = w.inner.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    })();
    result.map_err(io_err(&tmp))?;
    fs::rename(&tmp, &path).map_err(io_err(&path))?;
    sync_dir(snap_dir)?;
    Ok(path)
}

impl Engine for DiskEngine {
    fn recover(&mut self) -> Result<Recovered, StoreError> {
        let mut rec = Recovered::default();
        let snap_dir = self.snap_dir();
        for entry in fs::read_dir(&snap_dir).map_err(io_err(&snap_dir))? {
            let p = entry.map_err(io_err(&snap_dir))?.path();
            if p.extension().is_some_and(|e| e == "tmp") {
                // An unfinished snapshot: never renamed into place, so never relied on.
                let _ = fs::remove_file(&p);
            }
        }
        let snaps = numbered_files(&snap_dir, "snap")?;
        if let Some((_, path)) = snaps.last() {
            let (revision, entries) = load_snapshot(path)?;
            rec.revision = revision;
            rec.entries = entries;
        }

        let segments = numbered_files(&self.wal_dir(), "wal")?;
        let mut expected = rec.revision + 1;
        let mut last_open: Option<PathBuf> = None;
        for (i, (first, path)) in segments.iter().enumerate() {
            let is_last = i + 1 == segments.len();
            // Segments wholly covered by the snapshot are left over from a crash before
            // their deletion.
            if let Some((next_first, _)) = segments.get(i + 1)
                && *next_first <= rec.revision + 1
            {
                let _ = fs::remove_file(path);
                continue;
            }
            let data = Bytes::from(fs::read(path).map_err(io_err(path))?);
            if data.len() < WAL_HEADER_LEN {
                if is_last {
                    // Created but never initialised: no record was ever written to it.
                    rec.notes.push(format!("removed an unfinished log segment {}", path.display()));
                    fs::remove_file(path).map_err(io_err(path))?;
                    continue;
                }
                return Err(corrupt(path, "segment header is truncated"));
            }
            let header_first = read_wal_header(path, &data)?;
            if header_first != *first {
                return Err(corrupt(path, format!("segment header says it starts at revision {header_first}")));
            }
            if *first > expected {
                return Err(corrupt(path, format!("log is missing revisions {expected}..{first}")));
            }
            let (records, tail) = read_frames(&data, WAL_HEADER_LEN);
            let mut valid_end = data.len();
            match tail {
                Tail::Clean => {}
                Tail::Torn(at) if is_last => {
                    rec.notes.push(format!(
                        "dropped an incomplete write at the end of {} (offset {at}, {} bytes): it was never acknowledged",
                        path.display(),
                        data.len() - at
                    ));
                    valid_end = at;
                }
                Tail::Torn(at) => {
                    return Err(corrupt(
                        path,
                        format!("log segment is cut short at offset {at}, and later segments exist"),
                    ));
                }
                Tail::Corrupt(at, why) => return Err(corrupt(path, format!("{why} at offset {at}"))),
            }
            for (revision, m) in records {
                if revision < expected {
                    continue;
                }
                if revision != expected {
                    return Err(corrupt(path, format!("log jumps from revision {} to {revision}", expected - 1)));
                }
                rec.records.push((revision, m));
                expected += 1;
            }
            if valid_end < data.len() {
                let f = OpenOptions::new().write(true).open(path).map_err(io_err(path))?;
                f.set_len(valid_end as u64).and_then(|_| f.sync_all()).map_err(io_err(path))?;
            }
            if is_last {
                last_open = Some(path.clone());
            }
        }
        self.current = match last_open {
            Some(path) => {
                let file = OpenOptions::new().append(true).open(&path).map_err(io_err(&path))?;
                Some(Segment { path, file })
            }
            None => Some(self.new_segment(expected)?),
        };
        Ok(rec)
    }

    fn append(&mut self, records: &[(u64, Mutation)]) -> Result<(), StoreError> {
        if let Some(msg) = &self.poisoned {
            return Err(StoreError::Failed(msg.clone()));
        }
        let seg = self.current.as_mut().ok_or_else(|| StoreError::Failed("the log is not open".into()))?;
        let mut buf = Vec::with_capacity(
            records
                .iter()
                .map(|(_, m)| {
                    32 + m.key().len()
                        + match m {
                            Mutation::Put { value, .. } => value.len(),
                            Mutation::Delete { .. } => 0,
                        }
                })
                .sum(),
        );
        for (revision, m) in records {
            encode_record(&mut buf, *revision, m);
        }
        // After a failed write or fsync the file's contents are unknown (and on Linux a
        // retried fsync can falsely succeed), so the log refuses everything after it.
        if let Err(e) = seg.file.write_all(&buf).and_then(|_| seg.file.sync_data()) {
            let err = StoreError::Io { path: seg.path.clone(), source: e };
            self.poisoned = Some(err.to_string());
            return Err(err);
        }
        self.since_snapshot += buf.len() as u64;
        Ok(())
    }

    fn snapshot_due(&self) -> bool {
        self.since_snapshot >= self.segment_bytes
    }

    fn snapshot(&mut self, revision: u64, entries: Vec<KeyValue>) -> Result<(), StoreError> {
        self.finish_snapshot_job();
        // New writes go to a fresh segment; everything before it is covered by the snapshot
        // once that is durable, and only then deleted.
        let next = self.new_segment(revision + 1)?;
        let sealed: Vec<PathBuf> = numbered_files(&self.wal_dir(), "wal")?
            .into_iter()
            .filter(|(first, _)| *first <= revision)
            .map(|(_, p)| p)
            .collect();
        self.current = Some(next);
        self.since_snapshot = 0;
        let snap_dir = self.snap_dir();
        let wal_dir = self.wal_dir();
        let job = std::thread::Builder::new()
            .name("kx-store-snapshot".into())
            .spawn(move || {
                let path = write_snapshot(&snap_dir, revision, &entries)?;
                for (_, old) in numbered_files(&snap_dir, "snap")? {
                    if old != path {
                        fs::remove_file(&old).map_err(io_err(&old))?;
                    }
                }
                for p in sealed {
                    fs::remove_file(&p).map_err(io_err(&p))?;
                }
                sync_dir(&wal_dir)?;
                sync_dir(&snap_dir)
            })
            .map_err(|source| StoreError::Io { path: self.dir.clone(), source })?;
        self.snapshot_job = Some(job);
        Ok(())
    }

    fn close(&mut self) -> Result<(), StoreError> {
        self.finish_snapshot_job();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(rev: u64, k: &str, v: &str) -> (u64, Mutation) {
        (rev, Mutation::Put { key: Bytes::copy_from_slice(k.as_bytes()), value: Bytes::copy_from_slice(v.as_bytes()) })
    }

    fn frames(recs: &[(u64, Mutation)]) -> Vec<u8> {
        let mut buf = Vec::new();
        for (r, m) in recs {
            encode_record(&mut buf, *r, m);
        }
        buf
    }

    #[test]
    fn records_round_trip() {
        let recs = vec![put(1, "a", "x"), (2, Mutation::Delete { key: Bytes::from_static(b"a") }), put(3, "", "")];
        let data = Bytes::from(frames(&recs));
        let (got, tail) = read_frames(&data, 0);
        assert_eq!(tail, Tail::Clean);
        assert_eq!(got.len(), 3);
        assert!(matches!(&got[1], (2, Mutation::Delete { key }) if &key[..] == b"a"));
    }

    #[test]
    fn read_frames_short_last_frame_is_torn() {
        let mut data = frames(&[put(1, "a", "x"), put(2, "b", "y")]);
        data.truncate(data.len() - 3);
        let (got, tail) = read_frames(&Bytes::from(data), 0);
        assert_eq!(got.len(), 1);
        assert!(matches!(tail, Tail::Torn(_)));
    }

    #[test]
    fn read_frames_flipped_byte_before_good_data_is_corruption() {
        let one = frames(&[put(1, "a", "x")]);
        let mut data = frames(&[put(1, "a", "x"), put(2, "b", "y")]);
        data[one.len() - 1] ^= 0x40;
        let (got, tail) = read_frames(&Bytes::from(data), 0);
        assert!(got.is_empty());
        assert!(matches!(tail, Tail::Corrupt(0, _)), "{tail:?}");
    }

    #[test]
    fn read_frames_zeroed_tail_is_torn() {
        let mut data = frames(&[put(1, "a", "x")]);
        data.extend_from_slice(&[0; 100]);
        let (got, tail) = read_frames(&Bytes::from(data), 0);
        assert_eq!(got.len(), 1);
        assert!(matches!(tail, Tail::Torn(_)));
    }

    #[test]
    fn format_check_refuses_newer_and_unknown() {
        let p = Path::new("/x/FORMAT");
        assert!(check_format(p, "kx-store 1\n").is_ok());
        assert!(matches!(check_format(p, "kx-store 2\n"), Err(StoreError::UnsupportedFormat { .. })));
        assert!(matches!(check_format(p, "etcd"), Err(StoreError::UnsupportedFormat { .. })));
    }
}
