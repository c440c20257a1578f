//! The one public error type and its stable codes.

use std::borrow::Cow;
use std::fmt;

/// What went wrong, as a stable code (spec §6, plus codes yishi adds).
///
/// The string form ([`ErrorCode::as_str`]) never changes once published;
/// front ends and auditors may match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A line is not a JSON object of the expected shape.
    RecordParse,
    /// `seq` does not continue the record.
    RecordSeq,
    /// `prev` is not the hash of the previous event.
    RecordPrevMismatch,
    /// `hash` is not the SHA-256 of the event's canonical form.
    RecordHashMismatch,
    /// `at` is earlier than the previous event's instant.
    RecordTimeRegression,
    /// A line, an identifier or a collection exceeds yishi's documented limits.
    RecordTooLarge,
    /// The record could not be read (an I/O error of the reader given to
    /// [`Ledger::replay`](crate::Ledger::replay)): nothing is known of the record.
    RecordRead,
    /// The event kind is not one of the spec's.
    EventUnknownKind,
    /// An unknown member inside an event.
    EventUnknownField,
    /// A required member is missing or has the wrong JSON type.
    EventInvalid,
    /// An event before `community.registered`.
    CommunityMissing,
    /// A second `community.registered`.
    CommunityDuplicate,
    /// Two units share an id.
    UnitDuplicate,
    /// A unit id that the registry does not hold.
    UnitUnknown,
    /// A unit's area is not a valid positive area.
    UnitAreaInvalid,
    /// An owner id the registry does not hold.
    OwnerUnknown,
    /// Two owner entries share an id.
    OwnerDuplicate,
    /// A meeting names rules never adopted, or an unknown preset.
    RulesUnknown,
    /// A rules option has a value the spec does not define.
    RulesInvalidValue,
    /// A meeting id never convened.
    MeetingUnknown,
    /// A meeting id convened twice.
    MeetingDuplicate,
    /// Notice shorter than the rules' `notice_days`.
    MeetingNoticeTooShort,
    /// The meeting was closed.
    MeetingClosed,
    /// `opens_at` is not before `closes_at`, or notice comes after opening.
    MeetingWindowInvalid,
    /// A motion id the meeting does not hold.
    MotionUnknown,
    /// Two motions of one meeting share an id.
    MotionDuplicate,
    /// A matter outside `278.1`…`278.9`, `279` (assembly) or `coordination` (five-party).
    MatterUnknown,
    /// A committee or five-party meeting tried to decide an Art. 278 matter.
    MatterReservedToAssembly,
    /// The voter may not vote in this meeting.
    BallotNotEligible,
    /// A ballot outside `[opens_at, closes_at)`.
    BallotOutsideWindow,
    /// A second ballot under `revote: first_counts`.
    BallotDuplicate,
    /// A value the motion does not accept.
    BallotInvalidValue,
    /// `ballot.voided` for a voter without a ballot.
    BallotNotFound,
    /// An election ballot approving more candidates than seats.
    ElectionTooManyChoices,
    /// An election ballot naming someone who is not a candidate.
    ElectionNotACandidate,
    /// A ballot cast by someone holding no proxy for the voter.
    ProxyNotAuthorized,
    /// A grant above the rules' `proxy_cap`.
    ProxyCapExceeded,
    /// Proxies in a meeting whose body does not allow them.
    ProxyNotAllowed,
    /// An agent ballot after the principal voted in person.
    ProxySuperseded,
    /// Attendance naming someone who is not a member or party.
    AttendanceInvalid,
    /// A declared result differs from the recomputed one.
    ResultMismatch,
    /// A result declared while the meeting is still open.
    ResultPremature,
    /// A bug in yishi itself (for example a panic caught at the WebAssembly boundary).
    Internal,
}

impl ErrorCode {
    /// Every code yishi defines, in catalogue order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::RecordParse,
        ErrorCode::RecordSeq,
        ErrorCode::RecordPrevMismatch,
        ErrorCode::RecordHashMismatch,
        ErrorCode::RecordTimeRegression,
        ErrorCode::RecordTooLarge,
        ErrorCode::RecordRead,
        ErrorCode::EventUnknownKind,
        ErrorCode::EventUnknownField,
        ErrorCode::EventInvalid,
        ErrorCode::CommunityMissing,
        ErrorCode::CommunityDuplicate,
        ErrorCode::UnitDuplicate,
        ErrorCode::UnitUnknown,
        ErrorCode::UnitAreaInvalid,
        ErrorCode::OwnerUnknown,
        ErrorCode::OwnerDuplicate,
        ErrorCode::RulesUnknown,
        ErrorCode::RulesInvalidValue,
        ErrorCode::MeetingUnknown,
        ErrorCode::MeetingDuplicate,
        ErrorCode::MeetingNoticeTooShort,
        ErrorCode::MeetingClosed,
        ErrorCode::MeetingWindowInvalid,
        ErrorCode::MotionUnknown,
        ErrorCode::MotionDuplicate,
        ErrorCode::MatterUnknown,
        ErrorCode::MatterReservedToAssembly,
        ErrorCode::BallotNotEligible,
        ErrorCode::BallotOutsideWindow,
        ErrorCode::BallotDuplicate,
        ErrorCode::BallotInvalidValue,
        ErrorCode::BallotNotFound,
        ErrorCode::ElectionTooManyChoices,
        ErrorCode::ElectionNotACandidate,
        ErrorCode::ProxyNotAuthorized,
        ErrorCode::ProxyCapExceeded,
        ErrorCode::ProxyNotAllowed,
        ErrorCode::ProxySuperseded,
        ErrorCode::AttendanceInvalid,
        ErrorCode::ResultMismatch,
        ErrorCode::ResultPremature,
        ErrorCode::Internal,
    ];

    /// The stable string code, e.g. `"ballot.outside_window"`.
    pub const fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            RecordParse => "record.parse",
            RecordSeq => "record.seq",
            RecordPrevMismatch => "record.prev_mismatch",
            RecordHashMismatch => "record.hash_mismatch",
            RecordTimeRegression => "record.time_regression",
            RecordTooLarge => "record.too_large",
            RecordRead => "record.read",
            EventUnknownKind => "event.unknown_kind",
            EventUnknownField => "event.unknown_field",
            EventInvalid => "event.invalid",
            CommunityMissing => "community.missing",
            CommunityDuplicate => "community.duplicate",
            UnitDuplicate => "unit.duplicate",
            UnitUnknown => "unit.unknown",
            UnitAreaInvalid => "unit.area_invalid",
            OwnerUnknown => "owner.unknown",
            OwnerDuplicate => "owner.duplicate",
            RulesUnknown => "rules.unknown",
            RulesInvalidValue => "rules.invalid_value",
            MeetingUnknown => "meeting.unknown",
            MeetingDuplicate => "meeting.duplicate",
            MeetingNoticeTooShort => "meeting.notice_too_short",
            MeetingClosed => "meeting.closed",
            MeetingWindowInvalid => "meeting.window_invalid",
            MotionUnknown => "motion.unknown",
            MotionDuplicate => "motion.duplicate",
            MatterUnknown => "matter.unknown",
            MatterReservedToAssembly => "matter.reserved_to_assembly",
            BallotNotEligible => "ballot.not_eligible",
            BallotOutsideWindow => "ballot.outside_window",
            BallotDuplicate => "ballot.duplicate",
            BallotInvalidValue => "ballot.invalid_value",
            BallotNotFound => "ballot.not_found",
            ElectionTooManyChoices => "election.too_many_choices",
            ElectionNotACandidate => "election.not_a_candidate",
            ProxyNotAuthorized => "proxy.not_authorized",
            ProxyCapExceeded => "proxy.cap_exceeded",
            ProxyNotAllowed => "proxy.not_allowed",
            ProxySuperseded => "proxy.superseded",
            AttendanceInvalid => "attendance.invalid",
            ResultMismatch => "result.mismatch",
            ResultPremature => "result.premature",
            Internal => "internal",
        }
    }

    /// Whether the spec (§6) itself fixes this code, rather than yishi adding it.
    pub fn in_spec(self) -> bool {
        use ErrorCode::*;
        !matches!(
            self,
            RecordTooLarge
                | RecordRead
                | EventInvalid
                | CommunityDuplicate
                | UnitUnknown
                | OwnerDuplicate
                | RulesInvalidValue
                | MeetingWindowInvalid
                | MotionDuplicate
                | BallotNotFound
                | AttendanceInvalid
                | ResultPremature
                | Internal
        )
    }

    /// The code for a stable string, if yishi defines it.
    pub fn from_str_code(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads a stable string code, as [`ErrorCode::from_str_code`] does.
///
/// ```
/// use yishi::ErrorCode;
/// assert_eq!("record.hash_mismatch".parse(), Ok(ErrorCode::RecordHashMismatch));
/// assert!("record.oops".parse::<ErrorCode>().is_err());
/// ```
impl std::str::FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    fn from_str(s: &str) -> std::result::Result<ErrorCode, UnknownErrorCode> {
        ErrorCode::from_str_code(s).ok_or(UnknownErrorCode)
    }
}

/// Written as its stable string code ([`ErrorCode::as_str`]).
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read from its stable string code; any other string is refused.
impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<ErrorCode, D::Error> {
        let s = String::deserialize(d)?;
        ErrorCode::from_str_code(&s)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown error code \"{s}\"")))
    }
}

/// A string that is none of yishi's error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an error code of yishi")]
pub struct UnknownErrorCode;

/// A refused event: its stable code, its 1-based position in the record and a message.
///
/// ```
/// # use yishi::{Ledger, ErrorCode};
/// let mut ledger = Ledger::new();
/// let err = ledger
///     .apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "rules.adopted",
///                                "data": {"rules": "r1", "preset": "civil-code-2021"}}))
///     .unwrap_err();
/// assert_eq!(err.code(), "community.missing");
/// assert_eq!(err.seq(), 1);
/// assert_eq!(err.kind(), ErrorCode::CommunityMissing);
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} at seq {}: {}", inner.code.as_str(), inner.seq, inner.message)]
pub struct Error {
    // Boxed: a `Result` of the crate is then one pointer wider than its
    // value, which keeps the parser's and the handlers' returns small.
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    code: ErrorCode,
    seq: u64,
    message: String,
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.inner.code)
            .field("seq", &self.inner.seq)
            .field("message", &self.inner.message)
            .finish()
    }
}

impl Error {
    /// A new error at event position `seq` (1-based; 0 when no event is
    /// concerned). The message is kept as [`escape_controls`] writes it.
    ///
    /// ```
    /// let e = yishi::Error::new(yishi::ErrorCode::UnitUnknown, 3, "unit \"u9\nOK\"");
    /// assert_eq!(e.message(), r#"unit "u9\u{a}OK""#);
    /// ```
    pub fn new(code: ErrorCode, seq: u64, message: impl Into<String>) -> Error {
        Error::with_message(code, seq, message.into())
    }

    /// [`Error::new`] once the message is a `String`: one body, however many
    /// types of message the crate builds errors from.
    #[inline(never)]
    fn with_message(code: ErrorCode, seq: u64, message: String) -> Error {
        Error {
            inner: Box::new(Inner {
                code,
                seq,
                message: match escape_controls(&message) {
                    Cow::Borrowed(_) => message,
                    Cow::Owned(escaped) => escaped,
                },
            }),
        }
    }

    /// The stable string code, e.g. `"record.hash_mismatch"`.
    pub fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }

    /// The code as an enum.
    pub fn kind(&self) -> ErrorCode {
        self.inner.code
    }

    /// The 1-based position of the offending event in the record (for an
    /// event refused on appending, the position it would have taken); 0 when
    /// no event is concerned, as for [`parse_strict`](crate::parse_strict).
    pub fn seq(&self) -> u64 {
        self.inner.seq
    }

    /// The human-readable explanation. It quotes the record's own text (an
    /// id, a title) where that helps, with control characters, line
    /// separators and the characters that reorder text written as `\u{…}`
    /// ([`escape_controls`]),
    /// so that a message can be logged or shown as it is: a crafted id cannot
    /// forge a log line or reverse the text after it.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The refusal of a record that holds no event: `community.missing` at
    /// event 1, since a record starts with `community.registered` (spec §2)
    /// and a file that came back empty must not pass for a verified record.
    /// [`Replay::expect_head`](crate::Replay::expect_head) and
    /// [`verify_record`](crate::verify_record) give it; so do `yishi verify`
    /// and the wasm `verifyRecord` for an empty file.
    ///
    /// ```
    /// let e = yishi::Error::empty_record();
    /// assert_eq!((e.code(), e.seq()), ("community.missing", 1));
    /// ```
    pub fn empty_record() -> Error {
        Error::new(
            ErrorCode::CommunityMissing,
            1,
            "the record is empty: it must start with a community.registered event",
        )
    }

    pub(crate) fn at(mut self, seq: u64) -> Error {
        self.inner.seq = seq;
        self
    }
}

/// An error as the JSON object a server returns, and as the WebAssembly
/// binding's `YishiError` carries it: `{"code", "seq", "message"}`.
///
/// ```
/// let e = yishi::Error::new(yishi::ErrorCode::BallotDuplicate, 7, "o1 already voted");
/// assert_eq!(
///     serde_json::to_string(&e).unwrap(),
///     r#"{"code":"ballot.duplicate","seq":7,"message":"o1 already voted"}"#
/// );
/// ```
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut x = s.serialize_struct("Error", 3)?;
        x.serialize_field("code", self.code())?;
        x.serialize_field("seq", &self.inner.seq)?;
        x.serialize_field("message", &self.inner.message)?;
        x.end()
    }
}

/// `s` with every control character (Unicode `Cc`: line breaks, ESC…), the
/// line and paragraph separators U+2028/9 (line breaks to JavaScript,
/// Python and many log viewers), and every character that reorders text on
/// screen (U+061C, U+200E/F, U+202A–E, U+2066–9) written as `\u{…}`, in
/// lower-case hexadecimal: what
/// [`Error::message`] holds, and what `yishi` prints of a record's text.
/// Nothing else changes: a text without such characters is borrowed as it is.
///
/// ```
/// assert_eq!(yishi::escape_controls("a\tb\u{202e}c"), r"a\u{9}b\u{202e}c");
/// assert_eq!(yishi::escape_controls("碧湖花园 3号楼"), "碧湖花园 3号楼");
/// ```
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    // One pass, no pre-scan: the smaller code in the WebAssembly module,
    // which builds every error message through it.
    let mut out = String::new();
    let mut escaped = false;
    for c in s.chars() {
        if !(c.is_control()
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        {
            out.push(c);
            continue;
        }
        escaped = true;
        out.push_str("\\u{");
        let v = c as u32;
        let digits = (32 - v.leading_zeros()).div_ceil(4).max(1);
        for i in (0..digits).rev() {
            out.push(char::from_digit((v >> (4 * i)) & 0xf, 16).unwrap_or('0'));
        }
        out.push('}');
    }
    if escaped {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Read from the object its `Serialize` impl writes, as a client of a
/// server reads a refusal back; the code must be one of yishi's, and the
/// message is kept as [`Error::new`] keeps it.
///
/// ```
/// let e: yishi::Error = serde_json::from_str(r#"{"code":"ballot.duplicate","seq":7,"message":"o1 already voted"}"#)?;
/// assert_eq!((e.kind(), e.seq(), e.message()), (yishi::ErrorCode::BallotDuplicate, 7, "o1 already voted"));
/// assert!(serde_json::from_str::<yishi::Error>(r#"{"code":"oops","seq":7,"message":""}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> serde::Deserialize<'de> for Error {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Error, D::Error> {
        #[derive(serde::Deserialize)]
        struct Members {
            code: ErrorCode,
            seq: u64,
            message: String,
        }
        let Members { code, seq, message } = Members::deserialize(d)?;
        Ok(Error::new(code, seq, message))
    }
}

/// An error before its position is known; the ledger fills in `seq`.
pub(crate) fn err(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::new(code, 0, message)
}

/// `Result` with yishi's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_reordering_only() {
        let cases = [
            ("\0", r"\u{0}"),
            ("a\u{7f}b", r"a\u{7f}b"),
            ("\u{85}\u{9f}\u{a0}", "\\u{85}\\u{9f}\u{a0}"),
            ("\u{61c}\u{61d}", "\\u{61c}\u{61d}"),
            (
                "\u{200d}\u{200e}\u{200f}\u{2010}",
                "\u{200d}\\u{200e}\\u{200f}\u{2010}",
            ),
            (
                "\u{2027}\u{2028}\u{2029}\u{202a}\u{202e}\u{202f}",
                "\u{2027}\\u{2028}\\u{2029}\\u{202a}\\u{202e}\u{202f}",
            ),
            (
                "\u{2065}\u{2066}\u{2069}\u{206a}",
                "\u{2065}\\u{2066}\\u{2069}\u{206a}",
            ),
            (r"\u{a}", r"\u{a}"),
        ];
        for (raw, shown) in cases {
            assert_eq!(escape_controls(raw), shown, "{raw:?}");
            // Escaping what is escaped changes nothing.
            assert!(
                matches!(escape_controls(shown), Cow::Borrowed(_)),
                "{shown:?}"
            );
        }
        let e = Error::new(ErrorCode::Internal, 0, "x\u{1b}[2Jy");
        assert_eq!(e.to_string(), r"internal at seq 0: x\u{1b}[2Jy");
    }

    /// The characters escaped, written independently of `escape_controls`.
    fn escaped(c: char) -> bool {
        let v = c as u32;
        v < 0x20
            || (0x7f..=0x9f).contains(&v)
            || [0x61c, 0x200e, 0x200f].contains(&v)
            || (0x2028..=0x202e).contains(&v)
            || (0x2066..=0x2069).contains(&v)
    }

    proptest::proptest! {
        /// Each escaped character becomes `\u{hex}`, every other one stays
        /// as it is, and a text with none is borrowed.
        #[test]
        fn escapes_exactly_the_hidden(chars in proptest::collection::vec(proptest::prop_oneof![
            proptest::char::any(),
            proptest::sample::select(vec!['\0', '\n', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{a0}',
                '\u{61c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{2027}', '\u{2028}', '\u{2029}',
                '\u{202a}', '\u{202e}', '\u{202f}', '\u{2065}', '\u{2066}', '\u{2069}', '\u{206a}']),
        ], 0..24)) {
            let s: String = chars.iter().collect();
            let want: String = chars
                .iter()
                .map(|&c| if escaped(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() })
                .collect();
            let shown = escape_controls(&s);
            proptest::prop_assert_eq!(&*shown, want.as_str());
            proptest::prop_assert_eq!(matches!(shown, Cow::Borrowed(_)), !chars.iter().any(|&c| escaped(c)));
        }
    }

    /// An error's `Debug` shows its code, seq and message.
    #[test]
    fn an_error_debugs_with_its_code_seq_and_message() {
        let e = Error::new(ErrorCode::BallotDuplicate, 7, "o1 already voted");
        assert_eq!(
            format!("{e:?}"),
            r#"Error { code: BallotDuplicate, seq: 7, message: "o1 already voted" }"#
        );
    }
}
