//! WebAssembly binding of yishi: the npm package `yishi-wasm`.
//!
//! A thin layer over the core crate. Two classes, [`Ledger`] and
//! [`Verifier`] (a record fed in pieces), and three free functions
//! (`verifyRecord`, `sealRecord`, `runCase`). Records cross the
//! boundary as text; one event or one result crosses as one plain object
//! (serialised to JSON text on one side and parsed on the other, so object
//! keys, integers and decimal strings survive exactly).
//!
//! Every failure of a record, an event or an argument is thrown as a
//! `YishiError` (a real `Error` subclass) with the spec's stable `code` and
//! the 1-based event position `seq`; misusing an object (a `Verifier` after
//! `finish`) throws a plain `Error`, as wasm-bindgen does. A panic
//! never reaches JS as a trap: the panic hook throws a `YishiError` with code
//! `internal` and marks the instance unusable (see `on_panic`).

#![deny(missing_docs)]

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

mod types;

#[wasm_bindgen(inline_js = r#"
export class YishiError extends Error {
  constructor(code, seq, message) {
    super(message);
    this.name = "YishiError";
    this.code = code;
    this.seq = seq;
  }
}

const HIDDEN = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

export function jsonText(value, seq, each) {
  let at = seq;
  let refusal;
  const refuse = (why) => (refusal = new YishiError("record.parse", at, `record.parse at seq ${at}: ${why}`));
  if (value === undefined) throw refuse("undefined is not a JSON value");
  let root = true;
  let text;
  try {
    text = JSON.stringify(value, function (key, x) {
      if (each && this === value) at = seq + Number(key);
      const n = typeof x === "number" ? x : x instanceof Number ? x.valueOf() : 0;
      if (!Number.isFinite(n)) {
        const name = root ? "the value" : `"${key.replace(HIDDEN, (c) => `\\u{${c.codePointAt(0).toString(16)}}`)}"`;
        throw refuse(`${name} is ${n}, which no JSON number is (JSON.stringify would write null, read as absent)`);
      }
      root = false;
      return x;
    });
  } catch (e) {
    if (e === refusal) throw e;
    throw refuse("the value cannot be written as JSON");
  }
  if (typeof text !== "string") throw refuse("the value has no JSON form (a function or a symbol)");
  return text;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = YishiError)]
    type JsYishiError;

    #[wasm_bindgen(constructor, js_class = "YishiError")]
    fn new(code: &str, seq: f64, message: &str) -> JsYishiError;

    /// `value` as JSON text, or a thrown `YishiError` (`record.parse` at
    /// `seq`, or at `seq + i` for element `i` when `each`): see [`json_text`].
    #[wasm_bindgen(js_name = jsonText, catch)]
    fn json_text_js(value: &JsValue, seq: f64, each: bool) -> Result<String, JsValue>;
}

/// A `YishiError` to throw.
fn error(code: &str, seq: u64, message: &str) -> JsValue {
    JsYishiError::new(code, seq as f64, message).into()
}

/// The core's error as a `YishiError`; the message is the core's
/// `"<code> at seq <n>: <message>"`, with the record's control,
/// line-separator and reordering characters written `\u{…}`
/// (`yishi::escape_controls`).
fn from_core(e: yishi::Error) -> JsValue {
    error(e.code(), e.seq(), &e.to_string())
}

/// The allocator: TLSF (two-level segregated fit), O(1) per call, whose
/// code is some 7 KB smaller than the standard library's `dlmalloc` and no
/// slower on a record's replay. A wasm instance is single-threaded.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

/// Set by the panic hook: after a panic the instance's state may be torn.
static POISONED: AtomicBool = AtomicBool::new(false);

/// Every entry point starts here, so that a poisoned instance answers with a
/// clear error instead of running on torn state (or trapping: std aborts on
/// a second panic once a hook has not returned).
fn live() -> Result<(), JsValue> {
    if POISONED.load(Ordering::Relaxed) {
        Err(error(
            "internal",
            0,
            "internal error earlier in this yishi-wasm instance; load the module again",
        ))
    } else {
        Ok(())
    }
}

/// The panic hook, installed when the module is instantiated.
///
/// With `panic = "abort"` std calls the hook and then traps; throwing from
/// the hook unwinds straight to the JS caller before the trap. std's panic
/// count is left raised, so a second panic would trap without a hook: the
/// instance is therefore poisoned, and every later call fails through
/// [`live`] with code `internal` before it can panic again.
#[cfg(target_arch = "wasm32")]
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    POISONED.store(true, Ordering::Relaxed);
    let message = format!("internal error (a bug in yishi; please report it): {info}");
    wasm_bindgen::throw_val(error("internal", 0, &message));
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    std::panic::set_hook(Box::new(on_panic));
}

/// JSON text (written by the core) as a plain JS object.
fn to_js(text: &str) -> Result<JsValue, JsValue> {
    json_parse(text)
}

#[wasm_bindgen]
extern "C" {
    /// A JS string, seen through the one method used here.
    type Utf16;
    /// `String.prototype.isWellFormed` (ES2024; Node ≥ 20, every current
    /// browser): false when the string holds a lone surrogate.
    #[wasm_bindgen(method, js_name = isWellFormed)]
    fn is_well_formed(this: &Utf16) -> bool;

    /// A `Uint8Array`: a piece of a record's bytes.
    #[wasm_bindgen(js_name = Uint8Array)]
    type Bytes;

    /// `JSON.parse`, which throws only on text that is not JSON.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    /// `Array.isArray`.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;

    /// A plain `Error`, for misuse of an object rather than a record's fault.
    #[wasm_bindgen(js_name = Error)]
    type PlainError;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> PlainError;
}

// The few JS built-ins the module calls are declared above rather than taken
// from `js-sys`: every import `js-sys` declares leaves a descriptor whose
// closure adapters stay in the module's function table, 0.8 KB gzip of code
// that no call reaches.

#[wasm_bindgen(inline_js = r#"
// What a Uint8Array holds is read through the built-ins captured here, not
// through properties a subclass, the object itself or later code may
// redefine: the module sizes its buffers by them.
const typed = Object.getPrototypeOf(Uint8Array.prototype);
const getter = (of, name) => Object.getOwnPropertyDescriptor(of, name).get;
const tagOf = getter(typed, Symbol.toStringTag);
const lengthOf = getter(typed, "length");
const bufferOf = getter(typed, "buffer");
const offsetOf = getter(typed, "byteOffset");
const bufferOfMemory = getter(WebAssembly.Memory.prototype, "buffer");
const set = typed.set;
const U8 = Uint8Array;
const call = Function.prototype.call.bind(Function.prototype.call);
export function is_bytes(value) {
  return call(tagOf, value) === "Uint8Array";
}
export function byte_length(bytes) {
  return call(lengthOf, bytes);
}
export function copy_bytes(from, begin, n, memory, to) {
  const source = new U8(call(bufferOf, from), call(offsetOf, from) + begin, n);
  call(set, new U8(call(bufferOfMemory, memory), to, n), source);
}
"#)]
extern "C" {
    /// Whether a value is a `Uint8Array` (a Node `Buffer` or an array
    /// from another realm included), by its internal type, not by
    /// `instanceof`: a `Uint16Array` given `Uint8Array`'s prototype is not.
    fn is_bytes(value: &JsValue) -> bool;
    /// The number of bytes of a `Uint8Array`, as a JS number (a `u32`
    /// would wrap at 4 GiB).
    #[wasm_bindgen(catch)]
    fn byte_length(bytes: &Bytes) -> Result<f64, JsValue>;
    /// Copies bytes `begin..begin + n` of `from` into the module's `memory`
    /// at `to`: exactly `n` bytes, or a throw (a detached or shrunk buffer)
    /// having written nothing. The bytes go straight into a new `Vec`'s
    /// spare capacity (zero-filling it first, as a `&mut [u8]` would need,
    /// cost 2.5% of a replay in Node).
    #[wasm_bindgen(catch)]
    fn copy_bytes(
        from: &Bytes,
        begin: f64,
        n: u32,
        memory: &JsValue,
        to: *mut u8,
    ) -> Result<(), JsValue>;
}

/// `value` as a `Uint8Array`, if it is one (see [`is_bytes`]).
fn as_bytes(value: &JsValue) -> Option<&Bytes> {
    is_bytes(value).then(|| value.unchecked_ref::<Bytes>())
}

/// A whole record that is not text, as bytes: a record is given as a string
/// or a `Uint8Array`, anything else is `record.parse` at seq 0.
fn record_bytes(record: &JsValue) -> Result<&Bytes, JsValue> {
    as_bytes(record).ok_or_else(|| {
        error(
            "record.parse",
            0,
            "record.parse: a record is given as a string or a Uint8Array",
        )
    })
}

/// A plain `Error` (see [`PlainError`]).
fn plain_error(message: &str) -> JsValue {
    PlainError::new(message).into()
}

/// A JS string as UTF-8 text, or `None` for any other value. A JS string may
/// hold a lone UTF-16 surrogate, which UTF-8 cannot: converting would put
/// U+FFFD in its place and alter the data unseen, so such a string is
/// refused (`record.parse` at `seq`: 0 for a whole record, the event it
/// would continue for a piece).
#[inline(never)]
fn text_of(value: &JsValue, seq: u64) -> Result<Option<String>, JsValue> {
    match value.as_string() {
        Some(_) if !value.unchecked_ref::<Utf16>().is_well_formed() => Err(error(
            "record.parse",
            seq,
            &format!("record.parse at seq {seq}: the string holds a lone UTF-16 surrogate, which has no UTF-8 form"),
        )),
        text => Ok(text),
    }
}

/// A plain JS value as JSON text; `seq` is the position to report when it is
/// not JSON (`undefined`, a `BigInt`, a cycle, or a function, a symbol or a
/// `toJSON` returning `undefined`, for which `JSON.stringify` gives
/// `undefined`), or holds a number JSON has none for (`NaN`, `±Infinity`,
/// boxed or not, which `JSON.stringify` would write as `null`, a member read
/// as absent). Whatever a caller's own `toJSON` or getter throws, even a
/// `YishiError`, becomes this `record.parse`.
/// Written in JS (the snippet above), where the replacer that catches those
/// numbers runs.
fn json_text(value: &JsValue, seq: u64) -> Result<String, JsValue> {
    json_text_js(value, seq as f64, false)
}

/// The bytes of a `Uint8Array`, copied into the module in pieces of at most
/// 8 MiB and handed to `sink` one by one: a large array never needs one
/// allocation of its whole size (which wasm32's 4 GiB could not hold). An
/// array of 4 GiB or more (its length would wrap in 32 bits) is refused as
/// `record.too_large` at `seq`.
fn each_piece(
    bytes: &Bytes,
    seq: u64,
    mut sink: impl FnMut(&[u8]) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    const PIECE: u64 = 8 << 20;
    let length = byte_length(bytes)?;
    if length.is_nan() || length >= 4_294_967_296.0 {
        return Err(error(
            "record.too_large",
            seq,
            "record.too_large: a byte array of 4 GiB or more; push it to a Verifier in smaller pieces",
        ));
    }
    let (len, mut at) = (length as u64, 0u64);
    // At least one call, even for no bytes: a failed replay says so again.
    loop {
        let end = len.min(at + PIECE);
        // Both below 2^32, as checked above.
        let n = (end - at) as u32;
        let mut piece = Vec::<u8>::with_capacity(n as usize);
        copy_bytes(
            bytes,
            at as f64,
            n,
            &wasm_bindgen::memory(),
            piece.as_mut_ptr(),
        )?;
        // SAFETY: `copy_bytes` returned without throwing, so it has written
        // exactly `n` bytes (a view of `n` bytes at `to`, filled from a
        // source view of `n` bytes) at the start of the capacity.
        unsafe { piece.set_len(n as usize) };
        sink(&piece)?;
        at = end;
        if at >= len {
            return Ok(());
        }
    }
}

/// Verifies and replays a record given as bytes, fed to a `Replay` in
/// [`each_piece`]'s pieces; the ledger keeps the record's text when `keep`
/// (a ledger to append to), as one made from text does.
fn replay_bytes(bytes: &Bytes, keep: bool) -> Result<yishi::Ledger, JsValue> {
    let mut replay = if keep {
        yishi::Replay::keeping_record()
    } else {
        yishi::Replay::new()
    };
    each_piece(bytes, 1, |piece| replay.push(piece).map_err(from_core))?;
    replay.finish().map_err(from_core)
}

/// An append-only record and the state it describes (`yishi::Ledger`).
#[wasm_bindgen]
#[repr(transparent)]
pub struct Ledger(yishi::Ledger);

#[wasm_bindgen]
impl Ledger {
    /// An empty ledger; events are added with `apply`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Ledger, JsValue> {
        live()?;
        Ok(Ledger(yishi::Ledger::new()))
    }

    /// Verifies and replays a sealed JSONL record, given as text or as its
    /// UTF-8 bytes (a `Uint8Array`, as read from a file); throws at its
    /// first bad event. No events at all give an empty ledger to build on
    /// (a stored record that is still empty), as the library's
    /// `Ledger::from_record` does; to judge an uploaded file, use
    /// `verifyRecord` or a `Verifier`, which refuse an empty record.
    #[wasm_bindgen(js_name = fromRecord)]
    pub fn from_record(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] record: JsValue,
    ) -> Result<Ledger, JsValue> {
        live()?;
        // Taken as a JS value and checked here: a non-string given to a
        // `&str` parameter would reach the module as a bad pointer.
        if let Some(text) = text_of(&record, 0)? {
            return yishi::Ledger::from_record(&text)
                .map(Ledger)
                .map_err(from_core);
        }
        replay_bytes(record_bytes(&record)?, true).map(Ledger)
    }

    /// Seals an unsealed `{at, kind, data}` event (assigning `seq`, `prev`
    /// and `hash`), applies it and returns the sealed event. A rejected event
    /// throws and leaves the ledger unchanged.
    #[wasm_bindgen(unchecked_return_type = "SealedEvent")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "UnsealedEvent")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        live()?;
        let text = json_text(&event, self.0.len() + 1)?;
        let sealed = self.0.apply_json(&text).map_err(from_core)?;
        json_parse(&sealed)
    }

    /// The result of one motion, as `yishi tally --json` prints it;
    /// `undefined` when the meeting or motion does not exist.
    /// An id that is not a string names no meeting or motion.
    #[wasm_bindgen(unchecked_return_type = "MotionResult | undefined")]
    pub fn result(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] meeting: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] motion: JsValue,
    ) -> Result<JsValue, JsValue> {
        live()?;
        let (Some(meeting), Some(motion)) = (meeting.as_string(), motion.as_string()) else {
            return Ok(JsValue::UNDEFINED);
        };
        match self.0.result(&meeting, &motion) {
            Some(result) => to_js(&result.to_json_text()),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every result, keyed `"<meeting>/<motion>"` (`yishi tally --json`).
    #[wasm_bindgen(unchecked_return_type = "Record<string, MotionResult>")]
    pub fn results(&self) -> Result<JsValue, JsValue> {
        live()?;
        to_js(&self.0.results_json_text())
    }

    /// The record as canonical JSONL, one sealed event per line.
    #[wasm_bindgen(js_name = toRecord)]
    pub fn to_record(&self) -> Result<String, JsValue> {
        live()?;
        Ok(self.0.to_record())
    }

    /// The hash of the last event (64 zeros when empty).
    #[wasm_bindgen(getter)]
    pub fn head(&self) -> Result<String, JsValue> {
        live()?;
        Ok(self.0.head().to_string())
    }

    /// The number of events applied.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> Result<f64, JsValue> {
        live()?;
        Ok(self.0.len() as f64)
    }
}

/// `{events, head}` as a plain object.
fn summary_js(events: u64, head: &str) -> Result<JsValue, JsValue> {
    // `head` is 64 hex digits: nothing to escape.
    to_js(&format!(r#"{{"events":{events},"head":"{head}"}}"#))
}

/// Verifies a sealed JSONL record, given as text or as its UTF-8 bytes
/// (a `Uint8Array`, as read from a file): `{events, head}`, or throws at the
/// first bad event. An empty record is refused (`community.missing` at 1),
/// as `yishi verify` refuses an empty file.
#[wasm_bindgen(js_name = verifyRecord, unchecked_return_type = "Summary")]
pub fn verify_record(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] record: JsValue,
) -> Result<JsValue, JsValue> {
    live()?;
    let summary = match text_of(&record, 0)? {
        Some(text) => yishi::verify_record(&text).map_err(from_core)?,
        None => {
            let ledger = replay_bytes(record_bytes(&record)?, false)?;
            if ledger.is_empty() {
                return Err(from_core(yishi::Error::empty_record()));
            }
            ledger.summary()
        }
    };
    summary_js(summary.events, &summary.head)
}

/// Verifies a record fed in pieces (`yishi::Replay`): for records too large
/// to hold as one string, such as a `File` read through its stream or a
/// file read in blocks in Node. Byte pieces may split lines, even characters;
/// a string piece must hold whole characters (a surrogate pair cut in two is
/// a lone surrogate, refused as any string holding one is).
///
/// ```js
/// const v = new Verifier();
/// for await (const chunk of file.stream()) v.push(chunk);
/// const { events, head } = v.finish();
/// ```
#[wasm_bindgen]
pub struct Verifier {
    replay: Option<yishi::Replay>,
    /// The replayed ledger once `finish` has verified the whole record:
    /// what `results()` reads, so a record is not replayed twice.
    finished: Option<yishi::Ledger>,
    /// Events verified when `finish` was called (`length` after it).
    verified: u64,
    /// A piece refused before reaching the replay (not bytes, not a
    /// well-formed string): thrown again by every later call, as the
    /// replay's own errors are.
    refused: Option<JsValue>,
}

#[wasm_bindgen]
impl Verifier {
    /// A verifier at the start of a record.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Verifier, JsValue> {
        live()?;
        Ok(Verifier {
            replay: Some(yishi::Replay::new()),
            finished: None,
            verified: 0,
            refused: None,
        })
    }

    /// Holds the record to a published head (`yishi verify --expect-head`):
    /// `finish` then refuses, with `record.prev_mismatch`, a record cut
    /// short, extended after the head or sealed again. Returns `false`, and
    /// expects nothing, when `head` is not 64 hexadecimal digits.
    #[wasm_bindgen(js_name = expectHead)]
    pub fn expect_head(&mut self, head: &str) -> Result<bool, JsValue> {
        live()?;
        Ok(self.replay()?.expect_head(head))
    }

    /// Also holds the record to a head its organiser published earlier
    /// (last week's, say), as `yishi verify --extends` does: one of its
    /// events must have that hash, so it was only appended to since.
    /// `finish` then refuses, with `record.prev_mismatch` after the last
    /// event, a record that holds no event with it (rewritten since, cut
    /// short before it, or another record). May be called for several
    /// heads, with or without `expectHead`. Returns `false`, and expects
    /// nothing, when `head` is not 64 hexadecimal digits.
    #[wasm_bindgen(js_name = expectExtends)]
    pub fn expect_extends(&mut self, head: &str) -> Result<bool, JsValue> {
        live()?;
        Ok(self.replay()?.expect_extends(head))
    }

    /// Verifies and applies every line the bytes complete; throws at the
    /// first bad event, and again on every later call. A piece is a
    /// `Uint8Array` (or a string, taken as its UTF-8 bytes).
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        live()?;
        let seq = self.replay()?.ledger().len() + 1;
        let piece = match text_of(&bytes, seq) {
            Ok(Some(text)) => Ok(text.into_bytes()),
            Ok(None) => match as_bytes(&bytes) {
                Some(b) => {
                    let replay = self.replay()?;
                    // A piece that failed after part of it reached the replay
                    // (a buffer detached between two 8 MiB copies) leaves the
                    // record refused from here on, as after a bad event; one
                    // refused before any of it was read (4 GiB or more)
                    // changes nothing, and smaller pieces may follow.
                    let mut read = false;
                    return each_piece(b, seq, |piece| {
                        read = true;
                        replay.push(piece).map_err(from_core)
                    })
                    .map_err(|e| if read { self.refused.insert(e).clone() } else { e });
                }
                None => Err(error(
                    "record.parse",
                    seq,
                    &format!("record.parse at seq {seq}: a piece of a record is a Uint8Array or a string"),
                )),
            },
            Err(e) => Err(e),
        };
        match piece {
            Ok(piece) => self.replay()?.push(&piece).map_err(from_core),
            Err(e) => Err(self.refused.insert(e).clone()),
        }
    }

    /// Ends the record: `{events, head}`. No more pieces can be pushed
    /// after it; `results()` then gives the record's results. A record of
    /// no events is refused (`community.missing` at 1), as `verifyRecord`
    /// and `yishi verify` refuse an empty file.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        live()?;
        self.verified = self.replay()?.ledger().len();
        let done = self
            .replay
            .take()
            .map(yishi::Replay::finish)
            .unwrap_or_else(|| Ok(yishi::Ledger::new()))
            .and_then(|l| match l.is_empty() {
                true => Err(yishi::Error::empty_record()),
                false => Ok(l),
            });
        // A refusal here, as one of a piece, is thrown again by every later call.
        let ledger = match done {
            Ok(ledger) => ledger,
            Err(e) => return Err(self.refused.insert(from_core(e)).clone()),
        };
        self.verified = ledger.len();
        let summary = summary_js(ledger.len(), ledger.head());
        self.finished = Some(ledger);
        summary
    }

    /// Every result of the verified record, keyed `"<meeting>/<motion>"`,
    /// as `Ledger.results()` gives them; only after `finish`, so that a
    /// record read in pieces need not be replayed a second time. After a
    /// refusal it throws that refusal again; before `finish`, a plain `Error`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, MotionResult>")]
    pub fn results(&self) -> Result<JsValue, JsValue> {
        live()?;
        match (&self.finished, &self.refused) {
            (Some(ledger), _) => to_js(&ledger.results_json_text()),
            // A refused record has no results: its refusal again.
            (None, Some(e)) => Err(e.clone()),
            (None, None) => Err(plain_error(
                "results() is read after a finish() that verified the record",
            )),
        }
    }

    /// Events verified so far (after `finish`, the events it verified).
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> f64 {
        self.replay
            .as_ref()
            .map_or(self.verified, |r| r.ledger().len()) as f64
    }

    fn replay(&mut self) -> Result<&mut yishi::Replay, JsValue> {
        if let Some(e) = &self.refused {
            return Err(e.clone());
        }
        self.replay
            .as_mut()
            // A misuse, not a record's fault: a plain `Error`, as wasm-bindgen
            // throws for an object used after it was freed.
            .ok_or_else(|| plain_error("this Verifier was already finished"))
    }
}

/// Seals unsealed events (an array of `{at, kind, data}` objects, a JSON
/// array text or JSONL text) into a record, as `yishi seal` does, except
/// that no events at all (`[]`, `""`) seal into the empty record `""`, as
/// the library's empty ledger is valid; `yishi seal` refuses them
/// (`community.missing`), since a file of no events is no record to publish.
#[wasm_bindgen(js_name = sealRecord)]
pub fn seal_record(
    #[wasm_bindgen(unchecked_param_type = "UnsealedEvent[] | string")] events: JsValue,
) -> Result<String, JsValue> {
    live()?;
    let text = match text_of(&events, 0)? {
        Some(text) => text,
        // Each event's fault is told at its own position.
        None if is_array(&events) => json_text_js(&events, 1.0, true)?,
        None => {
            return Err(error(
                "record.parse",
                1,
                "record.parse at seq 1: expected an array of events or their text",
            ))
        }
    };
    yishi::seal_text(&text).map_err(from_core)
}

/// Runs one conformance case (spec §5; an object or its JSON text):
/// `{name, passed, differences}`. Pass the file's text to judge the numbers
/// as written: `JSON.parse` has already turned `1.0` into `1`, so a case
/// testing that a record refuses `1.0` passes only as text.
#[wasm_bindgen(js_name = runCase, unchecked_return_type = "CaseReport")]
pub fn run_case(
    #[wasm_bindgen(unchecked_param_type = "ConformanceCase | string")] case: JsValue,
) -> Result<JsValue, JsValue> {
    live()?;
    // A case is a container, not a record: it may hold events a record may
    // not (a float, to test `record.parse`), so it is read leniently.
    let text = match text_of(&case, 0)? {
        Some(text) => text,
        None => json_text(&case, 0)?,
    };
    let report = yishi::conformance::run_case_text(&text).map_err(|e| {
        error(
            "record.parse",
            0,
            &format!("record.parse: the case is not JSON: {}", e.message()),
        )
    })?;
    to_js(&report.to_json_text())
}

/// Panics, to test the panic hook from JS. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __yishiPanicForTests, skip_typescript)]
pub fn panic_for_tests() -> Result<(), JsValue> {
    live()?;
    panic!("deliberate panic from __yishiPanicForTests");
}
