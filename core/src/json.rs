//! Strict JSON reading (I-JSON: no duplicate names, integers only) and
//! RFC 8785 (JCS) canonical writing, plus small helpers to decode event data
//! with precise error codes.

use crate::error::{err, ErrorCode, Result};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// The largest integer magnitude a record may hold: 2^53 − 1, the largest
/// integer RFC 8785 (through IEEE 754 doubles) represents exactly.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Longest identifier (community, unit, owner, meeting, motion, rules, party), in bytes.
pub const MAX_ID_LEN: usize = 256;

struct Strict(Value);

impl<'de> de::Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            return Err(E::custom("integer outside ±(2^53−1)"));
        }
        Ok(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        if v > MAX_SAFE_INTEGER as u64 {
            return Err(E::custom("integer outside ±(2^53−1)"));
        }
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Value, E> {
        Err(E::custom("only integers may appear as JSON numbers (areas are strings)"))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if out.insert(k.clone(), v).is_some() {
                return Err(de::Error::custom(format!("duplicate member name {k:?}")));
            }
        }
        Ok(Value::Object(out))
    }
}

/// Parses one JSON text strictly: I-JSON (unique member names), integers only
/// and within ±(2^53−1). Errors are `record.parse`.
pub fn parse_strict(text: &str) -> Result<Value> {
    serde_json::from_str::<Strict>(text)
        .map(|s| s.0)
        .map_err(|e| err(ErrorCode::RecordParse, format!("not valid JSON for a record: {e}")))
}

/// Checks that an already-parsed value obeys the record's number rule
/// (integers within ±(2^53−1) only). Errors are `record.parse`.
pub fn check_numbers(v: &Value) -> Result<()> {
    match v {
        Value::Number(n) => match n.as_i64() {
            Some(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) => Ok(()),
            _ => Err(err(ErrorCode::RecordParse, format!("number {n} is not an integer within ±(2^53−1)"))),
        },
        Value::Array(a) => a.iter().try_for_each(check_numbers),
        Value::Object(o) => o.values().try_for_each(check_numbers),
        _ => Ok(()),
    }
}

/// Appends the RFC 8785 canonical form of `v` to `out`.
///
/// Members are sorted by their UTF-16 code units; strings use the minimal
/// JSON escaping of ECMAScript `JSON.stringify`; the only numbers a record
/// may hold are integers, written without exponent or fraction.
pub fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_string(s, out),
        Value::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(x, out);
            }
            out.push(b']');
        }
        Value::Object(o) => {
            let mut entries: Vec<(&String, &Value)> = o.iter().collect();
            if !entries.windows(2).all(|w| utf16_cmp(w[0].0, w[1].0).is_lt()) {
                entries.sort_by(|a, b| utf16_cmp(a.0, b.0));
            }
            out.push(b'{');
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(k, out);
                out.push(b':');
                write_canonical(x, out);
            }
            out.push(b'}');
        }
    }
}

/// The canonical form of `v` as a string.
pub fn to_canonical_string(v: &Value) -> String {
    let mut out = Vec::new();
    write_canonical(v, &mut out);
    String::from_utf8(out).expect("canonical JSON is UTF-8")
}

fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    // UTF-8 byte order equals code point order, which equals UTF-16 order
    // unless a supplementary character meets one in U+E000..U+FFFF.
    if a.is_ascii() || b.is_ascii() {
        a.as_bytes().cmp(b.as_bytes())
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// Writes a JSON string with the escaping RFC 8785 prescribes.
pub fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => {
                out.extend_from_slice(&bytes[start..i]);
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(esc);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// A JSON object being decoded, with the name of what it is for messages.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    pub what: &'a str,
}

pub(crate) fn obj<'a>(v: &'a Value, what: &'a str) -> Result<Obj<'a>> {
    match v {
        Value::Object(map) => Ok(Obj { map, what }),
        _ => Err(err(ErrorCode::EventInvalid, format!("{what} must be a JSON object"))),
    }
}

impl<'a> Obj<'a> {
    /// Refuses any member not in `allowed` with `event.unknown_field`.
    pub fn allow(&self, allowed: &[&str]) -> Result<()> {
        for k in self.map.keys() {
            if !allowed.contains(&k.as_str()) {
                return Err(err(
                    ErrorCode::EventUnknownField,
                    format!("unknown member {k:?} in {} (allowed: {})", self.what, allowed.join(", ")),
                ));
            }
        }
        Ok(())
    }

    pub fn get(&self, k: &str) -> Option<&'a Value> {
        self.map.get(k).filter(|v| !v.is_null())
    }

    pub fn has(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    fn missing(&self, k: &str) -> crate::Error {
        err(ErrorCode::EventInvalid, format!("{} lacks the member {k:?}", self.what))
    }

    fn wrong(&self, k: &str, t: &str) -> crate::Error {
        err(ErrorCode::EventInvalid, format!("member {k:?} of {} must be {t}", self.what))
    }

    pub fn str(&self, k: &str) -> Result<&'a str> {
        self.opt_str(k)?.ok_or_else(|| self.missing(k))
    }

    pub fn opt_str(&self, k: &str) -> Result<Option<&'a str>> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.wrong(k, "a string")),
        }
    }

    /// A required identifier: a non-empty string of at most [`MAX_ID_LEN`] bytes.
    pub fn id(&self, k: &str) -> Result<&'a str> {
        let s = self.str(k)?;
        check_id(s, k, self.what)?;
        Ok(s)
    }

    pub fn opt_id(&self, k: &str) -> Result<Option<&'a str>> {
        match self.opt_str(k)? {
            Some(s) => check_id(s, k, self.what).map(|_| Some(s)),
            None => Ok(None),
        }
    }

    pub fn opt_i64(&self, k: &str) -> Result<Option<i64>> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| self.wrong(k, "an integer")),
            Some(_) => Err(self.wrong(k, "an integer")),
        }
    }

    pub fn opt_bool(&self, k: &str) -> Result<Option<bool>> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(k, "true or false")),
        }
    }

    pub fn arr(&self, k: &str) -> Result<&'a Vec<Value>> {
        self.opt_arr(k)?.ok_or_else(|| self.missing(k))
    }

    pub fn opt_arr(&self, k: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(_) => Err(self.wrong(k, "an array")),
        }
    }

    pub fn sub(&self, k: &'a str) -> Result<Obj<'a>> {
        self.opt_sub(k)?.ok_or_else(|| self.missing(k))
    }

    pub fn opt_sub(&self, k: &'a str) -> Result<Option<Obj<'a>>> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Obj { map, what: k })),
            Some(_) => Err(self.wrong(k, "an object")),
        }
    }

    /// A required array of identifiers.
    pub fn ids(&self, k: &str) -> Result<Vec<&'a str>> {
        self.arr(k)?
            .iter()
            .map(|v| match v {
                Value::String(s) => check_id(s, k, self.what).map(|_| s.as_str()),
                _ => Err(self.wrong(k, "an array of identifiers")),
            })
            .collect()
    }
}

pub(crate) fn check_id(s: &str, k: &str, what: &str) -> Result<()> {
    if s.is_empty() {
        return Err(err(ErrorCode::EventInvalid, format!("member {k:?} of {what} must be a non-empty identifier")));
    }
    if s.len() > MAX_ID_LEN {
        return Err(err(
            ErrorCode::RecordTooLarge,
            format!("identifier in {k:?} of {what} is {} bytes; the limit is {MAX_ID_LEN}", s.len()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_sorts_and_escapes() {
        let v = json!({"b": 1, "a": "x\u{1}\n\"é€😀", "c": [true, null, -3], "\u{e000}": 1, "\u{1f600}": 2});
        assert_eq!(
            to_canonical_string(&v),
            "{\"a\":\"x\\u0001\\n\\\"é€😀\",\"b\":1,\"c\":[true,null,-3],\"😀\":2,\"\u{e000}\":1}"
        );
    }

    #[test]
    fn strict_parse_refuses_floats_duplicates_and_huge_integers() {
        for bad in ["{\"a\":1.0}", "{\"a\":1e3}", "{\"a\":1,\"a\":2}", "[9007199254740992]", "{", "{} x"] {
            assert_eq!(parse_strict(bad).unwrap_err().code(), "record.parse", "{bad}");
        }
        assert_eq!(parse_strict("[9007199254740991,-9007199254740991]").unwrap(), json!([9007199254740991i64, -9007199254740991i64]));
    }
}
