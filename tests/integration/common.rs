//! Paths and case loading shared by the test modules.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// An unsealed event.
pub fn ev(at: String, kind: &str, data: Value) -> Value {
    json!({"at": at, "kind": kind, "data": data})
}

/// The first three events of an assembly vote: `community` registered
/// (its `data`), rules `r1` (the preset with `set`), and written meeting
/// `m1` with `motions`, voting from 2026-11-20 09:00 to 2026-12-05 18:00
/// (+08:00).
pub fn assembly_setup(community: Value, set: Value, motions: Value) -> Vec<Value> {
    vec![
        ev(
            "2026-10-08T09:00:00+08:00".into(),
            "community.registered",
            community,
        ),
        ev(
            "2026-10-08T09:01:00+08:00".into(),
            "rules.adopted",
            json!({"rules": "r1", "preset": "civil-code-2021", "set": set}),
        ),
        ev(
            "2026-11-01T09:00:00+08:00".into(),
            "meeting.convened",
            json!({"meeting": "m1", "body": "assembly", "rules": "r1", "form": "written",
                "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
                "closes_at": "2026-12-05T18:00:00+08:00", "motions": motions}),
        ),
    ]
}

/// The workspace root (the parent of `tests/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}

/// The `yishi` CLI, compiled from `cli/src/main.rs` as a binary of this
/// package (see `tests/Cargo.toml`).
pub fn cli() -> &'static str {
    env!("CARGO_BIN_EXE_yishi-under-test")
}

/// `../shared` beside the workspace, as CI lays it out.
pub fn shared() -> PathBuf {
    root().join("..").join("shared")
}

/// The shared conformance cases.
pub fn shared_cases_dir() -> PathBuf {
    shared().join("conformance")
}

/// yishi's own cases.
pub fn own_cases_dir() -> PathBuf {
    root().join("tests").join("cases")
}

/// The clean-room cases, written from the spec alone (`tests/cleanroom_cases.py`, `tests/cleanroom_cases_r4.py`, `tests/cleanroom_cases_r5.py`, `tests/cleanroom_cases_r6.py`).
pub fn cleanroom_cases_dir() -> PathBuf {
    root().join("tests").join("cases-cleanroom")
}

/// A loaded case file.
pub struct CaseFile {
    pub path: PathBuf,
    pub case: Value,
}

impl CaseFile {
    pub fn name(&self) -> &str {
        self.case
            .get("case")
            .and_then(Value::as_str)
            .unwrap_or("(unnamed)")
    }

    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }

    /// The error code the case expects, if it expects one.
    pub fn expected_error(&self) -> Option<&str> {
        self.case
            .pointer("/expect/error/code")
            .and_then(Value::as_str)
    }
}

/// Every `*.json` case in `dir`, sorted by file name. Case files are read
/// with plain `serde_json` (not `parse_strict`) so that a case may hold what
/// the record forbids, such as a float, and expect `record.parse`.
pub fn load_cases(dir: &Path) -> Vec<CaseFile> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| {
        panic!(
            "cannot read the case directory {} ({e}); CI clones the repository beside ../shared",
            dir.display()
        )
    });
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let case = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
            CaseFile { path, case }
        })
        .collect()
}

/// Shared cases followed by our own and the clean-room ones.
pub fn all_cases() -> Vec<CaseFile> {
    let mut v = load_cases(&shared_cases_dir());
    v.extend(load_cases(&own_cases_dir()));
    v.extend(load_cases(&cleanroom_cases_dir()));
    v
}

/// A small deterministic PRNG (splitmix64) for the mutation runs, so a
/// failure names a seed that reproduces it.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A single-byte change: `bytes` with position `pos` replaced by a different byte.
pub fn mutate_byte(bytes: &[u8], pos: usize, delta: u8) -> Vec<u8> {
    let mut m = bytes.to_vec();
    m[pos] = m[pos].wrapping_add(delta.max(1));
    m
}

/// Verifies `bytes` as a record through both verifiers of the library.
/// Returns the code and seq of the refusal, `None` when accepted; panics
/// when the two verifiers disagree (see `yishi_tests::OPEN_BUGS`).
pub fn verify_both(bytes: &[u8]) -> Option<(&'static str, u64)> {
    let streamed = yishi::verify_reader(bytes)
        .err()
        .map(|e| (e.code(), e.seq()));
    if let Ok(text) = std::str::from_utf8(bytes) {
        let whole = yishi::verify_record(text)
            .err()
            .map(|e| (e.code(), e.seq()));
        assert_eq!(
            streamed, whole,
            "the streaming and the in-memory verifier disagree"
        );
    } else {
        assert_eq!(
            streamed.map(|s| s.0),
            Some("record.parse"),
            "invalid UTF-8 is record.parse"
        );
    }
    streamed
}

/// Codes the spec (§6) fixes.
pub fn is_spec_code(code: &str) -> bool {
    yishi::ErrorCode::from_str_code(code).is_some_and(|c| c.in_spec())
}
