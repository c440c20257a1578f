//! Arbitrary bytes as a sealed record: `Ledger::replay`, `verify_record`,
//! `Ledger::from_record`, results and a round trip must never panic, and the
//! two verifiers must agree.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yishi_tests::harness::replay(data);
});
