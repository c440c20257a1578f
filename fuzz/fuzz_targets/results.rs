//! Arbitrary bytes as a result's JSON: what reads is written back to the
//! same text by both writers and reads back equal; nothing panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yishi_tests::harness::results(data);
});
