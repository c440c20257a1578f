//! The record's envelope: hashes, timestamps, limits.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// `prev` of the first event: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Longest line a record may hold, in bytes (16 MiB). Verifying refuses a
/// longer line, and sealing an event whose sealed line would be longer
/// (`record.too_large`), so every record a ledger writes replays.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// What verifying a record found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of events.
    pub events: u64,
    /// Hash of the last event (the head of the chain), as 64 lowercase hex
    /// digits ([`GENESIS`] for an empty record); a published head given in
    /// capitals must be lowercased before comparing.
    pub head: String,
}

/// Whether `s` spells a hash as a record's events, a published head
/// ([`Replay::expect_head`](crate::Replay::expect_head)) or a ballot receipt
/// ([`BallotQuery::hash`](crate::ballots::BallotQuery::hash)) take it: 64
/// hexadecimal digits, either case.
///
/// ```
/// assert!(yishi::is_hash(&"aB".repeat(32)));
/// assert!(!yishi::is_hash("abc"));
/// ```
pub fn is_hash(s: &str) -> bool {
    Hex::parse(s).is_some()
}

/// A SHA-256 digest as 64 lowercase hex digits, held inline (no allocation).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hex([u8; 64]);

impl Hex {
    /// `prev` of the first event: 64 zeros.
    pub(crate) const GENESIS: Hex = Hex([b'0'; 64]);

    /// 64 hexadecimal digits of either case, lowercased; `None` for anything else.
    pub(crate) fn parse(s: &str) -> Option<Hex> {
        let mut hex = [0u8; 64];
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        for (to, from) in hex.iter_mut().zip(s.bytes()) {
            *to = from.to_ascii_lowercase();
        }
        Some(Hex(hex))
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only hex digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::ops::Deref for Hex {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lowercase hex SHA-256.
pub(crate) fn hash_hex(bytes: &[u8]) -> Hex {
    hash_hex_parts(&[bytes])
}

/// Bytes given to SHA-256 per call (see [`hash_hex_parts`]).
const HASH_PIECE: usize = 4096;

/// Lowercase hex SHA-256 of the concatenation of `parts`.
pub(crate) fn hash_hex_parts(parts: &[&[u8]]) -> Hex {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut h = Sha256::new();
    for p in parts {
        // In pieces: a WebAssembly engine runs a function in its baseline
        // compiler until the function has run enough to be optimised, and
        // uses the optimised code from the next call on. One call for a
        // 14 MB registry line would hash it all in baseline code.
        for piece in p.chunks(HASH_PIECE) {
            h.update(piece);
        }
    }
    let digest = h.finalize();
    let mut out = [0u8; 64];
    for (pair, b) in out.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[(b >> 4) as usize];
        pair[1] = HEX[(b & 15) as usize];
    }
    Hex(out)
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
}

impl CivilDate {
    /// The date `days` after 1970-01-01 (before it when negative): the
    /// inverse of [`CivilDate::days_since_epoch`] (H. Hinnant's `civil_from_days`).
    ///
    /// A `days` beyond the dates an `i32` year can hold gives the first
    /// (`-2147483648-01-01`) or last (`2147483647-12-31`) of them.
    ///
    /// ```
    /// use yishi::CivilDate;
    /// let d = CivilDate::from_days_since_epoch(20_797);
    /// assert_eq!(d.to_string(), "2026-12-10");
    /// assert_eq!(d.days_since_epoch(), 20_797);
    /// assert_eq!(CivilDate::from_days_since_epoch(i64::MAX).year, i32::MAX);
    /// assert_eq!(CivilDate::from_days_since_epoch(i64::MIN).year, i32::MIN);
    /// ```
    pub fn from_days_since_epoch(days: i64) -> CivilDate {
        // days_from_civil(i32::MIN, 1, 1) and days_from_civil(i32::MAX, 12, 31):
        // outside them the year would not fit, and `days + 719_468` could overflow.
        CivilDate::from_days(days.clamp(-784_353_015_833, 784_351_576_776))
    }

    /// [`CivilDate::from_days_since_epoch`] of a day count known to be in
    /// range (a timestamp's, years 0000-9999): the clamp is left out of the
    /// WebAssembly module.
    fn from_days(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        CivilDate {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Read from the form its `Display` writes, and only that form: `YYYY-MM-DD`,
/// the year zero-padded to at least four characters (`-001` for the year
/// −1), a date that exists in the calendar. A `CivilDate` built with fields
/// out of range (month 13) writes text that does not read back.
///
/// ```
/// use yishi::CivilDate;
/// let d: CivilDate = "2028-02-29".parse()?;
/// assert_eq!((d.year, d.month, d.day), (2028, 2, 29));
/// assert!("2027-02-29".parse::<CivilDate>().is_err());
/// assert!("2027-1-05".parse::<CivilDate>().is_err());
/// assert_eq!("10000-12-31".parse::<CivilDate>()?.year, 10_000);
/// # Ok::<(), String>(())
/// ```
impl std::str::FromStr for CivilDate {
    type Err = String;
    fn from_str(s: &str) -> Result<CivilDate, String> {
        let bad = || format!("\"{s}\" is not a date YYYY-MM-DD");
        let mut parts = s.rsplitn(3, '-');
        let (Some(day), Some(month), Some(year)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        let unsigned = year.strip_prefix('-').unwrap_or(year);
        if !digits(day) || !digits(month) || !digits(unsigned) {
            return Err(bad());
        }
        let date = CivilDate {
            year: year.parse().map_err(|_| bad())?,
            month: month.parse().map_err(|_| bad())?,
            day: day.parse().map_err(|_| bad())?,
        };
        let exists = (1..=12).contains(&date.month)
            && (1..=days_in_month(date.year, date.month)).contains(&date.day);
        // One spelling per date: the one `Display` writes.
        if !exists || date.to_string() != s {
            return Err(bad());
        }
        Ok(date)
    }
}

/// Written as its `Display` form, `"2027-12-05"`.
impl Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read as [`CivilDate::from_str`](std::str::FromStr) reads it.
impl<'de> serde::Deserialize<'de> for CivilDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CivilDate, D::Error> {
        crate::area::from_text(d)
    }
}

/// Days in `month` of `year` (Gregorian leap years).
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses an RFC 3339 timestamp with offset into Unix nanoseconds.
pub(crate) fn parse_time(s: &str) -> Result<i128, String> {
    let bad = |why: &str| {
        format!("\"{s}\" is not an RFC 3339 timestamp such as 2026-12-01T09:00:00+08:00 ({why})")
    };
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let d = b.get(from..from + len)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| d.iter().fold(0, |a, &x| a * 10 + u32::from(x - b'0')))
    };
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0, 4),
        num(5, 2),
        num(8, 2),
        num(11, 2),
        num(14, 2),
        num(17, 2),
    ) else {
        return Err(bad("digits expected"));
    };
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":")) {
        return Err(bad("separators"));
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if at(i, b".") {
        let start = i + 1;
        i = start;
        while at(i, b"0123456789") {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            } else if b[i] != b'0' {
                // Instants are exact integers of nanoseconds: a finer digit
                // would be dropped, and two instants could compare wrongly.
                return Err(bad("a fraction of a second finer than a nanosecond"));
            }
            i += 1;
        }
        if i == start {
            return Err(bad("fraction without digits"));
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let offset_minutes: i64 = if at(i, b"Zz") && b.len() == i + 1 {
        0
    } else if at(i, b"+-") && b.len() == i + 6 && at(i + 3, b":") {
        let (Some(oh), Some(om)) = (num(i + 1, 2), num(i + 4, 2)) else {
            return Err(bad("offset"));
        };
        if oh > 23 || om > 59 {
            return Err(bad("offset out of range"));
        }
        let m = i64::from(oh * 60 + om);
        if b[i] == b'-' {
            -m
        } else {
            m
        }
    } else {
        return Err(bad("an offset such as +08:00 or Z must end it"));
    };
    if !(1..=12).contains(&month)
        || day == 0
        || day > u32::from(days_in_month(year as i32, month as u8))
    {
        return Err(bad("no such date"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(bad("no such time of day"));
    }
    let date = CivilDate {
        year: year as i32,
        month: month as u8,
        day: day as u8,
    };
    let days = date.days_since_epoch();
    let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_minutes * 60;
    Ok(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
}

/// A day of 24 hours, in nanoseconds (the unit of instants).
pub(crate) const DAY_NS: i128 = 86_400 * 1_000_000_000;

/// The calendar date in China Standard Time (UTC+08:00) of an instant in
/// Unix nanoseconds: the date the law's periods count from, the same for
/// one instant however its offset is written.
pub(crate) fn china_date(nanos: i128) -> CivilDate {
    const EIGHT_HOURS: i128 = 8 * 3_600 * 1_000_000_000;
    // A day is 2¹⁶ · 1,318,359,375 ns, and flooring by each factor in turn
    // floors by their product: the shift leaves a 64-bit division (a general
    // 128-bit one is ~0.7 KB of the wasm module). Timestamps span years
    // 0000-9999, so the shifted count fits in i64.
    const DAY_NS_ODD: i64 = (DAY_NS >> 16) as i64;
    const _: () = assert!((DAY_NS_ODD as i128) << 16 == DAY_NS);
    let days = (((nanos + EIGHT_HOURS) >> 16) as i64).div_euclid(DAY_NS_ODD);
    CivilDate::from_days(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_at_the_ends_of_i32_years() {
        let first = CivilDate {
            year: i32::MIN,
            month: 1,
            day: 1,
        };
        let last = CivilDate {
            year: i32::MAX,
            month: 12,
            day: 31,
        };
        // The bounds `from_days_since_epoch` clamps to are these dates' days.
        assert_eq!(first.days_since_epoch(), -784_353_015_833);
        assert_eq!(last.days_since_epoch(), 784_351_576_776);
        for (days, want) in [
            (i64::MIN, first),
            (first.days_since_epoch() - 1, first),
            (first.days_since_epoch(), first),
            (last.days_since_epoch(), last),
            (last.days_since_epoch() + 1, last),
            (i64::MAX, last),
        ] {
            assert_eq!(CivilDate::from_days_since_epoch(days), want, "{days}");
        }
        let d = CivilDate {
            year: 2026,
            month: 12,
            day: 10,
        };
        assert_eq!(CivilDate::from_days_since_epoch(d.days_since_epoch()), d);
    }

    proptest::proptest! {
        /// `china_date`'s shift-then-divide agrees with a plain 128-bit
        /// floor division, over every instant of years 0000-9999 and well
        /// beyond them on both sides.
        #[test]
        fn china_dates_floor_by_whole_days(
            nanos in -400_000_000_000_000_000_000i128..400_000_000_000_000_000_000i128,
        ) {
            let want = (nanos + 8 * 3_600 * 1_000_000_000).div_euclid(DAY_NS) as i64;
            proptest::prop_assert_eq!(china_date(nanos), CivilDate::from_days(want));
        }

        /// Every date reads back from the text it writes, and only from it.
        #[test]
        fn civil_dates_read_back_from_their_text(days in proptest::prelude::any::<i64>()) {
            let d = CivilDate::from_days_since_epoch(days);
            let text = d.to_string();
            proptest::prop_assert_eq!(text.parse::<CivilDate>(), Ok(d));
            let json = serde_json::to_string(&d).unwrap();
            proptest::prop_assert_eq!(json, format!("\"{text}\""));
            proptest::prop_assert_eq!(serde_json::from_str::<CivilDate>(&format!("\"{text}\"")).unwrap(), d);
            // Another spelling of the same date is refused.
            let (padded, spaced) = (format!("0{text}"), format!("{text} "));
            proptest::prop_assert!(padded.parse::<CivilDate>().is_err());
            proptest::prop_assert!(spaced.parse::<CivilDate>().is_err());
        }
    }

    #[test]
    fn civil_dates_refused() {
        for s in [
            "",
            "2027",
            "2027-12",
            "2027-12-5",
            "2027-12-005",
            "027-12-05",
            "2027-13-01",
            "2027-00-10",
            "2027-02-29",
            "2027-04-31",
            "2027-12-00",
            "1900-02-29",
            "2100-02-29",
            "+2027-12-05",
            "2027-12-05T00",
            "2027/12/05",
            "99999999999-01-01",
            "--001-01-01",
            "2027--12-05",
        ] {
            assert!(s.parse::<CivilDate>().is_err(), "{s}");
        }
        assert_eq!("-001-03-01".parse::<CivilDate>().map(|d| d.year), Ok(-1));
        assert_eq!("0000-02-29".parse::<CivilDate>().map(|d| d.day), Ok(29));
        // The last day of every month, in a common year and in 2000, a leap
        // year though divisible by 100.
        for (month, last) in [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            .into_iter()
            .enumerate()
        {
            let text = format!("2027-{:02}-{last}", month + 1);
            assert_eq!(text.parse::<CivilDate>().map(|d| d.day), Ok(last), "{text}");
        }
        assert_eq!("2000-02-29".parse::<CivilDate>().map(|d| d.day), Ok(29));
    }

    #[test]
    fn times() {
        let a = parse_time("2026-12-01T09:00:00+08:00").unwrap();
        let b = parse_time("2026-12-01T01:00:00Z").unwrap();
        assert_eq!(a, b);
        assert!(parse_time("2026-12-01T09:00:00").is_err());
        assert!(parse_time("2026-12-01 09:00:00+08:00").is_err());
        assert!(parse_time("2026-02-30T09:00:00+08:00").is_err());
        assert!(parse_time("2028-02-29T09:00:00+08:00").is_ok());
        assert!(parse_time("2100-02-29T09:00:00+08:00").is_err());
        assert!(parse_time("2026-12-01T24:00:00+08:00").is_err());
        assert!(parse_time("2026-12-01T09:00:00+08:00 ").is_err());
        assert!(parse_time("2026-12-01T09:00:00+8:00").is_err());
        assert!(parse_time("2026-12-01T09:00:00.+08:00").is_err());
        for bad in [
            "2026-12-00T09:00:00+08:00",
            "2026-12-01T09:60:00+08:00",
            "2026-12-01T09:00:60+08:00",
            "2026-12-01T09:00:00+24:00",
            "2026-12-01T09:00:00+08:60",
            "2026-12-01T01:00:00Z ",
            "2026-12-01T01:00:00+",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
        // An offset west of Greenwich, or with minutes, counts as written.
        let utc = |s: &str| parse_time(&format!("2026-12-01T{s}Z")).unwrap();
        assert_eq!(
            parse_time("2026-12-01T01:00:00-05:00").unwrap(),
            utc("06:00:00")
        );
        assert_eq!(
            parse_time("2026-12-01T09:00:00+05:45").unwrap(),
            utc("03:15:00")
        );
        assert_eq!(
            parse_time("2026-12-01T23:59:00+23:59").unwrap(),
            utc("00:00:00")
        );
        assert_eq!(parse_time("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(
            parse_time("1970-01-01T08:00:00.5+08:00").unwrap(),
            500_000_000
        );
        assert_eq!(
            parse_time("2000-03-01T00:00:00Z").unwrap(),
            951_868_800 * 1_000_000_000
        );
        assert_eq!(
            parse_time("1969-12-31T23:59:59-00:00").unwrap(),
            -1_000_000_000
        );
        assert!(
            parse_time("2026-12-01T09:00:00.123456789+08:00").unwrap() + 1
                == parse_time("2026-12-01T09:00:00.123456790+08:00").unwrap()
        );
        // Exact or refused: zeros past the ninth digit change nothing; a
        // finer digit would be dropped, so it is an error.
        assert_eq!(
            parse_time("2026-12-01T09:00:00.1234567890000+08:00").unwrap(),
            parse_time("2026-12-01T09:00:00.123456789+08:00").unwrap()
        );
        assert!(parse_time("2026-12-01T09:00:00.0000000001+08:00").is_err());
        assert!(parse_time("2026-12-01T09:00:00.1234567891+08:00").is_err());
    }

    #[test]
    fn china_dates() {
        let date = |s: &str| china_date(parse_time(s).unwrap()).to_string();
        assert_eq!(date("2026-12-31T23:30:00+08:00"), "2026-12-31");
        // One instant, written in two offsets: one date.
        assert_eq!(date("2026-12-31T20:00:00Z"), "2027-01-01");
        assert_eq!(date("2027-01-01T04:00:00+08:00"), "2027-01-01");
        assert_eq!(date("2026-12-31T15:59:59.999999999Z"), "2026-12-31");
        assert_eq!(date("2028-02-28T16:00:00Z"), "2028-02-29");
        assert_eq!(date("1969-12-31T16:00:00Z"), "1970-01-01");
        assert_eq!(date("1969-12-31T15:59:59-00:00"), "1969-12-31");
        assert_eq!(date("0000-01-01T00:00:00+08:00"), "0000-01-01");
        assert_eq!(date("9999-12-31T16:00:00Z"), "10000-01-01");
        // At each side of midnight in China, over ±10,000 years, the date
        // agrees with a plain 128-bit floor division.
        for day in (-3_700_000..3_700_000i128).step_by(997) {
            let midnight = day * DAY_NS - 8 * 3_600 * 1_000_000_000;
            for nanos in [midnight - 1, midnight, midnight + 1] {
                let want = (nanos + 8 * 3_600 * 1_000_000_000).div_euclid(DAY_NS);
                assert_eq!(want, day - i128::from(nanos < midnight));
                assert_eq!(china_date(nanos), CivilDate::from_days(want as i64));
            }
        }
        // Every day of four centuries round-trips through the epoch day count.
        for days in -800_000..800_000i64 {
            assert_eq!(
                CivilDate::from_days_since_epoch(days).days_since_epoch(),
                days
            );
        }
    }

    /// A line may be 16 MiB (docs/errors.md): a community registered under
    /// a 2 MiB name is sealed, and its record verifies.
    #[test]
    fn a_line_may_be_sixteen_mebibytes() {
        assert_eq!(MAX_LINE_BYTES, 16 * 1024 * 1024);
        let name = "业主委员会".repeat(140_000);
        let event = format!(
            r#"{{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{{"community":"c","name":"{name}","units":[{{"id":"u1","area":"50","owner":"o1"}}]}}}}"#
        );
        let record = crate::seal_text(&event).unwrap();
        assert!(record.len() > 2 << 20);
        assert_eq!(crate::verify_record(&record).unwrap().events, 1);
    }

    #[test]
    fn sha256_known_vector() {
        let h = hash_hex(b"abc");
        assert_eq!(
            h.as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // A ledger's `Debug` shows its head as the digits themselves.
        assert_eq!(format!("{h:?}"), h.as_str());
        assert_eq!(h.to_string(), h.as_str());
    }
}
