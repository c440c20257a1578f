//! Strict JSON reading (I-JSON: no duplicate names, integers only) and
//! RFC 8785 (JCS) canonical writing, plus small helpers to decode event data
//! with precise error codes.

use crate::error::{err, ErrorCode, Result};
use serde_json::Value;

use std::cell::Cell;
use std::fmt;

/// The largest integer magnitude a record may hold: 2^53 − 1, the largest
/// integer RFC 8785 (through IEEE 754 doubles) represents exactly.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Longest identifier (community, unit, owner, meeting, motion, rules, party), in bytes.
pub const MAX_ID_LEN: usize = 256;

/// A parsed JSON value: strings borrowed from the input (or, when they held
/// escapes, from the arena), arrays and objects allocated in an [`Arena`],
/// objects kept as member lists sorted in RFC 8785 order. Plain data: a tree
/// is freed all at once when its arena is reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
    Arr(&'a [Node<'a>]),
    Obj(&'a [(&'a str, Node<'a>)]),
}

/// Where parsed trees live: a bump allocator, reset between events, so an
/// event's tree costs no allocation of its own and no freeing.
#[derive(Default)]
pub(crate) struct Arena(bumpalo::Bump);

impl Arena {
    /// Frees every tree at once, keeping the memory for the next.
    pub(crate) fn reset(&mut self) {
        self.0.reset();
    }

    /// The bytes it holds from the allocator.
    pub(crate) fn capacity(&self) -> usize {
        self.0.allocated_bytes()
    }
}

/// Deepest nesting of arrays and objects a record line may use.
pub const MAX_DEPTH: usize = 128;

/// Sorts members into RFC 8785 order and refuses duplicate names (I-JSON).
/// Returns whether they were out of order.
fn sort_members(m: &mut [(&str, Node<'_>)]) -> std::result::Result<bool, String> {
    if m.windows(2).all(|w| utf16_cmp(w[0].0, w[1].0).is_lt()) {
        return Ok(false);
    }
    crate::order::sort_copied_by(m, |a, b| utf16_cmp(a.0, b.0));
    match m.windows(2).find(|w| w[0].0 == w[1].0) {
        Some(w) => Err(format!("duplicate member name \"{}\"", w[0].0)),
        None => Ok(true),
    }
}

type Members<'a> = Vec<(&'a str, Node<'a>)>;

std::thread_local! {
    /// The reader's two stacks, kept between calls so that reading a line
    /// allocates only the arrays and objects it returns.
    static STACKS: Cell<(Members<'static>, Vec<Node<'static>>)> = const { Cell::new((Vec::new(), Vec::new())) };
}

/// An empty vector for items of another lifetime, reusing the allocation
/// (the standard library collects in place when the layouts are the same).
fn relabel<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

/// How many bytes from the start need no attention inside a string: no
/// quote, backslash or control character. Eight bytes are tested at once
/// with the usual word tricks (a byte's high bit is set in `hit` when it
/// equals `"` or `\\` or is below 0x20; the lowest such bit is exact).
#[inline(always)]
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |y: u64| y.wrapping_sub(ONES) & !y;
    let mut i = 0;
    while let Some(word) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        let hit = (zero_in(x ^ (ONES * u64::from(b'"')))
            | zero_in(x ^ (ONES * u64::from(b'\\')))
            | (x.wrapping_sub(ONES * 0x20) & !x))
            & HIGH;
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !matches!(bytes[i], b'"' | b'\\' | 0..=0x1f) {
        i += 1;
    }
    i
}

/// The strict JSON reader behind [`Node::parse`].
///
/// One pass over the bytes builds the tree (strings borrowed unless they hold
/// escapes; each array and object allocated once, at its exact length, from
/// a shared stack) and tells whether the text is spelled exactly in its RFC
/// 8785 canonical form. serde_json cannot say the latter, and a record line
/// must be canonical, so the reader is the crate's own; the old serde_json
/// route is kept in the tests as an oracle for what is accepted.
struct Reader<'a> {
    text: &'a str,
    arena: &'a bumpalo::Bump,
    pos: usize,
    depth: usize,
    /// Reading a case file, not a record (see [`Reader::number`]).
    lenient: bool,
    /// No white space, no reordered members, only the escapes RFC 8785 writes.
    canonical: bool,
    /// Reading a sealed record line: a `\u` escape must use lower-case hex
    /// digits (see [`Node::parse_sealed_line`]).
    sealed: bool,
    members: Members<'a>,
    items: Vec<Node<'a>>,
}

/// JSON's whitespace (RFC 8259: space, tab, line feed, carriage return;
/// not the form feed `u8::is_ascii_whitespace` also takes).
#[inline(always)]
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Reader<'a> {
    /// The text from `start` to the current position. Both are at ASCII
    /// bytes the scan stopped on, so always character boundaries; checked
    /// with `get`, since indexing a `str` would bring the panic path of a
    /// bad boundary, with its `char` formatting (7 KB of the wasm module).
    fn text_at(&self, start: usize) -> Result<&'a str> {
        self.text
            .get(start..self.pos)
            .ok_or_else(|| self.fail("a string cut inside a character"))
    }

    fn fail(&self, what: &str) -> crate::Error {
        Self::fail_at(what, self.pos + 1)
    }

    /// An error at the 1-based byte `at` of the line.
    fn fail_at(what: &str, at: usize) -> crate::Error {
        err(
            ErrorCode::RecordParse,
            format!("not valid JSON for a record: {what} at byte {at}"),
        )
    }

    // The small helpers are inlined even in the size-optimised wasm build,
    // where a call per byte would cost more than the work.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
            self.canonical = false;
        }
    }

    fn expect(&mut self, c: u8, what: &str) -> Result<()> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.fail(what))
        }
    }

    fn value(&mut self) -> Result<Node<'a>> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Node::Str),
            Some(b't') => self.word("true", Node::Bool(true)),
            Some(b'f') => self.word("false", Node::Bool(false)),
            Some(b'n') => self.word("null", Node::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a value")),
            None => Err(self.fail("unexpected end of text")),
        }
    }

    fn word(&mut self, w: &str, node: Node<'a>) -> Result<Node<'a>> {
        if self.text.as_bytes()[self.pos..].starts_with(w.as_bytes()) {
            self.pos += w.len();
            Ok(node)
        } else {
            Err(self.fail("expected a value"))
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("nesting deeper than 128"));
        }
        self.pos += 1;
        Ok(())
    }

    /// At the start of an array or object: whether it closes at once (empty).
    #[inline(always)]
    fn closes(&mut self, close: u8) -> bool {
        self.skip_ws();
        let empty = self.peek() == Some(close);
        self.pos += usize::from(empty);
        empty
    }

    /// After an element: `,` (another follows) or the closing byte (done).
    #[inline(always)]
    fn more(&mut self, close: u8, what: &str) -> Result<bool> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.fail(what)),
        }
    }

    fn object(&mut self) -> Result<Node<'a>> {
        self.enter()?;
        let base = self.members.len();
        if !self.closes(b'}') {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(self.fail("expected a member name"));
                }
                let key = self.string()?;
                self.expect(b':', "expected ':'")?;
                let value = self.value()?;
                self.members.push((key, value));
                if !self.more(b'}', "expected ',' or '}'")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        let members = self.arena.alloc_slice_copy(&self.members[base..]);
        self.members.truncate(base);
        // The object is read whole before its names are compared: the error
        // names its last byte, the closing `}`.
        let end = self.pos;
        if sort_members(members)
            .map_err(|e| Self::fail_at(&format!("{e} in the object ending"), end))?
        {
            self.canonical = false;
        }
        Ok(Node::Obj(members))
    }

    fn array(&mut self) -> Result<Node<'a>> {
        self.enter()?;
        let base = self.items.len();
        if !self.closes(b']') {
            loop {
                let v = self.value()?;
                self.items.push(v);
                if !self.more(b']', "expected ',' or ']'")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        let items = self.arena.alloc_slice_copy(&self.items[base..]);
        self.items.truncate(base);
        Ok(Node::Arr(items))
    }

    /// An integer: no fraction, no exponent, no `-0`, within ±(2^53−1).
    ///
    /// In a case file, a JSON number a record may not hold is read instead
    /// as [`Node::Int`] of `i64::MAX`, which every record check refuses with
    /// `record.parse`, as it refuses the number itself.
    fn number(&mut self) -> Result<Node<'a>> {
        let negative = self.peek() == Some(b'-');
        let start = self.pos + usize::from(negative);
        self.pos = self.digits_end(start);
        let digits = &self.text.as_bytes()[start..self.pos];
        if digits.is_empty() {
            return Err(self.fail("expected a digit"));
        }
        if digits.len() > 1 && digits[0] == b'0' {
            // Named at its first digit, not where the scan stopped.
            return Err(Self::fail_at("a number may not start with 0", start + 1));
        }
        let magnitude = digits.iter().try_fold(0i64, |n, &d| {
            let n = n * 10 + i64::from(d - b'0');
            (n <= MAX_SAFE_INTEGER).then_some(n)
        });
        let refused = if let Some(b'.' | b'e' | b'E') = self.peek() {
            "only integers may appear as JSON numbers (areas are strings)"
        } else if negative && digits == b"0" {
            "-0 is not an integer a record may hold"
        } else if let Some(n) = magnitude {
            return Ok(Node::Int(if negative { -n } else { n }));
        } else {
            "integer outside ±(2^53−1)"
        };
        if !self.lenient {
            return Err(self.fail(refused));
        }
        self.fraction_and_exponent()?;
        Ok(Node::Int(i64::MAX))
    }

    /// Where the run of ASCII digits starting at `from` ends.
    fn digits_end(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    /// Reads a number's optional fraction and exponent, as JSON spells them.
    fn fraction_and_exponent(&mut self) -> Result<()> {
        if self.peek() == Some(b'.') {
            let end = self.digits_end(self.pos + 1);
            if end == self.pos + 1 {
                return Err(self.fail("expected a digit after '.'"));
            }
            self.pos = end;
        }
        if let Some(b'e' | b'E') = self.peek() {
            let mut at = self.pos + 1;
            if let Some(b'+' | b'-') = self.text.as_bytes().get(at) {
                at += 1;
            }
            let end = self.digits_end(at);
            if end == at {
                return Err(self.fail("expected a digit in the exponent"));
            }
            self.pos = end;
        }
        Ok(())
    }

    /// A string token, borrowed from the text unless it holds escapes.
    fn string(&mut self) -> Result<&'a str> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        let start = self.pos;
        self.pos += plain_run(&bytes[start..]);
        // `plain_run` stops only at a quote, a backslash, a control
        // character or the end.
        match bytes.get(self.pos) {
            Some(b'"') => {
                let s = self.text_at(start)?;
                self.pos += 1;
                return Ok(s);
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.fail("control character in a string")),
            None => return Err(self.fail("unterminated string")),
        }
        let mut out = String::from(self.text_at(start)?);
        loop {
            let run = self.pos;
            self.pos += plain_run(&bytes[run..]);
            out.push_str(self.text_at(run)?);
            match bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(self.arena.alloc_str(&out));
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.fail("control character in a string")),
                None => return Err(self.fail("unterminated string")),
            }
        }
    }

    /// One escape sequence, at the backslash.
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let bytes = self.text.as_bytes();
        let c = match bytes.get(self.pos + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => {
                self.canonical = false;
                '/'
            }
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self.hex4(self.pos + 2)?;
                let lower = bytes[self.pos + 2..self.pos + 6]
                    .iter()
                    .all(|b| !b.is_ascii_uppercase());
                if self.sealed && !lower {
                    return Err(self.fail(
                        "a \\u escape in a sealed line has lower-case hex digits (RFC 8785)",
                    ));
                }
                let canonical_spelling =
                    unit < 0x20 && !matches!(unit, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) && lower;
                if !canonical_spelling {
                    self.canonical = false;
                }
                self.pos += 6;
                let c = match unit {
                    0xd800..=0xdbff => {
                        if bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.fail("lone leading surrogate in a \\u escape"));
                        }
                        let low = self.hex4(self.pos + 2)?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return Err(self.fail("lone leading surrogate in a \\u escape"));
                        }
                        self.pos += 6;
                        0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                    }
                    0xdc00..=0xdfff => {
                        return Err(self.fail("lone trailing surrogate in a \\u escape"))
                    }
                    _ => unit,
                };
                out.push(char::from_u32(c).ok_or_else(|| self.fail("invalid \\u escape"))?);
                return Ok(());
            }
            _ => return Err(self.fail("invalid escape")),
        };
        out.push(c);
        self.pos += 2;
        Ok(())
    }

    fn hex4(&self, at: usize) -> Result<u32> {
        let digits = self
            .text
            .as_bytes()
            .get(at..at + 4)
            .ok_or_else(|| self.fail("unterminated \\u escape"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.fail("invalid \\u escape"))?;
            n = n * 16 + v;
        }
        Ok(n)
    }
}

impl<'a> Node<'a> {
    /// Parses one JSON text strictly: I-JSON (unique member names), integers
    /// only and within ±(2^53−1), nesting at most [`MAX_DEPTH`]. Errors are
    /// `record.parse`.
    pub(crate) fn parse(text: &'a str, arena: &'a Arena) -> Result<Node<'a>> {
        Node::parse_line(text, arena).map(|(node, _)| node)
    }

    /// Parses one line and tells whether the line is spelled exactly in the
    /// canonical form of what it holds (RFC 8785): no white space, members in
    /// order, and only the escapes RFC 8785 writes (`\"`, `\\`, `\b`, `\f`,
    /// `\n`, `\r`, `\t`, and `\u00xx` in lower case for the other control
    /// characters). Every integer the reader accepts is spelled canonically.
    pub(crate) fn parse_line(text: &'a str, arena: &'a Arena) -> Result<(Node<'a>, bool)> {
        Node::read(text, 0, arena, false, false)
    }

    /// [`Node::parse_line`] for a line of a sealed record. Any JSON spelling
    /// of the event is read (the hash is over its canonical form, spec §1),
    /// except a `\u` escape with upper-case hex digits: re-spelling `\u001b`
    /// as `\u001B` is the one change of a single byte that leaves the event
    /// as it was, and a record must not change by a byte unnoticed.
    /// Serialisers write these digits in lower case (RFC 8785, ECMAScript,
    /// Python, Go, serde_json).
    pub(crate) fn parse_sealed_line(text: &'a str, arena: &'a Arena) -> Result<(Node<'a>, bool)> {
        Node::read(text, 0, arena, false, true)
    }

    /// Parses a conformance case file: JSON that may hold numbers a record
    /// may not (to test that they are refused); see [`Reader::number`].
    pub(crate) fn parse_case(text: &'a str, arena: &'a Arena) -> Result<Node<'a>> {
        Node::read(text, 0, arena, true, false).map(|(node, _)| node)
    }

    /// [`Node::parse_case`] of `text[start..]`, an error's byte counted from
    /// the start of `text` (one element of a larger text).
    pub(crate) fn parse_case_from(
        text: &'a str,
        start: usize,
        arena: &'a Arena,
    ) -> Result<Node<'a>> {
        Node::read(text, start, arena, true, false).map(|(node, _)| node)
    }

    fn read(
        text: &'a str,
        start: usize,
        arena: &'a Arena,
        lenient: bool,
        sealed: bool,
    ) -> Result<(Node<'a>, bool)> {
        let (members, items) = STACKS.with(Cell::take);
        let mut r = Reader {
            text,
            arena: &arena.0,
            pos: start,
            depth: 0,
            lenient,
            canonical: true,
            sealed,
            members: relabel(members),
            items: relabel(items),
        };
        let mut done = r.value();
        if done.is_ok() {
            r.skip_ws();
            if r.pos != text.len() {
                done = Err(r.fail("trailing characters after the value"));
            }
        }
        let canonical = r.canonical;
        STACKS.with(|s| s.set((relabel(r.members), relabel(r.items))));
        done.map(|node| (node, canonical))
    }

    /// Borrows a `serde_json::Value`, checking the number rule. Errors are `record.parse`.
    pub(crate) fn from_value(v: &'a Value, arena: &'a Arena) -> Result<Node<'a>> {
        Node::convert(v, arena, false, 0)
    }

    /// Borrows a conformance case held as a `serde_json::Value`, reading
    /// numbers as [`Node::parse_case`] does: one a record may not hold
    /// becomes `i64::MAX`, which every event check refuses.
    pub(crate) fn from_case_value(v: &'a Value, arena: &'a Arena) -> Node<'a> {
        // A `Value` cannot hold a repeated member name, the only other error.
        Node::convert(v, arena, true, 0).unwrap_or(Node::Null)
    }

    /// `depth` counts the arrays and objects around `v`: a tree nested more
    /// than [`MAX_DEPTH`] deep is refused as the reader refuses such a text,
    /// so nothing is sealed that a verifier would refuse, and no caller's
    /// tree can exhaust the stack.
    fn convert(v: &'a Value, arena: &'a Arena, lenient: bool, depth: usize) -> Result<Node<'a>> {
        if matches!(v, Value::Array(_) | Value::Object(_)) && depth >= MAX_DEPTH {
            return Err(err(ErrorCode::RecordParse, "nesting deeper than 128"));
        }
        Ok(match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) => Node::Int(i),
                _ if lenient => Node::Int(i64::MAX),
                _ => {
                    return Err(err(
                        ErrorCode::RecordParse,
                        format!("number {n} is not an integer within ±(2^53−1)"),
                    ))
                }
            },
            Value::String(s) => Node::Str(s),
            Value::Array(a) => {
                let items = a
                    .iter()
                    .map(|x| Node::convert(x, arena, lenient, depth + 1))
                    .collect::<Result<Vec<_>>>()?;
                Node::Arr(arena.0.alloc_slice_copy(&items))
            }
            Value::Object(o) => {
                let m = o
                    .iter()
                    .map(|(k, v)| Ok((k.as_str(), Node::convert(v, arena, lenient, depth + 1)?)))
                    .collect::<Result<Vec<_>>>()?;
                let m = arena.0.alloc_slice_copy(&m);
                sort_members(m).map_err(|e| err(ErrorCode::RecordParse, e))?;
                Node::Obj(m)
            }
        })
    }

    /// Refuses a tree holding a number a record may not hold, which a case
    /// file is read with (as `i64::MAX`): `record.parse`, as a record's
    /// reader refuses the number itself.
    pub(crate) fn check_numbers(&self) -> Result<()> {
        match self {
            Node::Int(i) if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i) => Err(err(
                ErrorCode::RecordParse,
                "only integers within ±(2^53−1) may appear as JSON numbers (areas are strings)",
            )),
            Node::Arr(items) => items.iter().try_for_each(Node::check_numbers),
            Node::Obj(members) => members.iter().try_for_each(|(_, v)| v.check_numbers()),
            _ => Ok(()),
        }
    }

    /// An owned `serde_json::Value` with the same content.
    pub(crate) fn to_value(self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Int(i) => Value::from(i),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Arr(a) => Value::Array(a.iter().map(|x| x.to_value()).collect()),
            Node::Obj(m) => {
                // Inserted one by one: collecting would sort them again
                // (and bring a second sorting routine into the wasm module).
                let mut out = serde_json::Map::new();
                for (k, v) in m.iter() {
                    out.insert(k.to_string(), v.to_value());
                }
                Value::Object(out)
            }
        }
    }

    /// The string, if this is one.
    /// The value of member `k` of an object node (`null` included); `None`
    /// for a missing member or a node that is no object.
    pub(crate) fn member(&self, k: &str) -> Option<&'a Node<'a>> {
        match self {
            Node::Obj(members) => find_member(members, k),
            _ => None,
        }
    }

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
            Node::Str(s) => write_json_string(s, out),
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
                    write_json_string(k, out);
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
        // The canonical form is written from `str`s and ASCII only, so it is
        // UTF-8; `from_utf8` is in the module already, `from_utf8_lossy` is
        // not (0.65 KB).
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

/// The JSON text the crate wrote itself (results) as a `Value`. It always
/// parses (nesting is shallow, names unique); a failure is a bug, caught by
/// debug builds and fuzzing. Read by serde_json rather than
/// [`parse_strict`]: a count a caller put in a result (or read into one)
/// may exceed 2^53, which a `Value` holds exactly as a `u64`.
pub(crate) fn own_text_to_value(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            debug_assert!(false, "the crate wrote JSON it cannot read ({e}): {text}");
            Value::Null
        }
    }
}

/// Parses one JSON text strictly: I-JSON (unique member names), integers only
/// and within ±(2^53−1). Errors are `record.parse`.
pub fn parse_strict(text: &str) -> Result<Value> {
    Node::parse(text, &Arena::default()).map(|n| n.to_value())
}

/// Appends the RFC 8785 canonical form of `v` to `out`.
///
/// Members are sorted by their UTF-16 code units; strings use the minimal
/// JSON escaping of ECMAScript `JSON.stringify`; the only numbers a record
/// may hold are integers, written without exponent or fraction.
///
/// Canonical for values a record may hold. Other numbers (a fraction, an
/// integer beyond ±(2^53−1)) are written as serde_json spells them, which
/// is not RFC 8785's ECMAScript form; every entry point that seals or
/// verifies refuses such numbers first (`record.parse`).
pub fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_json_string(s, out),
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
                crate::order::sort_by(&mut entries, |a, b| utf16_cmp(a.0, b.0));
            }
            out.push(b'{');
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json_string(k, out);
                out.push(b':');
                write_canonical(x, out);
            }
            out.push(b'}');
        }
    }
}

/// The canonical form of `v` as a string (see [`write_canonical`] for the
/// numbers it covers).
pub fn to_canonical_string(v: &Value) -> String {
    let mut out = Vec::new();
    write_canonical(v, &mut out);
    // Only UTF-8 is ever written.
    String::from_utf8(out).unwrap_or_default()
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
pub fn write_json_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let plain = plain_run(bytes);
    if plain == bytes.len() {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate().skip(plain) {
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
    pub members: &'a [(&'n str, Node<'n>)],
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
                        crate::order::join(allowed, ", ")
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
        find_member(self.members, k)
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
                Node::Str(s) => check_id(s, k, self.what).map(|_| *s),
                _ => Err(self.wrong(k, "an array of identifiers")),
            })
            .collect()
    }
}

/// The value of the member named `k`.
fn find_member<'m, 'n>(members: &'m [(&'n str, Node<'n>)], k: &str) -> Option<&'m Node<'n>> {
    members.iter().find(|(x, _)| same(x, k)).map(|(_, v)| v)
}

/// Equality for short strings such as member names, compared in place:
/// a call into `memcmp` costs more than the comparison itself. A plain loop,
/// inlined: at `opt-level = "z"` (the wasm build) an iterator chain stayed a
/// call per comparison.
#[inline(always)]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
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
mod serde_oracle {
    //! The former serde_json route, kept as a test oracle: the reader must
    //! accept exactly what it accepts (with the record's rules on numbers
    //! and names) and build the same value.
    use super::*;
    use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

    struct Oracle(Value);

    pub(super) fn parse(text: &str) -> std::result::Result<Value, String> {
        serde_json::from_str::<Oracle>(text)
            .map(|o| o.0)
            .map_err(|e| e.to_string())
    }

    impl<'de> de::Deserialize<'de> for Oracle {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Oracle, D::Error> {
            d.deserialize_any(StrictVisitor).map(Oracle)
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
            Ok(Value::from(v as i64))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Value, E> {
            Err(E::custom("only integers"))
        }
        fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
            Ok(Value::String(v.to_owned()))
        }
        fn visit_unit<E>(self) -> std::result::Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element::<Oracle>()? {
                out.push(v.0);
            }
            Ok(Value::Array(out))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
            let mut out = serde_json::Map::new();
            while let Some(k) = map.next_key::<String>()? {
                let v = map.next_value::<Oracle>()?.0;
                if out.insert(k, v).is_some() {
                    return Err(de::Error::custom("duplicate member name"));
                }
            }
            Ok(Value::Object(out))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An arena that lives as long as the test (leaked).
    fn arena() -> &'static Arena {
        Box::leak(Box::default())
    }
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
            let node = Node::parse(&text, arena()).unwrap();
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
            (r#"{"a":"\u001b"}"#, true),
            (r#"{"a":"\u001B"}"#, false),
            (r#"{"a":"\n\"\\\t\b\f\r"}"#, true),
            (r#"{"a":"\u000a"}"#, false),
            (r#"{"a":"\u0020"}"#, false),
            (r#"{"a":"\/"}"#, false),
            ("{\"a\":\"\u{7f}\"}", true),
            ("[0,10,-10,9007199254740991]", true),
        ] {
            let (node, c) = Node::parse_line(text, arena()).unwrap();
            assert_eq!(c, canonical, "{text}");
            let mut out = Vec::new();
            node.write_canonical(&mut out);
            assert_eq!(c, out == text.as_bytes(), "{text}");
        }
        // "-0" is a float to serde_json, and floats are refused outright.
        assert!(Node::parse_line(r#"{"a":-0}"#, arena()).is_err());
    }

    proptest::proptest! {
        /// `parse_line` calls a text canonical exactly when it equals its
        /// canonical form.
        #[test]
        fn canonical_line_check_is_sound(v in arb_json(), pretty in proptest::prelude::any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { to_canonical_string(&v) };
            let (node, c) = Node::parse_line(&text, arena()).unwrap();
            let mut out = Vec::new();
            node.write_canonical(&mut out);
            let same = out == text.as_bytes();
            proptest::prop_assert_eq!(c, same);
        }
    }

    /// JSON-ish texts: JSON with random edits, to reach every error path.
    fn arb_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("\\u".to_owned()),
            Just("\\ud83d\\ude00".to_owned()),
            Just("\\udc00".to_owned()),
            Just("\\ud800x".to_owned()),
            Just("-0".to_owned()),
            Just("1e2".to_owned()),
            Just("01".to_owned()),
            Just("9007199254740992".to_owned()),
            Just("\\/".to_owned()),
            Just(" ".to_owned()),
            "[\\x00-\\x7f]{0,3}",
            "[\"\\\\{}\\[\\],:0-9tfnrule-]{1,3}",
        ];
        (
            arb_json(),
            any::<bool>(),
            proptest::collection::vec((any::<proptest::sample::Index>(), 0..4usize, piece), 0..3),
        )
            .prop_map(|(v, pretty, edits)| {
                let mut text = if pretty {
                    serde_json::to_string_pretty(&v).unwrap()
                } else {
                    to_canonical_string(&v)
                };
                for (at, cut, piece) in edits {
                    let mut i = at.index(text.len() + 1);
                    while !text.is_char_boundary(i) {
                        i -= 1;
                    }
                    let mut j = (i + cut).min(text.len());
                    while !text.is_char_boundary(j) {
                        j += 1;
                    }
                    text.replace_range(i..j, &piece);
                }
                text
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, ..Default::default() })]
        /// The reader accepts exactly what the serde_json route accepts
        /// (with the same rules on numbers and names) and builds the same tree.
        #[test]
        fn reader_agrees_with_serde_json(text in arb_text()) {
            let ours = Node::parse(&text, arena());
            let theirs = super::serde_oracle::parse(&text);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(&a.to_value(), b),
                (Err(e), Err(_)) => proptest::prop_assert_eq!(e.code(), "record.parse"),
                _ => proptest::prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
            }
        }
    }

    #[test]
    fn relabel_keeps_the_allocation() {
        let v: Vec<Node<'static>> = Vec::with_capacity(100);
        let at = v.as_ptr() as usize;
        let w: Vec<Node<'_>> = relabel(v);
        assert!(w.capacity() >= 100);
        assert_eq!(w.as_ptr() as usize, at);
    }

    #[test]
    fn plain_runs_stop_at_what_needs_attention() {
        let long = "a".repeat(40);
        for (text, n) in [("", 0), ("abc", 3), ("ab\"c", 2), ("\\", 0), ("é\u{1}", 2)] {
            assert_eq!(plain_run(text.as_bytes()), n, "{text:?}");
        }
        for stop in ["\"", "\\", "\n", "\u{1f}"] {
            for at in [0, 15, 16, 17, 39] {
                let mut t = long.clone();
                t.replace_range(at..at + 1, stop);
                assert_eq!(plain_run(t.as_bytes()), at, "{stop:?} at {at}");
            }
        }
        assert_eq!(plain_run(long.as_bytes()), 40);
    }

    proptest::proptest! {
        #[test]
        fn plain_run_is_the_naive_scan(text in "[\\x00-\\x7f\\u{80}-\\u{10ffff}]{0,40}") {
            let naive = text.bytes().position(|c| matches!(c, b'"' | b'\\' | 0..=0x1f)).unwrap_or(text.len());
            proptest::prop_assert_eq!(plain_run(text.as_bytes()), naive);
        }
    }

    #[test]
    fn case_files_read_numbers_a_record_may_not_hold_as_out_of_range() {
        let v = Node::parse_case(r#"[1.5, 1e3, -2.5E-7, -0, 9007199254740992, 123456789012345678901234567890, 7, -7, 0]"#, arena()).unwrap();
        let far = Node::Int(i64::MAX);
        assert_eq!(
            v,
            Node::Arr(&[
                far,
                far,
                far,
                far,
                far,
                far,
                Node::Int(7),
                Node::Int(-7),
                Node::Int(0)
            ])
        );
        for bad in ["1.", "1e", "1e+", "01", "-", "[1.5.2]", "{\"a\":1,\"a\":2}"] {
            assert_eq!(
                Node::parse_case(bad, arena()).unwrap_err().code(),
                "record.parse",
                "{bad}"
            );
        }
        // And the out-of-range stand-in is refused as the number itself is.
        let case = crate::conformance::parse_case(r#"{"at":"2026-10-08T09:00:00+08:00","kind":"rules.adopted","data":{"rules":"r","x":1.5}}"#).unwrap();
        assert_eq!(
            Node::from_value(&case, arena()).unwrap_err().code(),
            "record.parse"
        );
    }

    proptest::proptest! {
        /// Without numbers a record refuses, a case file reads as serde_json reads it.
        #[test]
        fn case_files_read_as_serde_json_does(v in arb_json(), pretty in proptest::prelude::any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
            proptest::prop_assert_eq!(crate::conformance::parse_case(&text).unwrap(), serde_json::from_str::<Value>(&text).unwrap());
        }
    }

    #[test]
    fn reader_limits_nesting() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(Node::parse(&deep(MAX_DEPTH), arena()).is_ok());
        assert_eq!(
            Node::parse(&deep(MAX_DEPTH + 1), arena())
                .unwrap_err()
                .code(),
            "record.parse"
        );
        assert!(Node::parse(&"[".repeat(100_000), arena()).is_err());
        // Depth is nesting, not a count: 200 ballots side by side, each an
        // object holding an array, are two levels below the outer array.
        let ballots = format!(
            "[{}]",
            vec![r#"{"owner":"o1","votes":["c1","c2"]}"#; 200].join(",")
        );
        assert!(matches!(Node::parse(&ballots, arena()), Ok(Node::Arr(a)) if a.len() == 200));
        // A caller's tree is held to the same limit, however it was built.
        let nested = |n: usize| (0..n).fold(Value::Null, |v, _| Value::Array(vec![v]));
        assert!(Node::from_value(&nested(MAX_DEPTH), arena()).is_ok());
        let in_objects = |n: usize| (0..n).fold(Value::Null, |v, _| json!({ "data": v }));
        assert!(Node::from_value(&in_objects(MAX_DEPTH), arena()).is_ok());
        assert_eq!(
            Node::from_value(&in_objects(MAX_DEPTH + 1), arena())
                .unwrap_err()
                .code(),
            "record.parse"
        );
        for n in [MAX_DEPTH + 1, 1_000_000] {
            let v = nested(n);
            assert_eq!(
                Node::from_value(&v, arena()).unwrap_err().code(),
                "record.parse"
            );
            // Dropping a `Value` recurses too; take it apart by hand.
            let mut v = v;
            while let Value::Array(mut a) = v {
                v = a.pop().unwrap_or(Value::Null);
            }
        }
    }

    #[test]
    fn node_canonical_matches_value_canonical() {
        let text = r#"{"z":[1,{"b":"\u00e9","a":null}],"a":true,"\ue000":1,"😀":-2}"#;
        let n = Node::parse(text, arena()).unwrap();
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

    #[test]
    fn errors_name_the_byte_they_are_about() {
        let at = |text: &str| parse_strict(text).unwrap_err().message().to_owned();
        // 1-based: the first byte of the refused number, not where the scan stopped.
        assert!(at(r#"{"seq":05}"#).ends_with("may not start with 0 at byte 8"));
        assert!(at(r#"{"seq":-05}"#).ends_with("may not start with 0 at byte 9"));
        // A duplicate name is found once the object is read: its closing brace.
        let m = at(r#"{"a":{"k":1,"k":2},"b":1}"#);
        assert!(
            m.ends_with("duplicate member name \"k\" in the object ending at byte 18"),
            "{m}"
        );
        assert!(at("[1,}").ends_with("expected a value at byte 4"));
        // A lone surrogate is named as such, at the byte after its escape.
        assert!(at(r#"["\ud800"]"#).ends_with("lone leading surrogate in a \\u escape at byte 9"));
        assert!(at(r#"["\udc00"]"#).ends_with("lone trailing surrogate in a \\u escape at byte 9"));
    }

    #[test]
    fn identifiers_are_non_empty_and_at_most_256_bytes() {
        let check = |s: &str| check_id(s, "owner", "unit").map_err(|e| e.code());
        // 85 three-byte characters and a digit: 256 bytes.
        let longest = format!("{}1", "业".repeat(85));
        assert_eq!(longest.len(), MAX_ID_LEN);
        assert_eq!(check(&longest), Ok(()));
        assert_eq!(check(&format!("{longest}2")), Err("record.too_large"));
        assert_eq!(check(""), Err("event.invalid"));
    }

    /// The ledger keeps one arena between events: reset, it holds the
    /// memory of the largest event's tree for the next, and no more.
    #[test]
    fn an_arena_reset_frees_its_trees_and_keeps_the_memory() {
        // 1,000 owners' names with an escape each, so every string and the
        // array itself are allocated in the arena.
        let text = format!("[{}]", vec![r#""业主\u0041""#; 1000].join(","));
        let mut arena = Arena::default();
        Node::parse(&text, &arena).unwrap();
        let held = arena.capacity();
        assert!(held >= 1000 * std::mem::size_of::<Node<'_>>(), "{held}");
        for _ in 0..20 {
            arena.reset();
            assert!(matches!(Node::parse(&text, &arena), Ok(Node::Arr(a)) if a.len() == 1000));
        }
        assert!(
            arena.capacity() <= 4 * held,
            "{} > 4 × {held}",
            arena.capacity()
        );
    }
}
