//! The ledger: a fold over the record. `apply` is the only way state changes.

use crate::error::{err, Error, ErrorCode, Result};
use crate::hash::{HashMap, HashSet};
use crate::json::{obj, write_json_string, Arena, Node, Obj};
use crate::meeting::{
    build_group, Ballot, Body, Channel, Choice, Election, Matter, Meeting, Motion, MotionTally,
    ObjectionRule, MAX_CANDIDATES, MAX_MOTIONS, MAX_PROTECTED_MOTIONS, PARTIES,
};
use crate::record::{hash_hex, hash_hex_parts, parse_time, Hex, Summary, DAY_NS, MAX_LINE_BYTES};
use crate::registry::{Registry, Selector};
use crate::rules::{Revote, Rules};
use crate::tally::{Figure, MotionRef, MotionResult, PostObjection};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::io::BufRead;

/// Every event kind of record version 1, in the order the spec lists them.
pub const EVENT_KINDS: [&str; 12] = [
    "community.registered",
    "unit.transferred",
    "rules.adopted",
    "meeting.convened",
    "proxy.granted",
    "proxy.revoked",
    "attendance.recorded",
    "ballot.cast",
    "ballot.voided",
    "objection.filed",
    "meeting.closed",
    "result.declared",
];

/// The state of a community's deliberations after some prefix of its record.
///
/// ```
/// use yishi::Ledger;
/// use serde_json::json;
///
/// let mut ledger = Ledger::new();
/// ledger.apply(&json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
///     "data": {"community": "bihu", "units": [
///         {"id": "1-0101", "area": "89.37", "owner": "o1"},
///         {"id": "1-0102", "area": "120", "owner": "o2"},
///         {"id": "1-0201", "area": "89.37", "owner": "o3"}]}})).unwrap();
/// ledger.apply(&json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
///     "data": {"rules": "r1", "preset": "civil-code-2021"}})).unwrap();
/// ledger.apply(&json!({"at": "2026-11-01T09:00:00+08:00", "kind": "meeting.convened",
///     "data": {"meeting": "m1", "body": "assembly", "rules": "r1", "form": "written",
///              "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
///              "closes_at": "2026-12-05T18:00:00+08:00",
///              "motions": [{"motion": "pm", "title": "续聘物业", "matter": "278.4"}]}})).unwrap();
/// for (i, v) in ["yes", "yes", "no"].iter().enumerate() {
///     ledger.apply(&json!({"at": format!("2026-11-20T10:0{i}:00+08:00"), "kind": "ballot.cast",
///         "data": {"meeting": "m1", "voter": format!("o{}", i + 1), "channel": "online", "votes": {"pm": v}}})).unwrap();
/// }
/// let r = ledger.result("m1", "pm").unwrap();
/// assert_eq!(r.outcome.as_str(), "passed");
/// assert!(r.provisional);
/// assert_eq!(ledger.len(), 6);
/// ```
#[derive(Debug, Clone)]
pub struct Ledger {
    seq: u64,
    head: Hex,
    last_at: Option<i128>,
    registry: Option<Registry>,
    rules: HashMap<String, Rules>,
    meetings: Vec<Meeting>,
    meeting_index: HashMap<String, usize>,
    history: Option<String>,
    /// Reused buffer for canonical bytes.
    scratch: Vec<u8>,
}

impl Default for Ledger {
    fn default() -> Ledger {
        Ledger::new()
    }
}

/// A parsed event: time, kind and data.
struct Parsed<'a> {
    at: &'a str,
    instant: i128,
    kind: &'a str,
    data: &'a Node<'a>,
}

std::thread_local! {
    /// Where each event's parsed tree lives while it is applied: one arena
    /// per thread, so a `Ledger` stays `Send + Sync`.
    static ARENA: Cell<Option<Arena>> = const { Cell::new(None) };
}

/// The largest arena kept between events, in bytes.
const ARENA_KEPT: usize = 1 << 20;

/// The UTF-8 byte-order mark: refused at the start of a record, skipped
/// before events to seal.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The days of notice of an assembly meeting the Property Management
/// Regulations (Art. 14) require.
const ASSEMBLY_NOTICE_DAYS: i128 = 15;

/// Where a record was expected and unsealed events were given.
const UNSEALED: &str = "unsealed events: a record holds sealed ones (with seq, prev and hash), one per line; seal them (or append them to a record) first";

/// Where a record was expected and a JSON array was given: unsealed events
/// (to be sealed first) or sealed ones saved as an array (`jq -s`).
const ARRAY: &str = "a JSON array: a record holds one sealed event per line, not an array (unsealed events are sealed first)";

fn data_obj<'a>(v: &'a Node<'a>) -> Result<Obj<'a, 'a>> {
    obj(v, "data")
}

impl Ledger {
    /// An empty ledger that keeps the record text (for [`Ledger::to_record`]);
    /// `Ledger::default()` is the same. A server that holds many ledgers and
    /// stores their records elsewhere uses [`Ledger::without_history`].
    pub fn new() -> Ledger {
        Ledger {
            seq: 0,
            head: Hex::GENESIS,
            last_at: None,
            registry: None,
            rules: HashMap::default(),
            meetings: Vec::new(),
            meeting_index: HashMap::default(),
            history: Some(String::new()),
            scratch: Vec::new(),
        }
    }

    /// An empty ledger that does not keep the record text: memory stays
    /// bounded by the community's state, whatever the record's length.
    ///
    /// ```
    /// let event = r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#;
    /// let (mut kept, mut not) = (yishi::Ledger::new(), yishi::Ledger::without_history());
    /// let line = kept.apply_json(event)?;
    /// assert_eq!(not.apply_json(event)?, line);
    /// assert_eq!(kept.as_record(), line + "\n");
    /// assert_eq!((not.as_record(), not.len(), not.head()), ("", 1, kept.head()));
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn without_history() -> Ledger {
        Ledger {
            history: None,
            ..Ledger::new()
        }
    }

    /// Number of events applied.
    pub fn len(&self) -> u64 {
        self.seq
    }

    /// Whether no event was applied yet.
    pub fn is_empty(&self) -> bool {
        self.seq == 0
    }

    /// The hash of the last event (64 zeros before the first).
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The community's registry, once registered.
    pub fn registry(&self) -> Option<&Registry> {
        self.registry.as_ref()
    }

    /// The record so far: canonical JSON Lines, one sealed event per line.
    ///
    /// Only a ledger that keeps the record text has it: one made with
    /// [`Ledger::new`] (or `Default`) or [`Ledger::from_record`]. It is
    /// empty for a ledger made with [`Ledger::without_history`], or replayed
    /// by [`Ledger::replay`] or [`Replay`] (streaming, memory bounded by the
    /// community's state): events applied to such a ledger afterwards are
    /// not kept either, so save the lines its `apply_json` returns, or
    /// replay with [`Ledger::from_record`] to keep the text. A copy:
    /// [`Ledger::as_record`] borrows the same text.
    ///
    /// ```
    /// let record = yishi::seal_text(r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#)?;
    /// assert_eq!(yishi::Ledger::from_record(&record)?.to_record(), record);
    /// assert_eq!(yishi::Ledger::replay(record.as_bytes())?.to_record(), "");
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn to_record(&self) -> String {
        self.history.clone().unwrap_or_default()
    }

    /// The record so far, borrowed (no copy of a long record, as
    /// [`Ledger::to_record`] makes): canonical JSON Lines, each line ending
    /// in `\n`. Empty for a ledger made with [`Ledger::without_history`],
    /// or replayed by [`Ledger::replay`] or [`Replay`].
    ///
    /// ```
    /// let mut ledger = yishi::Ledger::new();
    /// ledger.apply_json(r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#)?;
    /// assert_eq!(ledger.as_record(), ledger.to_record());
    /// assert!(ledger.as_record().ends_with('\n'));
    /// assert_eq!(yishi::Ledger::without_history().as_record(), "");
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn as_record(&self) -> &str {
        self.history.as_deref().unwrap_or_default()
    }

    /// Applies an *unsealed* event `{at, kind, data}`: checks it, seals it
    /// (assigning `seq`, `prev` and `hash`) and returns the sealed event.
    /// On error the ledger is unchanged.
    pub fn apply(&mut self, event: &Value) -> Result<Value> {
        let (prev, _) = self.with_arena(|l, arena| {
            let node = Node::from_value(event, arena).map_err(|x| x.at(l.seq + 1))?;
            l.seal_and_apply(&node, false, None)
        })?;
        let mut m = Map::new();
        m.insert("seq".into(), Value::from(self.seq));
        m.insert("at".into(), event["at"].clone());
        m.insert("kind".into(), event["kind"].clone());
        m.insert("data".into(), event["data"].clone());
        m.insert("prev".into(), Value::String(prev.to_string()));
        m.insert("hash".into(), Value::String(self.head.to_string()));
        Ok(Value::Object(m))
    }

    /// Seals and applies an unsealed event from a tree read leniently (a
    /// case file, an array given to [`seal_text`]): a number a record may
    /// not hold is refused first, at this event's position. With
    /// `want_line`, returns the sealed line (no trailing newline).
    pub(crate) fn apply_node(
        &mut self,
        node: &Node<'_>,
        want_line: bool,
    ) -> Result<Option<String>> {
        node.check_numbers().map_err(|x| x.at(self.seq + 1))?;
        self.seal_and_apply(node, want_line, None)
            .map(|(_, line)| line)
    }

    /// Applies an unsealed event given as JSON text and returns the sealed
    /// event as its canonical line (no trailing newline): the cheapest path
    /// for callers that hold text, such as the WebAssembly binding or a
    /// server appending ballots as they arrive. On error the ledger is
    /// unchanged, and [`Error::seq`] is the position the event would have had.
    ///
    /// ```
    /// use yishi::{ErrorCode, Ledger};
    /// let mut ledger = Ledger::without_history();
    /// let line = ledger.apply_json(r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#)?;
    /// assert!(line.starts_with(r#"{"at":"2026-10-08T09:00:00+08:00","data":"#));
    /// assert!(line.ends_with(r#""seq":1}"#));
    /// // Append `line` and a newline to the stored record; a refusal says why, by code.
    /// let e = ledger
    ///     .apply_json(r#"{"at":"2026-10-08T09:01:00+08:00","kind":"ballot.cast","data":{"meeting":"m1","voter":"o1","channel":"online","votes":{"a":"yes"}}}"#)
    ///     .unwrap_err();
    /// assert_eq!((e.kind(), e.seq()), (ErrorCode::MeetingUnknown, 2));
    /// assert_eq!(ledger.len(), 1);
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn apply_json(&mut self, event: &str) -> Result<String> {
        let (_, line) = self.with_arena(|l, arena| {
            let (node, canonical) = Node::parse_line(event, arena).map_err(|x| x.at(l.seq + 1))?;
            l.seal_and_apply(&node, true, canonical.then_some(event))
        })?;
        Ok(line.unwrap_or_default())
    }

    /// Applies unsealed events given as a JSON array or JSON Lines, as
    /// [`seal_bytes`] reads them, after the events already here, and returns
    /// their sealed lines (canonical JSON Lines, each ending in `\n`): what
    /// an organiser appends to a published record (`yishi append`). An
    /// error names the event by its position in the whole record; the
    /// events before it stay applied.
    ///
    /// ```
    /// let record = yishi::seal_text(r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#)?;
    /// let mut ledger = yishi::Ledger::replay(record.as_bytes())?;
    /// let more = ledger.apply_bytes(br#"[{"at":"2026-10-08T09:01:00+08:00","kind":"rules.adopted","data":{"rules":"r1","preset":"civil-code-2021"}}]"#)?;
    /// assert!(more.ends_with("\"seq\":2}\n"));
    /// // The record and the new lines are the record of all the events.
    /// assert_eq!(yishi::verify_record(&(record + &more))?.events, 2);
    /// let e = ledger.apply_bytes(b"[1]").unwrap_err();
    /// assert_eq!((e.code(), e.seq()), ("record.parse", 3));
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn apply_bytes(&mut self, input: &[u8]) -> Result<String> {
        let mut lines = String::new();
        seal_into(self, input, true, |line| {
            lines.push_str(&line);
            lines.push('\n');
        })?;
        Ok(lines)
    }

    /// Runs `f` with this thread's arena for event trees, emptied first
    /// (the trees of earlier events are freed all at once).
    fn with_arena<T>(&mut self, f: impl FnOnce(&mut Ledger, &Arena) -> Result<T>) -> Result<T> {
        let mut arena = ARENA.with(Cell::take).unwrap_or_default();
        arena.reset();
        let done = f(self, &arena);
        // Kept for the next event unless one huge event (a registry of
        // 100,000 units) made it large: that memory goes back at once.
        if arena.capacity() <= ARENA_KEPT {
            ARENA.with(|a| a.set(Some(arena)));
        }
        done
    }

    /// Seals and applies an unsealed event; returns the previous head and,
    /// when asked, the sealed canonical line. `canonical_text` is the text
    /// the event was read from when that text is spelled canonically: its
    /// bytes are then the start of the unsigned form, not written again.
    fn seal_and_apply(
        &mut self,
        node: &Node<'_>,
        want_line: bool,
        canonical_text: Option<&str>,
    ) -> Result<(Hex, Option<String>)> {
        let seq = self.seq + 1;
        let e = obj(node, "event")
            .map_err(|_| err(ErrorCode::RecordParse, "an event is a JSON object").at(seq))?;
        if let Err(x) = e.allow(&["at", "kind", "data"]) {
            // A sealed event given to be sealed again: say what it is.
            let x = match e.raw("hash") {
                Some(_) => err(
                    x.kind(),
                    format!("{}: this event is already sealed; a sealed record is verified, or has events appended to it, not sealed again", x.message()),
                ),
                None => x,
            };
            return Err(x.at(seq));
        }
        let p = self.envelope(&e).map_err(|x| x.at(seq))?;
        let (buf, data_end) = match canonical_text {
            Some(text) => self.unsigned_from_canonical(text, &p, seq),
            None => self.unsigned_bytes(&p, seq),
        };
        // The sealed line adds `,"hash":"<64 hex digits>"` to these bytes; a
        // verifier refuses a longer line than MAX_LINE_BYTES, so sealing does.
        let sealed_len = buf.len() + HASH_MEMBER_LEN;
        if sealed_len > MAX_LINE_BYTES {
            self.scratch = buf;
            return Err(err(
                ErrorCode::RecordTooLarge,
                format!("the sealed event would be a line of {sealed_len} bytes; the limit is {MAX_LINE_BYTES}"),
            )
            .at(seq));
        }
        let hash = hash_hex(&buf);
        let prev = self.head;
        let line = want_line.then(|| {
            let mut l = String::with_capacity(sealed_len);
            push_sealed_line(&mut l, &buf, data_end, &hash);
            l
        });
        let done = self.commit(p, Sealed::Unsigned(&buf, data_end), hash, seq);
        self.scratch = buf;
        done?;
        Ok((prev, line))
    }

    /// Applies a *sealed* event object, checking its envelope (seq, time,
    /// prev, hash, in that order) before its content. On error the ledger is unchanged.
    pub fn apply_sealed(&mut self, event: &Value) -> Result<()> {
        self.with_arena(|l, arena| {
            let node = Node::from_value(event, arena).map_err(|x| x.at(l.seq + 1))?;
            l.apply_sealed_checked(&node, None)
        })
    }

    /// [`Ledger::apply_sealed`] of a tree read leniently (a case file's
    /// `record`): a number a record may not hold is refused first, at this
    /// event's position.
    pub(crate) fn apply_sealed_node(&mut self, node: &Node<'_>) -> Result<()> {
        node.check_numbers().map_err(|x| x.at(self.seq + 1))?;
        self.apply_sealed_checked(node, None)
    }

    /// Applies a sealed event. With `canonical_line` (the line it was read
    /// from, when that line is spelled in its canonical form), the line is
    /// hashed as it stands; otherwise the event is hashed in its canonical
    /// form, as spec §1 defines the hash, and the history keeps that form.
    fn apply_sealed_checked(
        &mut self,
        node: &Node<'_>,
        canonical_line: Option<&[u8]>,
    ) -> Result<()> {
        let seq = self.seq + 1;
        let e = obj(node, "event")
            .map_err(|_| err(ErrorCode::RecordParse, "an event is a JSON object").at(seq))?;
        const ENVELOPE: [&str; 6] = ["at", "data", "hash", "kind", "prev", "seq"];
        let exact = e.members.len() == 6
            && e.members
                .iter()
                .zip(ENVELOPE)
                .all(|((k, _), x)| crate::json::same(k, x));
        if !exact {
            if ["seq", "prev", "hash"].iter().all(|k| e.raw(k).is_none()) {
                return Err(err(ErrorCode::RecordParse, UNSEALED).at(seq));
            }
            for k in ["seq", "at", "kind", "data", "prev", "hash"] {
                if e.raw(k).is_none() {
                    return Err(err(
                        ErrorCode::RecordParse,
                        format!("a sealed event lacks \"{k}\""),
                    )
                    .at(seq));
                }
            }
            e.allow(&ENVELOPE).map_err(|x| x.at(seq))?;
        }
        match e.raw("seq").and_then(|n| {
            if let Node::Int(i) = n {
                u64::try_from(*i).ok()
            } else {
                None
            }
        }) {
            Some(s) if s == seq => {}
            Some(s) => {
                return Err(
                    err(ErrorCode::RecordSeq, format!("seq is {s}, expected {seq}")).at(seq),
                )
            }
            None => {
                return Err(err(
                    ErrorCode::RecordSeq,
                    format!("seq must be the integer {seq}"),
                )
                .at(seq))
            }
        }
        let p = self.envelope(&e).map_err(|x| x.at(seq))?;
        let prev = e.raw("prev").and_then(Node::as_str).ok_or_else(|| {
            err(ErrorCode::RecordPrevMismatch, "prev must be a hash string").at(seq)
        })?;
        if prev != self.head.as_str() {
            return Err(err(
                ErrorCode::RecordPrevMismatch,
                format!(
                    "prev is {prev}, but the previous event's hash is {}",
                    self.head
                ),
            )
            .at(seq));
        }
        let claimed = e.raw("hash").and_then(Node::as_str).ok_or_else(|| {
            err(ErrorCode::RecordHashMismatch, "hash must be a hex string").at(seq)
        })?;
        if let Some(line) = canonical_line {
            // Hash the line without its `hash` member (anything unexpected
            // goes the long way below).
            if let Some((cut, end)) = hash_member(line, claimed) {
                // `get`, not indexing (see `json::Reader::text_at`): the member's
                // bounds are at ASCII bytes; were they not, the empty parts
                // would hash to a mismatch, never to a pass.
                let hash = hash_hex_parts(&[
                    line.get(..cut).unwrap_or_default(),
                    line.get(end..).unwrap_or_default(),
                ]);
                same_hash(claimed, &hash).map_err(|x| x.at(seq))?;
                return self.commit(p, Sealed::Line(line), hash, seq);
            }
        }
        let (buf, data_end) = self.unsigned_bytes(&p, seq);
        let hash = hash_hex(&buf);
        if let Err(x) = same_hash(claimed, &hash) {
            self.scratch = buf;
            return Err(x.at(seq));
        }
        let done = self.commit(p, Sealed::Unsigned(&buf, data_end), hash, seq);
        self.scratch = buf;
        done
    }

    /// Applies one line of a sealed record.
    pub fn apply_sealed_line(&mut self, line: &str) -> Result<()> {
        let seq = self.seq + 1;
        // The limit is on the line, not its ending: a `\r` before the `\n`
        // (a record saved with CRLF endings) does not count.
        let len = line.strip_suffix('\r').map_or(line.len(), str::len);
        if len > MAX_LINE_BYTES {
            return Err(err(
                ErrorCode::RecordTooLarge,
                // The streaming reader cannot know a long line's length, so
                // both say the same, whatever the pieces the line came in.
                format!("line longer than {MAX_LINE_BYTES} bytes"),
            )
            .at(seq));
        }
        self.with_arena(|l, arena| {
            let (v, canonical) = Node::parse_sealed_line(line, arena).map_err(|x| x.at(seq))?;
            l.apply_sealed_checked(&v, canonical.then_some(line.as_bytes()))
        })
        .map_err(|e| {
            // A JSON array given where a record is expected (unsealed
            // events, or sealed ones saved as an array): say so, rather
            // than where the JSON stopped.
            if seq == 1
                && e.kind() == ErrorCode::RecordParse
                && line.bytes().find(|b| !json_ws(b)) == Some(b'[')
            {
                err(ErrorCode::RecordParse, ARRAY).at(1)
            } else {
                e
            }
        })
    }

    /// Verifies and replays a whole sealed record (JSON Lines), keeping its
    /// text (see [`Ledger::as_record`]).
    ///
    /// An empty text is an empty record: the result is an empty ledger, not
    /// an error. A caller that expects a community's record should check
    /// [`Ledger::is_empty`] (the CLI refuses an empty record).
    pub fn from_record(text: &str) -> Result<Ledger> {
        let mut replay = Replay::keeping_record();
        replay.push(text.as_bytes())?;
        replay.finish()
    }

    /// Verifies and replays a sealed record from a reader, line by line,
    /// keeping no history: memory is bounded by the community's state. The
    /// reader's buffer is fed to a [`Replay`], which holds the line rules.
    ///
    /// An empty reader gives an empty ledger. A read error other than
    /// [`std::io::ErrorKind::Interrupted`] (which is retried) ends the replay
    /// with `record.read` ([`ErrorCode::RecordRead`]) at the next event's
    /// position: a failing disk or connection, not a bad record.
    pub fn replay<R: BufRead>(mut reader: R) -> Result<Ledger> {
        let mut replay = Replay::new();
        loop {
            let piece = match reader.fill_buf() {
                Ok(piece) => piece,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(err(ErrorCode::RecordRead, format!("read error: {e}"))
                        .at(replay.ledger.seq + 1))
                }
            };
            if piece.is_empty() {
                return replay.finish();
            }
            let n = piece.len();
            replay.push(piece)?;
            reader.consume(n);
        }
    }

    /// The current result of one motion (provisional while its meeting is open).
    ///
    /// The record is its own clock: "now" is the `at` of its last event, never
    /// the time of day, so every machine reads the same result from the same
    /// record. A meeting whose record stops before its `closes_at` therefore
    /// reads as open, however long ago that was, until an event at or after
    /// `closes_at`, a `meeting.closed` or a declared result ends its voting.
    pub fn result(&self, meeting: &str, motion: &str) -> Option<MotionResult> {
        let m = &self.meetings[*self.meeting_index.get(meeting)?];
        let i = *m.motion_index.get(motion)?;
        Some(m.result(i, self.now()))
    }

    /// The instant results are reported as of: the last event's.
    pub(crate) fn now(&self) -> i128 {
        self.last_at.unwrap_or(i128::MIN)
    }

    /// The current results of one meeting's motions, in motion order;
    /// `None` when no such meeting was convened.
    pub fn meeting_results(&self, meeting: &str) -> Option<Vec<MotionResult>> {
        let m = &self.meetings[*self.meeting_index.get(meeting)?];
        Some(m.results(self.now()).collect())
    }

    /// Every motion's result, in meeting order and then motion order.
    pub fn results(&self) -> Vec<MotionResult> {
        self.results_iter().collect()
    }

    /// [`Ledger::results`], each result computed only when the iterator
    /// reaches it: a caller writing results out one by one holds one at a
    /// time, however many motions the record holds.
    ///
    /// ```
    /// let ledger = yishi::Ledger::from_record(&yishi::seal_text(r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#)?)?;
    /// assert_eq!(ledger.results_iter().count(), 0);
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn results_iter(&self) -> impl Iterator<Item = MotionResult> + '_ {
        let now = self.now();
        self.meetings.iter().flat_map(move |m| m.results(now))
    }

    /// The `(meeting, motion)` ids of the results [`Ledger::results_json`]
    /// holds, in the order of its keys (`"<meeting>/<motion>"`, in byte
    /// order); with `meeting`, only that meeting's. With [`Ledger::result`],
    /// a caller writing the results object one member at a time (`yishi
    /// tally --json`) never holds every result.
    ///
    /// ```
    /// # let mut ledger = yishi::Ledger::new();
    /// # for e in [
    /// #     r#"{"at":"2026-10-08T09:00:00+08:00","kind":"community.registered","data":{"community":"c","units":[{"id":"u1","area":"50","owner":"o1"}]}}"#,
    /// #     r#"{"at":"2026-10-08T09:01:00+08:00","kind":"rules.adopted","data":{"rules":"r1","preset":"civil-code-2021"}}"#,
    /// #     r#"{"at":"2026-11-01T09:00:00+08:00","kind":"meeting.convened","data":{"meeting":"m","body":"assembly","rules":"r1","form":"written","noticed_at":"2026-11-01T09:00:00+08:00","opens_at":"2026-11-20T09:00:00+08:00","closes_at":"2026-12-05T18:00:00+08:00","motions":[{"motion":"pm","matter":"278.4"},{"motion":"fund","matter":"278.6"}]}}"#,
    /// # ] { ledger.apply_json(e)?; }
    /// // Motions "pm" then "fund" of meeting "m": keyed "m/fund" before "m/pm".
    /// assert_eq!(ledger.result_ids(None), [("m", "fund"), ("m", "pm")]);
    /// assert!(ledger.result_ids(Some("other")).is_empty());
    /// let r = ledger.result("m", "fund").unwrap();
    /// assert_eq!(r.outcome.as_str(), "no_quorum");
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn result_ids(&self, meeting: Option<&str>) -> Vec<(&str, &str)> {
        let ids: Vec<(String, &str, &str)> = self
            .meetings
            .iter()
            .filter(|m| meeting.is_none_or(|x| x == m.id))
            .flat_map(|m| {
                m.motions
                    .iter()
                    .map(move |mo| (result_key(&m.id, &mo.id), m.id.as_str(), mo.id.as_str()))
            })
            .collect();
        // Keys are unique: convening refuses a motion whose key another
        // motion already spells ("a/b" + "c", "a" + "b/c"). Were one to
        // repeat, the later would stand, as in a map.
        crate::order::last_of_each_key(&ids, |x| x.0.as_str())
            .into_iter()
            .map(|i| (ids[i].1, ids[i].2))
            .collect()
    }

    /// Every result keyed `"<meeting>/<motion>"`: the `yishi tally --json` object.
    pub fn results_json(&self) -> Value {
        crate::json::own_text_to_value(&self.results_json_text())
    }

    /// [`Ledger::results_json`] as compact JSON text, keys in byte order.
    pub fn results_json_text(&self) -> String {
        let mut out = vec![b'{'];
        // One result at a time, in the order of `result_ids`: the text
        // grows by each result's, never holding them all beside it.
        for (meeting, motion) in self.result_ids(None) {
            let Some(r) = self.result(meeting, motion) else {
                continue; // every id listed has a result
            };
            if out.len() > 1 {
                out.push(b',');
            }
            write_json_string(&result_key(meeting, motion), &mut out);
            out.push(b':');
            out.extend_from_slice(r.to_json_text().as_bytes());
        }
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default() // built from strings
    }

    /// A summary of what was verified.
    pub fn summary(&self) -> Summary {
        Summary {
            events: self.seq,
            head: self.head.to_string(),
        }
    }

    // ---- internals -------------------------------------------------------

    fn envelope<'a>(&self, e: &Obj<'a, 'a>) -> Result<Parsed<'a>> {
        let at = match e.raw("at") {
            Some(Node::Str(s)) => s,
            _ => {
                return Err(err(
                    ErrorCode::RecordParse,
                    "at must be an RFC 3339 timestamp string",
                ))
            }
        };
        let instant = parse_time(at).map_err(|m| err(ErrorCode::RecordParse, m))?;
        if let Some(last) = self.last_at {
            if instant < last {
                return Err(err(
                    ErrorCode::RecordTimeRegression,
                    format!("at {at} is earlier than the previous event"),
                ));
            }
        }
        let kind = match e.raw("kind") {
            Some(Node::Str(s)) => s,
            _ => return Err(err(ErrorCode::RecordParse, "kind must be a string")),
        };
        let data = e
            .raw("data")
            .ok_or_else(|| err(ErrorCode::RecordParse, "an event lacks data"))?;
        if !matches!(data, Node::Obj(_)) {
            return Err(err(ErrorCode::RecordParse, "data must be a JSON object"));
        }
        Ok(Parsed {
            at,
            instant,
            kind,
            data,
        })
    }

    /// Applies the content, then records the sealed line (when keeping
    /// history) and moves the head.
    fn commit(&mut self, p: Parsed<'_>, sealed: Sealed<'_>, hash: Hex, seq: u64) -> Result<()> {
        self.apply_data(&p, seq).map_err(|x| x.at(seq))?;
        if let Some(h) = &mut self.history {
            match sealed {
                Sealed::Unsigned(unsigned, data_end) => {
                    push_sealed_line(h, unsigned, data_end, &hash)
                }
                Sealed::Line(line) => {
                    // A parsed line is UTF-8; `from_utf8` checks it fast.
                    h.push_str(std::str::from_utf8(line).unwrap_or_default())
                }
            }
            h.push('\n');
        }
        self.seq = seq;
        self.last_at = Some(p.instant);
        self.head = hash;
        Ok(())
    }

    /// The canonical bytes of the event without its `hash` member, in the
    /// reused scratch buffer, with the offset where the canonical `data` ends.
    fn unsigned_bytes(&mut self, p: &Parsed<'_>, seq: u64) -> (Vec<u8>, usize) {
        let mut b = std::mem::take(&mut self.scratch);
        b.clear();
        b.extend_from_slice(b"{\"at\":");
        write_json_string(p.at, &mut b);
        b.extend_from_slice(b",\"data\":");
        p.data.write_canonical(&mut b);
        let end = b.len();
        b.extend_from_slice(b",\"kind\":");
        write_json_string(p.kind, &mut b);
        self.push_prev_seq(&mut b, seq);
        (b, end)
    }

    /// [`Ledger::unsigned_bytes`] of an unsealed event read from `text`, a
    /// canonical spelling of it. Such a text is `{"at":…,"data":…,"kind":…}`
    /// exactly (the members are checked before), so the unsigned form is the
    /// text with `prev` and `seq` appended; anything else is written again.
    fn unsigned_from_canonical(
        &mut self,
        text: &str,
        p: &Parsed<'_>,
        seq: u64,
    ) -> (Vec<u8>, usize) {
        let mut b = std::mem::take(&mut self.scratch);
        b.clear();
        b.extend_from_slice(b",\"kind\":");
        write_json_string(p.kind, &mut b);
        b.push(b'}');
        let text = text.as_bytes();
        if !(text.starts_with(b"{\"at\":") && text.ends_with(&b)) {
            self.scratch = b;
            return self.unsigned_bytes(p, seq);
        }
        let data_end = text.len() - b.len();
        b.clear();
        b.extend_from_slice(&text[..text.len() - 1]);
        self.push_prev_seq(&mut b, seq);
        (b, data_end)
    }

    /// Appends `,"prev":"…","seq":n}`, the unsigned form's last members.
    fn push_prev_seq(&self, b: &mut Vec<u8>, seq: u64) {
        b.extend_from_slice(b",\"prev\":\"");
        b.extend_from_slice(self.head.as_bytes());
        b.extend_from_slice(b"\",\"seq\":");
        // Digits by hand: `write!` to the Vec (`io::Write`) brings `std::io`'s
        // formatting adapter into the wasm module (0.2 KB gzip), `to_string`
        // an allocation per sealed event, the `itoa` crate more code than either.
        let mut digits = [0u8; 20];
        let (mut n, mut at) = (seq, digits.len());
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        b.extend_from_slice(&digits[at..]);
        b.push(b'}');
    }

    fn registry_ref(&self) -> Result<&Registry> {
        self.registry.as_ref().ok_or_else(|| {
            err(
                ErrorCode::CommunityMissing,
                "a record starts with community.registered",
            )
        })
    }

    fn meeting_idx(&self, id: &str) -> Result<usize> {
        // Events mostly concern the meeting convened last.
        if let Some(last) = self.meetings.last() {
            if crate::json::same(&last.id, id) {
                return Ok(self.meetings.len() - 1);
            }
        }
        self.meeting_index.get(id).copied().ok_or_else(|| {
            err(
                ErrorCode::MeetingUnknown,
                format!("no meeting \"{id}\" was convened"),
            )
        })
    }

    /// Validates then applies one event's content. Every check happens before any mutation.
    fn apply_data(&mut self, p: &Parsed<'_>, _seq: u64) -> Result<()> {
        if !EVENT_KINDS.contains(&p.kind) {
            return Err(err(
                ErrorCode::EventUnknownKind,
                format!("unknown event kind \"{}\"", p.kind),
            ));
        }
        let d = data_obj(p.data)?;
        if p.kind == "community.registered" {
            if self.registry.is_some() {
                return Err(err(
                    ErrorCode::CommunityDuplicate,
                    "a record registers exactly one community",
                ));
            }
            self.registry = Some(Registry::from_event(d)?);
            return Ok(());
        }
        self.registry_ref()?;
        match p.kind {
            "unit.transferred" => self.unit_transferred(d),
            "rules.adopted" => self.rules_adopted(d),
            "meeting.convened" => self.meeting_convened(d, p),
            "proxy.granted" => self.proxy_granted(d),
            "proxy.revoked" => self.proxy_revoked(d),
            "attendance.recorded" => self.attendance(d, p),
            "ballot.cast" => self.ballot_cast(d, p),
            "ballot.voided" => self.ballot_voided(d, p),
            "objection.filed" => self.objection_filed(d, p),
            "meeting.closed" => self.meeting_closed(d, p),
            "result.declared" => self.result_declared(d, p),
            _ => unreachable!("kinds checked above"),
        }
    }

    fn unit_transferred(&mut self, d: Obj<'_, '_>) -> Result<()> {
        d.allow(&["unit", "to"])?;
        let unit = d.id("unit")?;
        let to = d.id("to")?;
        let reg = self.registry.as_mut().expect("checked");
        reg.check_transfer(unit)?;
        reg.transfer(unit, to);
        Ok(())
    }

    fn rules_adopted(&mut self, d: Obj<'_, '_>) -> Result<()> {
        d.allow(&["rules", "preset", "set"])?;
        let id = d.id("rules")?;
        let preset = d.str("preset")?;
        let rules = Rules::from_event(preset, d.opt_sub("set")?)?;
        self.rules.insert(id.to_owned(), rules);
        Ok(())
    }

    fn meeting_convened(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&[
            "meeting",
            "body",
            "rules",
            "form",
            "noticed_at",
            "opens_at",
            "closes_at",
            "scope",
            "motions",
            "members",
            "parties",
            "title",
        ])?;
        let id = d.id("meeting")?;
        d.opt_str("title")?;
        if self.meeting_index.contains_key(id) {
            return Err(err(
                ErrorCode::MeetingDuplicate,
                format!("meeting \"{id}\" was already convened"),
            ));
        }
        let body = match d.str("body")? {
            "assembly" => Body::Assembly,
            "committee" => Body::Committee,
            "five-party" => Body::FiveParty,
            b => {
                return Err(err(
                    ErrorCode::EventInvalid,
                    format!("body must be assembly, committee or five-party, not \"{b}\""),
                ))
            }
        };
        let rules_id = d.id("rules")?;
        let rules = self.rules.get(rules_id).cloned().ok_or_else(|| {
            err(
                ErrorCode::RulesUnknown,
                format!("no rules \"{rules_id}\" were adopted"),
            )
        })?;
        match d.str("form")? {
            "collective" | "written" => {}
            f => {
                return Err(err(
                    ErrorCode::EventInvalid,
                    format!("form must be collective or written, not \"{f}\""),
                ))
            }
        }
        let time = |k: &str| -> Result<i128> {
            parse_time(d.str(k)?).map_err(|m| err(ErrorCode::EventInvalid, format!("{k}: {m}")))
        };
        let noticed_at = match d.opt_str("noticed_at")? {
            Some(_) => time("noticed_at")?,
            None => p.instant,
        };
        let opens_at = time("opens_at")?;
        let closes_at = time("closes_at")?;
        if opens_at >= closes_at {
            return Err(err(
                ErrorCode::MeetingWindowInvalid,
                "opens_at must be before closes_at",
            ));
        }
        // Spec §2: `opens_at` − `noticed_at` must reach `notice_days` × 24 h,
        // so a notice given after opening is too short, whatever the rules.
        if noticed_at > opens_at {
            return Err(err(
                ErrorCode::MeetingNoticeTooShort,
                "noticed_at is after opens_at: no notice was given before opening",
            ));
        }
        // Spec §2: the notice rule is one of the rules the meeting names,
        // whatever its body. A committee with a shorter notice (指导规则: 7
        // days) names a rule set of its own.
        let notice = opens_at - noticed_at;
        if notice < rules.notice_days as i128 * DAY_NS {
            return Err(notice_too_short(notice, rules.notice_days));
        }
        let reg = self.registry.as_ref().expect("checked");
        let scope = match d.get("scope") {
            None => None,
            Some(v) => {
                if body != Body::Assembly {
                    return Err(err(
                        ErrorCode::EventUnknownField,
                        "scope applies to assembly meetings only",
                    ));
                }
                let s = Selector::parse(v, "scope")?;
                reg.check_selector(&s)?;
                Some(s)
            }
        };
        let mut members = HashMap::default();
        let mut parties = HashMap::default();
        match body {
            Body::Committee => {
                for m in d.ids("members")? {
                    // An owner is the buyer of record of its units (§2): one
                    // who has sold every unit is no longer one.
                    if !reg.holds_units(m) {
                        return Err(err(
                            ErrorCode::OwnerUnknown,
                            format!("committee member \"{m}\" owns no unit of this community"),
                        ));
                    }
                    let position = members.len() as u32;
                    if members
                        .insert(reg.owner_index(m).expect("an owner"), position)
                        .is_some()
                    {
                        return Err(err(
                            ErrorCode::EventInvalid,
                            format!("committee member \"{m}\" is listed twice"),
                        ));
                    }
                }
                if members.is_empty() {
                    return Err(err(
                        ErrorCode::EventInvalid,
                        "a committee meeting lists its sitting members",
                    ));
                }
                if d.has("parties") {
                    return Err(err(
                        ErrorCode::EventUnknownField,
                        "parties belong to five-party meetings",
                    ));
                }
            }
            Body::FiveParty => {
                let ps = d.sub("parties")?;
                ps.allow(&PARTIES)?;
                for k in PARTIES {
                    parties.insert(k.to_owned(), ps.id(k)?.to_owned());
                }
                if d.has("members") {
                    return Err(err(
                        ErrorCode::EventUnknownField,
                        "members belong to committee meetings",
                    ));
                }
            }
            Body::Assembly => {
                if d.has("members") || d.has("parties") {
                    return Err(err(
                        ErrorCode::EventUnknownField,
                        "members and parties do not belong to assembly meetings",
                    ));
                }
            }
        }
        let counted = Meeting::counted_unit(&rules, scope.as_ref());
        // A protected group is what its selector picks, in scope or not:
        // owners outside a building-level meeting (neighbours losing light)
        // may be the very ones a protection is for. Only the parking rule
        // applies to it, as to every assembly figure.
        let in_group = Meeting::counted_unit(&rules, None);
        let mut electorate: Vec<crate::Area> = Vec::new();
        if body == Body::Assembly {
            electorate = vec![crate::Area::ZERO; reg.owner_count()];
            for u in reg.units() {
                if counted(u) {
                    electorate[u.voter as usize] += u.area();
                }
            }
        }
        let total: Figure = electorate
            .iter()
            .filter(|a| !a.is_zero())
            .map(|&a| Figure::one(a))
            .sum();
        if body == Body::Assembly && total.heads == 0 {
            // Nobody could vote: §3's arithmetic would then meet quorum at
            // 0 of 0 and pass a three-quarters motion on 0 ≥ 0.
            return Err(err(
                ErrorCode::EventInvalid,
                "the meeting's scope holds no counted unit: nobody could vote in it",
            ));
        }

        let motions_v = d.arr("motions")?;
        if motions_v.is_empty() {
            return Err(err(
                ErrorCode::EventInvalid,
                "a meeting has at least one motion",
            ));
        }
        if motions_v.len() > MAX_MOTIONS {
            return Err(err(
                ErrorCode::RecordTooLarge,
                format!("{} motions; the limit is {MAX_MOTIONS}", motions_v.len()),
            ));
        }
        let mut motions = Vec::with_capacity(motions_v.len());
        // Each protected motion draws its group from the whole registry.
        let mut protected = 0;
        let protect = |n: &mut usize| {
            *n += 1;
            if *n > MAX_PROTECTED_MOTIONS {
                return Err(err(
                    ErrorCode::RecordTooLarge,
                    format!("more than {MAX_PROTECTED_MOTIONS} protected motions; the limit is {MAX_PROTECTED_MOTIONS}"),
                ));
            }
            Ok(())
        };
        let mut motion_index = HashMap::default();
        for mv in motions_v {
            let mo = obj(mv, "motion")?;
            mo.allow(&[
                "motion",
                "title",
                "matter",
                "applicant",
                "protection",
                "election",
                "refers_to",
                "description",
            ])?;
            let mid = mo.id("motion")?;
            mo.opt_str("description")?;
            if motion_index
                .insert(mid.to_owned(), motions.len() as u32)
                .is_some()
            {
                return Err(err(
                    ErrorCode::MotionDuplicate,
                    format!("motion \"{mid}\" appears twice in meeting \"{id}\""),
                ));
            }
            // Results are keyed "<meeting>/<motion>" (spec §5, `tally
            // --json`); with a `/` inside an id, two motions could share a
            // key and one result would be lost. Rare, so checked only then:
            // each `/` of the key may end another meeting's id, so one
            // lookup per `/` (not a scan of every motion of every meeting).
            if id.contains('/') || mid.contains('/') {
                let key = result_key(id, mid);
                // `get`, not indexing: slicing a `str` would bring its
                // panic's formatting into the wasm module (4.5 KB gzip).
                for cut in (0..key.len()).filter(|&i| key.as_bytes()[i] == b'/') {
                    let Some(other) = key
                        .get(..cut)
                        .and_then(|m| self.meeting_index.get(m))
                        .map(|&i| &self.meetings[i])
                    else {
                        continue;
                    };
                    if let Some(taken) = key
                        .get(cut + 1..)
                        .and_then(|m| other.motion_index.get(m))
                        .map(|&t| &other.motions[t as usize])
                    {
                        return Err(err(
                            ErrorCode::MotionDuplicate,
                            format!(
                                "meeting \"{id}\" motion \"{mid}\" would share the result key \"{key}\" with meeting \"{}\" motion \"{}\"",
                                other.id, taken.id
                            ),
                        ));
                    }
                }
            }
            let matter = match mo.opt_str("matter")? {
                Some(s) => Some(Matter::parse(s)?),
                None => None,
            };
            match (body, matter) {
                (Body::Assembly, None) => return Err(err(ErrorCode::MatterUnknown, format!("assembly motion \"{mid}\" names no matter (278.1 … 278.9 or 279)"))),
                (Body::Assembly, Some(Matter::Coordination)) => {
                    return Err(err(ErrorCode::MatterUnknown, "coordination is a five-party matter, not an assembly decision"))
                }
                (Body::Committee | Body::FiveParty, Some(m)) if m.reserved_to_assembly() => {
                    return Err(err(
                        ErrorCode::MatterReservedToAssembly,
                        format!("matter \"{}\" of motion \"{mid}\" is reserved to the owners' assembly (Civil Code Art. 278)", mo.str("matter")?),
                    ))
                }
                (Body::Committee, Some(Matter::Coordination)) => {
                    return Err(err(ErrorCode::MatterUnknown, "committee motions carry no matter"))
                }
                _ => {}
            }
            let election = match mo.opt_sub("election")? {
                None => None,
                Some(e) => {
                    e.allow(&["seats", "candidates"])?;
                    if matter != Some(Matter::Art278(3)) {
                        return Err(err(
                            ErrorCode::EventInvalid,
                            "an election is an Art. 278 item 3 (278.3) motion",
                        ));
                    }
                    let seats = e.opt_i64("seats")?.ok_or_else(|| {
                        err(ErrorCode::EventInvalid, "an election names its seats")
                    })?;
                    let candidates: Vec<String> = e
                        .ids("candidates")?
                        .into_iter()
                        .map(str::to_owned)
                        .collect();
                    if candidates.len() > MAX_CANDIDATES {
                        return Err(err(
                            ErrorCode::RecordTooLarge,
                            format!(
                                "{} candidates; the limit is {MAX_CANDIDATES}",
                                candidates.len()
                            ),
                        ));
                    }
                    // More seats than candidates is allowed: the seats no one
                    // can fill stay open (§3 "possibly with open seats").
                    // Compared as i64: `as usize` would wrap on 32-bit targets
                    // (wasm32), where 2^32 + 1 seats became 1.
                    if seats < 1 || seats > MAX_CANDIDATES as i64 {
                        return Err(err(
                            ErrorCode::EventInvalid,
                            format!("seats must be from 1 to {MAX_CANDIDATES}"),
                        ));
                    }
                    // The candidates' positions in name order, each name
                    // once: a ballot finds its names by binary search.
                    let by_name = crate::order::last_of_each_key(&candidates, |c| c.as_str());
                    if by_name.len() != candidates.len() {
                        return Err(err(ErrorCode::EventInvalid, "a candidate is listed twice"));
                    }
                    Some(Election {
                        seats: seats as u64,
                        candidates,
                        by_name,
                    })
                }
            };
            let applicant = mo.opt_id("applicant")?;
            if let Some(a) = applicant {
                // An applicant is a known owner. For a change of use (Art.
                // 279), as for committee members, it must own a unit now (an
                // owner is the buyer of record of its units, §2): its
                // building gives the default group of interested owners.
                if !reg.is_owner(a) || (matter == Some(Matter::Art279) && !reg.holds_units(a)) {
                    return Err(err(
                        ErrorCode::OwnerUnknown,
                        format!("applicant \"{a}\" owns no unit of this community"),
                    ));
                }
            }
            let mut unanimity = None;
            let mut objection = None;
            if let Some(pr) = mo.opt_sub("protection")? {
                if body != Body::Assembly {
                    return Err(err(
                        ErrorCode::EventUnknownField,
                        "protections apply to assembly motions",
                    ));
                }
                if election.is_some() {
                    // §3 gives elections no `blocked` outcome and no
                    // unanimity test: refused, rather than silently ignored.
                    return Err(err(
                        ErrorCode::EventInvalid,
                        "an election motion takes no protection",
                    ));
                }
                pr.allow(&["unanimity_of", "objection_block"])?;
                protect(&mut protected)?;
                if let Some(v) = pr.get("unanimity_of") {
                    let s = Selector::parse(v, "unanimity_of")?;
                    reg.check_selector(&s)?;
                    unanimity = Some(build_group(reg, &in_group, &s));
                }
                if let Some(ob) = pr.opt_sub("objection_block")? {
                    ob.allow(&["of", "share", "dimension"])?;
                    let of = ob.get("of").ok_or_else(|| {
                        err(
                            ErrorCode::EventInvalid,
                            "objection_block names its group in \"of\"",
                        )
                    })?;
                    let s = Selector::parse(of, "of")?;
                    reg.check_selector(&s)?;
                    let share: crate::Fraction = ob
                        .str("share")?
                        .parse()
                        .map_err(|m: String| err(ErrorCode::EventInvalid, m))?;
                    let both = match ob.opt_str("dimension")? {
                        None | Some("either") => false,
                        Some("both") => true,
                        Some(x) => {
                            return Err(err(
                                ErrorCode::EventInvalid,
                                format!("dimension must be either or both, not \"{x}\""),
                            ))
                        }
                    };
                    objection = Some(ObjectionRule {
                        group: build_group(reg, &in_group, &s),
                        names: s.describe(),
                        share,
                        both,
                    });
                }
            }
            if matter == Some(Matter::Art279) && unanimity.is_none() {
                if !mo.has("protection") {
                    protect(&mut protected)?;
                }
                // Interp. Art. 11: by default the interested owners are the other owners of the same building.
                let a = applicant.ok_or_else(|| {
                    err(
                        ErrorCode::EventInvalid,
                        "an Art. 279 motion names its applicant or its unanimity_of group",
                    )
                })?;
                let buildings: HashSet<String> = reg
                    .units_of(a)
                    .filter_map(|u| u.building().map(str::to_owned))
                    .collect();
                if buildings.is_empty() {
                    // No building, no default group: a unanimity of nobody
                    // would pass with nobody's consent.
                    return Err(err(
                        ErrorCode::EventInvalid,
                        format!("applicant \"{a}\"'s units name no building, so the interested owners must be given in unanimity_of"),
                    ));
                }
                let s = Selector::of_buildings(buildings);
                unanimity = Some(build_group(reg, &in_group, &s));
            }
            if let (Some(g), Some(a)) = (unanimity.as_mut(), applicant) {
                if let Some(area) = reg.voter_index(a).and_then(|i| g.members.remove(&i)) {
                    g.total -= Figure::one(area);
                }
            }
            if let Some(g) = unanimity.as_mut() {
                // Those who cannot vote in this meeting cannot consent in it.
                g.outside = g
                    .members
                    .keys()
                    .filter(|&&k| electorate.get(k as usize).is_none_or(|a| a.is_zero()))
                    .count() as u64;
            }
            let refers_to = match mo.opt_sub("refers_to")? {
                None => None,
                Some(rf) => {
                    rf.allow(&["meeting", "motion"])?;
                    let (rm, rmo) = (rf.id("meeting")?, rf.id("motion")?);
                    let target = &self.meetings[self.meeting_idx(rm)?];
                    target.motion(rmo)?;
                    if target.body != Body::Assembly {
                        return Err(err(
                            ErrorCode::EventInvalid,
                            "refers_to names an assembly motion",
                        ));
                    }
                    Some(MotionRef {
                        meeting: rm.to_owned(),
                        motion: rmo.to_owned(),
                    })
                }
            };
            let n_cand = election.as_ref().map_or(0, |e| e.candidates.len());
            motions.push(Motion {
                id: mid.to_owned(),
                title: mo.opt_str("title")?.map(str::to_owned),
                matter,
                election,
                unanimity,
                objection,
                refers_to,
                tally: MotionTally {
                    approvals: vec![Figure::ZERO; n_cand],
                    ..MotionTally::default()
                },
                objectors: Default::default(),
                objected: Figure::ZERO,
                post: Vec::new(),
                uncounted_objections: 0,
            });
        }
        drop((counted, in_group));
        // Lawful by the rules the meeting names, yet worth an owner's
        // attention: the result says so (spec §2 leaves both to the rules).
        let mut warnings = Vec::new();
        if body == Body::Assembly && notice < ASSEMBLY_NOTICE_DAYS * DAY_NS {
            warnings.push(format!(
                "the assembly was noticed {} before voting opened, less than the 15 days of Reg. 14",
                span(notice)
            ));
        }
        let n = members.len();
        if body == Body::Committee && (!(5..=11).contains(&n) || n % 2 == 0) {
            warnings.push(format!(
                "the committee sits with {n} members; the Guidance Rules (Arts. 31-39) provide for 5 to 11, an odd number"
            ));
        }
        // In the parties' customary order, so the warnings are too (only a
        // five-party meeting names parties).
        for (i, k) in PARTIES.iter().enumerate() {
            let Some(who) = parties.get(*k) else { continue };
            if let Some(k2) = PARTIES[..i]
                .iter()
                .find(|k2| parties.get(**k2) == Some(who))
            {
                warnings.push(format!("\"{who}\" represents both {k2} and {k}"));
            }
        }
        if p.instant > opens_at {
            warnings.push(format!(
                "the meeting was convened at {}, after voting opened",
                p.at
            ));
        }
        // Ballots are kept by key, a slot for each possible one.
        let keys = match body {
            Body::Assembly => electorate.len(),
            Body::Committee => members.len(),
            Body::FiveParty => PARTIES.len(),
        };
        let meeting = Meeting {
            id: id.to_owned(),
            body,
            rules,
            opens_at,
            closes_at,
            motions,
            motion_index,
            electorate,
            total,
            members,
            parties,
            present: None,
            ballots: crate::meeting::BallotBox::new(keys),
            proxies: HashMap::default(),
            load: HashMap::default(),
            closed: None,
            declared_on: None,
            declared_at: None,
            warnings,
            voided: [0, 0],
            paper_over_online: 0,
            closed_early: false,
        };
        self.meeting_index
            .insert(id.to_owned(), self.meetings.len());
        self.meetings.push(meeting);
        Ok(())
    }

    /// For [`crate::ballots`]: the meeting's index and the key under which
    /// `voter`'s ballots are held in it (an owner's voter index, a sitting
    /// member's position among the members, a party's index), or `None`.
    pub(crate) fn voter_key(&self, meeting: &str, voter: &str) -> Option<(usize, u32)> {
        let mi = *self.meeting_index.get(meeting)?;
        let m = &self.meetings[mi];
        let key = match m.body {
            Body::Assembly => self.registry.as_ref()?.voter_index(voter),
            _ => self.member_key(m, voter),
        }?;
        Some((mi, key))
    }

    /// The meetings, in the order they were convened.
    pub(crate) fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }

    /// An assembly voter's index and area in the meeting's electorate,
    /// checking that the voter is an owner and in the meeting's scope.
    fn assembly_voter(&self, m: &Meeting, who: &str) -> Result<(u32, crate::Area)> {
        let reg = self.registry.as_ref().expect("checked");
        if let Some(key) = reg.voter_index(who) {
            match m.electorate.get(key as usize) {
                Some(&area) if !area.is_zero() => return Ok((key, area)),
                _ => {}
            }
        }
        if !reg.is_owner(who) {
            return Err(err(
                ErrorCode::OwnerUnknown,
                format!("\"{who}\" is not an owner of this community"),
            ));
        }
        Err(err(
            ErrorCode::BallotNotEligible,
            format!(
                "owner \"{who}\" holds no counted unit in the scope of meeting \"{}\"",
                m.id
            ),
        ))
    }

    fn open_meeting(&self, d: &Obj<'_, '_>) -> Result<usize> {
        let mi = self.meeting_idx(d.id("meeting")?)?;
        let m = &self.meetings[mi];
        let why = match (m.declared_at, m.closed) {
            (Some(n), _) => ("its result was declared", n),
            (None, Some(n)) => ("a meeting.closed event ended its voting", n),
            (None, None) => return Ok(mi),
        };
        Err(err(
            ErrorCode::MeetingClosed,
            format!(
                "meeting \"{}\" is closed: {}, at event {}",
                m.id, why.0, why.1
            ),
        ))
    }

    /// The open assembly meeting a proxy event names, and its principal's voter key.
    fn proxy_target(&self, d: &Obj<'_, '_>) -> Result<(usize, u32)> {
        d.allow(&["meeting", "principal", "agent"])?;
        let mi = self.open_meeting(d)?;
        let m = &self.meetings[mi];
        if m.body != Body::Assembly {
            return Err(err(
                ErrorCode::ProxyNotAllowed,
                format!("no proxies in a {} meeting", m.body.as_str()),
            ));
        }
        let principal = self.assembly_voter(m, d.id("principal")?)?.0;
        Ok((mi, principal))
    }

    fn proxy_granted(&mut self, d: Obj<'_, '_>) -> Result<()> {
        let (mi, principal) = self.proxy_target(&d)?;
        let m = &self.meetings[mi];
        let agent = d.id("agent")?.to_owned();
        let reg = self.registry.as_ref().expect("checked");
        if reg.voter_index(&agent) == Some(principal) {
            // An owner's own vote needs no agent (the developer's ids are one
            // voter): the grant changes nothing and takes no place under the cap.
            return Ok(());
        }
        // The agent takes a place under the cap unless it already holds this
        // principal's (its earlier ballot for the principal still stands).
        let gains = !m.holds(principal, &agent);
        if gains {
            if let Some(cap) = m.rules.proxy_cap {
                let load = m.load.get(&agent).copied().unwrap_or(0);
                if load + 1 > cap {
                    return Err(err(
                        ErrorCode::ProxyCapExceeded,
                        format!("agent \"{agent}\" already holds {load} principals (grants and standing ballots); the cap is {cap}"),
                    ));
                }
            }
        }
        let m = &mut self.meetings[mi];
        if gains {
            *m.load.entry(agent.clone()).or_default() += 1;
        }
        if let Some(previous) = m.proxies.insert(principal, agent) {
            m.release(principal, &previous);
        }
        Ok(())
    }

    fn proxy_revoked(&mut self, d: Obj<'_, '_>) -> Result<()> {
        let (mi, principal) = self.proxy_target(&d)?;
        let m = &self.meetings[mi];
        let agent = d.id("agent")?;
        if m.proxies.get(&principal).map(String::as_str) != Some(agent) {
            return Err(err(
                ErrorCode::ProxyNotAuthorized,
                format!(
                    "\"{agent}\" holds no proxy of \"{}\" to revoke",
                    d.id("principal")?
                ),
            ));
        }
        let m = &mut self.meetings[mi];
        m.proxies.remove(&principal);
        m.release(principal, agent);
        Ok(())
    }

    /// The key of a committee member (owner index, if sitting) or of a
    /// five-party party (its index in [`PARTIES`]).
    fn member_key(&self, m: &Meeting, who: &str) -> Option<u32> {
        match m.body {
            Body::Committee => {
                let reg = self.registry.as_ref().expect("checked");
                reg.owner_index(who)
                    .and_then(|i| m.members.get(&i).copied())
            }
            Body::FiveParty => PARTIES.iter().position(|p| *p == who).map(|i| i as u32),
            Body::Assembly => None,
        }
    }

    fn attendance(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&["meeting", "present"])?;
        let mi = self.open_meeting(&d)?;
        let m = &self.meetings[mi];
        if !m.is_open(p.instant) {
            // Past `closes_at` the meeting is over, as for ballots: a
            // presence recorded later would change a final result.
            return Err(err(
                ErrorCode::MeetingClosed,
                format!("meeting \"{}\" closed at its closes_at", m.id),
            ));
        }
        if m.body == Body::Assembly {
            return Err(err(
                ErrorCode::AttendanceInvalid,
                "attendance is recorded for committee and five-party meetings",
            ));
        }
        let mut set = HashSet::default();
        for p in d.ids("present")? {
            let key = self.member_key(m, p).ok_or_else(|| {
                err(
                    ErrorCode::AttendanceInvalid,
                    format!("\"{p}\" is not a member or party of meeting \"{}\"", m.id),
                )
            })?;
            set.insert(key);
        }
        self.meetings[mi].present = Some(set);
        Ok(())
    }

    fn ballot_cast(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&["meeting", "voter", "by", "channel", "votes", "reasons"])?;
        let mi = self.open_meeting(&d)?;
        let m = &self.meetings[mi];
        if p.instant < m.opens_at || p.instant >= m.closes_at {
            return Err(outside_window(p, m));
        }
        let voter = d.id("voter")?;
        let by = d.opt_id("by")?;
        let channel = match d.opt_str("channel")? {
            None | Some("online") => Channel::Online,
            Some("paper") => Channel::Paper,
            Some(c) => {
                return Err(err(
                    ErrorCode::EventInvalid,
                    format!("channel must be online or paper, not \"{c}\""),
                ))
            }
        };
        let mut area = crate::Area::ZERO;
        let key: u32 = match m.body {
            Body::Assembly => {
                let (k, a) = self.assembly_voter(m, voter)?;
                area = a;
                k
            }
            Body::Committee => self.member_key(m, voter).ok_or_else(|| {
                err(
                    ErrorCode::BallotNotEligible,
                    format!(
                        "\"{voter}\" is not a sitting member of committee meeting \"{}\"",
                        m.id
                    ),
                )
            })?,
            Body::FiveParty => self.member_key(m, voter).ok_or_else(|| {
                err(
                    ErrorCode::BallotNotEligible,
                    format!(
                        "\"{voter}\" is not one of the five parties ({})",
                        crate::order::join(&PARTIES, ", ")
                    ),
                )
            })?,
        };
        // A ballot whose `by` names the voter is the voter's own; so is one
        // by another of the developer's ids, which are one voter.
        let by = by.filter(|b| {
            *b != voter
                && (m.body != Body::Assembly
                    || self.registry.as_ref().and_then(|r| r.voter_index(b)) != Some(key))
        });
        if let Some(agent) = by {
            if m.body != Body::Assembly {
                return Err(err(
                    ErrorCode::ProxyNotAllowed,
                    format!("no proxies in a {} meeting", m.body.as_str()),
                ));
            }
            if m.proxies.get(&key).map(String::as_str) != Some(agent) {
                return Err(err(
                    ErrorCode::ProxyNotAuthorized,
                    format!(
                        "\"{agent}\" holds no proxy of \"{voter}\" in meeting \"{}\"",
                        m.id
                    ),
                ));
            }
        }
        if let Some(prev) = m.ballot(key) {
            match (&prev.by, by) {
                (None, Some(agent)) => {
                    return Err(err(ErrorCode::ProxySuperseded, format!("\"{voter}\" voted in person; the ballot of agent \"{agent}\" cannot replace it")))
                }
                (Some(_), None) => {} // the principal's own ballot always takes precedence
                _ => {
                    if m.rules.revote == Revote::FirstCounts {
                        return Err(err(ErrorCode::BallotDuplicate, format!("\"{voter}\" already voted and the rules say the first ballot counts")));
                    }
                }
            }
        }
        let votes = d.sub("votes")?;
        let mut parsed = crate::meeting::Votes::new();
        for (mid, v) in votes.members {
            let i = m.motion(mid)?;
            let motion = &m.motions[i as usize];
            let bad = || {
                err(
                    ErrorCode::BallotInvalidValue,
                    format!("{v} is not a valid vote on motion \"{mid}\""),
                )
            };
            let choice = match (&motion.election, m.body, v) {
                (Some(e), _, Node::Arr(list)) => {
                    if list.len() as u64 > e.seats {
                        return Err(err(
                            ErrorCode::ElectionTooManyChoices,
                            format!("{} choices for {} seats", list.len(), e.seats),
                        ));
                    }
                    let mut picks = Vec::with_capacity(list.len());
                    // One bit per candidate: approved already on this ballot.
                    let mut seen = vec![0u64; e.candidates.len().div_ceil(64)];
                    for c in list.iter() {
                        let c = c.as_str().ok_or_else(bad)?;
                        let ci = match e
                            .by_name
                            .binary_search_by(|&k| e.candidates[k].as_str().cmp(c))
                        {
                            Ok(at) => e.by_name[at],
                            Err(_) => {
                                return Err(err(
                                    ErrorCode::ElectionNotACandidate,
                                    format!("\"{c}\" is not a candidate of election \"{mid}\""),
                                ))
                            }
                        };
                        let (word, bit) = (ci / 64, 1u64 << (ci % 64));
                        if seen[word] & bit != 0 {
                            return Err(err(
                                ErrorCode::BallotInvalidValue,
                                format!("candidate \"{c}\" is approved twice"),
                            ));
                        }
                        seen[word] |= bit;
                        picks.push(ci as u32);
                    }
                    Choice::Approve(picks)
                }
                (Some(_), _, Node::Str(s)) if *s == "abstain" => Choice::Abstain,
                (None, Body::FiveParty, Node::Str(s)) => match *s {
                    "support" => Choice::Support,
                    "object" => Choice::Object,
                    "abstain" => Choice::Abstain,
                    _ => return Err(bad()),
                },
                (None, _, Node::Str(s)) => match *s {
                    "yes" => Choice::Yes,
                    "no" => Choice::No,
                    "abstain" => Choice::Abstain,
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            };
            parsed.push(i, choice);
        }
        let mut reasons: Vec<(u32, String)> = Vec::new();
        if let Some(rs) = d.opt_sub("reasons")? {
            for (mid, v) in rs.members {
                let i = m.motion(mid)?;
                let s = v
                    .as_str()
                    .ok_or_else(|| err(ErrorCode::EventInvalid, "a reason is a string"))?;
                reasons.push((i, s.to_owned()));
            }
        }
        let ballot = Ballot {
            votes: parsed,
            by: by.map(str::to_owned),
            channel,
            reasons,
            area,
        };
        let m = &mut self.meetings[mi];
        m.contribute(key, &ballot, true);
        if let Some(old) = m.ballots.replace(key, ballot) {
            if old.channel == Channel::Online && channel == Channel::Paper {
                m.paper_over_online += 1;
            }
            m.contribute(key, &old, false);
            if let Some(agent) = &old.by {
                m.release(key, agent);
            }
        }
        Ok(())
    }

    fn ballot_voided(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&["meeting", "voter", "reason"])?;
        let mi = self.meeting_idx(d.id("meeting")?)?;
        d.opt_str("reason")?;
        let m = &self.meetings[mi];
        if let Some(n) = m.declared_at {
            return Err(err(
                ErrorCode::MeetingClosed,
                format!("the result of this meeting was already declared, at event {n}"),
            ));
        }
        let voter = d.id("voter")?;
        let key = match m.body {
            Body::Assembly => self.registry.as_ref().expect("checked").voter_index(voter),
            _ => self.member_key(m, voter),
        };
        let m = &mut self.meetings[mi];
        let not_found = || {
            err(
                ErrorCode::BallotNotFound,
                format!("\"{voter}\" has no ballot in meeting \"{}\"", m.id),
            )
        };
        let key = key.ok_or_else(not_found)?;
        let old = m.ballots.take(key).ok_or_else(not_found)?;
        m.contribute(key, &old, false);
        m.voided[usize::from(!m.is_open(p.instant))] += 1;
        if let Some(agent) = &old.by {
            m.release(key, agent);
        }
        Ok(())
    }

    fn objection_filed(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&["meeting", "motion", "owner", "reason"])?;
        let mi = self.meeting_idx(d.id("meeting")?)?;
        let m = &self.meetings[mi];
        let i = m.motion(d.id("motion")?)? as usize;
        let owner = d.id("owner")?;
        let reason = d.opt_str("reason")?.map(str::to_owned);
        let reg = self.registry.as_ref().expect("checked");
        if !reg.is_owner(owner) {
            return Err(err(
                ErrorCode::OwnerUnknown,
                format!("\"{owner}\" is not an owner of this community"),
            ));
        }
        let key = reg.voter_index(owner).expect("a known owner");
        // Spec §2: an objection before `closes_at` counts, after it it is a
        // post-result objection. An early `meeting.closed` stops ballots and
        // attendance only; a result with an `objection_block` cannot be
        // declared before `closes_at`, so a declared result is final.
        let open = p.instant < m.closes_at && m.declared_on.is_none();
        let m = &mut self.meetings[mi];
        let motion = &mut m.motions[i];
        if !open {
            motion.post.push(PostObjection {
                owner: owner.to_owned(),
                reason,
                at: p.at.to_owned(),
            });
            return Ok(());
        }
        // Each owner counts once; one outside the protected group is
        // recorded, not counted, and the result says how many there were.
        if motion.objectors.insert(key) {
            match motion
                .objection
                .as_ref()
                .and_then(|r| r.group.members.get(&key))
            {
                Some(&area) => motion.objected += Figure::one(area),
                None => motion.uncounted_objections += 1,
            }
        }
        Ok(())
    }

    fn meeting_closed(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&["meeting"])?;
        let mi = self.meeting_idx(d.id("meeting")?)?;
        let m = &mut self.meetings[mi];
        // A declaration needs voting over, so closing after one only
        // records the close; closing twice is refused.
        if let Some(n) = m.closed {
            return Err(err(
                ErrorCode::MeetingClosed,
                format!("meeting \"{}\" was already closed, at event {n}", m.id),
            ));
        }
        m.closed = Some(self.seq + 1);
        m.closed_early = p.instant < m.closes_at;
        Ok(())
    }

    fn result_declared(&mut self, d: Obj<'_, '_>, p: &Parsed<'_>) -> Result<()> {
        d.allow(&["meeting", "results"])?;
        let mi = self.meeting_idx(d.id("meeting")?)?;
        let m = &self.meetings[mi];
        if m.is_open(p.instant) {
            return Err(err(
                ErrorCode::ResultPremature,
                format!(
                    "meeting \"{}\" is still open; close it before declaring",
                    m.id
                ),
            ));
        }
        // Spec §2: an objection filed before `closes_at` counts for its
        // motion's `objection_block`, so until then such a result is not
        // final, even when voting was closed early.
        if let Some(motion) = m.objections_open(p.instant) {
            return Err(err(
                ErrorCode::ResultPremature,
                format!(
                    "motion \"{}\" has an objection_block: objections count until closes_at, so no declaration before it",
                    motion.id
                ),
            ));
        }
        let results = d.sub("results")?;
        for (mid, declared) in results.members {
            let i = m.motion(mid)?;
            let decl = obj(declared, "declared result")?;
            // Post-result objections grow after the close, and a
            // declaration may follow each: they are only recounted when
            // declared, so declarations stay linear in the record.
            let post = decl.has("post_result_objections");
            let text = m.result_with(i, p.instant, post).to_json_text();
            let arena = Arena::default();
            let computed = Node::parse(&text, &arena)?;
            // Any figure the recount reports may be declared (and must then agree);
            // a member the recount does not know is a typo, not a silent pass.
            let known: Vec<&str> = match computed {
                Node::Obj(members) => members.iter().map(|(k, _)| *k).collect(),
                _ => Vec::new(),
            };
            decl.allow(&known)?;
            if !decl.has("outcome") {
                return Err(err(
                    ErrorCode::EventInvalid,
                    format!("the declared result of \"{mid}\" names no outcome"),
                ));
            }
            let mut diffs = Vec::new();
            crate::conformance::compare_labelled(
                mid,
                declared,
                &computed,
                &mut diffs,
                ("declared", "the recount gives"),
            );
            if !diffs.is_empty() {
                return Err(err(
                    ErrorCode::ResultMismatch,
                    format!(
                        "declared result differs from the recount: {}",
                        crate::order::join(&diffs, "; ")
                    ),
                ));
            }
        }
        let date = crate::record::china_date(p.instant);
        let m = &mut self.meetings[mi];
        if m.declared_on.is_none() {
            m.declared_on = Some(date);
            m.declared_at = Some(self.seq + 1);
        }
        m.compact();
        Ok(())
    }
}

/// Where the `hash` member, `,"hash":"…"`, sits in a canonical line, given
/// the hash string the parser borrowed from the line (hex digits need no
/// escape); `None` when the string is not borrowed from there.
fn hash_member(line: &[u8], claimed: &str) -> Option<(usize, usize)> {
    let start = (claimed.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
    let (cut, end) = (start.wrapping_sub(9), start.wrapping_add(claimed.len() + 1));
    let member = line.get(cut..end)?;
    (member.starts_with(b",\"hash\":\"") && member.ends_with(b"\"")).then_some((cut, end))
}

/// Refuses a claimed hash that is not the computed one.
fn same_hash(claimed: &str, hash: &Hex) -> Result<()> {
    if claimed == hash.as_str() {
        return Ok(());
    }
    Err(err(
        ErrorCode::RecordHashMismatch,
        format!("hash is {claimed}, but the event's canonical form hashes to {hash}"),
    ))
}

/// The sealed form of an event being committed, for the history.
enum Sealed<'a> {
    /// The canonical bytes without `hash`, and where its `data` member ends.
    Unsigned(&'a [u8], usize),
    /// The sealed canonical line itself.
    Line(&'a [u8]),
}

/// A result's key in `results_json` (spec §5): `"<meeting>/<motion>"`.
fn result_key(meeting: &str, motion: &str) -> String {
    format!("{meeting}/{motion}")
}

/// Bytes the `hash` member adds to the unsigned canonical form: `,"hash":"…"`.
const HASH_MEMBER_LEN: usize = r#","hash":"""#.len() + 64;

/// Appends the sealed canonical line: the unsigned canonical bytes with the
/// `hash` member inserted after `data` (members stay in RFC 8785 order).
fn push_sealed_line(out: &mut String, unsigned: &[u8], data_end: usize, hash: &str) {
    // Canonical JSON is UTF-8, and `data` ends at a character boundary.
    let text = std::str::from_utf8(unsigned).unwrap_or_default();
    let (head, tail) = text.split_at_checked(data_end).unwrap_or((text, ""));
    out.reserve(unsigned.len() + HASH_MEMBER_LEN);
    out.push_str(head);
    out.push_str(",\"hash\":\"");
    out.push_str(hash);
    out.push('"');
    out.push_str(tail);
}

/// Verifies and replays a sealed record fed in pieces of any size, as they
/// arrive (from a network stream, a browser `File`, a WebAssembly caller;
/// [`Ledger::replay`] feeds it a reader's buffer). It holds the rules for
/// lines: no empty line, at most [`MAX_LINE_BYTES`], UTF-8. Memory is bounded by the community's state
/// and the longest line, not by the record.
///
/// ```
/// # let mut ledger = yishi::Ledger::new();
/// # ledger.apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
/// #     "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}})).unwrap();
/// # let record = ledger.to_record();
/// let mut replay = yishi::Replay::new();
/// for piece in record.as_bytes().chunks(7) {
///     replay.push(piece)?;
/// }
/// let ledger = replay.finish()?;
/// assert_eq!(ledger.len(), 1);
/// # Ok::<(), yishi::Error>(())
/// ```
#[derive(Debug)]
pub struct Replay {
    ledger: Ledger,
    /// The start of a line whose end has not arrived yet.
    partial: Vec<u8>,
    /// An empty line was read; any line or the end after it is an error.
    pending_empty: bool,
    /// The first error: every later call returns it again.
    failed: Option<Error>,
    /// The heads the record is held to: the published head it must end at
    /// ([`Replay::expect_head`]), heads of the record published earlier that
    /// it must hold ([`Replay::expect_extends`]). Boxed behind a trait so
    /// that a build that never asks for a check carries none of its code
    /// (the WebAssembly module never asks whether a record extends another).
    expected: Option<Box<dyn Expectation>>,
}

/// A check of the whole record that [`Replay`] runs after every event and
/// at the end.
trait Expectation: Send + Sync {
    fn seen(&mut self, ledger: &Ledger);
    fn verdict(&self, ledger: &Ledger) -> Result<()>;
    /// The head expected.
    fn head(&self) -> &Hex;
    /// Puts `end`, [`Replay::expect_head`]'s check, in place of the one
    /// given before; gives it back when `self` is that check (the caller
    /// replaces it).
    fn replace_end(&mut self, end: Box<dyn Expectation>) -> Option<Box<dyn Expectation>>;
}

/// Not a supertrait's method: one in the trait's vtable would bring the
/// formatting machinery into every build that expects a head (the
/// WebAssembly module among them), where this is linked only when a
/// `Replay` is printed.
impl std::fmt::Debug for dyn Expectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExpectedHead")
            .field("head", self.head())
            .finish_non_exhaustive()
    }
}

/// [`Replay::expect_head`]'s check: the head, and the position of the
/// event with that hash once one is replayed.
struct PublishedHead {
    head: Hex,
    found: Option<u64>,
}

/// The position of the event with hash `head`, once one is replayed.
fn seen_at(found: &mut Option<u64>, head: &Hex, ledger: &Ledger) {
    if found.is_none() && *head == ledger.head {
        *found = Some(ledger.len());
    }
}

impl Expectation for PublishedHead {
    fn head(&self) -> &Hex {
        &self.head
    }

    fn replace_end(&mut self, end: Box<dyn Expectation>) -> Option<Box<dyn Expectation>> {
        Some(end)
    }

    fn seen(&mut self, ledger: &Ledger) {
        seen_at(&mut self.found, &self.head, ledger);
    }

    fn verdict(&self, ledger: &Ledger) -> Result<()> {
        let n = ledger.len();
        match self.found {
            // A published head stands for a community's record: an empty
            // one is no record (spec §2), as the CLI says of any empty file.
            _ if n == 0 => Err(Error::empty_record()),
            _ if self.head == ledger.head => Ok(()),
            Some(k) => Err(err(
                ErrorCode::RecordPrevMismatch,
                if k + 1 == n {
                    format!("the published head is the hash of event {k}; event {n} was added after it")
                } else {
                    format!(
                        "the published head is the hash of event {k}; events {}-{n} were added after it",
                        k + 1
                    )
                },
            )
            .at(k + 1)),
            None => Err(err(
                ErrorCode::RecordPrevMismatch,
                format!(
                    "the record ends at head {} (event {n}), not at the published head {}, and no event of it has that hash: events after it are missing, the record was rewritten and sealed again, or the head is another record's",
                    ledger.head.as_str(),
                    self.head.as_str()
                ),
            )
            .at(n + 1)),
        }
    }
}

/// [`Replay::expect_extends`]'s check: a head published earlier, the
/// position of the event with that hash once one is replayed, and the
/// checks asked for before it.
struct EarlierHead {
    head: Hex,
    found: Option<u64>,
    before: Option<Box<dyn Expectation>>,
}

impl Expectation for EarlierHead {
    fn head(&self) -> &Hex {
        &self.head
    }

    fn replace_end(&mut self, end: Box<dyn Expectation>) -> Option<Box<dyn Expectation>> {
        match &mut self.before {
            Some(before) => {
                if let Some(end) = before.replace_end(end) {
                    *before = end;
                }
            }
            None => self.before = Some(end),
        }
        None
    }

    fn seen(&mut self, ledger: &Ledger) {
        if let Some(before) = &mut self.before {
            before.seen(ledger);
        }
        seen_at(&mut self.found, &self.head, ledger);
    }

    fn verdict(&self, ledger: &Ledger) -> Result<()> {
        if let Some(before) = &self.before {
            before.verdict(ledger)?;
        }
        let n = ledger.len();
        match self.found {
            _ if n == 0 => Err(Error::empty_record()),
            Some(_) => Ok(()),
            None => Err(err(
                ErrorCode::RecordPrevMismatch,
                format!(
                    "no event of the record (ending at event {n}, head {}) has the hash {}, the head of the record as published earlier: that record was rewritten after it was published (an event changed, removed or reordered, and the events after it sealed again), the events up to that head are missing, or the head is another record's",
                    ledger.head.as_str(),
                    self.head.as_str()
                ),
            )
            .at(n + 1)),
        }
    }
}

impl Default for Replay {
    fn default() -> Replay {
        Replay::new()
    }
}

impl Replay {
    /// An empty replay, keeping no record text: memory is bounded by the
    /// community's state, and the finished ledger's [`Ledger::to_record`] is
    /// empty ([`Replay::keeping_record`] keeps it).
    pub fn new() -> Replay {
        Replay::onto(Ledger::without_history())
    }

    /// An empty replay whose ledger keeps the record's text, as
    /// [`Ledger::from_record`]'s does: [`Ledger::to_record`] of the finished
    /// ledger is the record, and events applied after it extend it. For a
    /// record that arrives in pieces and is to be appended to.
    ///
    /// ```
    /// # let mut ledger = yishi::Ledger::new();
    /// # ledger.apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
    /// #     "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}})).unwrap();
    /// let record = ledger.to_record();
    /// let mut replay = yishi::Replay::keeping_record();
    /// for piece in record.as_bytes().chunks(7) {
    ///     replay.push(piece)?;
    /// }
    /// assert_eq!(replay.finish()?.to_record(), record);
    /// # Ok::<(), yishi::Error>(())
    /// ```
    pub fn keeping_record() -> Replay {
        Replay::onto(Ledger::new())
    }

    /// A replay into `ledger`, empty, with or without history.
    fn onto(ledger: Ledger) -> Replay {
        Replay {
            ledger,
            partial: Vec::new(),
            pending_empty: false,
            failed: None,
            expected: None,
        }
    }

    /// Has [`Replay::finish`] also check that the record ends at `head`,
    /// the hash its organiser published (64 hexadecimal digits, either
    /// case), as `yishi verify --expect-head` does: a record cut short at a
    /// line boundary (which verifies on its own), extended after
    /// publication, or rewritten and sealed again is refused with
    /// `record.prev_mismatch`, at the event after the published one when
    /// the record holds it, else after its last event; an empty record is
    /// then `community.missing` at seq 1. Call it before pushing the record.
    /// Returns `false`, and changes nothing, when `head` is not 64
    /// hexadecimal digits.
    ///
    /// ```
    /// # let mut ledger = yishi::Ledger::new();
    /// # ledger.apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
    /// #     "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}})).unwrap();
    /// let record = ledger.to_record();
    /// let published = ledger.head().to_ascii_uppercase();
    /// let mut replay = yishi::Replay::new();
    /// assert!(replay.expect_head(&published));
    /// replay.push(record.as_bytes())?;
    /// assert_eq!(replay.finish()?.head(), ledger.head());
    ///
    /// // The same record checked against another head is refused.
    /// let mut replay = yishi::Replay::new();
    /// assert!(replay.expect_head(&"ab".repeat(32)));
    /// replay.push(record.as_bytes())?;
    /// let e = replay.finish().unwrap_err();
    /// assert_eq!((e.code(), e.seq()), ("record.prev_mismatch", 2));
    /// assert!(!yishi::Replay::new().expect_head("not a hash"));
    /// # Ok::<(), yishi::Error>(())
    /// ```
    ///
    /// A second call replaces the head the first one gave.
    #[must_use = "a head that is no hash is refused with `false` and nothing is expected"]
    pub fn expect_head(&mut self, head: &str) -> bool {
        let Some(head) = Hex::parse(head) else {
            return false;
        };
        let check = self.seeing(Box::new(PublishedHead { head, found: None }));
        match &mut self.expected {
            Some(expected) => {
                if let Some(check) = expected.replace_end(check) {
                    *expected = check;
                }
            }
            None => self.expected = Some(check),
        }
        true
    }

    /// Has [`Replay::finish`] also check that the record extends the one
    /// published earlier with `head` (64 hexadecimal digits, either case):
    /// one of its events, the last or an earlier one, must have that hash.
    /// Since each hash covers the one before it, the events up to that one
    /// are then exactly those published, and only events after them were
    /// added: the record was appended to, not rewritten. A record that holds
    /// no event with that hash is refused with `record.prev_mismatch` after
    /// its last event (which event was changed cannot be told from a head);
    /// an empty record is `community.missing` at seq 1. Several earlier heads
    /// may be expected, with or without [`Replay::expect_head`]. Call it
    /// before pushing the record: of the events pushed before it, only the
    /// last is seen.
    ///
    /// ```
    /// # let event = |i: u32| serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "unit.transferred",
    /// #     "data": {"unit": "u1", "to": format!("o{i}")}});
    /// # let mut ledger = yishi::Ledger::new();
    /// # ledger.apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
    /// #     "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}})).unwrap();
    /// // Last week's record, and its head as the organiser published it.
    /// let last_week = ledger.head().to_owned();
    /// ledger.apply(&event(2))?;
    /// let record = ledger.to_record();
    ///
    /// // This week's record extends it.
    /// let mut replay = yishi::Replay::new();
    /// assert!(replay.expect_extends(&last_week));
    /// replay.push(record.as_bytes())?;
    /// assert_eq!(replay.finish()?.len(), 2);
    ///
    /// // A record rewritten from its first event on (the unit's area
    /// // changed) does not, though it verifies on its own.
    /// let mut rewritten = yishi::Ledger::new();
    /// rewritten.apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
    ///     "data": {"community": "c", "units": [{"id": "u1", "area": "50.01", "owner": "o1"}]}}))?;
    /// rewritten.apply(&event(2))?;
    /// let mut replay = yishi::Replay::new();
    /// assert!(replay.expect_extends(&last_week));
    /// replay.push(rewritten.to_record().as_bytes())?;
    /// let e = replay.finish().unwrap_err();
    /// assert_eq!((e.code(), e.seq()), ("record.prev_mismatch", 3));
    /// # Ok::<(), yishi::Error>(())
    /// ```
    #[must_use = "a head that is no hash is refused with `false` and nothing is expected"]
    pub fn expect_extends(&mut self, head: &str) -> bool {
        let Some(head) = Hex::parse(head) else {
            return false;
        };
        let before = self.expected.take();
        let check = self.seeing(Box::new(EarlierHead {
            head,
            found: None,
            before,
        }));
        self.expected = Some(check);
        true
    }

    /// `check`, having seen the events pushed before: the last of them may
    /// be the published one.
    fn seeing(&self, mut check: Box<dyn Expectation>) -> Box<dyn Expectation> {
        if !self.ledger.is_empty() {
            check.seen(&self.ledger);
        }
        check
    }

    /// The state replayed so far.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Feeds the next bytes of the record; complete lines are verified and
    /// applied at once. After an error, every call returns that error.
    pub fn push(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let done = self.feed(bytes);
        if let Err(e) = &done {
            self.failed = Some(e.clone());
        }
        done
    }

    fn feed(&mut self, mut bytes: &[u8]) -> Result<()> {
        while let Some(nl) = memchr::memchr(b'\n', bytes) {
            if self.partial.is_empty() {
                self.line(&bytes[..nl])?;
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.extend_from_slice(&bytes[..nl]);
                let done = self.line(&line);
                line.clear();
                self.partial = line;
                done?;
            }
            bytes = &bytes[nl + 1..];
        }
        // One byte over the limit may be the `\r` of a CRLF ending; the
        // line itself is held to the limit once its `\n` arrives.
        if self.partial.len() + bytes.len() > MAX_LINE_BYTES + 1 {
            return Err(err(
                ErrorCode::RecordTooLarge,
                format!("line longer than {MAX_LINE_BYTES} bytes"),
            )
            .at(self.ledger.seq + 1));
        }
        self.partial.extend_from_slice(bytes);
        Ok(())
    }

    fn line(&mut self, line: &[u8]) -> Result<()> {
        let seq = self.ledger.seq + 1;
        // An empty line (or a lone `\r` of a CRLF file) is an error where
        // the next event or the end shows it: inside, or after the last event.
        if line.is_empty() || line == b"\r" {
            self.pending_empty = true;
            return Ok(());
        }
        if self.pending_empty {
            return Err(err(ErrorCode::RecordParse, "empty line inside the record").at(seq));
        }
        if seq == 1 && line.starts_with(BOM) {
            return Err(err(
                ErrorCode::RecordParse,
                "the record starts with a UTF-8 byte-order mark (EF BB BF), which a record does not hold: save it without one",
            )
            .at(seq));
        }
        let line = std::str::from_utf8(line)
            .map_err(|_| err(ErrorCode::RecordParse, "the line is not valid UTF-8").at(seq))?;
        self.ledger.apply_sealed_line(line)?;
        if let Some(check) = &mut self.expected {
            check.seen(&self.ledger);
        }
        Ok(())
    }

    /// Ends the record (a last line needs no newline) and returns the ledger.
    ///
    /// No events at all give an empty ledger, to build on, unless a head is
    /// expected ([`Replay::expect_head`]); [`verify_reader`], which is
    /// built on it, and the wasm `Verifier` refuse an empty record as no
    /// record ([`Error::empty_record`]).
    pub fn finish(mut self) -> Result<Ledger> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.line(&line)?;
        }
        if self.pending_empty {
            return Err(
                err(ErrorCode::RecordParse, "empty line after the last event")
                    .at(self.ledger.seq + 1),
            );
        }
        if let Some(check) = &self.expected {
            check.verdict(&self.ledger)?;
        }
        Ok(self.ledger)
    }
}

/// Verifies a whole sealed record held in memory: its number of events and
/// its head. To check a record against a published head, compare
/// [`Summary::head`](crate::Summary::head), or use
/// [`Replay::expect_head`], which also tells a record cut short.
///
/// An empty text is no record (a record starts with `community.registered`,
/// spec §2): it is refused with [`Error::empty_record`], as `yishi verify`
/// refuses an empty file, so an upload that came back empty never passes for
/// a verified record. ([`Ledger::from_record`] of an empty text is an empty
/// ledger, to build on.)
///
/// ```
/// let e = yishi::verify_record("").unwrap_err();
/// assert_eq!((e.code(), e.seq()), ("community.missing", 1));
/// ```
pub fn verify_record(text: &str) -> Result<Summary> {
    verify_reader(text.as_bytes())
}

/// Verifies a sealed record from a reader, streaming (read errors as in
/// [`Ledger::replay`]); an empty reader is refused as
/// [`verify_record`] refuses an empty text.
pub fn verify_reader<R: BufRead>(reader: R) -> Result<Summary> {
    let ledger = Ledger::replay(reader)?;
    if ledger.is_empty() {
        return Err(Error::empty_record());
    }
    Ok(ledger.summary())
}

/// Seals a list of unsealed events into a record (canonical JSON Lines),
/// checking every event as it goes.
pub fn seal(events: &[Value]) -> Result<String> {
    let mut l = Ledger::new();
    for e in events {
        l.apply(e)?;
    }
    Ok(l.to_record())
}

/// Seals unsealed events given as text (a JSON array of events, or JSON
/// Lines: one event per line, blank lines skipped) into a record, checking
/// every event as it goes; an error names the position of the first bad
/// event. A number a record may not hold (`1.5`, `1e2`, beyond 2^53) is
/// refused at its event, as in a case file.
pub fn seal_text(text: &str) -> Result<String> {
    seal_bytes(text.as_bytes())
}

/// [`seal_text`] for bytes as read from a file: text that is not UTF-8 is
/// refused at the event it is in (`record.parse`). A UTF-8 byte-order mark
/// before the events, as some editors write, is skipped. In an array, a
/// syntax error's "at byte N" counts from the start of the input.
pub fn seal_bytes(input: &[u8]) -> Result<String> {
    let mut l = Ledger::new();
    seal_into(&mut l, input, false, |_| {})?;
    Ok(l.to_record())
}

/// Applies the unsealed events of `input` (as [`seal_bytes`] reads them)
/// after those of `l`, each error at its position in the whole record;
/// with `want_lines`, `keep` is given each one's sealed line (generic, so
/// that [`seal_bytes`], which wants none, carries no code for them).
fn seal_into(
    l: &mut Ledger,
    input: &[u8],
    want_lines: bool,
    mut keep: impl FnMut(String),
) -> Result<()> {
    let base = l.seq;
    let bom = if input.starts_with(BOM) { BOM.len() } else { 0 };
    let not_utf8 = |seq| err(ErrorCode::RecordParse, "the text is not valid UTF-8").at(seq);
    let first = input[bom..]
        .iter()
        .position(|b| !json_ws(b))
        .map(|i| i + bom);
    if let Some(at) = first.filter(|&at| input[at] == b'[') {
        // The input's UTF-8 prefix: the elements inside it are read in place.
        let text = match std::str::from_utf8(input) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&input[..e.valid_up_to()]).unwrap_or_default(),
        };
        for (i, piece) in array_elements(input, at).enumerate() {
            let seq = base + i as u64 + 1;
            let (start, end) = piece.map_err(|e| {
                let at = base + e.seq();
                e.at(at)
            })?;
            let within = text.get(..end).ok_or_else(|| not_utf8(seq))?;
            let arena = Arena::default();
            let event = Node::parse_case_from(within, start, &arena).map_err(|e| e.at(seq))?;
            if let Some(line) = l.apply_node(&event, want_lines)? {
                keep(line);
            }
        }
    } else {
        let text_lines = input[bom..].split(|&b| b == b'\n');
        for line in text_lines.filter(|line| !line.iter().all(json_ws)) {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let seq = l.seq + 1;
            keep(l.apply_json(std::str::from_utf8(line).map_err(|_| not_utf8(seq))?)?);
        }
    }
    Ok(())
}

/// `meeting.notice_too_short`: the notice given, in days and the hours,
/// minutes and seconds short of the next (whole seconds: "14 d 23:59:59" is
/// a second short of 15), against the rules' days. Out of line, as
/// convening is on the path every event takes through `apply_data`.
#[cold]
#[inline(never)]
fn notice_too_short(notice: i128, required_days: u64) -> Error {
    err(
        ErrorCode::MeetingNoticeTooShort,
        format!(
            "notice of {} before opening is shorter than the rules' {required_days} d",
            span(notice)
        ),
    )
}

/// A length of time in nanoseconds (at least 0) as `D d HH:MM:SS`, the
/// seconds whole (cut, not rounded).
fn span(nanos: i128) -> String {
    // 10⁹ = 2⁹ · 1,953,125: shifting first keeps the division in 64 bits
    // (a general 128-bit division is ~0.7 KB of the wasm module).
    let seconds = i64::try_from(nanos >> 9).map_or(i64::MAX, |n| n / 1_953_125);
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    format!(
        "{days} d {:02}:{:02}:{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// `ballot.outside_window`, out of line as [`notice_too_short`] is (the
/// ballot path is the hottest there is).
#[cold]
#[inline(never)]
fn outside_window(p: &Parsed<'_>, m: &Meeting) -> Error {
    let (how_far, when) = if p.instant < m.opens_at {
        // Rounded up: a ballot half a second early is told 1 s early, not 0.
        (m.opens_at - p.instant + 999_999_999, "before it opens")
    } else {
        (
            p.instant - m.closes_at,
            "after it closes (at closes_at, which the window does not include)",
        )
    };
    err(
        ErrorCode::BallotOutsideWindow,
        format!(
            "ballot at {} is outside the voting window of meeting \"{}\": {} {when}",
            p.at,
            m.id,
            span(how_far),
        ),
    )
}

/// [`crate::json::is_ws`] for iterator adaptors over `&u8`.
fn json_ws(b: &u8) -> bool {
    crate::json::is_ws(*b)
}

/// The top-level elements of the JSON array at `b[open]` (its `[`), as byte
/// ranges of `b`, each to be parsed on its own so that an error in one is
/// reported at its position. Only strings and nesting are tracked; an
/// element the split gets wrong is not JSON and fails to parse. What follows
/// a whole element other than `,` or `]` (a missing comma), text after the
/// closing `]`, or a missing `]`, is an error at the position after the
/// element before it.
fn array_elements(b: &[u8], open: usize) -> impl Iterator<Item = Result<(usize, usize)>> + '_ {
    let mut at = open + 1;
    let mut count = 0u64;
    let mut tail: Option<Option<Error>> = None;
    std::iter::from_fn(move || {
        if let Some(e) = tail.take() {
            // The array has ended: its last element went out before this.
            tail = Some(None);
            return e.map(|e| Err(e.at(count + 1)));
        }
        let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
        // Where the element's value ended, once a string, object or array at
        // its top level closed.
        let mut whole = None;
        let start = at;
        let end = loop {
            let Some(&c) = b.get(at) else {
                // Cut short: inside an element it fails to parse; after a
                // whole one, the missing `]` is the error.
                let e = err(
                    ErrorCode::RecordParse,
                    "the array of events is not closed with ]",
                );
                tail = Some((!in_str && depth == 0).then_some(e));
                break at;
            };
            at += 1;
            if in_str {
                match c {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => {
                        in_str = false;
                        if depth == 0 {
                            whole = Some(at);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match c {
                b',' if depth == 0 => break at - 1,
                b']' if depth == 0 => {
                    let after = !b[at..].iter().all(json_ws);
                    let e = err(
                        ErrorCode::RecordParse,
                        "text after the closing ] of the array of events",
                    );
                    tail = Some(after.then_some(e));
                    break at - 1;
                }
                _ if json_ws(&c) => {}
                _ if whole.is_some() && depth == 0 => {
                    // `[a b]`: a whole element, then no comma. The element
                    // goes first; the error is the next position's.
                    let e = err(ErrorCode::RecordParse, "expected ',' or ']' after an event");
                    tail = Some(Some(e));
                    break whole.unwrap_or(at);
                }
                b'"' => in_str = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        whole = Some(at);
                    }
                }
                _ => {}
            }
        };
        let empty = b[start..end].iter().all(json_ws);
        if tail.is_some() && count == 0 && empty {
            // `[]` holds no element.
            return tail.take().flatten().map(|e| Err(e.at(1)));
        }
        count += 1;
        if empty {
            // `[a,]` and `[a,,b]` hold an empty one: refused as such, not as
            // text that ended; `[a,` is still an array not closed.
            let e = match tail.replace(None) {
                Some(Some(not_closed)) => not_closed,
                _ => err(
                    ErrorCode::RecordParse,
                    "an empty element (a comma too many)",
                ),
            };
            return Some(Err(e.at(count)));
        }
        Some(Ok((start, end)))
    })
}

#[allow(dead_code)]
fn _assert_error_is_send_sync(e: Error) -> impl Send + Sync {
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn events() -> Vec<Value> {
        vec![
            json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                   "data": {"community": "c", "name": "测试\u{1}", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}}),
            json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
                   "data": {"rules": "r1", "preset": "civil-code-2021"}}),
        ]
    }

    /// `meeting.convened` of meeting "m" under rules "r1", given and noticed
    /// on 2026-11-01, voting from 2026-11-20 09:00 to 2026-12-05 18:00
    /// (+08:00); a test changes what it is about (`e["data"]["…"] = …`).
    fn convened(body: &str, motions: Value) -> Value {
        json!({"at": "2026-11-01T09:00:00+08:00", "kind": "meeting.convened", "data": {
            "meeting": "m", "body": body, "rules": "r1", "form": "written",
            "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
            "closes_at": "2026-12-05T18:00:00+08:00", "motions": motions}})
    }

    /// A declared assembly meeting drops its per-voter maps (ballots,
    /// proxies, agents' loads) and keeps its tallies: replay memory is
    /// bounded by the meetings still open. Nothing observable needs the maps
    /// then, since no ballot, void or proxy event is taken after a
    /// declaration, so only this test tells whether they went.
    #[test]
    fn a_declared_assembly_meeting_keeps_its_tallies_not_its_ballots() {
        let mut l = Ledger::new();
        for e in events() {
            l.apply(&e).unwrap();
        }
        l.apply(&convened(
            "assembly",
            json!([{"motion": "a", "matter": "278.4"}]),
        ))
        .unwrap();
        let at = |t: &str| format!("2026-11-2{t}+08:00");
        for e in [
            json!({"at": at("0T10:00:00"), "kind": "proxy.granted",
                   "data": {"meeting": "m", "principal": "o1", "agent": "x"}}),
            json!({"at": at("0T10:01:00"), "kind": "ballot.cast",
                   "data": {"meeting": "m", "voter": "o1", "by": "x", "channel": "paper", "votes": {"a": "yes"}}}),
            json!({"at": at("1T09:00:00"), "kind": "meeting.closed", "data": {"meeting": "m"}}),
        ] {
            l.apply(&e).unwrap();
        }
        let before = l.results_json();
        let m = &l.meetings[0];
        assert_eq!(m.standing().count(), 1);
        assert!(!m.proxies.is_empty() && !m.load.is_empty());
        l.apply(
            &json!({"at": "2026-12-06T09:00:00+08:00", "kind": "result.declared",
                        "data": {"meeting": "m", "results": {"a": {"outcome": "passed"}}}}),
        )
        .unwrap();
        let m = &l.meetings[0];
        assert_eq!(m.standing().count(), 0);
        assert!(m.proxies.is_empty() && m.load.is_empty());
        // The same result, now with the date from which revocation runs.
        let mut after = l.results_json();
        let result = after["m/a"].as_object_mut().unwrap();
        assert_eq!(
            result.remove("revocation_deadline"),
            Some(json!("2027-12-06"))
        );
        assert_eq!(after, before);
    }

    /// Spans are whole seconds, cut, from a nanosecond to ten thousand
    /// years: the shift-then-divide agrees with plain 128-bit division.
    #[test]
    fn spans_in_days_and_seconds() {
        assert_eq!(span(0), "0 d 00:00:00");
        assert_eq!(span(999_999_999), "0 d 00:00:00");
        assert_eq!(span(1_000_000_000), "0 d 00:00:01");
        assert_eq!(span(15 * DAY_NS - 1), "14 d 23:59:59");
        let year_10000 = 315_537_897_600 * 1_000_000_000i128 + 123_456_789;
        for nanos in [
            year_10000,
            year_10000 - 1,
            1 << 70,
            (1 << 70) + 511,
            512 * 1_953_125 - 1,
        ] {
            let seconds = (nanos / 1_000_000_000) as i64;
            let want = format!(
                "{} d {:02}:{:02}:{:02}",
                seconds / 86_400,
                seconds % 86_400 / 3600,
                seconds % 3600 / 60,
                seconds % 60
            );
            assert_eq!(span(nanos), want, "{nanos}");
        }
    }

    /// Two motions whose `<meeting>/<motion>` keys coincide are refused
    /// whichever `/` of the key ends the earlier meeting's id; keys that
    /// only share a prefix are not.
    #[test]
    fn result_keys_may_not_coincide_at_any_slash() {
        let convene = |meeting: &str, motions: &[&str]| {
            let motions: Vec<Value> = motions
                .iter()
                .map(|m| json!({"motion": m, "matter": "278.4"}))
                .collect();
            let mut e = convened("assembly", json!(motions));
            e["data"]["meeting"] = json!(meeting);
            e
        };
        let mut l = Ledger::from_record(&seal(&events()).expect("seals")).expect("verifies");
        for (meeting, motions) in [("a", &["b/c/d", "x"][..]), ("p/q", &["r"][..])] {
            l.apply(&convene(meeting, motions)).expect("convenes");
        }
        for (meeting, motion, taken) in [
            ("a/b", "c/d", "meeting \"a\" motion \"b/c/d\""),
            ("a/b/c", "d", "meeting \"a\" motion \"b/c/d\""),
            ("p", "q/r", "meeting \"p/q\" motion \"r\""),
        ] {
            let e = l.apply(&convene(meeting, &["y", motion])).unwrap_err();
            assert_eq!(
                (e.code(), e.seq()),
                ("motion.duplicate", 5),
                "{meeting} {motion}"
            );
            assert!(e.message().ends_with(taken), "{}", e.message());
        }
        let before = l.len();
        for (meeting, motion) in [("a/b", "c"), ("a/b/c", "e"), ("p", "q"), ("p/q/r", "s")] {
            l.apply(&convene(meeting, &[motion]))
                .expect("no key is shared");
        }
        assert_eq!(l.len(), before + 4);
    }

    /// At most MAX_PROTECTED_MOTIONS motions of a meeting carry a
    /// protection, an Art. 279 motion's default group included; other
    /// motions beside them are not counted.
    #[test]
    fn protected_motions_are_capped_per_meeting() {
        let record = seal(&[
            json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                   "data": {"community": "c", "units": [
                       {"id": "u1", "building": "1", "area": "50", "owner": "o1"},
                       {"id": "u2", "building": "1", "area": "50", "owner": "o2"}]}}),
            events()[1].clone(),
        ])
        .expect("seals");
        let convene = |plain: usize, guarded: usize, art279: usize| {
            let mut motions: Vec<Value> = (0..plain)
                .map(|i| json!({"motion": format!("p{i}"), "matter": "278.4"}))
                .collect();
            motions.extend((0..guarded).map(|i| {
                json!({"motion": format!("g{i}"), "matter": "278.4",
                "protection": {"unanimity_of": {"units": ["u1"]}}})
            }));
            motions.extend((0..art279).map(|i| {
                json!({"motion": format!("a{i}"), "matter": "279",
                "applicant": "o2"})
            }));
            convened("assembly", json!(motions))
        };
        let max = MAX_PROTECTED_MOTIONS;
        for (plain, guarded, art279, ok) in [
            (100, max, 0, true),
            (0, max - 1, 1, true),
            (0, max + 1, 0, false),
            (5, max, 1, false),
            (0, 0, max + 1, false),
        ] {
            let mut l = Ledger::from_record(&record).expect("verifies");
            match l.apply(&convene(plain, guarded, art279)) {
                Ok(_) => assert!(ok, "{plain} {guarded} {art279}"),
                Err(e) => {
                    assert!(!ok, "{plain} {guarded} {art279}: {e}");
                    assert_eq!((e.code(), e.seq()), ("record.too_large", 3));
                }
            }
        }
    }

    /// A sealed event holding a number a record may not hold is refused at
    /// its own position, whether given as a tree (`apply_sealed`) or in a
    /// case file's `record` (read leniently, then checked).
    #[test]
    fn a_sealed_event_with_a_wide_number_is_refused_at_its_position() {
        let record = seal(&events()).expect("seals");
        let sealed: Vec<Value> = record
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut wide = sealed[1].clone();
        wide["data"]["set"] = json!({"notice_days": 1u64 << 60});
        let mut l = Ledger::new();
        l.apply_sealed(&sealed[0]).expect("the first event");
        let e = l.apply_sealed(&wide).unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.parse", 2), "{e}");
        assert_eq!(l.len(), 1);
        let case = json!({"case": "wide", "record": [sealed[0], wide],
                          "expect": {"error": {"seq": 2, "code": "record.parse"}}});
        let e = crate::conformance::replay_case(&case).unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.parse", 2), "{e}");
        assert!(crate::conformance::run_case(&case).passed);
    }

    /// A convening within the limits is taken at each limit and refused one
    /// past it; a motion naming a matter its body cannot take is refused.
    #[test]
    fn convening_limits_and_matters_by_body() {
        let record = seal(&events()).expect("seals");
        let convene = |body: &str, motions: Vec<Value>| {
            let mut e = convened(body, json!(motions));
            if body == "committee" {
                e["data"]["members"] = json!(["o1"]);
            }
            e
        };
        let code = |body: &str, motions: Vec<Value>| {
            let mut l = Ledger::from_record(&record).expect("verifies");
            l.apply(&convene(body, motions))
                .err()
                .map(|e| (e.code(), e.seq()))
        };
        let plain = |n: usize| -> Vec<Value> {
            (0..n)
                .map(|i| json!({"motion": format!("p{i}"), "matter": "278.4"}))
                .collect()
        };
        assert_eq!(code("assembly", plain(MAX_MOTIONS)), None);
        assert_eq!(
            code("assembly", plain(MAX_MOTIONS + 1)),
            Some(("record.too_large", 3))
        );
        let election = |candidates: usize, seats: usize| {
            let names: Vec<String> = (0..candidates).map(|i| format!("c{i}")).collect();
            vec![json!({"motion": "e", "matter": "278.3",
                        "election": {"seats": seats, "candidates": names}})]
        };
        assert_eq!(
            code("assembly", election(MAX_CANDIDATES, MAX_CANDIDATES)),
            None
        );
        assert_eq!(
            code("assembly", election(MAX_CANDIDATES + 1, 1)),
            Some(("record.too_large", 3))
        );
        assert_eq!(
            code("assembly", election(2, MAX_CANDIDATES + 1)),
            Some(("event.invalid", 3))
        );
        let with = |matter: Option<&str>| {
            let mut m = json!({"motion": "x"});
            if let Some(matter) = matter {
                m["matter"] = json!(matter);
            }
            vec![m]
        };
        for (body, matter, refused) in [
            ("assembly", None, Some(("matter.unknown", 3))),
            (
                "assembly",
                Some("coordination"),
                Some(("matter.unknown", 3)),
            ),
            ("assembly", Some("278.9"), None),
            (
                "committee",
                Some("coordination"),
                Some(("matter.unknown", 3)),
            ),
            (
                "committee",
                Some("278.4"),
                Some(("matter.reserved_to_assembly", 3)),
            ),
            ("committee", None, None),
        ] {
            assert_eq!(code(body, with(matter)), refused, "{body} {matter:?}");
        }
    }

    /// An assembly noticed exactly 15 days before opening, or convened at
    /// the instant voting opens, is not warned about; a second less, or
    /// later, is.
    #[test]
    fn convening_warnings_start_past_their_boundaries() {
        let mut evs = events();
        evs[1]["data"]["set"] = json!({"notice_days": 1});
        let record = seal(&evs).expect("seals");
        let warnings = |at: &str, noticed: &str| -> Vec<String> {
            let mut l = Ledger::from_record(&record).expect("verifies");
            let mut e = convened("assembly", json!([{"motion": "x", "matter": "278.4"}]));
            (e["at"], e["data"]["noticed_at"]) = (json!(at), json!(noticed));
            l.apply(&e).expect("convenes");
            l.result("m", "x").expect("a result").warnings
        };
        let early = "2026-11-01T09:00:00+08:00";
        assert!(warnings(early, "2026-11-05T09:00:00+08:00").is_empty());
        let short = warnings(early, "2026-11-05T09:00:01+08:00");
        assert!(
            short[0].starts_with("the assembly was noticed 14 d 23:59:59"),
            "{short:?}"
        );
        let opening = "2026-11-20T09:00:00+08:00";
        assert_eq!(warnings(opening, early), Vec::<String>::new());
        let late = warnings("2026-11-20T09:00:01+08:00", early);
        assert_eq!(
            late,
            ["the meeting was convened at 2026-11-20T09:00:01+08:00, after voting opened"]
        );
    }

    /// Sealing an array of events splits it by its own scan: brackets,
    /// braces, commas and escaped quotes inside strings do not end an
    /// element, and each event seals as it would alone.
    #[test]
    fn an_array_of_events_is_split_outside_strings_only() {
        let mut evs = events();
        evs[0]["data"]["name"] = json!("花园 ] } , [ { \" \\\" ]");
        evs[1]["data"]["rules"] = json!("r1");
        let array = serde_json::to_string(&evs).unwrap();
        assert!(array.contains(r#"] } , [ { \" \\\" ]"#), "{array}");
        let sealed = seal_text(&array).expect("seals");
        assert_eq!(sealed, seal(&evs).expect("seals"));
        assert_eq!(sealed.lines().count(), 2);
        // A closing bracket or brace with nothing open is the element's
        // own error, not the end of anything.
        for bad in ["[}]", "[]}]", "[{}}]"] {
            let e = seal_text(bad).unwrap_err();
            assert_eq!((e.code(), e.seq()), ("record.parse", 1), "{bad}: {e}");
        }
    }

    /// A line is refused as too long only past the limit: its `\r` of a
    /// CRLF ending does not count, at a piece's end or once its `\n` comes.
    #[test]
    fn a_line_at_the_limit_is_read_and_one_past_it_refused() {
        let mut at_limit = vec![b'x'; MAX_LINE_BYTES];
        at_limit.push(b'\r');
        let mut r = Replay::new();
        r.push(&at_limit).expect("a line at the limit and its \\r");
        let e = r.push(b"\n").unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.parse", 1), "{e}");
        at_limit.push(b'x');
        let e = Replay::new().push(&at_limit).unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.too_large", 1), "{e}");
    }

    /// A head expected once events are already pushed counts them: when the
    /// last of them is the published head and more follow, the refusal says
    /// which event the head was.
    #[test]
    fn a_head_expected_after_pushing_counts_what_was_pushed() {
        let record = seal(&events()).expect("seals");
        let first = record.lines().next().unwrap();
        let head: Value = serde_json::from_str(first).unwrap();
        let mut r = Replay::new();
        r.push(format!("{first}\n").as_bytes()).unwrap();
        assert!(!format!("{r:?}").contains("ExpectedHead"));
        let hash = head["hash"].as_str().unwrap();
        assert!(r.expect_head(&hash.to_ascii_uppercase()));
        // Printed for debugging, the replay shows the head it expects.
        assert!(
            format!("{r:?}").contains(&format!(
                "expected: Some(ExpectedHead {{ head: {hash}, .. }})"
            )),
            "{r:?}"
        );
        r.push(record.lines().nth(1).unwrap().as_bytes()).unwrap();
        let e = r.finish().unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.prev_mismatch", 2), "{e}");
        assert!(
            e.message()
                .contains("the hash of event 1; event 2 was added after it"),
            "{e}"
        );
    }

    /// A notice too short is told in days and hours, minutes and seconds.
    #[test]
    fn a_short_notice_is_told_in_days() {
        let convene = |rules: &str, noticed: &str| {
            let mut e = convened("assembly", json!([{"motion": "x", "matter": "278.4"}]));
            (e["at"], e["data"]["noticed_at"]) = (json!(noticed), json!(noticed));
            e["data"]["rules"] = json!(rules);
            e
        };
        let mut evs = events();
        evs.push(json!({"at": "2026-10-08T09:02:00+08:00", "kind": "rules.adopted",
                        "data": {"rules": "r2", "preset": "civil-code-2021", "set": {"notice_days": 2}}}));
        let record = seal(&evs).expect("seals");
        for (rules, noticed, said) in [
            (
                "r1",
                "2026-11-05T09:00:01+08:00",
                "notice of 14 d 23:59:59 before opening is shorter than the rules' 15 d",
            ),
            (
                "r2",
                "2026-11-19T09:00:00+08:00",
                "notice of 1 d 00:00:00 before opening is shorter than the rules' 2 d",
            ),
            (
                "r2",
                "2026-11-20T08:59:30+08:00",
                "notice of 0 d 00:00:30 before opening is shorter than the rules' 2 d",
            ),
        ] {
            let mut l = Ledger::from_record(&record).expect("verifies");
            let e = l.apply(&convene(rules, noticed)).unwrap_err();
            assert_eq!((e.code(), e.message()), ("meeting.notice_too_short", said));
        }
    }

    /// A ballot outside the voting window is told with how far outside it
    /// is, and on which side; `closes_at` itself is outside.
    #[test]
    fn a_ballot_outside_the_window_is_told_how_far() {
        let mut evs = events();
        evs.push(convened(
            "assembly",
            json!([{"motion": "x", "matter": "278.4"}]),
        ));
        let record = seal(&evs).expect("seals");
        let window = "ballot at {at} is outside the voting window of meeting \"m\": ";
        let after = "after it closes (at closes_at, which the window does not include)";
        for (at, said) in [
            (
                "2026-11-19T09:00:01+08:00",
                "0 d 23:59:59 before it opens".to_owned(),
            ),
            (
                "2026-11-01T09:00:00Z",
                "18 d 16:00:00 before it opens".to_owned(),
            ),
            // Part of a second early is told as a second early.
            (
                "2026-11-20T08:59:59.6+08:00",
                "0 d 00:00:01 before it opens".to_owned(),
            ),
            (
                "2026-12-05T18:00:00.4+08:00",
                format!("0 d 00:00:00 {after}"),
            ),
            ("2026-12-05T18:00:00+08:00", format!("0 d 00:00:00 {after}")),
            ("2026-12-05T10:00:01Z", format!("0 d 00:00:01 {after}")),
            (
                "2026-12-25T19:02:03+08:00",
                format!("20 d 01:02:03 {after}"),
            ),
        ] {
            let mut l = Ledger::from_record(&record).expect("verifies");
            let ballot = json!({"at": at, "kind": "ballot.cast", "data": {
                "meeting": "m", "voter": "o1", "votes": {"x": "yes"}}});
            let e = l.apply(&ballot).unwrap_err();
            let expected = window.replace("{at}", at) + &said;
            assert_eq!(
                (e.code(), e.message()),
                ("ballot.outside_window", expected.as_str())
            );
        }
        // The window's own ends: opens_at is inside.
        let mut l = Ledger::from_record(&record).expect("verifies");
        l.apply(
            &json!({"at": "2026-11-20T09:00:00+08:00", "kind": "ballot.cast", "data": {
            "meeting": "m", "voter": "o1", "votes": {"x": "yes"}}}),
        )
        .expect("a ballot at opens_at counts");
    }

    /// Unsealed events given where a record is expected (a JSON array, on
    /// one line or several, or JSON Lines without seal) are told as such.
    #[test]
    fn unsealed_events_given_as_a_record_are_named() {
        let lines: Vec<String> = events().iter().map(Value::to_string).collect();
        for (text, said) in [
            (format!("[{}]", lines.join(",")), ARRAY),
            (format!("[\n{}\n]\n", lines.join(",\n")), ARRAY),
            (format!("  [{},\n", lines[0]), ARRAY),
            (format!("{}\n", lines.join("\n")), UNSEALED),
        ] {
            let e = Ledger::from_record(&text).expect_err(&text);
            assert_eq!(
                (e.code(), e.seq(), e.message()),
                ("record.parse", 1, said),
                "{text}"
            );
        }
        // Sealed, it is a record; a sealed line that lacks one member is
        // told as before, and a bracket past the first line is plain JSON.
        let record = seal(&events()).expect("seals");
        assert_eq!(Ledger::from_record(&record).expect("verifies").len(), 2);
        let first = record.lines().next().expect("a line");
        let cut = first.replacen(r#","prev":"#, r#","prev_":"#, 1);
        let e = Ledger::from_record(&cut).expect_err("no prev");
        assert_eq!(e.message(), "a sealed event lacks \"prev\"");
        // Sealed events saved as an array are told they are no record either.
        let lines: Vec<&str> = record.lines().collect();
        let e = Ledger::from_record(&format!("[{}]\n", lines.join(","))).expect_err("an array");
        assert_eq!((e.seq(), e.message()), (1, ARRAY));
        let e = Ledger::from_record(&format!("{first}\n[\n")).expect_err("a bracket");
        assert_eq!(e.seq(), 2);
        assert_ne!(e.message(), UNSEALED);
    }

    /// A reader that fails is `record.read` at the event it stopped before,
    /// not a refused record; an interrupted read is retried.
    #[test]
    fn replay_reports_a_failing_reader_as_a_read_error() {
        struct Failing<'a> {
            text: &'a [u8],
            interrupted: bool,
        }
        impl std::io::Read for Failing<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if !self.interrupted {
                    self.interrupted = true;
                    return Err(std::io::ErrorKind::Interrupted.into());
                }
                if self.text.is_empty() {
                    return Err(std::io::Error::other("disk on fire"));
                }
                let n = self.text.len().min(buf.len());
                buf[..n].copy_from_slice(&self.text[..n]);
                self.text = &self.text[n..];
                Ok(n)
            }
        }
        let record = seal(&events()).unwrap();
        let reader = std::io::BufReader::new(Failing {
            text: record.as_bytes(),
            interrupted: false,
        });
        let e = Ledger::replay(reader).unwrap_err();
        assert_eq!((e.kind(), e.seq()), (ErrorCode::RecordRead, 3));
        assert!(e.to_string().contains("read error: disk on fire"), "{e}");
    }

    /// The sample events' record, and the head after each of them.
    fn record_and_heads() -> (String, Vec<String>) {
        let mut l = Ledger::new();
        let mut heads = Vec::new();
        for e in events() {
            l.apply(&e).unwrap();
            heads.push(l.head().to_owned());
        }
        (l.to_record(), heads)
    }

    /// `r` fed `text` in pieces of 5 bytes (its checks see every event,
    /// however the text arrives), then finished: the number of events, or
    /// the refusal's code, seq and message.
    fn finish_in_pieces(
        mut r: Replay,
        text: &str,
    ) -> std::result::Result<u64, (&'static str, u64, String)> {
        for piece in text.as_bytes().chunks(5) {
            r.push(piece).unwrap();
        }
        r.finish()
            .map(|l| l.len())
            .map_err(|e| (e.code(), e.seq(), e.to_string()))
    }

    /// `Replay::expect_head`: each verdict the CLI's `--expect-head` gives.
    #[test]
    fn replay_checks_a_published_head() {
        let (record, heads) = record_and_heads();
        let cut = &record[..record.find('\n').unwrap() + 1];
        let check = |text: &str, head: &str| {
            let mut r = Replay::new();
            assert!(r.expect_head(head));
            finish_in_pieces(r, text)
        };
        assert_eq!(check(&record, &heads[1]), Ok(2));
        assert_eq!(check(&record, &heads[1].to_ascii_uppercase()), Ok(2));
        // Published after event 1: event 2 was added after publication.
        let (code, seq, msg) = check(&record, &heads[0]).unwrap_err();
        assert_eq!((code, seq), ("record.prev_mismatch", 2));
        assert!(
            msg.ends_with("the published head is the hash of event 1; event 2 was added after it"),
            "{msg}"
        );
        // Cut short: no event has the published head.
        let (code, seq, msg) = check(cut, &heads[1]).unwrap_err();
        assert_eq!((code, seq), ("record.prev_mismatch", 2));
        assert!(msg.contains("no event of it has that hash"), "{msg}");
        // An empty record is no record once a head is published.
        assert_eq!(
            check("", &heads[1]).map_err(|e| (e.0, e.1)),
            Err(("community.missing", 1))
        );
        // Given after the events: the last one pushed can still be the published one.
        let mut r = Replay::new();
        r.push(record.as_bytes()).unwrap();
        assert!(r.expect_head(&heads[1]));
        assert_eq!(r.finish().unwrap().head(), heads[1]);
        for bad in ["", "abc", &"g".repeat(64), &format!("{} ", heads[1])] {
            assert!(!Replay::new().expect_head(bad), "{bad:?}");
        }
    }

    /// `Replay::expect_extends`: a record holds an earlier published head
    /// anywhere in it, alone or with the head it must end at.
    #[test]
    fn replay_checks_that_a_record_extends_an_earlier_one() {
        let (record, heads) = record_and_heads();
        let cut = &record[..record.find('\n').unwrap() + 1];
        // Another record: the same events with the first unit's area changed.
        let mut other = Ledger::new();
        let mut changed = events();
        changed[0]["data"]["units"][0]["area"] = json!("80.01");
        for e in &changed {
            other.apply(e).unwrap();
        }
        let check = |text: &str, end: Option<&str>, earlier: &[&str]| {
            let mut r = Replay::new();
            for head in earlier {
                assert!(r.expect_extends(head));
            }
            if let Some(head) = end {
                assert!(r.expect_head(head));
            }
            finish_in_pieces(r, text)
        };
        // Any event's hash, the last one's included, in either case.
        assert_eq!(check(&record, None, &[&heads[0]]), Ok(2));
        assert_eq!(check(&record, None, &[&heads[1]]), Ok(2));
        assert_eq!(
            check(&record, None, &[&heads[0].to_ascii_uppercase()]),
            Ok(2)
        );
        assert_eq!(check(&record, None, &[&heads[0], &heads[1]]), Ok(2));
        assert_eq!(check(&record, Some(&heads[1]), &[&heads[0]]), Ok(2));
        // A head published later than the record's end is not in it.
        let (code, seq, msg) = check(cut, None, &[&heads[1]]).unwrap_err();
        assert_eq!((code, seq), ("record.prev_mismatch", 2));
        assert!(
            msg.contains(&format!(
                "no event of the record (ending at event 1, head {}) has the hash {}",
                heads[0], heads[1]
            )),
            "{msg}"
        );
        // A rewritten record holds none of the heads published before.
        let (code, seq, msg) = check(&other.to_record(), None, &[&heads[0]]).unwrap_err();
        assert_eq!((code, seq), ("record.prev_mismatch", 3));
        assert!(
            msg.contains("was rewritten after it was published"),
            "{msg}"
        );
        // Each expectation is checked, the first failing one told.
        let (code, seq, _) = check(&record, None, &[&heads[0], other.head()]).unwrap_err();
        assert_eq!((code, seq), ("record.prev_mismatch", 3));
        let (code, seq, msg) = check(&record, Some(&heads[0]), &[&heads[0]]).unwrap_err();
        assert_eq!((code, seq), ("record.prev_mismatch", 2));
        assert!(msg.contains("event 2 was added after it"), "{msg}");
        // No record holds a head: an empty one is no record.
        assert_eq!(
            check("", None, &[&heads[0]]).map_err(|e| (e.0, e.1)),
            Err(("community.missing", 1))
        );
        // A second expected end replaces the first; earlier heads are kept.
        let mut r = Replay::new();
        assert!(r.expect_head(other.head()));
        assert!(r.expect_extends(&heads[0]));
        assert!(r.expect_head(&heads[1]));
        r.push(record.as_bytes()).unwrap();
        assert_eq!(r.finish().unwrap().len(), 2);
        let mut r = Replay::new();
        assert!(r.expect_extends(other.head()));
        assert!(r.expect_head(&heads[1]));
        r.push(record.as_bytes()).unwrap();
        assert_eq!(r.finish().unwrap_err().code(), "record.prev_mismatch");
        // Given after the events: the last one pushed is seen.
        let mut r = Replay::new();
        r.push(cut.as_bytes()).unwrap();
        assert!(r.expect_extends(&heads[0]));
        r.push(&record.as_bytes()[cut.len()..]).unwrap();
        assert_eq!(r.finish().unwrap().len(), 2);
        for bad in ["", "abc", &"g".repeat(64), &format!("{} ", heads[0])] {
            let mut r = Replay::new();
            assert!(!r.expect_extends(bad), "{bad:?}");
            assert!(r.expected.is_none());
        }
    }

    #[test]
    fn seal_text_reads_arrays_and_lines_as_seal_reads_values() {
        let evs = events();
        let want = seal(&evs).unwrap();
        let array = serde_json::to_string_pretty(&evs).unwrap();
        let lines: String = evs.iter().map(|e| format!("{e}\n\n")).collect();
        assert_eq!(seal_text(&array).unwrap(), want);
        assert_eq!(seal_text(&format!("  {array}")).unwrap(), want);
        assert_eq!(seal_text(&lines).unwrap(), want);
        assert_eq!(seal_text("").unwrap(), "");
        let at = |text: &str| seal_text(text).map(drop).map_err(|e| (e.code(), e.seq()));
        let first = evs[0].to_string();
        assert_eq!(at("[1,"), Err(("record.parse", 1)));
        assert_eq!(at("[1.5]"), Err(("record.parse", 1)));
        assert_eq!(at(&format!("[{first},7]")), Err(("record.parse", 2)));
        assert_eq!(at(&format!("{first}\n{{oops")), Err(("record.parse", 2)));
        // A number a record may not hold is refused at its event, in an
        // array as in JSON Lines; a duplicate member makes the array unreadable.
        let floor = r#"{"at":"2026-10-08T09:02:00+08:00","kind":"rules.adopted","data":{"rules":"r2","preset":"civil-code-2021","x":1.5}}"#;
        assert_eq!(at(&format!("[{first},{floor}]")), Err(("record.parse", 2)));
        assert_eq!(at(&format!("{first}\n{floor}")), Err(("record.parse", 2)));
        let big = floor.replace("1.5", "9007199254740993");
        assert_eq!(at(&format!("[{first},{big}]")), Err(("record.parse", 2)));
        // A syntax error or a duplicate member is reported at its element too.
        let dup = floor.replace(r#""x":1.5"#, r#""rules":"r3""#);
        assert_eq!(at(&format!("[{first},{dup}]")), Err(("record.parse", 2)));
        let second = evs[1].to_string();
        let broken = second.replacen(':', "", 1);
        assert_eq!(
            at(&format!("[{first},{second},{broken}]")),
            Err(("record.parse", 3))
        );
        // Brackets, commas and escaped quotes inside strings do not split.
        let tricky = evs[0].to_string().replace("测试", r#"测试[,]{\",}"#);
        assert_eq!(
            seal_text(&format!("[{tricky}]")).unwrap().lines().count(),
            1
        );
        // The array's own shape: empty, a trailing comma, text after it, no `]`.
        assert_eq!(seal_text(" [ ] ").unwrap(), "");
        assert_eq!(at(&format!("[{first},]")), Err(("record.parse", 2)));
        // An empty element is told as such, not as text that ended; an
        // array cut after a comma is still one not closed.
        let e = seal_text(&format!("[{first},\r\n")).unwrap_err();
        assert_eq!(
            (e.seq(), e.message()),
            (2, "the array of events is not closed with ]")
        );
        for text in [
            format!("[{first},\n]"),
            format!("[{first},,{second}]"),
            format!("[ ,{first}]"),
        ] {
            let e = seal_text(&text).unwrap_err();
            assert_eq!(e.message(), "an empty element (a comma too many)", "{text}");
        }
        assert_eq!(at(&format!("[{first}] x")), Err(("record.parse", 2)));
        assert_eq!(at(&format!("[{first}")), Err(("record.parse", 2)));
        assert_eq!(at(&format!("[{first},{second}")), Err(("record.parse", 3)));
        assert_eq!(at("["), Err(("record.parse", 1)));
        assert_eq!(
            at(&format!("[{first}, {{\"at\": \"x")),
            Err(("record.parse", 2))
        );
        // A missing comma, or junk after a whole element: the element is
        // sealed and the error is the next position's.
        assert_eq!(at(&format!("[{first} {second}]")), Err(("record.parse", 2)));
        assert_eq!(
            at(&format!("[{first},{second}}},{second}]")),
            Err(("record.parse", 3))
        );
        assert_eq!(
            at(&format!("[{second} {first}]")),
            Err(("community.missing", 1))
        );
        // JSON's whitespace only: a form feed is not.
        assert_eq!(at(&format!("[{first}]\x0C")), Err(("record.parse", 2)));
        assert_eq!(at("[\x0C]"), Err(("record.parse", 1)));
        // In an array, a syntax error's byte counts from the start of the input.
        let e = seal_text(&format!("[{first}, {{\"at\" 1}}]")).unwrap_err();
        let byte = first.len() + 10; // 1-based: the `1` where the `:` should be
        assert!(
            e.message()
                .ends_with(&format!("expected ':' at byte {byte}")),
            "{e}"
        );
        // The first bad element wins over a broken array after it.
        assert_eq!(at(&format!("[{second}] x")), Err(("community.missing", 1)));
        // Bytes: text that is not UTF-8 is refused at its event; a BOM is skipped.
        let bytes = |parts: &[&[u8]]| {
            seal_bytes(&parts.concat())
                .map(drop)
                .map_err(|e| (e.code(), e.seq()))
        };
        // A byte that is no UTF-8 inside a string of event 2.
        let (before, after) = second.split_once("r1").unwrap();
        let bad = [before.as_bytes(), b"r\xFF", after.as_bytes()].concat();
        assert_eq!(
            bytes(&[first.as_bytes(), b"\n", &bad]),
            Err(("record.parse", 2))
        );
        assert_eq!(
            bytes(&[b"[", first.as_bytes(), b",", &bad, b"]"]),
            Err(("record.parse", 2))
        );
        let bom = seal_bytes(&[b"\xEF\xBB\xBF", lines.as_bytes()].concat()).unwrap();
        assert_eq!(bom, want);
        // The first bad event by position, even when a later line is not JSON.
        assert_eq!(
            at(&format!("{}\n{{oops", evs[1])),
            Err(("community.missing", 1))
        );
    }

    proptest::proptest! {
        /// Any bytes: no panic, and an error names a position from 1.
        #[test]
        fn seal_bytes_takes_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            if let Err(e) = seal_bytes(&bytes) {
                proptest::prop_assert!(e.seq() >= 1);
            }
        }

        /// One byte of a sealable array changed: an error is at one of its
        /// two events or just after them, and what seals was JSON.
        #[test]
        fn seal_bytes_of_a_changed_array(pos in 0usize..4096, byte in proptest::prelude::any::<u8>(), pretty in proptest::prelude::any::<bool>()) {
            let evs = events();
            let text = if pretty { serde_json::to_string_pretty(&evs) } else { serde_json::to_string(&evs) }.unwrap();
            let mut bytes = text.into_bytes();
            let at = pos % bytes.len();
            bytes[at] = byte;
            match seal_bytes(&bytes) {
                Ok(record) => {
                    let parsed: std::result::Result<Vec<Value>, _> = serde_json::from_slice(&bytes);
                    proptest::prop_assert!(parsed.is_ok(), "sealed what is not a JSON array");
                    proptest::prop_assert!(record.lines().count() <= 2);
                }
                Err(e) => proptest::prop_assert!((1..=3).contains(&e.seq()), "{}", e),
            }
        }
    }

    #[test]
    fn blank_lines_and_a_byte_order_mark_are_named_as_such() {
        let record = seal(&events()).unwrap();
        let (first, second) = record.split_once('\n').unwrap();
        let at = |text: &str| {
            let e = Ledger::from_record(text).map(drop).unwrap_err();
            (e.code(), e.seq(), e.message().to_owned())
        };
        let after = (
            "record.parse",
            3,
            "empty line after the last event".to_owned(),
        );
        let inside = ("record.parse", 2, "empty line inside the record".to_owned());
        // One, two or a CRLF blank line at the end: the same error.
        assert_eq!(at(&format!("{record}\n")), after);
        assert_eq!(at(&format!("{record}\n\n")), after);
        assert_eq!(at(&format!("{record}\r\n")), after);
        assert_eq!(at(&format!("{first}\n\n\n{second}")), inside);
        assert_eq!(at(&format!("{first}\n\r\n{second}")), inside);
        let (code, seq, message) = at(&format!("\u{FEFF}{record}"));
        assert_eq!((code, seq), ("record.parse", 1));
        assert!(message.contains("byte-order mark"), "{message}");
    }

    #[test]
    fn apply_json_and_apply_seal_the_same_line() {
        let (mut a, mut b) = (Ledger::new(), Ledger::new());
        // Texts spelled otherwise than canonically: pretty-printed, and with
        // the envelope's members in the order people write them.
        let (mut pretty, mut reordered) = (Ledger::new(), Ledger::new());
        for e in events() {
            let sealed = a.apply(&e).unwrap();
            let canonical = crate::to_canonical_string(&e);
            let line = b.apply_json(&canonical).unwrap();
            assert_eq!(crate::to_canonical_string(&sealed), line);
            assert_eq!(a.head(), b.head());
            let text = serde_json::to_string_pretty(&e).unwrap();
            assert_eq!(pretty.apply_json(&text).unwrap(), line);
            let text = format!(
                r#"{{"kind":{},"at":{},"data":{}}}"#,
                e["kind"], e["at"], e["data"]
            );
            assert_eq!(reordered.apply_json(&text).unwrap(), line);
        }
        assert_eq!(a.to_record(), b.to_record());
        assert_eq!(a.to_record(), pretty.to_record());
        assert_eq!(a.to_record(), reordered.to_record());
        assert_eq!(
            Ledger::from_record(&a.to_record()).unwrap().head(),
            a.head()
        );
    }

    /// Sealing refuses an event whose line a verifier would refuse as too
    /// long, so every record a ledger writes replays.
    #[test]
    fn an_overlong_line_gets_one_verdict_whatever_the_pieces() {
        // A second line of 19 MB: whole, in 1 MiB pieces (as the CLI reads),
        // and in one piece, the same code, position and message.
        let first = seal(&[
            json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
            "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}}),
        ])
        .unwrap();
        let text = format!("{first}{}\n", "x".repeat(19 << 20));
        let whole = verify_record(&text).unwrap_err();
        let mut pieces = Replay::new();
        let streamed = text
            .as_bytes()
            .chunks(1 << 20)
            .try_for_each(|c| pieces.push(c))
            .unwrap_err();
        let mut one = Replay::new();
        let at_once = one.push(text.as_bytes()).unwrap_err();
        assert_eq!((whole.code(), whole.seq()), ("record.too_large", 2));
        assert_eq!(whole.to_string(), streamed.to_string());
        assert_eq!(whole.to_string(), at_once.to_string());
    }

    #[test]
    fn sealing_keeps_lines_within_the_verifiers_limit() {
        // A registration whose sealed line lands just over or just under
        // the limit: the name pads it to the byte.
        let sealed_len = |name: &str| {
            let mut l = Ledger::new();
            let e = json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                           "data": {"community": "c", "name": name, "units": [{"id": "u1", "area": "50", "owner": "o1"}]}});
            l.apply_json(&e.to_string()).map(|line| line.len())
        };
        let base = sealed_len("").unwrap();
        let fits = "x".repeat(MAX_LINE_BYTES - base);
        let line_len = sealed_len(&fits).unwrap();
        assert_eq!(line_len, MAX_LINE_BYTES);
        let over = "x".repeat(MAX_LINE_BYTES - base + 1);
        let e = sealed_len(&over).unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.too_large", 1));
        // Through `apply` too, and the ledger is left as it was.
        let mut l = Ledger::new();
        let e = l
            .apply(&json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                           "data": {"community": "c", "name": over, "units": [{"id": "u1", "area": "50", "owner": "o1"}]}}))
            .unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.too_large", 1));
        assert_eq!(
            (l.len(), l.head(), l.to_record()),
            (0, crate::GENESIS, String::new())
        );
        // What fits is replayed.
        let mut l = Ledger::new();
        l.apply(&json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                        "data": {"community": "c", "name": fits, "units": [{"id": "u1", "area": "50", "owner": "o1"}]}}))
            .unwrap();
        let again = Ledger::from_record(&l.to_record()).unwrap();
        assert_eq!(again.head(), l.head());
        // With CRLF endings too, in one piece and streamed: the `\r` is
        // the line's ending, not part of it.
        let crlf = l.to_record().replace('\n', "\r\n");
        assert_eq!(Ledger::from_record(&crlf).unwrap().head(), l.head());
        assert_eq!(Ledger::replay(crlf.as_bytes()).unwrap().head(), l.head());
        // One byte more than the limit before the `\r` is still too long.
        let long = format!("{}x\r\n", &crlf[..crlf.len() - 2]);
        for e in [
            Ledger::from_record(&long).unwrap_err(),
            Ledger::replay(long.as_bytes()).unwrap_err(),
        ] {
            assert_eq!((e.code(), e.seq()), ("record.too_large", 1));
        }
    }

    fn record() -> String {
        let mut l = Ledger::new();
        for e in events() {
            l.apply(&e).unwrap();
        }
        l.to_record()
    }

    /// (events, head) of a replay, or (code, seq) of its error.
    type Verdict = std::result::Result<(u64, String), (String, u64)>;

    /// What `Replay` makes of `text` fed in pieces of `size` bytes, and what
    /// the reader path makes of it.
    fn both_ways(text: &[u8], size: usize) -> (Verdict, Verdict) {
        let out = |r: Result<Ledger>| {
            r.map(|l| (l.len(), l.head().to_owned()))
                .map_err(|e| (e.code().to_owned(), e.seq()))
        };
        let mut replay = Replay::new();
        let pushed = text.chunks(size.max(1)).try_for_each(|c| replay.push(c));
        let streamed = match pushed {
            Ok(()) => replay.finish(),
            Err(e) => {
                assert_eq!(replay.push(b"{}").unwrap_err(), e, "the first error sticks");
                Err(e)
            }
        };
        (out(streamed), out(Ledger::replay(text)))
    }

    #[test]
    fn replay_in_pieces_matches_the_reader() {
        let good = record();
        let n = good.len();
        let mut cases: Vec<Vec<u8>> = vec![
            good.clone().into_bytes(),
            good.trim_end().as_bytes().to_vec(),
            format!("{good}\n").into_bytes(),
            good.replacen('\n', "\n\n", 1).into_bytes(),
            good.replacen("\"c\"", "\"d\"", 1).into_bytes(),
            good.as_bytes()[..n / 2].to_vec(),
            Vec::new(),
        ];
        let mut bad_utf8 = good.clone().into_bytes();
        bad_utf8[n - 5] = 0xff;
        cases.push(bad_utf8);
        for text in &cases {
            for size in [1, 2, 3, 7, 64, 1 << 20] {
                let (streamed, read) = both_ways(text, size);
                assert_eq!(
                    streamed,
                    read,
                    "{:?} in pieces of {size}",
                    String::from_utf8_lossy(text)
                );
            }
        }
        assert!(both_ways(good.as_bytes(), 5).0.is_ok());
    }

    #[test]
    fn a_refused_event_changes_nothing() {
        let mut l = Ledger::new();
        for e in events() {
            l.apply(&e).unwrap();
        }
        let (record, head) = (l.to_record(), l.head().to_owned());
        let bad = json!({"at": "2026-10-08T09:00:00+08:00", "kind": "rules.adopted", "data": {"rules": "r2", "preset": "x"}});
        assert_eq!(l.apply(&bad).unwrap_err().code(), "record.time_regression");
        assert_eq!(
            l.apply_json("{\"at\":1}").unwrap_err().code(),
            "record.parse"
        );
        assert_eq!(
            (l.to_record(), l.head().to_owned(), l.len()),
            (record, head, 2)
        );
    }
}
