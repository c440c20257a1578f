//! What became of each ballot in a record: for every voter of a meeting,
//! the ballots cast for them in order, the one that counts, and what
//! replaced or voided each of the others.
//!
//! An owner who voted online keeps their ballot's hash (the sealed event's
//! `hash`) as a receipt; with the published record, [`ballots`] answers
//! "was my ballot counted, and as what?" without trusting the organiser:
//! the record is verified as it is read, and the answer comes from the same
//! replay that recounts the results.
//!
//! ```
//! use yishi::ballots::{ballots, BallotQuery, Fate};
//! # let mut ledger = yishi::Ledger::new();
//! # let events = r#"[
//! #  {"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered", "data": {"community": "c",
//! #   "units": [{"id": "1", "area": "80", "owner": "o1"}, {"id": "2", "area": "90", "owner": "o2"}]}},
//! #  {"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted", "data": {"rules": "r", "preset": "civil-code-2021"}},
//! #  {"at": "2026-10-08T09:02:00+08:00", "kind": "meeting.convened", "data": {"meeting": "m", "body": "assembly",
//! #   "rules": "r", "form": "written", "noticed_at": "2026-10-08T09:02:00+08:00",
//! #   "opens_at": "2026-10-24T09:00:00+08:00", "closes_at": "2026-10-31T18:00:00+08:00",
//! #   "motions": [{"motion": "fund", "matter": "278.6"}]}},
//! #  {"at": "2026-10-25T10:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m", "voter": "o1",
//! #   "channel": "online", "votes": {"fund": "no"}}},
//! #  {"at": "2026-10-26T10:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m", "voter": "o1",
//! #   "channel": "paper", "votes": {"fund": "yes"}}}
//! # ]"#;
//! # let record = yishi::seal_text(events)?;
//! // o1 voted online, then on paper: the paper ballot counts.
//! let book = ballots(yishi::Replay::new(), record.as_bytes(), &BallotQuery::default())?;
//! let o1 = &book.meetings[0].voters[0];
//! assert_eq!(o1.voter, "o1");
//! assert_eq!(o1.ballots[0].fate, Fate::Replaced { seq: 5 });
//! assert_eq!(o1.ballots[1].fate, Fate::Counts);
//! assert_eq!(o1.ballots[1].area.map(|a| a.to_string()), Some("80.00".into()));
//! # Ok::<(), yishi::Error>(())
//! ```

use crate::error::{err, ErrorCode};
use crate::hash::HashMap;
use crate::meeting::Channel;
use crate::record::Hex;
use crate::{Area, Body, Ledger, Replay, Result, MAX_LINE_BYTES};
use serde::Serialize;
use serde_json::Value;
use std::io::BufRead;

/// Which ballots [`ballots`] reports; every field that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BallotQuery {
    /// Only this meeting.
    pub meeting: Option<String>,
    /// Only this voter (an owner, a committee member or a party key). In an
    /// assembly every id of the developer names the developer, who is one
    /// voter there.
    pub voter: Option<String>,
    /// Only the voters for whom this agent cast a ballot under a proxy (the
    /// ballot's `by`), each with all their ballots, so that what became of
    /// the agent's ballots (a principal's own later ballot replaces it) is
    /// told as for any voter.
    pub by: Option<String>,
    /// Only the ballot sealed with this hash (a receipt: 64 hexadecimal
    /// digits, either case, see [`crate::is_hash`]), and what became of it.
    /// Any other string names no event, so it selects nothing.
    pub hash: Option<String>,
}

/// The ballots of a record, as [`ballots`] found them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotBook {
    /// Events verified.
    pub events: u64,
    /// The record's head (the hash of its last event).
    pub head: String,
    /// With [`BallotQuery::hash`]: the event sealed with that hash, if the
    /// record holds one (it may be another kind than a ballot).
    pub receipt: Option<Receipt>,
    /// Meetings with a reported ballot, in the order they were convened
    /// (with [`BallotQuery::meeting`], that meeting even without one).
    pub meetings: Vec<MeetingBallots>,
    /// With [`BallotQuery::voter`]: whether the record knows that voter at
    /// its end (an owner of the community, or a voter of one of its
    /// meetings: a committee member or a five-party party key), so that a
    /// mistyped id is told apart from a voter who cast no ballot. `None`
    /// (and left out of JSON) without a voter query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voter_known: Option<bool>,
}

/// The event a receipt's hash names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// Its position in the record (from 1).
    pub seq: u64,
    /// Its kind, e.g. `ballot.cast`.
    pub kind: String,
}

/// One meeting's ballots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingBallots {
    /// The meeting's id.
    pub meeting: String,
    /// The body that met (written `assembly`, `committee` or `five-party`).
    pub body: Body,
    /// Where the meeting stands, as of the record's last event.
    pub state: MeetingState,
    /// Each voter with a reported ballot, in the order of their first one.
    pub voters: Vec<VoterBallots>,
}

/// One voter's ballots in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoterBallots {
    /// The voter's id as their first ballot wrote it.
    pub voter: String,
    /// Their ballots, in the record's order; at most one [`Fate::Counts`].
    pub ballots: Vec<BallotEntry>,
}

/// One `ballot.cast` event and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotEntry {
    /// Its position in the record (from 1).
    pub seq: u64,
    /// Its sealed hash: the receipt.
    pub hash: String,
    /// Its `at`, as written.
    pub at: String,
    /// The voter id the ballot itself names, when it is not
    /// [`VoterBallots::voter`]: in an assembly the developer's ids are one
    /// voter, so a ballot of one of them may stand beside, or replace, a
    /// ballot of another. `None` (and left out of JSON) otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voter: Option<String>,
    /// The agent who cast it under a proxy; `None` for the voter's own
    /// ballot (including one whose `by` names the voter).
    pub by: Option<String>,
    /// How it came in (written `online` or `paper`).
    pub channel: crate::event::Channel,
    /// Assembly: the voter's area in the meeting's electorate, which the
    /// ballot carries into every motion it votes on.
    pub area: Option<Area>,
    /// Its `votes`, as cast (motion → value), as JSON text (held as text,
    /// so that a book of many ballots stays compact; serialised as the
    /// object it holds).
    #[serde(serialize_with = "json_text")]
    pub votes: String,
    /// What became of it.
    pub fate: Fate,
}

/// Where a meeting stands, as of the record's last event (written
/// `"open"`, `"closed"` or `"declared"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingState {
    /// Ballots may still change what counts.
    Open,
    /// Voting has ended, by `meeting.closed` or at `closes_at`; a ballot may
    /// still be voided until the result is declared.
    Closed,
    /// Its result is announced (`result.declared`).
    Declared,
}

crate::tally::names!(MeetingState => "meeting state", [
    Open => "open",
    Closed => "closed",
    Declared => "declared",
]);

/// What became of a ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fate {
    /// It is the voter's standing ballot: counted in the results (while
    /// the meeting is open, provisionally).
    Counts,
    /// It is the voter's standing ballot, but a committee member or a party
    /// not recorded present at the meeting cast it: the results leave it
    /// out (spec §4 counts the votes of those present), unless a later
    /// `attendance.recorded` names its voter.
    NotPresent,
    /// A later ballot for the same voter, at `seq`, replaced it (a revote,
    /// or the principal's own ballot over an agent's).
    Replaced {
        /// The replacing ballot's position.
        seq: u64,
    },
    /// A `ballot.voided` event at `seq` voided it.
    Voided {
        /// The voiding event's position.
        seq: u64,
        /// The reason it gives.
        reason: Option<String>,
    },
}

/// Serialises JSON text as the value it holds.
fn json_text<S: serde::Serializer>(text: &str, s: S) -> std::result::Result<S::Ok, S::Error> {
    serde_json::from_str::<Value>(text)
        .map_err(serde::ser::Error::custom)?
        .serialize(s)
}

/// Verifies and replays the record from `reader` through `replay` (a new
/// [`Replay`], on which [`Replay::expect_head`] may have been called) and
/// reports what became of the ballots `query` selects. Errors are the
/// replay's: a bad record is refused at its first bad event, a failing
/// reader with `record.read`.
pub fn ballots<R: BufRead>(
    mut replay: Replay,
    mut reader: R,
    query: &BallotQuery,
) -> Result<BallotBook> {
    let mut book = Book::new(query);
    let mut line = Vec::new();
    loop {
        line.clear();
        let seq = replay.ledger().len() + 1;
        // One byte more than a line may hold (its `\r`), and one to tell
        // that it is too long: the replay refuses it without reading on.
        let limit = (MAX_LINE_BYTES + 2) as u64;
        let n = std::io::Read::take(&mut reader, limit)
            .read_until(b'\n', &mut line)
            .map_err(|e| err(ErrorCode::RecordRead, format!("read error: {e}")).at(seq))?;
        if n == 0 {
            break;
        }
        // A line over the limit is refused here, whether or not it ended.
        replay.push(&line)?;
        if line.last() == Some(&b'\n') {
            book.observe(replay.ledger(), seq, &line);
        } else {
            // The last line, without a newline: applied by `finish`.
            let ledger = replay.finish()?;
            book.observe(&ledger, seq, &line);
            return Ok(book.done(&ledger));
        }
    }
    let ledger = replay.finish()?;
    Ok(book.done(&ledger))
}

/// A voter's entries, and the one that counts.
struct Voter {
    ballots: VoterBallots,
    counts: Option<usize>,
}

/// Collects the ballots while the record is replayed.
struct Book<'q> {
    query: &'q BallotQuery,
    /// With a hash query: the receipt, lowercased (`None` inside when the
    /// query's hash is no hash, which matches no event).
    receipt_hash: Option<Option<Hex>>,
    /// With a hash query: the ballot's meeting and voter key, once seen.
    hashed: Option<(usize, u32)>,
    receipt: Option<Receipt>,
    /// By meeting index: voters by key, in order of first ballot.
    meetings: HashMap<usize, (Vec<Voter>, HashMap<u32, usize>)>,
}

impl<'q> Book<'q> {
    fn new(query: &'q BallotQuery) -> Book<'q> {
        Book {
            query,
            receipt_hash: query.hash.as_deref().map(Hex::parse),
            hashed: None,
            receipt: None,
            meetings: HashMap::default(),
        }
    }

    /// Looks at the line the ledger has just applied as event `seq`.
    fn observe(&mut self, ledger: &Ledger, seq: u64, line: &[u8]) {
        if ledger.len() != seq {
            return; // an empty line: no event
        }
        let is_receipt = matches!(&self.receipt_hash, Some(Some(h)) if h.as_str() == ledger.head());
        let text = String::from_utf8_lossy(line);
        // Only ballot events are read as trees; a kind may be spelled with
        // escapes (`ballot\u002ecast`), which the record reads as the same.
        if !is_receipt && !text.contains("ballot") && !text.contains('\\') {
            return;
        }
        let Ok(event) = serde_json::from_str::<Value>(&text) else {
            return;
        };
        let kind = event["kind"].as_str().unwrap_or_default();
        if is_receipt {
            self.receipt = Some(Receipt {
                seq,
                kind: kind.to_owned(),
            });
        }
        if kind != "ballot.cast" && kind != "ballot.voided" {
            return;
        }
        let data = &event["data"];
        let (Some(meeting), Some(voter)) = (data["meeting"].as_str(), data["voter"].as_str())
        else {
            return;
        };
        if self.query.meeting.as_deref().is_some_and(|m| m != meeting) {
            return;
        }
        let Some((mi, key)) = ledger.voter_key(meeting, voter) else {
            return;
        };
        if let Some(v) = &self.query.voter {
            if ledger.voter_key(meeting, v) != Some((mi, key)) {
                return;
            }
        }
        if self.receipt_hash.is_some() {
            if is_receipt && kind == "ballot.cast" {
                self.hashed = Some((mi, key));
            }
            if self.hashed != Some((mi, key)) {
                return;
            }
        }
        let (voters, index) = self.meetings.entry(mi).or_default();
        if kind == "ballot.voided" {
            if let Some(&at) = index.get(&key) {
                let v = &mut voters[at];
                if let Some(i) = v.counts.take() {
                    v.ballots.ballots[i].fate = Fate::Voided {
                        seq,
                        reason: data["reason"].as_str().map(str::to_owned),
                    };
                }
            }
            return;
        }
        // The ballot as the ledger holds it: `by` as it counts, the area it carries.
        let m = &ledger.meetings()[mi];
        let Some(held) = m.ballot(key) else {
            return;
        };
        let mut entry = BallotEntry {
            seq,
            hash: ledger.head().to_owned(),
            at: event["at"].as_str().unwrap_or_default().to_owned(),
            voter: None,
            by: held.by.clone(),
            channel: match held.channel {
                Channel::Online => crate::event::Channel::Online,
                Channel::Paper => crate::event::Channel::Paper,
            },
            area: (m.body == Body::Assembly).then_some(held.area),
            votes: data["votes"].to_string(),
            fate: Fate::Counts,
        };
        let at = *index.entry(key).or_insert_with(|| {
            voters.push(Voter {
                ballots: VoterBallots {
                    voter: voter.to_owned(),
                    ballots: Vec::new(),
                },
                counts: None,
            });
            voters.len() - 1
        });
        let v = &mut voters[at];
        if v.ballots.voter != voter {
            entry.voter = Some(voter.to_owned());
        }
        if let Some(i) = v.counts {
            v.ballots.ballots[i].fate = Fate::Replaced { seq };
        }
        v.counts = Some(v.ballots.ballots.len());
        v.ballots.ballots.push(entry);
    }

    fn done(mut self, ledger: &Ledger) -> BallotBook {
        let mut meetings = Vec::new();
        for (mi, m) in ledger.meetings().iter().enumerate() {
            let entry = self.meetings.remove(&mi);
            let named = self.query.meeting.as_deref() == Some(m.id.as_str());
            if entry.is_none() && !named {
                continue;
            }
            let (mut voters, keys) = entry.unwrap_or_default();
            // A committee or five-party meeting counts the ballots of those
            // recorded present (all who voted when no attendance is recorded).
            if let (true, Some(present)) = (m.body != Body::Assembly, &m.present) {
                for (key, &at) in &keys {
                    let v = &mut voters[at];
                    if let (Some(i), false) = (v.counts, present.contains(key)) {
                        v.ballots.ballots[i].fate = Fate::NotPresent;
                    }
                }
            }
            let voters: Vec<VoterBallots> = voters
                .into_iter()
                .map(|v| v.ballots)
                .filter(|v| match self.query.by.as_deref() {
                    Some(agent) => v.ballots.iter().any(|b| b.by.as_deref() == Some(agent)),
                    None => true,
                })
                .collect();
            if voters.is_empty() && !named {
                continue;
            }
            meetings.push(MeetingBallots {
                meeting: m.id.clone(),
                body: m.body,
                state: if m.declared_on.is_some() {
                    MeetingState::Declared
                } else if !m.is_open(ledger.now()) {
                    MeetingState::Closed
                } else {
                    MeetingState::Open
                },
                voters,
            });
        }
        let voter_known = self.query.voter.as_deref().map(|v| {
            ledger.registry().is_some_and(|r| r.is_owner(v))
                || ledger
                    .meetings()
                    .iter()
                    .any(|m| ledger.voter_key(&m.id, v).is_some())
        });
        BallotBook {
            events: ledger.len(),
            head: ledger.head().to_owned(),
            receipt: self.receipt,
            meetings,
            voter_known,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sealed record: community `c` registered with `registry` (the
    /// members of its `data` after `community`), rules `r`, assembly
    /// meeting `m` on motion `fund` (voting from 2026-10-24 09:00 to
    /// 2026-10-31 18:00), then the events `then`.
    fn record(registry: &str, then: &str) -> String {
        let text = [
            r#"[{"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered", "data": {"community": "c", "#,
            registry,
            r#"}},
                {"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted", "data": {"rules": "r", "preset": "civil-code-2021"}},
                {"at": "2026-10-08T09:02:00+08:00", "kind": "meeting.convened", "data": {"meeting": "m", "body": "assembly",
                 "rules": "r", "form": "written", "noticed_at": "2026-10-08T09:02:00+08:00",
                 "opens_at": "2026-10-24T09:00:00+08:00", "closes_at": "2026-10-31T18:00:00+08:00",
                 "motions": [{"motion": "fund", "matter": "278.6"}]}}, "#,
            then,
            "]",
        ]
        .concat();
        crate::seal_text(&text).expect("a valid record")
    }

    /// A record of one unit, owned by `o1`, whose one ballot is event 4.
    fn one_ballot() -> String {
        record(
            r#""units": [{"id": "1", "area": "80", "owner": "o1"}]"#,
            r#"{"at": "2026-10-25T10:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m", "voter": "o1",
                "channel": "online", "votes": {"fund": "yes"}}}"#,
        )
    }

    #[test]
    fn a_receipt_that_is_no_hash_selects_nothing() {
        let record = one_ballot();
        let query = |hash: &str| BallotQuery {
            hash: Some(hash.to_owned()),
            ..BallotQuery::default()
        };
        let head = crate::Ledger::from_record(&record)
            .unwrap()
            .head()
            .to_owned();
        for (hash, found) in [
            (head.to_uppercase(), true),
            (head[..63].to_owned(), false),
            ("not a hash".to_owned(), false),
        ] {
            let book = ballots(Replay::new(), record.as_bytes(), &query(&hash)).unwrap();
            assert_eq!(book.receipt.is_some(), found, "{hash}");
            assert_eq!(book.meetings.len(), usize::from(found), "{hash}");
        }
    }

    /// The developer's ids are one assembly voter: a ballot naming another
    /// of them than the voter's first says which id it names.
    #[test]
    fn a_ballot_of_another_developer_id_names_it() {
        let record = record(
            r#""owners": [{"id": "d1", "developer": true}, {"id": "d2", "developer": true}],
                "units": [{"id": "1", "area": "80", "owner": "d1"}, {"id": "2", "area": "20", "owner": "d2"},
                          {"id": "3", "area": "50", "owner": "o1"}]"#,
            r#"{"at": "2026-10-25T10:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m", "voter": "d1",
                "channel": "online", "votes": {"fund": "yes"}}},
               {"at": "2026-10-25T11:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m", "voter": "d2",
                "channel": "online", "votes": {"fund": "no"}}}"#,
        );
        let book = |q: BallotQuery| ballots(Replay::new(), record.as_bytes(), &q).unwrap();
        for q in [
            BallotQuery::default(),
            BallotQuery {
                voter: Some("d2".into()),
                ..BallotQuery::default()
            },
        ] {
            let b = book(q);
            let v = &b.meetings[0].voters[0];
            assert_eq!(v.voter, "d1");
            let named: Vec<_> = v
                .ballots
                .iter()
                .map(|x| (x.seq, x.voter.as_deref()))
                .collect();
            assert_eq!(named, [(4, None), (5, Some("d2"))]);
            assert_eq!(v.ballots[0].fate, Fate::Replaced { seq: 5 });
        }
        // From a receipt, the voter is told from that ballot on.
        let last = crate::Ledger::from_record(&record)
            .unwrap()
            .head()
            .to_owned();
        let b = book(BallotQuery {
            hash: Some(last),
            ..BallotQuery::default()
        });
        let v = &b.meetings[0].voters[0];
        assert_eq!(
            (
                v.voter.as_str(),
                v.ballots.len(),
                v.ballots[0].voter.as_deref()
            ),
            ("d2", 1, None)
        );
    }

    /// A receipt may name any event, not only a ballot: the book tells
    /// its position and kind, and lists no ballot.
    #[test]
    fn a_receipt_names_an_event_of_any_kind() {
        let record = one_ballot();
        let line: Value = serde_json::from_str(record.lines().nth(1).unwrap()).unwrap();
        let query = BallotQuery {
            hash: line["hash"].as_str().map(str::to_owned),
            ..BallotQuery::default()
        };
        let book = ballots(Replay::new(), record.as_bytes(), &query).unwrap();
        assert_eq!(
            book.receipt,
            Some(Receipt {
                seq: 2,
                kind: "rules.adopted".into()
            })
        );
        assert!(book.meetings.is_empty(), "{:?}", book.meetings);
    }

    /// A meeting query selects that meeting's ballots only, and names the
    /// meeting even when it holds none; an agent who cast no ballot
    /// selects no meeting.
    #[test]
    fn a_meeting_query_selects_that_meeting_even_without_ballots() {
        let convened = |id: &str, at: &str| {
            format!(
                r#"{{"at": "{at}", "kind": "meeting.convened", "data": {{"meeting": "{id}", "body": "assembly",
                 "rules": "r", "form": "written", "noticed_at": "2026-10-08T09:02:00+08:00",
                 "opens_at": "2026-10-24T09:00:00+08:00", "closes_at": "2026-10-31T18:00:00+08:00",
                 "motions": [{{"motion": "fund", "matter": "278.6"}}]}}}}"#
            )
        };
        let then = [
            convened("m2", "2026-10-08T09:03:00+08:00"),
            convened("m3", "2026-10-08T09:04:00+08:00"),
            r#"{"at": "2026-10-25T10:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m", "voter": "o1",
                "channel": "online", "votes": {"fund": "yes"}}},
               {"at": "2026-10-25T11:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "m2", "voter": "o2",
                "channel": "paper", "votes": {"fund": "no"}}}"#
                .to_owned(),
        ]
        .join(", ");
        let record = record(
            r#""units": [{"id": "1", "area": "80", "owner": "o1"}, {"id": "2", "area": "20", "owner": "o2"}]"#,
            &then,
        );
        let book = |q: BallotQuery| ballots(Replay::new(), record.as_bytes(), &q).unwrap();
        let shown = |b: BallotBook| -> Vec<(String, Vec<String>)> {
            b.meetings
                .into_iter()
                .map(|m| (m.meeting, m.voters.into_iter().map(|v| v.voter).collect()))
                .collect()
        };
        let meeting = |id: &str| BallotQuery {
            meeting: Some(id.into()),
            ..BallotQuery::default()
        };
        assert_eq!(
            shown(book(BallotQuery::default())),
            [
                ("m".into(), vec!["o1".into()]),
                ("m2".into(), vec!["o2".into()])
            ]
        );
        assert_eq!(shown(book(meeting("m"))), [("m".into(), vec!["o1".into()])]);
        assert_eq!(
            shown(book(meeting("m2"))),
            [("m2".into(), vec!["o2".into()])]
        );
        assert_eq!(shown(book(meeting("m3"))), [("m3".into(), vec![])]);
        let by = BallotQuery {
            by: Some("o1".into()),
            ..BallotQuery::default()
        };
        assert_eq!(shown(book(by)), []);
    }

    /// In a committee meeting with attendance recorded, the standing
    /// ballot of a member not recorded present is not counted; that of a
    /// member present is.
    #[test]
    fn a_committee_ballot_of_a_member_not_present_is_not_counted() {
        let record = record(
            r#""units": [{"id": "1", "area": "80", "owner": "o1"}, {"id": "2", "area": "20", "owner": "o2"}]"#,
            r#"{"at": "2026-10-08T09:03:00+08:00", "kind": "meeting.convened", "data": {"meeting": "k", "body": "committee",
                "rules": "r", "form": "written", "noticed_at": "2026-10-08T09:03:00+08:00",
                "opens_at": "2026-10-24T09:00:00+08:00", "closes_at": "2026-10-31T18:00:00+08:00",
                "motions": [{"motion": "q"}], "members": ["o1", "o2"]}},
               {"at": "2026-10-24T09:30:00+08:00", "kind": "attendance.recorded", "data": {"meeting": "k", "present": ["o1"]}},
               {"at": "2026-10-25T10:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "k", "voter": "o1",
                "channel": "online", "votes": {"q": "yes"}}},
               {"at": "2026-10-25T11:00:00+08:00", "kind": "ballot.cast", "data": {"meeting": "k", "voter": "o2",
                "channel": "online", "votes": {"q": "no"}}}"#,
        );
        let book = ballots(Replay::new(), record.as_bytes(), &BallotQuery::default()).unwrap();
        let k = &book.meetings[0];
        assert_eq!((k.meeting.as_str(), k.body), ("k", Body::Committee));
        let fates: Vec<_> = k
            .voters
            .iter()
            .map(|v| {
                (
                    v.voter.as_str(),
                    v.ballots[0].fate.clone(),
                    v.ballots[0].area,
                )
            })
            .collect();
        assert_eq!(
            fates,
            [("o1", Fate::Counts, None), ("o2", Fate::NotPresent, None)]
        );
    }

    /// A voter query tells whether the record knows the voter: an owner of
    /// the community is known before any meeting is convened, and a
    /// five-party meeting's party key, which is no owner, from that
    /// meeting on.
    #[test]
    fn an_owner_or_a_member_is_a_known_voter() {
        let voter = |v: &str| BallotQuery {
            voter: Some(v.into()),
            ..BallotQuery::default()
        };
        let no_meeting = crate::seal_text(
            r#"[{"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered", "data": {"community": "c",
                 "units": [{"id": "1", "area": "80", "owner": "o1"}]}}]"#,
        )
        .unwrap();
        for (who, known) in [("o1", true), ("x9", false)] {
            let book = ballots(Replay::new(), no_meeting.as_bytes(), &voter(who)).unwrap();
            assert_eq!(book.voter_known, Some(known), "{who}");
        }
        let five_party = record(
            r#""units": [{"id": "1", "area": "80", "owner": "o1"}]"#,
            r#"{"at": "2026-10-08T09:03:00+08:00", "kind": "meeting.convened", "data": {"meeting": "f", "body": "five-party",
                "rules": "r", "form": "written", "noticed_at": "2026-10-08T09:03:00+08:00",
                "opens_at": "2026-10-24T09:00:00+08:00", "closes_at": "2026-10-31T18:00:00+08:00",
                "motions": [{"motion": "q", "matter": "coordination"}],
                "parties": {"party_branch": "p1", "residents_committee": "p2", "owners_committee": "p3",
                            "property_company": "p4", "owner_representatives": "p5"}}}"#,
        );
        for (who, known) in [("o1", true), ("property_company", true), ("p4", false)] {
            let book = ballots(Replay::new(), five_party.as_bytes(), &voter(who)).unwrap();
            assert_eq!(book.voter_known, Some(known), "{who}");
        }
    }

    /// A line longer than the limit is refused once one byte too many is
    /// read, without reading on: neither cut short (and read as another
    /// line) nor read past, where this reader fails.
    #[test]
    fn a_line_over_the_limit_is_refused_without_reading_on() {
        struct Unplugged;
        impl std::io::Read for Unplugged {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("unplugged"))
            }
        }
        let over = std::io::Read::take(std::io::repeat(b'x'), (MAX_LINE_BYTES + 2) as u64);
        let reader = std::io::BufReader::new(std::io::Read::chain(over, Unplugged));
        let e = ballots(Replay::new(), reader, &BallotQuery::default()).unwrap_err();
        assert_eq!((e.code(), e.seq()), ("record.too_large", 1), "{e}");
    }

    /// A ballot whose kind is spelled with escapes only, so that its line
    /// holds no `ballot`, is read as any other ballot.
    #[test]
    fn a_ballot_kind_spelled_with_escapes_is_read() {
        let record = one_ballot();
        let escaped = record.replace(
            r#""kind":"ballot.cast""#,
            r#""kind":"\u0062\u0061llot.cast""#,
        );
        assert_ne!(escaped, record);
        assert!(!escaped.contains("ballot"));
        let book = ballots(Replay::new(), escaped.as_bytes(), &BallotQuery::default()).unwrap();
        let seqs: Vec<_> = book
            .meetings
            .iter()
            .flat_map(|m| &m.voters)
            .flat_map(|v| &v.ballots)
            .map(|b| (b.seq, b.fate.clone()))
            .collect();
        assert_eq!(seqs, [(4, Fate::Counts)]);
    }
}
