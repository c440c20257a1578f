//! Exact areas in hundredths of a square metre.

use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};

/// The largest area one unit may have: one billion square metres.
///
/// Bounding a unit's area keeps every sum over a community far inside `u64`
/// and every threshold product inside `u128`.
pub const MAX_UNIT_AREA: Area = Area(100_000_000_000);

/// An exact area, stored as an integer number of hundredths of a square metre.
///
/// Areas are written in a record as decimal strings with at most two
/// fractional digits (`"89.37"`, `"120"`); they are never floating point.
///
/// `+` and `-` are `u64`'s: overflow (far beyond any community, whose units
/// are each at most [`MAX_UNIT_AREA`]) and a negative difference panic in
/// debug builds and wrap in release builds; [`Area::saturating_sub`] stops
/// at zero.
///
/// ```
/// use yishi::Area;
/// let a: Area = "89.37".parse().unwrap();
/// assert_eq!(a.hundredths(), 8937);
/// assert_eq!(a.to_string(), "89.37");
/// assert_eq!("120".parse::<Area>().unwrap().to_string(), "120.00");
/// assert!("89.375".parse::<Area>().is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area(u64);

/// Why an area string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaParseError(pub(crate) &'static str);

impl fmt::Display for AreaParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for AreaParseError {}

impl Area {
    /// No area at all.
    pub const ZERO: Area = Area(0);

    /// An area of `h` hundredths of a square metre.
    pub const fn from_hundredths(h: u64) -> Area {
        Area(h)
    }

    /// The area in hundredths of a square metre.
    pub const fn hundredths(self) -> u64 {
        self.0
    }

    /// Whether the area is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Subtraction that stops at zero.
    pub const fn saturating_sub(self, other: Area) -> Area {
        Area(self.0.saturating_sub(other.0))
    }
}

/// Reads a unit's area: at most [`MAX_UNIT_AREA`]. Its `Deserialize` reads
/// any area an `Area` holds.
impl std::str::FromStr for Area {
    type Err = AreaParseError;

    fn from_str(s: &str) -> Result<Area, AreaParseError> {
        Area::parse_up_to(
            s,
            MAX_UNIT_AREA.0,
            "area is larger than one billion square metres",
        )
    }
}

impl Area {
    /// `s` read as an area of at most `max` hundredths; `too_large` says why a larger one is refused.
    fn parse_up_to(s: &str, max: u64, too_large: &'static str) -> Result<Area, AreaParseError> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AreaParseError(
                "an area is a decimal number of square metres such as \"89.37\"",
            ));
        }
        if int.len() > 1 && int.starts_with('0') {
            return Err(AreaParseError("an area has no leading zeros"));
        }
        let frac_h = match frac {
            None => 0,
            Some(f) if (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => {
                let v: u64 = f
                    .parse()
                    .map_err(|_| AreaParseError("bad fractional digits"))?;
                if f.len() == 1 {
                    v * 10
                } else {
                    v
                }
            }
            Some(_) => return Err(AreaParseError("an area has one or two fractional digits")),
        };
        // Up to 18 digits parse into `u64`; the hundredths are then checked.
        let int_v: u64 = match int.len() {
            0..=18 => int
                .parse()
                .map_err(|_| AreaParseError("bad integer digits"))?,
            _ => return Err(AreaParseError(too_large)),
        };
        match int_v.checked_mul(100).and_then(|h| h.checked_add(frac_h)) {
            Some(h) if h <= max => Ok(Area(h)),
            _ => Err(AreaParseError(too_large)),
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl serde::Serialize for Area {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from a decimal string (`"89.37"`), exactly, as [`Area::from_str`](std::str::FromStr)
/// reads it, but of any size an `Area` holds (a result's figures are sums
/// of units, and a shortfall may exceed them): a unit's area is held to
/// [`MAX_UNIT_AREA`] where the ledger reads it (and by
/// [`UnitArea`](crate::event::UnitArea)), not here. A JSON number is
/// refused: areas are never floating point.
impl<'de> serde::Deserialize<'de> for Area {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Area, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        Area::parse_up_to(
            &s,
            u64::MAX,
            "area is larger than 184467440737095516.15 square metres",
        )
        .map_err(serde::de::Error::custom)
    }
}

/// A value written as a JSON string (`"89.37"`, `"1/3"`), read through its
/// `FromStr`, whose error becomes the deserializer's; any other JSON value
/// is refused.
pub(crate) fn from_text<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    let s = <String as serde::Deserialize>::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

impl Add for Area {
    type Output = Area;
    fn add(self, o: Area) -> Area {
        Area(self.0 + o.0)
    }
}

impl AddAssign for Area {
    fn add_assign(&mut self, o: Area) {
        self.0 += o.0;
    }
}

impl Sub for Area {
    type Output = Area;
    fn sub(self, o: Area) -> Area {
        Area(self.0 - o.0)
    }
}

impl SubAssign for Area {
    fn sub_assign(&mut self, o: Area) {
        self.0 -= o.0;
    }
}

impl std::iter::Sum for Area {
    fn sum<I: Iterator<Item = Area>>(iter: I) -> Area {
        iter.fold(Area::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!("0.01".parse::<Area>().unwrap().hundredths(), 1);
        assert_eq!("89.3".parse::<Area>().unwrap().hundredths(), 8930);
        assert_eq!("1000000000".parse::<Area>().unwrap(), MAX_UNIT_AREA);
        for bad in [
            "",
            ".5",
            "1.",
            "1.234",
            "-1",
            "+1",
            "1e3",
            "01",
            " 1",
            "1,5",
            "１",
            "1000000000.01",
            "99999999999",
        ] {
            assert!(bad.parse::<Area>().is_err(), "{bad:?} accepted");
        }
    }

    /// A unit's area is at most a billion m²; a figure (a sum of units, or
    /// a shortfall) reads whatever its size.
    #[test]
    fn figures_read_whatever_their_size() {
        let read = |s: &str| serde_json::from_value::<Area>(s.into());
        assert!("3000000000.00".parse::<Area>().is_err());
        assert_eq!(read("3000000000.00").unwrap().hundredths(), 300_000_000_000);
        let largest = Area::from_hundredths(u64::MAX);
        assert_eq!(read(&largest.to_string()).unwrap(), largest);
        assert_eq!(largest.to_string(), "184467440737095516.15");
        for bad in [
            "184467440737095516.16",
            "184467440737095517",
            "999999999999999999",
            "1000000000000000000",
            "01",
            "1.234",
        ] {
            assert!(read(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            read("184467440737095516.16").unwrap_err().to_string(),
            "area is larger than 184467440737095516.15 square metres"
        );
        assert!(serde_json::from_value::<Area>(1.5.into()).is_err());
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Area::from_hundredths(1_507_500).to_string(), "15075.00");
        assert_eq!(Area::from_hundredths(5).to_string(), "0.05");
    }

    /// Sums and differences of units' areas are exact, in hundredths.
    #[test]
    fn sums_and_differences_are_exact() {
        let a = |s: &str| s.parse::<Area>().unwrap();
        let (flat, parking) = (a("89.37"), a("12.5"));
        assert_eq!((flat + parking).to_string(), "101.87");
        assert_eq!((flat - parking).to_string(), "76.87");
        let mut left = flat;
        left += parking;
        left -= parking;
        left -= parking;
        assert_eq!(left, a("76.87"));
        assert_eq!(parking.saturating_sub(flat), Area::ZERO);
        assert_eq!(
            [flat, parking, parking].into_iter().sum::<Area>(),
            a("114.37")
        );
        assert!(Area::ZERO.is_zero() && !a("0.01").is_zero());
    }

    proptest::proptest! {
        #[test]
        fn round_trips(h in 0u64..=MAX_UNIT_AREA.0) {
            let a = Area::from_hundredths(h);
            proptest::prop_assert_eq!(a.to_string().parse::<Area>().unwrap(), a);
        }
    }
}
