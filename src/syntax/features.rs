//! Feature hashing and the per-word values that features are built from.
//!
//! A feature is a template number combined with a few values (a word, a
//! tag, a distance) into one 64-bit hash. The hash functions are written
//! here, not taken from a crate, because the shipped model file stores
//! these hashes: a hasher that changed between crate versions would
//! silently break the model.

use crate::text::token::word_key;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over the bytes of a string: the identity of a word value.
pub fn hash_str(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Folds `x` into `h` with the splitmix64 finaliser, so that nearby inputs
/// (template numbers, tag ids) give unrelated hashes.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    finish(h ^ x.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The splitmix64 finaliser, after adding a constant so that no all-zero
/// input (such as the bias feature) hashes to 0, the empty-slot key.
#[inline]
fn finish(z: u64) -> u64 {
    let mut z = z.wrapping_add(0x2545_F491_4F6C_DD1D);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// Features combine their values with one multiply per value and a single
// finaliser: values are already hashes (or small numbers that the odd
// multipliers spread), and a feature is computed about eighty times per
// parser transition, so chained finalisers would cost more than lookups.
const K0: u64 = 0xD6E8_FEB8_6659_FD93;
const K1: u64 = 0xA076_1D64_78BD_642F;
const K2: u64 = 0xE703_7ED1_A0B4_28DB;
const K3: u64 = 0x8EBC_6AF0_9C88_C6E3;

#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    finish(t.wrapping_mul(K0) ^ a.wrapping_mul(K1))
}

#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    finish(t.wrapping_mul(K0) ^ a.wrapping_mul(K1) ^ b.rotate_left(21).wrapping_mul(K2))
}

#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    finish(t.wrapping_mul(K0) ^ a.wrapping_mul(K1) ^ b.rotate_left(21).wrapping_mul(K2) ^ c.rotate_left(42).wrapping_mul(K3))
}

/// What the tagger and parser know about one word before tagging.
#[derive(Debug, Clone, Copy)]
pub struct WordInfo {
    /// The form as written (case kept, curly quotes folded).
    pub form: u64,
    /// Lowercase form with digits folded, the main word identity.
    pub lower: u64,
    pub suffix: [u64; 4],
    pub prefix: [u64; 3],
    /// Letter-case and character-class shape, such as `Xx`, `d`, `X.X.`.
    pub shape: u64,
}

/// A value for "no word here" (before the sentence start or past its end).
pub const NONE: u64 = 0x5151_5151_5151_5151;
/// A value for the artificial root.
pub const ROOT: u64 = 0x7272_7272_7272_7272;

impl WordInfo {
    pub fn of(form: &str) -> WordInfo {
        let key = word_key(form);
        // Digits are folded so that "1998" and "2003" share weights; the
        // shape keeps how many there were.
        let lower: compact_str::CompactString = key.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
        let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).chain([lower.len()]).collect();
        let n = bounds.len() - 1;
        let mut suffix = [NONE; 4];
        let mut prefix = [NONE; 3];
        for k in 1..=4.min(n) {
            suffix[k - 1] = mix(hash_str(&lower[bounds[n - k]..]), k as u64);
        }
        for k in 1..=3.min(n) {
            prefix[k - 1] = mix(hash_str(&lower[..bounds[k]]), 10 + k as u64);
        }
        // Curly apostrophes are folded so that "don’t" reads like "don't".
        let form_hash = if form.contains(['\u{2019}', '\u{2018}']) {
            hash_str(&form.replace(['\u{2019}', '\u{2018}'], "'"))
        } else {
            hash_str(form)
        };
        WordInfo {
            form: mix(form_hash, 20),
            lower: mix(hash_str(&lower), 21),
            suffix,
            prefix,
            shape: mix(hash_str(&shape(form)), 22),
        }
    }
}

/// The shape of a word: runs of uppercase (`X`), lowercase (`x`) and digits
/// (`d`) collapsed after two, other characters kept.
pub fn shape(form: &str) -> compact_str::CompactString {
    let mut out = compact_str::CompactString::default();
    let mut last = ' ';
    let mut run = 0;
    for c in form.chars().take(40) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run > 2 && matches!(k, 'X' | 'x' | 'd') {
                continue;
            }
        } else {
            run = 1;
            last = k;
        }
        out.push(k);
    }
    out
}

/// A distance bucket: exact up to 4, then coarse.
pub fn distance(a: usize, b: usize) -> u64 {
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_hashes_are_stable() {
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("Washington"), "Xxx");
        assert_eq!(shape("1,200"), "d,dd");
        // The model file depends on these values never changing.
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(WordInfo::of("1998").lower, WordInfo::of("2003").lower);
        assert_ne!(WordInfo::of("Bush").form, WordInfo::of("bush").form);
        assert_eq!(WordInfo::of("Bush").lower, WordInfo::of("bush").lower);
    }
}
