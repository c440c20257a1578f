//! Arbitrary JSON text as one event (or an array of events) applied to a
//! ledger seeded with a small community and open meetings: never a panic, a
//! refused event changes nothing, and the resulting record replays.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yishi_tests::harness::apply(data);
});
