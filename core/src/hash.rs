//! Hash maps keyed by identifiers, with a fast keyed hasher.
//!
//! `foldhash`'s `RandomState` seeds each map at random, which keeps crafted
//! identifiers in a hostile record from degrading lookups (hash flooding),
//! at a fraction of SipHash's cost on short keys. Nothing yishi outputs
//! depends on iteration order.
//!
//! On `wasm32-unknown-unknown` foldhash's seed comes from addresses alone
//! (no clock, no address-space randomisation in linear memory), so it is the
//! same on every run anyway: a fixed seed there gives the same protection
//! without the seeding code (1.2 KB of the module).

#[cfg(not(target_arch = "wasm32"))]
type State = foldhash::fast::RandomState;
#[cfg(target_arch = "wasm32")]
type State = foldhash::fast::FixedState;

/// A hash map with the fast keyed hasher.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, State>;
/// A hash set with the fast keyed hasher.
pub(crate) type HashSet<K> = std::collections::HashSet<K, State>;
