//! yishi's integration tests, in one binary (see `tests/Cargo.toml`).
//!
//! - `conformance`: every case in `../shared/conformance` and `tests/cases`;
//! - `counting`: counting details the case format cannot express, each pinned by a surviving mutant of the counting code;
//! - `errors`: `docs/errors.md` against `ErrorCode::ALL`, and a case reaching every code;
//! - `events`: every event the cases and examples hold, through the typed events of `yishi::event` and back;
//! - `properties`: proptest invariants (seal/verify, tampering, ballot order, merging, refused events, what became of each ballot);
//! - `mutation`: 1,000 single-byte mutations of a sealed record, through the library and the CLI, and the CLI's commands;
//! - `fuzz_regressions`: every input under `tests/fuzz-regressions/` through the fuzz harnesses;
//! - `readme`: the README's CLI examples run, printing what the README shows;
//! - `scenarios`: results the case format cannot express (warnings, post-result objections) and core bugs.

mod common;
mod conformance;
mod counting;
mod errors;
mod events;
mod fuzz_regressions;
mod mutation;
mod properties;
mod readme;
mod scenarios;
