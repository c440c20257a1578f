//! # yishi (议事): exact, verifiable decisions of owners' bodies
//!
//! yishi decides what a Chinese residential community's owners' assembly
//! (业主大会), owners' committee (业主委员会) and five-party meeting (五方例会)
//! have decided, exactly and replayably, from an append-only, hash-chained
//! *record* of events (see the record format, version 1).
//!
//! ## Glossary
//! - **Unit** (专有部分): an exclusively owned part — a flat, a shop, a parking space.
//! - **Exclusive area** (专有部分面积): a unit's area, in exact hundredths of a
//!   square metre ([`Area`]); never floating point.
//! - **Headcount** (业主人数): owners counted once each, however many units they
//!   hold; the developer's unsold units together count as one person.
//! - **Quorum**: Civil Code Art. 278 — owners holding two thirds of the area
//!   *and* two thirds of the owners must take part.
//! - **Threshold** ([`Threshold`]): `AtLeast` (以上, boundary included, Art. 1259)
//!   or `MoreThan` (过半数, boundary excluded), tested by integer cross-multiplication.
//! - **Record**: JSON Lines, one sealed event per line, each carrying the
//!   SHA-256 of its RFC 8785 canonical form and the previous event's hash.
//!
//! ## Quickstart
//! ```
//! use serde_json::json;
//! use yishi::{Ledger, Outcome};
//!
//! let mut ledger = Ledger::new();
//! let units: Vec<_> = (1..=4)
//!     .map(|i| json!({"id": format!("1-{i:02}01"), "building": "1", "floor": i, "area": "100.00", "owner": format!("o{i}")}))
//!     .collect();
//! ledger.apply(&json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
//!     "data": {"community": "bihu-garden", "name": "碧湖花园", "units": units}}))?;
//! ledger.apply(&json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
//!     "data": {"rules": "r1", "preset": "civil-code-2021"}}))?;
//! ledger.apply(&json!({"at": "2026-11-01T09:00:00+08:00", "kind": "meeting.convened",
//!     "data": {"meeting": "2026-01", "body": "assembly", "rules": "r1", "form": "written",
//!              "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
//!              "closes_at": "2026-12-05T18:00:00+08:00",
//!              "motions": [{"motion": "fund", "title": "筹集维修资金", "matter": "278.6"}]}}))?;
//! for (i, vote) in ["yes", "yes", "yes", "no"].iter().enumerate() {
//!     ledger.apply(&json!({"at": format!("2026-11-2{i}T10:00:00+08:00"), "kind": "ballot.cast",
//!         "data": {"meeting": "2026-01", "voter": format!("o{}", i + 1), "channel": "online",
//!                  "votes": {"fund": vote}}}))?;
//! }
//! ledger.apply(&json!({"at": "2026-12-05T18:00:00+08:00", "kind": "meeting.closed",
//!     "data": {"meeting": "2026-01"}}))?;
//!
//! let result = ledger.result("2026-01", "fund").unwrap();
//! assert_eq!(result.outcome, Outcome::Passed);          // 3 of 4 is exactly 3/4: 以上 includes it
//! assert_eq!(result.to_json()["yes"]["area"], "300.00");
//! println!("{}", result.explain("en"));
//!
//! // Anyone can replay the sealed record and reach the same result.
//! let record = ledger.to_record();
//! let replayed = Ledger::from_record(&record)?;
//! assert_eq!(replayed.head(), ledger.head());
//! assert_eq!(replayed.results_json(), ledger.results_json());
//! # Ok::<(), yishi::Error>(())
//! ```
//!
//! ## Reading records
//! - [`Ledger::from_record`] and [`verify_record`]: a record held in memory.
//! - [`Ledger::replay`] and [`verify_reader`]: a record pulled from a reader,
//!   line by line, in memory bounded by the community's state.
//! - [`Replay`]: a record pushed in pieces of any size as they arrive;
//!   [`Replay::expect_head`] also refuses a record that does not end at the
//!   head its organiser published (cut short, extended, or sealed again), and
//!   [`Replay::expect_extends`] one that does not hold a head published
//!   earlier (rewritten since, not only appended to).
//! - [`Ledger::apply_json`]: one unsealed event as JSON text in, its sealed
//!   line out (the cheapest way to append); [`Ledger::apply_bytes`]: a batch
//!   (a JSON array or JSON Lines) in, its sealed lines out.
//! - [`seal`], [`seal_text`] and [`seal_bytes`]: unsealed events (values, or
//!   a JSON array or JSON Lines as text or as a file's bytes) sealed into a
//!   record; an error names the event (array element or line) that holds it.
//! - [`ballots::ballots`]: what became of each ballot (the one that counts
//!   for each voter, what replaced or voided the others), by meeting, voter
//!   or receipt hash, from the same verified replay.
//!
//! ## Servers
//! [`Ledger`], [`Replay`], [`Error`] and the results are `Send + Sync`: hold
//! one `Ledger` per community behind a `Mutex` or `RwLock`, append with
//! [`Ledger::apply_json`] (storing the sealed line it returns) and read live
//! results with [`Ledger::result`] under a read lock; replay different
//! records on different threads. [`Tallied::heads`] and [`Tallied::area`]
//! read a figure whichever body counted it. Match a refusal on
//! [`Error::kind`] and [`Error::seq`], not on its message.
//!
//! ## Writing events
//! [`event`] has a type for every event kind ([`event::Event`], built with
//! [`event::Event::new`]) instead of `json!`; [`Ledger::apply_event`] applies
//! one as [`Ledger::apply_json`] does and returns its sealed line.
//!
//! ## Writing results
//! [`MotionResult::to_json_text`] and [`Ledger::results_json_text`] write the
//! `yishi tally --json` shape as compact JSON text, keys sorted; `to_json()`
//! and [`Ledger::results_json`] are the same, parsed into `serde_json` values.
//! For many motions, [`Ledger::results_iter`] computes each result only when
//! it is reached, and [`Ledger::result_ids`] gives the keys' order, so a
//! writer holds one result at a time (as `yishi tally` does).
//! A [`MotionResult`] and each of its pieces implement `Serialize` and
//! `Deserialize` in that shape, so a server can store results and read them
//! back typed:
//!
//! ```
//! # let mut ledger = yishi::Ledger::new();
//! # ledger.apply(&serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
//! #     "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}})).unwrap();
//! # ledger.apply(&serde_json::json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
//! #     "data": {"rules": "r1", "preset": "civil-code-2021"}})).unwrap();
//! # ledger.apply(&serde_json::json!({"at": "2026-11-01T09:00:00+08:00", "kind": "meeting.convened",
//! #     "data": {"meeting": "m", "body": "assembly", "rules": "r1", "form": "written",
//! #     "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
//! #     "closes_at": "2026-12-05T18:00:00+08:00", "motions": [{"motion": "a", "matter": "278.6"}]}})).unwrap();
//! let stored = serde_json::to_string(&ledger.results())?;
//! let read: Vec<yishi::MotionResult> = serde_json::from_str(&stored)?;
//! assert_eq!(read.len(), 1);
//! assert_eq!(read, ledger.results());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! ## Errors
//! Every refused event yields an [`Error`] with a stable [`Error::code`] (the
//! spec's §6 codes plus yishi's additions, see [`ErrorCode`]) and the
//! 1-based position of the event. A refused event leaves the ledger as it was.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod area;
pub mod ballots;
pub mod conformance;
mod error;
pub mod event;
mod hash;
mod json;
mod ledger;
mod meeting;
mod order;
mod record;
mod registry;
mod rules;
mod tally;

pub use area::{Area, AreaParseError, MAX_UNIT_AREA};
pub use error::{escape_controls, Error, ErrorCode, Result, UnknownErrorCode};
pub use event::BlockDimension;
pub use json::{parse_strict, to_canonical_string, write_canonical, MAX_ID_LEN, MAX_SAFE_INTEGER};
pub use ledger::{
    seal, seal_bytes, seal_text, verify_reader, verify_record, Ledger, Replay, EVENT_KINDS,
};
pub use meeting::{
    one_year_after, Body, Matter, MAX_CANDIDATES, MAX_MOTIONS, MAX_PROTECTED_MOTIONS, PARTIES,
};
pub use record::{is_hash, CivilDate, Summary, GENESIS, MAX_LINE_BYTES};
pub use registry::{AreaBasis, Registry, Unit, Use, MAX_UNITS};
pub use rules::{AbstainRule, CommitteeDecision, NonVoters, Parking, Revote, Rules};
pub use tally::{
    Candidate, Channels, Check, CheckKind, Count, Dimension, Explanation, Figure, Fraction,
    MotionRef, MotionResult, Objections, Outcome, Position, Positions, PostObjection, Quantity,
    Shortfall, Stage, Stance, Tallied, Threshold, UnknownName, UnknownOutcome,
};

#[cfg(test)]
mod tests {
    /// What a server sharing ledgers across threads relies on.
    #[test]
    fn public_types_are_send_and_sync() {
        fn shared<T: Send + Sync + 'static>() {}
        shared::<crate::Ledger>();
        shared::<crate::Replay>();
        shared::<crate::Error>();
        shared::<crate::MotionResult>();
        shared::<crate::Summary>();
        shared::<crate::Registry>();
        fn error<T: std::error::Error + Send + Sync + 'static>() {}
        error::<crate::Error>();
        error::<crate::AreaParseError>();
    }
}
