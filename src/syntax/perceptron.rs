//! The averaged perceptron shared by the tagger, the transition classifier
//! and the labeller: a growing table of sparse weight rows for training,
//! and a frozen, quantised table for parsing.
//!
//! Features are 64-bit hashes (see `features`), so no feature strings are
//! ever built or stored. A row holds weights only for the classes a feature
//! was ever updated for, which keeps the labeller's rows (one class per
//! dependency label) small.

use rustc_hash::FxHashMap;

/// One class weight during training, with the bookkeeping of lazy
/// averaging: `total` is the sum of the weight over all past instances up
/// to instance `stamp`.
#[derive(Clone, Copy)]
struct Acc {
    class: u16,
    w: f32,
    total: f64,
    stamp: u64,
}

/// Weights being trained.
pub struct Trainer {
    classes: usize,
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<Acc>>,
    /// Instances seen so far; the averaged weight is the mean over them.
    time: u64,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            index: FxHashMap::default(),
            rows: Vec::new(),
            time: 0,
        }
    }

    /// Adds the current (not averaged) weights of `feats` to `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for a in &self.rows[r as usize] {
                    scores[a.class as usize] += a.w;
                }
            }
        }
    }

    /// Marks the end of one training instance.
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// The perceptron update: `good` gains and `bad` loses one on every feature.
    pub fn update(&mut self, feats: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(good, 1.0f32), (bad, -1.0f32)] {
                let time = self.time;
                match row.iter_mut().find(|a| a.class as usize == class) {
                    Some(a) => {
                        a.total += (time - a.stamp) as f64 * a.w as f64;
                        a.stamp = time;
                        a.w += delta;
                    }
                    None => row.push(Acc {
                        class: class as u16,
                        w: delta,
                        total: 0.0,
                        stamp: time,
                    }),
                }
            }
        }
    }

    /// Freezes the averaged weights into quantised rows in key order.
    /// Weights whose quantised magnitude is below `min_q` are dropped (the
    /// pruning that keeps the shipped model small), and so are rows left
    /// empty.
    pub fn freeze(&self, min_q: i32) -> Frozen {
        let t = self.time.max(1) as f64;
        let avg = |a: &Acc| (a.total + (self.time - a.stamp) as f64 * a.w as f64) / t;
        let max = self.rows.iter().flat_map(|r| r.iter().map(|a| avg(a).abs())).fold(0.0f64, f64::max);
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keyed: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keyed.sort_unstable();
        let mut rows = Vec::with_capacity(keyed.len());
        for (key, r) in keyed {
            let mut entries: Vec<(u8, i16)> = self.rows[r as usize]
                .iter()
                .map(|a| (a.class as u8, (avg(a) / scale).round() as i16))
                .filter(|&(_, q)| (q as i32).abs() >= min_q.max(1))
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_unstable();
            rows.push((key, entries));
        }
        Frozen {
            classes: self.classes,
            scale: scale as f32,
            rows,
        }
    }
}

/// Frozen, quantised weights as rows in key order: what the model file
/// stores, and what a [`Table`] is built from.
pub struct Frozen {
    pub classes: usize,
    pub scale: f32,
    pub rows: Vec<(u64, Vec<(u8, i16)>)>,
}

impl Frozen {
    pub fn table(&self) -> Table {
        let mut b = Builder::new(self.classes, self.scale, self.rows.len());
        for (key, row) in &self.rows {
            b.push(*key, row.iter().copied());
        }
        b.finish()
    }
}

/// Frozen weights: an open-addressing table from feature hash to a row of
/// (class, weight) pairs quantised to 16 bits.
///
/// A slot is one u64, so that lookups, which are most of the parser's
/// time, touch as little memory as possible: the low 16 bits are a
/// fingerprint of the key (0 marks an empty slot), and the rest is the
/// row. A table of at most three classes (the transitions) keeps the
/// three weights in the slot itself; other tables keep the row's length
/// (16 bits) and offset into `entries` (32 bits). The home slot comes
/// from the key's high bits and the fingerprint from its low bits, so
/// the two are independent: an unseen feature matches a stored one by
/// chance about once in 65,536 probes, which adds one stray weight and
/// changes nothing measurable. The full keys are not kept: the model
/// file is, and they would double the memory of the table.
pub struct Table {
    classes: usize,
    scale: f32,
    slots: Vec<u64>,
    entries: Vec<(u8, i16)>,
    rows: usize,
}

const INLINE: usize = 3;

#[inline]
fn fingerprint(key: u64) -> u64 {
    match key & 0xffff {
        0 => 1,
        f => f,
    }
}

/// The home slot of a key: its high bits scaled to the table size.
#[inline]
fn home(key: u64, len: usize) -> usize {
    ((key as u128 * len as u128) >> 64) as usize
}

impl Table {
    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    #[inline]
    fn find(&self, key: u64) -> Option<u64> {
        let n = self.slots.len();
        let fp = fingerprint(key);
        let mut i = home(key, n);
        loop {
            let s = self.slots[i];
            if s & 0xffff == fp {
                return Some(s >> 16);
            }
            if s == 0 {
                return None;
            }
            i += 1;
            if i == n {
                i = 0;
            }
        }
    }

    /// Sums the weights of `feats` into `scores` (one per class).
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        // Two passes: all the (independent) slot lookups first, then the
        // weights, so that the processor overlaps the cache misses of many
        // features instead of waiting for each in turn.
        let mut found = [0u64; 128];
        for chunk in feats.chunks(found.len()) {
            // A first pass only loads each feature's home slot, with no
            // branch on what it finds, so that the loads are all in flight
            // at once; the probing pass after it then hits the cache. This
            // is a software prefetch without `unsafe`.
            let n = self.slots.len();
            let mut touch = 0u64;
            for &f in chunk {
                touch ^= self.slots[home(f, n)];
            }
            std::hint::black_box(touch);
            let mut n = 0;
            for &f in chunk {
                if let Some(p) = self.find(f) {
                    found[n] = p;
                    n += 1;
                }
            }
            if self.classes <= INLINE {
                for &p in &found[..n] {
                    for (c, s) in scores.iter_mut().enumerate().take(INLINE) {
                        *s += (p >> (16 * c)) as u16 as i16 as i32;
                    }
                }
            } else {
                let mut touch = 0u8;
                for &p in &found[..n] {
                    touch ^= self.entries.get((p >> 16) as usize).map_or(0, |e| e.0);
                }
                std::hint::black_box(touch);
                for &p in &found[..n] {
                    let (len, off) = ((p & 0xffff) as usize, (p >> 16) as usize);
                    for &(c, w) in self.entries.get(off..off + len).unwrap_or(&[]) {
                        if let Some(s) = scores.get_mut(c as usize) {
                            *s += w as i32;
                        }
                    }
                }
            }
        }
    }

    pub fn scale(&self) -> f32 {
        self.scale
    }
}

/// Builds a table from rows given in any order, without a temporary
/// vector per row (the model file has millions of rows).
pub struct Builder {
    classes: usize,
    scale: f32,
    keys: Vec<(u64, u64)>,
    entries: Vec<(u8, i16)>,
}

impl Builder {
    pub fn new(classes: usize, scale: f32, rows: usize) -> Builder {
        Builder {
            classes,
            scale,
            keys: Vec::with_capacity(rows),
            entries: Vec::new(),
        }
    }

    pub fn push(&mut self, key: u64, row: impl Iterator<Item = (u8, i16)>) {
        if key == 0 {
            return;
        }
        let classes = self.classes;
        let payload = if classes <= INLINE {
            let mut p = 0u64;
            for (c, w) in row.filter(|&(c, _)| (c as usize) < classes) {
                p |= (w as u16 as u64) << (16 * c as u64);
            }
            p
        } else {
            let off = self.entries.len();
            self.entries.extend(row.filter(|&(c, _)| (c as usize) < classes).take(0xffff));
            ((self.entries.len() - off) as u64) | ((off as u64) << 16)
        };
        self.keys.push((key, payload));
    }

    pub fn finish(mut self) -> Table {
        self.keys.sort_unstable_by_key(|r| r.0);
        self.keys.dedup_by_key(|r| r.0);
        // A load factor of one half keeps probe chains short, misses
        // included (most features of a sentence are unseen ones).
        let n = (self.keys.len() * 2).max(16);
        let mut slots = vec![0u64; n];
        // The keys are sorted, so their home slots rise: the slots are
        // written front to back, not at random.
        for &(key, payload) in &self.keys {
            let mut i = home(key, n);
            while slots[i] != 0 {
                i += 1;
                if i == n {
                    i = 0;
                }
            }
            slots[i] = fingerprint(key) | (payload << 16);
        }
        Table {
            classes: self.classes,
            scale: self.scale,
            slots,
            entries: self.entries,
            rows: self.keys.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_freezes_to_the_same_decisions() {
        // Feature 1 means class 0, feature 2 means class 1.
        let mut t = Trainer::new(2);
        let data = [(vec![1u64, 9], 0usize), (vec![2u64, 9], 1usize)];
        let mut scores = [0.0f32; 2];
        for _ in 0..5 {
            for (f, gold) in &data {
                t.score(f, &mut scores);
                let pred = if scores[1] > scores[0] { 1 } else { 0 };
                t.update(f, *gold, pred);
                t.tick();
            }
        }
        let table = t.freeze(1).table();
        let mut s = [0i32; 2];
        table.score(&[1, 9], &mut s);
        assert!(s[0] > s[1]);
        table.score(&[2, 9], &mut s);
        assert!(s[1] > s[0]);
        table.score(&[12345], &mut s);
        assert_eq!(s, [0, 0]);
    }
}
