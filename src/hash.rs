//! FNV-1a: a small, fast hash that is the same on every run and platform, for short
//! keys (a topic's colour, the typo index's deletions).

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a over a sequence of values (bytes or characters).
pub(crate) fn fnv1a(values: impl IntoIterator<Item = u64>) -> u64 {
    values
        .into_iter()
        .fold(OFFSET, |hash, v| (hash ^ v).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn matches_the_reference_vectors() {
        // From the FNV reference: the empty string, "a" and "foobar" (64-bit FNV-1a).
        assert_eq!(fnv1a([]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a".map(u64::from)), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar".map(u64::from)), 0x8594_4171_f739_67e8);
    }
}
