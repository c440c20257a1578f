//! Sorting (and joining) with little code.
//!
//! Every call of the standard library's sort on a new element type or
//! comparison compiles to its own few kilobytes, which the WebAssembly
//! module pays for. Here every sort goes through one instance of it, over
//! positions, and the elements are then moved into place.

use std::cmp::Ordering;

/// `parts` joined by `sep`: one small loop per element type, where the
/// standard library's `join` compiles to a kilobyte for each.
pub(crate) fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

/// Sorts `v` by `cmp` (not stable: equal elements may swap). A vector that
/// is already in order, the usual case, is only checked.
pub(crate) fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater) {
        return;
    }
    let order = positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts a slice of plain values by `cmp` (not stable).
pub(crate) fn sort_copied_by<T: Copy>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater) {
        return;
    }
    let order = positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let sorted: Vec<T> = order.into_iter().map(|i| v[i]).collect();
    v.copy_from_slice(&sorted);
}

/// Sorts `v` by the key `f` gives.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// The positions of `items` in the order of their keys, keeping of equal
/// keys only the last: the entries a map would hold, in key order, after
/// inserting `items` in turn.
pub(crate) fn last_of_each_key<T, K: Ord + ?Sized>(
    items: &[T],
    key: impl Fn(&T) -> &K,
) -> Vec<usize> {
    let mut order = positions(items.len(), &mut |a, b| {
        (key(&items[a]), std::cmp::Reverse(a)).cmp(&(key(&items[b]), std::cmp::Reverse(b)))
    });
    // Of each run of equal keys the first, the latest item, stays.
    order.dedup_by(|next, kept| key(&items[*next]) == key(&items[*kept]));
    order
}

/// The positions `0..n` in the order `cmp` gives them, by heapsort: in
/// O(n log n) comparisons at worst, in a few hundred bytes of code where the
/// standard library's sort takes some 2.5 KB of the WebAssembly module. What
/// the crate sorts is short (an object's members, candidates, parties) or
/// already in order, which the callers check first.
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for root in (0..n / 2).rev() {
        sift_down(&mut p, root, cmp);
    }
    for end in (1..n).rev() {
        p.swap(0, end);
        sift_down(&mut p[..end], 0, cmp);
    }
    p
}

/// Restores the max-heap order of `heap` below `root`, whose children are
/// heaps already.
fn sift_down(heap: &mut [usize], mut root: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    loop {
        let mut child = 2 * root + 1;
        if child >= heap.len() {
            return;
        }
        if child + 1 < heap.len() && cmp(heap[child], heap[child + 1]) == Ordering::Less {
            child += 1;
        }
        if cmp(heap[root], heap[child]) != Ordering::Less {
            return;
        }
        heap.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vector in the reverse order is sorted, not taken as sorted: the
    /// check before sorting asks that no neighbours be out of order.
    #[test]
    fn a_reversed_vector_is_sorted() {
        let mut v: Vec<u32> = (0..10).rev().collect();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, (0..10).collect::<Vec<_>>());
        let mut pair = vec!["b", "a"];
        sort_by_key(&mut pair, |s| *s);
        assert_eq!(pair, ["a", "b"]);
        let mut c = [5, 4, 3, 2, 1];
        sort_copied_by(&mut c, |a, b| a.cmp(b));
        assert_eq!(c, [1, 2, 3, 4, 5]);
    }

    proptest::proptest! {
        #[test]
        fn sorts_like_the_standard_library(mut v in proptest::collection::vec((0u8..8, 0u8..255), 0..300)) {
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            sort_by_key(&mut v, |x| x.0);
            // Not stable: compare the keys in order, then the elements as multisets.
            proptest::prop_assert_eq!(v.iter().map(|x| x.0).collect::<Vec<_>>(), want.iter().map(|x| x.0).collect::<Vec<_>>());
            v.sort();
            want.sort();
            proptest::prop_assert_eq!(v, want);
        }

        /// The heapsort gives a permutation of the positions, in order, for
        /// any length (odd and even heaps, one element, none) and many ties.
        #[test]
        fn positions_are_a_sorted_permutation(keys in proptest::collection::vec(0u16..40, 0..400)) {
            let p = positions(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
            let mut seen = p.clone();
            seen.sort();
            proptest::prop_assert_eq!(seen, (0..keys.len()).collect::<Vec<_>>());
            proptest::prop_assert!(p.windows(2).all(|w| keys[w[0]] <= keys[w[1]]), "{:?}", p);
        }

        #[test]
        fn sort_copied_by_sorts(mut v in proptest::collection::vec(proptest::num::i32::ANY, 0..200)) {
            let mut want = v.clone();
            want.sort_unstable_by(|a, b| b.cmp(a));
            sort_copied_by(&mut v, |a, b| b.cmp(a));
            proptest::prop_assert_eq!(v, want);
        }

        #[test]
        fn last_of_each_key_is_what_a_map_keeps(v in proptest::collection::vec((0u8..8, 0u8..255), 0..300)) {
            let map: std::collections::BTreeMap<u8, u8> = v.iter().copied().collect();
            let kept: Vec<(u8, u8)> = last_of_each_key(&v, |x| &x.0).into_iter().map(|i| v[i]).collect();
            proptest::prop_assert_eq!(kept, map.into_iter().collect::<Vec<_>>());
        }
    }
}
