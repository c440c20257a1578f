//! Hash maps keyed by identifiers, with a fast keyed hasher.
//!
//! `foldhash`'s `RandomState` seeds each map at random, which keeps crafted
//! identifiers in a hostile record from degrading lookups (hash flooding),
//! at a fraction of SipHash's cost on short keys. Nothing yishi outputs
//! depends on iteration order.

/// A hash map with the fast keyed hasher.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set with the fast keyed hasher.
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
