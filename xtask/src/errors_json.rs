//! `web-demo/errors.json` from `docs/errors.md`: for every error code, its
//! meaning and fix in Chinese and English, for the demo's auditor view.
//!
//! `docs/errors.md` is the one source: `cargo xtask errors-json` writes the
//! file, `cargo xtask errors-json --check` compares, and the integration
//! tests (`tests/integration/errors.rs`, which include this file) fail when
//! the committed file is not exactly what this function gives. It needs only
//! `std` and `serde_json`, so that both crates can compile it.

/// The labels of an entry's four lines: zh meaning and fix, en meaning and fix.
const LABELS: [&str; 4] = ["- 含义：", "- 修正：", "- Meaning: ", "- Fix: "];

/// The text of `web-demo/errors.json` for the catalogue `md` (the text of
/// `docs/errors.md`): an object from each code, in the catalogue's order, to
/// `{"zh": {"meaning", "fix"}, "en": {"meaning", "fix"}}`, the lines' text as
/// written (Markdown `code` spans included). Fails on a section without one
/// of the four lines, or with one twice.
pub fn errors_json(md: &str) -> Result<String, String> {
    let mut sections: Vec<(&str, [Option<&str>; 4])> = Vec::new();
    for (n, line) in md.lines().enumerate() {
        if let Some(code) = line.strip_prefix("## `").and_then(|r| r.strip_suffix('`')) {
            if sections.iter().any(|(c, _)| *c == code) {
                return Err(format!("docs/errors.md:{}: `{code}` again", n + 1));
            }
            sections.push((code, [None; 4]));
            continue;
        }
        let Some((code, texts)) = sections.last_mut() else {
            continue;
        };
        for (i, label) in LABELS.iter().enumerate() {
            if let Some(text) = line.strip_prefix(label) {
                if texts[i].is_some() {
                    return Err(format!(
                        "docs/errors.md:{}: `{code}` has a second {label:?} line",
                        n + 1
                    ));
                }
                texts[i] = Some(text.trim());
            }
        }
    }
    if sections.is_empty() {
        return Err("docs/errors.md: no `## `code`` section".into());
    }
    let s = |text: &str| serde_json::to_string(text).expect("a string serialises");
    let mut out = String::from("{\n");
    for (k, (code, texts)) in sections.iter().enumerate() {
        let mut text = [""; 4];
        for (i, t) in texts.iter().enumerate() {
            text[i] = t
                .filter(|t| !t.is_empty())
                .ok_or_else(|| format!("docs/errors.md: `{code}` has no {:?} line", LABELS[i]))?;
        }
        out.push_str(&format!("  {}: {{\n", s(code)));
        for (j, lang) in ["zh", "en"].iter().enumerate() {
            let (meaning, fix) = (text[2 * j], text[2 * j + 1]);
            out.push_str(&format!(
                "    {}: {{ \"meaning\": {}, \"fix\": {} }}{}\n",
                s(lang),
                s(meaning),
                s(fix),
                if j == 0 { "," } else { "" }
            ));
        }
        out.push_str(if k + 1 == sections.len() {
            "  }\n"
        } else {
            "  },\n"
        });
    }
    out.push_str("}\n");
    Ok(out)
}
