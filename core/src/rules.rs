//! Rules of procedure (议事规则): the `civil-code-2021` preset and its options.

use crate::error::{err, ErrorCode, Result};
use crate::json::Obj;
use serde::{Deserialize, Serialize};

/// How abstentions count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbstainRule {
    /// An abstention takes part: it enters participation and the majority denominators.
    Participates,
    /// Abstentions count neither for quorum nor in the denominators.
    Excluded,
}

/// How owners who did not vote count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonVoters {
    /// They are not counted.
    NotCounted,
    /// They join the side holding the majority of cast yes/no votes in both dimensions (指导规则 Art. 26; disputed).
    FollowMajority,
}

/// What a second ballot of the same owner does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Revote {
    /// The later ballot replaces the earlier one.
    LastCounts,
    /// A second ballot is an error (`ballot.duplicate`).
    FirstCounts,
}

/// Whether parking units take part in assembly votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parking {
    /// Parking units count like any other exclusive part.
    Counts,
    /// Units with `use: parking` leave both area and headcount.
    Excluded,
}

/// The committee's decision rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitteeDecision {
    /// 全体委员半数以上: at least half of all members (national guide).
    HalfOrMoreOfMembers,
    /// 全体委员过半数: more than half of all members (Beijing, Shanghai).
    MoreThanHalfOfMembers,
}

/// A set of adopted rules of procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rules {
    /// How abstentions count.
    pub abstain: AbstainRule,
    /// How non-voters count.
    pub non_voters: NonVoters,
    /// Revote policy.
    pub revote: Revote,
    /// Most principals one agent may hold in one meeting (`None`: no cap).
    pub proxy_cap: Option<u64>,
    /// Minimum notice before an assembly meeting opens, in days of 24 hours.
    pub notice_days: u64,
    /// Parking units in assembly votes.
    pub parking: Parking,
    /// Committee decision rule.
    pub committee_decision: CommitteeDecision,
    /// How many of the five parties must attend a five-party meeting.
    pub five_party_quorum: u64,
}

impl Rules {
    /// The `civil-code-2021` preset's defaults.
    pub fn civil_code_2021() -> Rules {
        Rules {
            abstain: AbstainRule::Participates,
            non_voters: NonVoters::NotCounted,
            revote: Revote::LastCounts,
            proxy_cap: None,
            notice_days: 15,
            parking: Parking::Counts,
            committee_decision: CommitteeDecision::HalfOrMoreOfMembers,
            five_party_quorum: 5,
        }
    }

    /// Builds rules from a `rules.adopted` event's `preset` and `set`.
    pub(crate) fn from_event(preset: &str, set: Option<Obj<'_, '_>>) -> Result<Rules> {
        if preset != "civil-code-2021" {
            return Err(err(
                ErrorCode::RulesUnknown,
                format!("unknown rules preset \"{preset}\" (known: civil-code-2021)"),
            ));
        }
        let mut r = Rules::civil_code_2021();
        let Some(set) = set else { return Ok(r) };
        set.allow(&[
            "abstain",
            "non_voters",
            "revote",
            "proxy_cap",
            "notice_days",
            "parking",
            "committee_decision",
            "five_party_quorum",
        ])?;
        /// An option with named values; any other value, of any JSON type,
        /// is `rules.invalid_value` (as for the integer options below).
        fn pick<T: Copy>(set: &Obj<'_, '_>, key: &str, options: &[(&str, T)]) -> Result<Option<T>> {
            let names = || {
                let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
                crate::order::join(&names, ", ")
            };
            let v = match set.opt_str(key) {
                Ok(None) => return Ok(None),
                Ok(Some(v)) => v,
                Err(_) => {
                    return Err(err(
                        ErrorCode::RulesInvalidValue,
                        format!("{key} must be one of {}", names()),
                    ))
                }
            };
            options
                .iter()
                .find(|(n, _)| *n == v)
                .map(|(_, t)| Some(*t))
                .ok_or_else(|| {
                    err(
                        ErrorCode::RulesInvalidValue,
                        format!("{key} must be one of {}, not \"{v}\"", names()),
                    )
                })
        }
        if let Some(v) = pick(
            &set,
            "abstain",
            &[
                ("participates", AbstainRule::Participates),
                ("excluded", AbstainRule::Excluded),
            ],
        )? {
            r.abstain = v;
        }
        if let Some(v) = pick(
            &set,
            "non_voters",
            &[
                ("not_counted", NonVoters::NotCounted),
                ("follow_majority", NonVoters::FollowMajority),
            ],
        )? {
            r.non_voters = v;
        }
        if let Some(v) = pick(
            &set,
            "revote",
            &[
                ("last_counts", Revote::LastCounts),
                ("first_counts", Revote::FirstCounts),
            ],
        )? {
            r.revote = v;
        }
        if let Some(v) = pick(
            &set,
            "parking",
            &[("counts", Parking::Counts), ("excluded", Parking::Excluded)],
        )? {
            r.parking = v;
        }
        if let Some(v) = pick(
            &set,
            "committee_decision",
            &[
                (
                    "half_or_more_of_members",
                    CommitteeDecision::HalfOrMoreOfMembers,
                ),
                (
                    "more_than_half_of_members",
                    CommitteeDecision::MoreThanHalfOfMembers,
                ),
            ],
        )? {
            r.committee_decision = v;
        }
        let int = |key: &str, lo: i64, hi: i64| -> Result<Option<u64>> {
            match set.opt_i64(key) {
                Ok(Some(v)) if (lo..=hi).contains(&v) => Ok(Some(v as u64)),
                Ok(Some(v)) => Err(err(
                    ErrorCode::RulesInvalidValue,
                    format!("{key} must be between {lo} and {hi}, not {v}"),
                )),
                Ok(None) => Ok(None),
                Err(_) => Err(err(
                    ErrorCode::RulesInvalidValue,
                    format!("{key} must be an integer"),
                )),
            }
        };
        // Any count the spec allows, up to the largest integer JavaScript
        // holds exactly: a cap of 0 admits no proxy at all.
        if let Some(v) = int("proxy_cap", 0, MAX_SAFE_INTEGER)? {
            r.proxy_cap = Some(v);
        }
        if let Some(v) = int("notice_days", 0, MAX_SAFE_INTEGER)? {
            r.notice_days = v;
        }
        if let Some(v) = int("five_party_quorum", 1, 5)? {
            r.five_party_quorum = v;
        }
        Ok(r)
    }
}

/// 2^53 − 1, the largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{obj, Node};
    use serde_json::json;

    #[test]
    fn options_and_errors() {
        let v = json!({"abstain": "excluded", "proxy_cap": 3, "committee_decision": "more_than_half_of_members", "five_party_quorum": 4});
        let arena = crate::json::Arena::default();
        let n = Node::from_value(&v, &arena).unwrap();
        let r = Rules::from_event("civil-code-2021", Some(obj(&n, "set").unwrap())).unwrap();
        assert_eq!(r.abstain, AbstainRule::Excluded);
        assert_eq!(r.proxy_cap, Some(3));
        assert_eq!(r.five_party_quorum, 4);
        assert_eq!(r.notice_days, 15);
        let e = |v: serde_json::Value| {
            let arena = crate::json::Arena::default();
            let n = Node::from_value(&v, &arena).unwrap();
            Rules::from_event("civil-code-2021", Some(obj(&n, "set").unwrap()))
                .unwrap_err()
                .code()
        };
        assert_eq!(e(json!({"abstain": "maybe"})), "rules.invalid_value");
        assert_eq!(e(json!({"five_party_quorum": 6})), "rules.invalid_value");
        assert_eq!(e(json!({"proxy_cap": "3"})), "rules.invalid_value");
        assert_eq!(e(json!({"proxy_cap": -1})), "rules.invalid_value");
        assert_eq!(e(json!({"notice_days": -1})), "rules.invalid_value");
        let ok = |v: serde_json::Value| {
            let arena = crate::json::Arena::default();
            let n = Node::from_value(&v, &arena).unwrap();
            Rules::from_event("civil-code-2021", Some(obj(&n, "set").unwrap())).unwrap()
        };
        assert_eq!(ok(json!({"proxy_cap": 0})).proxy_cap, Some(0));
        let big = ok(json!({"notice_days": (1u64 << 53) - 1}));
        assert_eq!(big.notice_days, (1 << 53) - 1);
        // A named option given another JSON type: the same code as a bad name.
        assert_eq!(e(json!({"abstain": 1})), "rules.invalid_value");
        assert_eq!(e(json!({"parking": true})), "rules.invalid_value");
        assert_eq!(e(json!({"revote": "sometimes"})), "rules.invalid_value");
        assert_eq!(e(json!({"quorum": "1/2"})), "event.unknown_field");
        assert_eq!(
            Rules::from_event("beijing-2020", None).unwrap_err().code(),
            "rules.unknown"
        );
    }
}
