//! The record's envelope: hashes, timestamps, limits.

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `prev` of the first event: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Longest line a record may hold, in bytes (16 MiB).
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// What verifying a record found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of events.
    pub events: u64,
    /// Hash of the last event (the head of the chain).
    pub head: String,
}

/// Lowercase hex SHA-256.
pub(crate) fn hash_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in digest {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

fn parse(s: &str) -> Result<OffsetDateTime, String> {
    // RFC 3339 with an explicit offset; `time` also accepts `Z`.
    let b = s.as_bytes();
    if b.len() < 20 || b[10] != b'T' {
        return Err(format!(
            "\"{s}\" is not an RFC 3339 timestamp such as 2026-12-01T09:00:00+08:00"
        ));
    }
    OffsetDateTime::parse(s, &Rfc3339)
        .map_err(|e| format!("\"{s}\" is not an RFC 3339 timestamp ({e})"))
}

/// Parses an RFC 3339 timestamp with offset into Unix nanoseconds.
pub(crate) fn parse_time(s: &str) -> Result<i128, String> {
    parse(s).map(OffsetDateTime::unix_timestamp_nanos)
}

/// The calendar date of a timestamp in its own offset.
pub(crate) fn local_date(s: &str) -> Result<time::Date, String> {
    parse(s).map(OffsetDateTime::date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let a = parse_time("2026-12-01T09:00:00+08:00").unwrap();
        let b = parse_time("2026-12-01T01:00:00Z").unwrap();
        assert_eq!(a, b);
        assert!(parse_time("2026-12-01T09:00:00").is_err());
        assert!(parse_time("2026-12-01 09:00:00+08:00").is_err());
        assert!(parse_time("2026-02-30T09:00:00+08:00").is_err());
        assert_eq!(
            local_date("2026-12-31T23:30:00+08:00").unwrap().to_string(),
            "2026-12-31"
        );
    }

    #[test]
    fn sha256_known_vector() {
        assert_eq!(
            hash_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
