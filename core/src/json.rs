//! Strict JSON reading (I-JSON: no duplicate names, integers only) and
//! RFC 8785 (JCS) canonical writing, plus small helpers to decode event data
//! with precise error codes.

use crate::error::{err, ErrorCode, Result};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// The largest integer magnitude a record may hold: 2^53 − 1, the largest
/// integer RFC 8785 (through IEEE 754 doubles) represents exactly.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Longest identifier (community, unit, owner, meeting, motion, rules, party), in bytes.
pub const MAX_ID_LEN: usize = 256;

/// A parsed JSON value that borrows its strings from the input where it can,
/// with objects kept as member lists sorted in RFC 8785 order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'de> de::Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Node<'de>, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Node<'de>, E> {
        if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            return Err(E::custom("integer outside ±(2^53−1)"));
        }
        Ok(Node::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Node<'de>, E> {
        if v > MAX_SAFE_INTEGER as u64 {
            return Err(E::custom("integer outside ±(2^53−1)"));
        }
        Ok(Node::Int(v as i64))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Node<'de>, E> {
        Err(E::custom(
            "only integers may appear as JSON numbers (areas are strings)",
        ))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(Node::Arr(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node<'de>, A::Error> {
        let mut out: Vec<(Cow<'de, str>, Node<'de>)> = Vec::with_capacity(8);
        while let Some(k) = map.next_key::<Key<'de>>()? {
            out.push((k.0, map.next_value()?));
        }
        sort_members(&mut out).map_err(de::Error::custom)?;
        Ok(Node::Obj(out))
    }
}

struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

std::thread_local! {
    /// Set while parsing when some object's members were not in canonical order.
    static REORDERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sorts members into RFC 8785 order and refuses duplicate names (I-JSON).
fn sort_members(m: &mut [(Cow<'_, str>, Node<'_>)]) -> std::result::Result<(), String> {
    if !m.windows(2).all(|w| utf16_cmp(&w[0].0, &w[1].0).is_lt()) {
        REORDERED.with(|r| r.set(true));
        m.sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));
        if let Some(w) = m.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(format!("duplicate member name \"{}\"", w[0].0));
        }
    }
    Ok(())
}

impl<'a> Node<'a> {
    /// Parses one JSON text strictly. Errors are `record.parse`.
    pub(crate) fn parse(text: &'a str) -> Result<Node<'a>> {
        serde_json::from_str::<Node<'a>>(text).map_err(|e| {
            err(
                ErrorCode::RecordParse,
                format!("not valid JSON for a record: {e}"),
            )
        })
    }

    /// Parses one line and tells whether the line is spelled exactly in the
    /// canonical form of what it holds (RFC 8785): no white space, members in
    /// order, no escape sequences, integers as written canonically.
    ///
    /// Every string came through unescaped (borrowed), so each string token
    /// is already canonical; no object was reordered; and then the only ways
    /// the line could differ from its canonical form (white space, `-0`) make
    /// it longer, so equal lengths mean equal bytes.
    pub(crate) fn parse_line(text: &'a str) -> Result<(Node<'a>, bool)> {
        REORDERED.with(|r| r.set(false));
        let node = Node::parse(text)?;
        let reordered = REORDERED.with(|r| r.get());
        let canonical = !reordered && node.canonical_len() == Some(text.len());
        Ok((node, canonical))
    }

    /// The length of the canonical form, if no string needs escaping.
    pub(crate) fn canonical_len(&self) -> Option<usize> {
        #[allow(clippy::ptr_arg)] // whether the string was borrowed is the point
        fn plain(s: &Cow<'_, str>) -> Option<usize> {
            match s {
                Cow::Borrowed(b) => Some(b.len() + 2),
                Cow::Owned(_) => None,
            }
        }
        Some(match self {
            Node::Null | Node::Bool(true) => 4,
            Node::Bool(false) => 5,
            Node::Int(i) => {
                let digits = i.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1;
                digits + usize::from(*i < 0)
            }
            Node::Str(s) => plain(s)?,
            Node::Arr(a) => {
                let mut n = 1 + a.len().max(1);
                for x in a {
                    n += x.canonical_len()?;
                }
                n
            }
            Node::Obj(m) => {
                let mut n = 1 + m.len().max(1);
                for (k, v) in m {
                    n += plain(k)? + 1 + v.canonical_len()?;
                }
                n
            }
        })
    }

    /// Borrows a `serde_json::Value`, checking the number rule. Errors are `record.parse`.
    pub(crate) fn from_value(v: &'a Value) -> Result<Node<'a>> {
        Ok(match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) => Node::Int(i),
                _ => {
                    return Err(err(
                        ErrorCode::RecordParse,
                        format!("number {n} is not an integer within ±(2^53−1)"),
                    ))
                }
            },
            Value::String(s) => Node::Str(Cow::Borrowed(s)),
            Value::Array(a) => Node::Arr(a.iter().map(Node::from_value).collect::<Result<_>>()?),
            Value::Object(o) => {
                let mut m = o
                    .iter()
                    .map(|(k, v)| Ok((Cow::Borrowed(k.as_str()), Node::from_value(v)?)))
                    .collect::<Result<Vec<_>>>()?;
                sort_members(&mut m).map_err(|e| err(ErrorCode::RecordParse, e))?;
                Node::Obj(m)
            }
        })
    }

    /// An owned `serde_json::Value` with the same content.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::from(*i),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Arr(a) => Value::Array(a.iter().map(Node::to_value).collect()),
            Node::Obj(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Appends the RFC 8785 canonical form (members are already in order).
    pub(crate) fn write_canonical(&self, out: &mut Vec<u8>) {
        match self {
            Node::Null => out.extend_from_slice(b"null"),
            Node::Bool(true) => out.extend_from_slice(b"true"),
            Node::Bool(false) => out.extend_from_slice(b"false"),
            Node::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
            Node::Str(s) => write_string(s, out),
            Node::Arr(a) => {
                out.push(b'[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    x.write_canonical(out);
                }
                out.push(b']');
            }
            Node::Obj(m) => {
                out.push(b'{');
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_string(k, out);
                    out.push(b':');
                    x.write_canonical(out);
                }
                out.push(b'}');
            }
        }
    }
}

impl fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::new();
        self.write_canonical(&mut out);
        f.write_str(&String::from_utf8_lossy(&out))
    }
}

/// Parses one JSON text strictly: I-JSON (unique member names), integers only
/// and within ±(2^53−1). Errors are `record.parse`.
pub fn parse_strict(text: &str) -> Result<Value> {
    Node::parse(text).map(|n| n.to_value())
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
            if !entries
                .windows(2)
                .all(|w| utf16_cmp(w[0].0, w[1].0).is_lt())
            {
                entries.sort_unstable_by(|a, b| utf16_cmp(a.0, b.0));
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
    // Member names mostly differ in their first byte: settle those without memcmp.
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first()) {
        if x != y && *x < 0x80 && *y < 0x80 {
            return x.cmp(y);
        }
    }
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
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
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
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(b >> 4) as usize],
                    HEX[(b & 15) as usize],
                ]);
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
pub(crate) struct Obj<'a, 'n> {
    pub members: &'a [(Cow<'n, str>, Node<'n>)],
    pub what: &'a str,
}

pub(crate) fn obj<'a, 'n>(v: &'a Node<'n>, what: &'a str) -> Result<Obj<'a, 'n>> {
    match v {
        Node::Obj(members) => Ok(Obj { members, what }),
        _ => Err(err(
            ErrorCode::EventInvalid,
            format!("{what} must be a JSON object"),
        )),
    }
}

impl<'a, 'n> Obj<'a, 'n> {
    /// Refuses any member not in `allowed` with `event.unknown_field`.
    pub fn allow(&self, allowed: &[&str]) -> Result<()> {
        for (k, _) in self.members {
            if !allowed.iter().any(|a| same(a, k)) {
                return Err(err(
                    ErrorCode::EventUnknownField,
                    format!(
                        "unknown member \"{k}\" in {} (allowed: {})",
                        self.what,
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The member's value, treating `null` as absent.
    pub fn get(&self, k: &str) -> Option<&'a Node<'n>> {
        self.raw(k).filter(|v| !matches!(v, Node::Null))
    }

    /// The member's value, `null` included.
    pub fn raw(&self, k: &str) -> Option<&'a Node<'n>> {
        self.members
            .iter()
            .find(|(x, _)| same(x, k))
            .map(|(_, v)| v)
    }

    pub fn has(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    fn missing(&self, k: &str) -> crate::Error {
        err(
            ErrorCode::EventInvalid,
            format!("{} lacks the member \"{k}\"", self.what),
        )
    }

    fn wrong(&self, k: &str, t: &str) -> crate::Error {
        err(
            ErrorCode::EventInvalid,
            format!("member \"{k}\" of {} must be {t}", self.what),
        )
    }

    pub fn str(&self, k: &str) -> Result<&'a str> {
        self.opt_str(k)?.ok_or_else(|| self.missing(k))
    }

    pub fn opt_str(&self, k: &str) -> Result<Option<&'a str>> {
        match self.get(k) {
            None => Ok(None),
            Some(Node::Str(s)) => Ok(Some(s)),
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
            Some(Node::Int(n)) => Ok(Some(*n)),
            Some(_) => Err(self.wrong(k, "an integer")),
        }
    }

    pub fn opt_bool(&self, k: &str) -> Result<Option<bool>> {
        match self.get(k) {
            None => Ok(None),
            Some(Node::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(k, "true or false")),
        }
    }

    pub fn arr(&self, k: &str) -> Result<&'a [Node<'n>]> {
        self.opt_arr(k)?.ok_or_else(|| self.missing(k))
    }

    pub fn opt_arr(&self, k: &str) -> Result<Option<&'a [Node<'n>]>> {
        match self.get(k) {
            None => Ok(None),
            Some(Node::Arr(a)) => Ok(Some(a)),
            Some(_) => Err(self.wrong(k, "an array")),
        }
    }

    pub fn sub(&self, k: &'a str) -> Result<Obj<'a, 'n>> {
        self.opt_sub(k)?.ok_or_else(|| self.missing(k))
    }

    pub fn opt_sub(&self, k: &'a str) -> Result<Option<Obj<'a, 'n>>> {
        match self.get(k) {
            None => Ok(None),
            Some(Node::Obj(members)) => Ok(Some(Obj { members, what: k })),
            Some(_) => Err(self.wrong(k, "an object")),
        }
    }

    /// A required array of identifiers.
    pub fn ids(&self, k: &str) -> Result<Vec<&'a str>> {
        self.arr(k)?
            .iter()
            .map(|v| match v {
                Node::Str(s) => check_id(s, k, self.what).map(|_| s.as_ref()),
                _ => Err(self.wrong(k, "an array of identifiers")),
            })
            .collect()
    }
}

/// Equality for short strings such as member names, compared in place:
/// a call into `memcmp` costs more than the comparison itself.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

pub(crate) fn check_id(s: &str, k: &str, what: &str) -> Result<()> {
    if s.is_empty() {
        return Err(err(
            ErrorCode::EventInvalid,
            format!("member \"{k}\" of {what} must be a non-empty identifier"),
        ));
    }
    if s.len() > MAX_ID_LEN {
        return Err(err(
            ErrorCode::RecordTooLarge,
            format!(
                "identifier in \"{k}\" of {what} is {} bytes; the limit is {MAX_ID_LEN}",
                s.len()
            ),
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

    fn arb_json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            "[\\x00-\\x20\"\\\\\u{7f}\u{2028}\u{e000}\u{ffff}\u{10000}é😀a-z]{0,8}"
                .prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(
                    "[\\x00-\\x1f\"a-z\u{e000}\u{ffff}\u{10000}😀é]{0,5}",
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]
        /// yishi's canonical form is byte-identical to an independent RFC 8785
        /// implementation, through both the `Value` and the parsed-node paths.
        #[test]
        fn canonical_form_matches_an_independent_jcs(v in arb_json()) {
            let ours = to_canonical_string(&v);
            let theirs = serde_json_canonicalizer::to_string(&v).unwrap();
            proptest::prop_assert_eq!(&ours, &theirs);
            let text = serde_json::to_string_pretty(&v).unwrap();
            let node = Node::parse(&text).unwrap();
            let mut out = Vec::new();
            node.write_canonical(&mut out);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), theirs);
        }
    }

    #[test]
    fn canonical_lines_are_recognised() {
        for (text, canonical) in [
            (r#"{"a":[1,-2,true,null,"x"],"b":{}}"#, true),
            (r#"{"a":[],"b":{"c":"é"}}"#, true),
            (r#"{"b":1,"a":2}"#, false),
            (r#"{"a": 1}"#, false),
            (r#"{"a":"\u0041"}"#, false),
            (r#"{"a":"\u001b"}"#, false),
            ("[0,10,-10,9007199254740991]", true),
        ] {
            let (node, c) = Node::parse_line(text).unwrap();
            assert_eq!(c, canonical, "{text}");
            let mut out = Vec::new();
            node.write_canonical(&mut out);
            // Sound, not complete: a line with escapes goes the long way.
            assert!(!c || out == text.as_bytes(), "{text}");
        }
        // "-0" is a float to serde_json, and floats are refused outright.
        assert!(Node::parse_line(r#"{"a":-0}"#).is_err());
    }

    proptest::proptest! {
        /// `parse_line` calls a text canonical only when it equals its canonical
        /// form, and always when that form needs no escapes.
        #[test]
        fn canonical_line_check_is_sound(v in arb_json(), pretty in proptest::prelude::any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { to_canonical_string(&v) };
            let (node, c) = Node::parse_line(&text).unwrap();
            let mut out = Vec::new();
            node.write_canonical(&mut out);
            let same = out == text.as_bytes();
            proptest::prop_assert!(!c || same);
            if same && !text.contains('\\') {
                proptest::prop_assert!(c);
            }
        }
    }

    #[test]
    fn node_canonical_matches_value_canonical() {
        let text = r#"{"z":[1,{"b":"\u00e9","a":null}],"a":true,"\ue000":1,"😀":-2}"#;
        let n = Node::parse(text).unwrap();
        let mut a = Vec::new();
        n.write_canonical(&mut a);
        assert_eq!(
            String::from_utf8(a).unwrap(),
            to_canonical_string(&parse_strict(text).unwrap())
        );
    }

    #[test]
    fn strict_parse_refuses_floats_duplicates_and_huge_integers() {
        for bad in [
            "{\"a\":1.0}",
            "{\"a\":1e3}",
            "{\"a\":1,\"a\":2}",
            "[9007199254740992]",
            "{",
            "{} x",
        ] {
            assert_eq!(
                parse_strict(bad).unwrap_err().code(),
                "record.parse",
                "{bad}"
            );
        }
        assert_eq!(
            parse_strict("[9007199254740991,-9007199254740991]").unwrap(),
            json!([9007199254740991i64, -9007199254740991i64])
        );
    }
}
