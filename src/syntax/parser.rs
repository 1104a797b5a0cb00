//! The dependency parser: the arc-hybrid transition system, its static and
//! dynamic oracles, the parser's features, and greedy decoding.
//!
//! A configuration is a stack, a buffer (the words not read yet, always a
//! suffix of the sentence) and the arcs made so far. Position 0 is an
//! artificial root at the bottom of the stack; words are 1..=n. Three
//! transitions:
//!
//! - SHIFT moves the first buffer word onto the stack;
//! - LEFT makes the first buffer word the head of the stack top and pops it;
//! - RIGHT makes the word under the stack top its head and pops the top.
//!
//! A sentence of n words takes exactly 2n transitions and every transition
//! reads a fixed number of features, so parsing is linear in the sentence
//! length. RIGHT onto the root is allowed only when the buffer is empty, so
//! every sentence gets exactly one root word.
//!
//! The transition is chosen first (three classes), then the label of the
//! arc it makes (one class per label), by a second classifier. Splitting
//! the decision this way costs a label score only per arc, not per
//! transition, which keeps the parser fast with fifty-odd labels.
//!
//! Arc-hybrid builds projective trees only. Training trees are made
//! projective by lifting each crossing arc to the head's head (shortest
//! arc first) until none crosses; the lifted words keep their label. About
//! one arc in two hundred of the English treebanks is non-projective, and
//! the parser never predicts those arcs.

use super::features::{distance, f1, f2, f3, mix, NONE, ROOT};
use super::perceptron::Table;
use super::tagger::argmax;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
/// "No such word" in the head and children arrays.
pub const NO: usize = usize::MAX;

/// The value of a word for the parser: its lowercase form and its tag.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub w: u64,
    pub p: u64,
}

impl Node {
    pub const ROOT: Node = Node { w: ROOT, p: ROOT };
}

/// A parser configuration, with the children bookkeeping the features
/// read (the two outermost children on each side, counts, label sets).
pub struct State {
    pub n: usize,
    pub stack: Vec<usize>,
    /// The first buffer position; the buffer is empty when `b > n`.
    pub b: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            n,
            stack,
            b: 1,
            heads: vec![NO; n + 1],
            labels: vec![0; n + 1],
            l1: vec![NO; n + 1],
            l2: vec![NO; n + 1],
            r1: vec![NO; n + 1],
            r2: vec![NO; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    /// The k-th word from the stack top (0 = top).
    #[inline]
    pub fn s(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    /// The k-th word of the buffer (0 = first).
    #[inline]
    pub fn buf(&self, k: usize) -> Option<usize> {
        let i = self.b + k;
        (i <= self.n).then_some(i)
    }

    pub fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    pub fn valid(&self, a: usize) -> bool {
        let buffer = self.b <= self.n;
        match a {
            SHIFT => buffer,
            LEFT => buffer && self.stack.len() >= 2,
            RIGHT => self.stack.len() >= 3 || (self.stack.len() == 2 && !buffer),
            _ => false,
        }
    }

    /// The arc a transition would make, as (head, dependent).
    pub fn arc(&self, a: usize) -> Option<(usize, usize)> {
        match a {
            LEFT => Some((self.b, self.s(0)?)),
            RIGHT => Some((self.s(1)?, self.s(0)?)),
            _ => None,
        }
    }

    /// Applies a valid transition; `label` is the arc's label.
    pub fn apply(&mut self, a: usize, label: u16) {
        match a {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            _ => {
                if let Some((h, d)) = self.arc(a) {
                    self.stack.pop();
                    self.attach(h, d, label);
                }
            }
        }
    }

    fn attach(&mut self, h: usize, d: usize, label: u16) {
        self.heads[d] = h;
        self.labels[d] = label;
        if d < h {
            if self.l1[h] == NO || d < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d;
            } else if self.l2[h] == NO || d < self.l2[h] {
                self.l2[h] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1 << (label % 64);
        } else {
            if self.r1[h] == NO || d > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d;
            } else if self.r2[h] == NO || d > self.r2[h] {
                self.r2[h] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1 << (label % 64);
        }
    }

    /// The dynamic oracle: how many gold arcs each transition makes
    /// unreachable (`u32::MAX` for a transition that is not valid). For a
    /// projective gold tree, a transition of cost 0 keeps the best
    /// reachable tree reachable. `gold[d]` is the gold head of word `d`.
    pub fn costs(&self, gold: &[usize]) -> [u32; 3] {
        let mut c = [u32::MAX; 3];
        let in_buffer = |k: usize| k != 0 && k >= self.b && k <= self.n;
        if self.valid(SHIFT) {
            let b = self.b;
            let top = self.s(0);
            let mut cost = 0;
            for &k in &self.stack {
                // The first buffer word can no longer take a head from the
                // stack below its top, nor any stack word as a dependent.
                if gold[b] == k && Some(k) != top {
                    cost += 1;
                }
                if k != 0 && gold[k] == b {
                    cost += 1;
                }
            }
            c[SHIFT] = cost;
        }
        if let Some(s0) = self.s(0).filter(|_| self.stack.len() >= 2) {
            let deps_in_buffer = (self.b..=self.n).filter(|&k| gold[k] == s0).count() as u32;
            if self.valid(LEFT) {
                let h = gold[s0];
                let lost = h != self.b && (Some(h) == self.s(1) || in_buffer(h));
                c[LEFT] = deps_in_buffer + lost as u32;
            }
            if self.valid(RIGHT) {
                c[RIGHT] = deps_in_buffer + in_buffer(gold[s0]) as u32;
            }
        }
        c
    }

    /// The static oracle of a projective gold tree: LEFT or RIGHT as soon as
    /// the arc is gold and the dependent has all its children, else SHIFT.
    pub fn static_oracle(&self, gold: &[usize]) -> usize {
        let done = |d: usize| (1..=self.n).all(|k| gold[k] != d || self.heads[k] == d);
        if let Some(s0) = self.s(0).filter(|&s| s != 0) {
            if self.valid(LEFT) && gold[s0] == self.b && done(s0) {
                return LEFT;
            }
            if self.valid(RIGHT) && Some(gold[s0]) == self.s(1) && done(s0) {
                return RIGHT;
            }
        }
        if self.valid(SHIFT) {
            SHIFT
        } else {
            RIGHT
        }
    }
}

#[inline]
fn label_value(st: &State, x: usize) -> u64 {
    if x == NO || st.heads[x] == NO {
        NONE
    } else {
        mix(st.labels[x] as u64, 99)
    }
}

/// The transition features (after Zhang and Nivre 2011, adapted to
/// arc-hybrid, where LEFT joins the stack top to the buffer front and
/// RIGHT joins the two stack tops).
pub fn features(st: &State, nodes: &[Node], out: &mut Vec<u64>) {
    out.clear();
    let node = |x: Option<usize>| x.map_or(Node { w: NONE, p: NONE }, |i| nodes[i]);
    let opt = |x: usize| (x != NO).then_some(x);
    let s0i = st.s(0);
    let s1i = st.s(1);
    let b0i = st.buf(0);
    let (s0, s1, s2) = (node(s0i), node(s1i), node(st.s(2)));
    let (b0, b1, b2) = (node(b0i), node(st.buf(1)), node(st.buf(2)));
    let child = |x: Option<usize>, v: &Vec<usize>| x.and_then(|i| opt(v[i]));
    let s0l = child(s0i, &st.l1);
    let s0r = child(s0i, &st.r1);
    let s0l2 = child(s0i, &st.l2);
    let s0r2 = child(s0i, &st.r2);
    let s1l = child(s1i, &st.l1);
    let s1r = child(s1i, &st.r1);
    let s1r2 = child(s1i, &st.r2);
    let b0l = child(b0i, &st.l1);
    let b0l2 = child(b0i, &st.l2);
    let lab = |x: Option<usize>| x.map_or(NONE, |i| label_value(st, i));
    let d1 = match (s0i, b0i) {
        (Some(a), Some(b)) if a != 0 => distance(a, b),
        _ => 9,
    };
    let d2 = match (s1i, s0i) {
        (Some(a), Some(b)) if a != 0 => distance(a, b),
        _ => 9,
    };
    let vl = |x: Option<usize>| x.map_or(NONE, |i| st.nl[i].min(5) as u64);
    let vr = |x: Option<usize>| x.map_or(NONE, |i| st.nr[i].min(5) as u64);
    let (s0lw, s0rw, b0lw, s1rw) = (node(s0l), node(s0r), node(b0l), node(s1r));
    out.extend_from_slice(&[
        f1(100, 0),
        f1(101, s0.w),
        f1(102, s0.p),
        f2(103, s0.w, s0.p),
        f1(104, s1.w),
        f1(105, s1.p),
        f2(106, s1.w, s1.p),
        f1(107, b0.w),
        f1(108, b0.p),
        f2(109, b0.w, b0.p),
        f1(110, b1.w),
        f1(111, b1.p),
        f2(112, b1.w, b1.p),
        f1(113, b2.w),
        f1(114, b2.p),
        f1(115, s2.p),
        f1(116, s2.w),
        f3(117, mix(s0.w, s0.p), b0.w, b0.p),
        f3(118, s0.w, s0.p, b0.w),
        f3(119, s0.w, b0.w, b0.p),
        f3(120, s0.w, s0.p, b0.p),
        f3(121, s0.p, b0.w, b0.p),
        f2(122, s0.w, b0.w),
        f2(123, s0.p, b0.p),
        f2(124, b0.p, b1.p),
        f3(125, mix(s1.w, s1.p), s0.w, s0.p),
        f2(126, s1.w, s0.w),
        f2(127, s1.p, s0.p),
        f2(128, s1.w, s0.p),
        f2(129, s1.p, s0.w),
        f3(130, b0.p, b1.p, b2.p),
        f3(131, s0.p, b0.p, b1.p),
        f3(132, s1.p, s0.p, b0.p),
        f3(133, s0.p, node(s0l).p, b0.p),
        f3(134, s0.p, node(s0r).p, b0.p),
        f3(135, s0.p, b0.p, node(b0l).p),
        f3(136, s1.p, s0.p, node(s0l).p),
        f3(137, s1.p, s0.p, node(s0r).p),
        f3(138, s1.p, node(s1r).p, s0.p),
        f3(139, s2.p, s1.p, s0.p),
        f3(140, s1.p, node(s1l).p, s0.p),
        f2(141, s0.w, d1),
        f2(142, s0.p, d1),
        f2(143, b0.w, d1),
        f2(144, b0.p, d1),
        f3(145, s0.w, b0.w, d1),
        f3(146, s0.p, b0.p, d1),
        f3(147, s1.p, s0.p, d2),
        f3(148, s1.w, s0.w, d2),
        f2(149, s0.w, vr(s0i)),
        f2(150, s0.p, vr(s0i)),
        f2(151, s0.w, vl(s0i)),
        f2(152, s0.p, vl(s0i)),
        f2(153, s1.w, vr(s1i)),
        f2(154, s1.p, vr(s1i)),
        f2(155, b0.w, vl(b0i)),
        f2(156, b0.p, vl(b0i)),
        f1(157, s0lw.w),
        f1(158, s0lw.p),
        f1(159, lab(s0l)),
        f1(160, s0rw.w),
        f1(161, s0rw.p),
        f1(162, lab(s0r)),
        f1(163, b0lw.w),
        f1(164, b0lw.p),
        f1(165, lab(b0l)),
        f1(166, s1rw.w),
        f1(167, s1rw.p),
        f1(168, lab(s1r)),
        f1(169, node(s1l).p),
        f1(170, lab(s1l)),
        f1(171, node(s0l2).p),
        f1(172, lab(s0l2)),
        f1(173, node(s0r2).p),
        f1(174, lab(s0r2)),
        f1(175, node(b0l2).p),
        f1(176, lab(b0l2)),
        f3(177, s0.p, lab(s0l), lab(s0l2)),
        f3(178, s0.p, lab(s0r), lab(s0r2)),
        f3(179, b0.p, lab(b0l), lab(b0l2)),
        f3(180, s1.p, lab(s1r), lab(s1r2)),
        f3(181, s0.p, s1.p, b1.p),
        f2(182, s0.w, b1.p),
        f3(183, s1.p, s0.p, b1.p),
        // Label sets: which relations a word already has on each side.
        f2(184, s0.p, s0i.map_or(NONE, |i| st.lset[i])),
        f2(185, s0.p, s0i.map_or(NONE, |i| st.rset[i])),
        f2(186, s1.p, s1i.map_or(NONE, |i| st.rset[i])),
        f2(187, b0.p, b0i.map_or(NONE, |i| st.lset[i])),
        f2(188, s0.w, s0i.map_or(NONE, |i| st.lset[i])),
        f2(189, b0.w, b0i.map_or(NONE, |i| st.lset[i])),
    ]);
}

/// The labeller's features for the arc `head -> dep` made by transition
/// `a`. All of the dependent's children are attached by then (arc-hybrid
/// pops a word when it takes its head), so their labels are known.
pub fn label_features(st: &State, nodes: &[Node], a: usize, head: usize, dep: usize, out: &mut Vec<u64>) {
    out.clear();
    let node = |x: usize| if x == NO || x > st.n { Node { w: NONE, p: NONE } } else { nodes[x] };
    let (h, d) = (nodes[head], nodes[dep]);
    let dir = a as u64;
    let dist = if head == 0 { 9 } else { distance(head, dep) };
    let dl = label_value(st, st.l1[dep]);
    let dr = label_value(st, st.r1[dep]);
    let (hl, hr) = (label_value(st, st.l1[head]), label_value(st, st.r1[head]));
    // The dependent is never the root, so `dep - 1` is a word or the root.
    let before = node(dep - 1);
    let after = node(dep + 1);
    let t = |k: u64| 300 + k * 3 + dir;
    out.extend_from_slice(&[
        f1(t(0), 0),
        f1(t(1), d.w),
        f1(t(2), d.p),
        f2(t(3), d.w, d.p),
        f1(t(4), h.w),
        f1(t(5), h.p),
        f2(t(6), h.w, h.p),
        f2(t(7), h.p, d.p),
        f2(t(8), h.w, d.p),
        f2(t(9), h.p, d.w),
        f2(t(10), h.w, d.w),
        f3(t(11), h.p, d.p, dist),
        f2(t(12), d.p, dl),
        f2(t(13), d.p, dr),
        f3(t(14), d.p, dl, dr),
        f2(t(15), d.p, st.lset[dep]),
        f2(t(16), d.p, st.rset[dep]),
        f2(t(17), h.p, hl),
        f2(t(18), h.p, hr),
        f2(t(19), h.w, st.lset[head]),
        f3(t(20), d.p, before.p, after.p),
        f3(t(21), h.p, d.p, after.p),
        f3(t(22), h.p, d.p, before.p),
        f2(t(23), d.w, dist),
        f3(t(24), d.p, h.p, st.lset[head]),
        f3(t(25), d.p, h.p, st.rset[head]),
    ]);
}

/// The trained parser: the transition and label classifiers.
pub struct Parser {
    pub(crate) trans: Table,
    pub(crate) labels: Table,
    /// The label of the root word, which is the only label an arc from the
    /// root may take and no other arc may.
    pub(crate) root: u16,
}

impl Parser {
    /// Parses one sentence (`nodes[0]` is the root); fills `heads` and
    /// `labels` for words 1..=n (`heads[d] == 0` for the root word).
    pub fn parse(&self, nodes: &[Node], heads: &mut Vec<usize>, labels: &mut Vec<u16>) {
        let n = nodes.len().saturating_sub(1);
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = [0i32; 3];
        let mut lscores = vec![0i32; self.labels.classes()];
        while !st.terminal() {
            features(&st, nodes, &mut feats);
            self.trans.score(&feats, &mut scores);
            let mut best = None;
            for a in [SHIFT, LEFT, RIGHT] {
                if st.valid(a) && best.is_none_or(|b: usize| scores[a] > scores[b]) {
                    best = Some(a);
                }
            }
            let Some(a) = best else { break };
            let label = match st.arc(a) {
                Some((h, d)) => {
                    label_features(&st, nodes, a, h, d, &mut feats);
                    self.best_label(&feats, h, &mut lscores)
                }
                None => 0,
            };
            st.apply(a, label);
        }
        heads.clear();
        labels.clear();
        // A word left without a head (which the transition system does not
        // allow, but a damaged model must not crash) hangs from the root.
        heads.extend(st.heads.iter().map(|&h| if h == NO { 0 } else { h }));
        labels.extend(st.heads.iter().zip(&st.labels).map(|(&h, &l)| if h == NO { self.root } else { l }));
    }

    /// The best label for an arc from `head`, honouring the root rule.
    pub fn best_label(&self, feats: &[u64], head: usize, scores: &mut [i32]) -> u16 {
        if head == 0 {
            return self.root;
        }
        self.labels.score(feats, scores);
        if let Some(s) = scores.get_mut(self.root as usize) {
            *s = i32::MIN;
        }
        argmax(scores) as u16
    }
}

/// Makes a gold tree projective by lifting crossing arcs (see the module
/// docs). `heads[d]` is the head of word `d` (1..=n), 0 for the root.
/// Returns how many words were lifted.
pub fn projectivize(heads: &mut [usize]) -> usize {
    let n = heads.len().saturating_sub(1);
    let mut lifted = 0;
    // Each lift moves a word one step up towards the root, so the loop
    // ends; the bound guards against damaged input with cycles.
    for _ in 0..n * n + 1 {
        let mut shortest: Option<(usize, usize)> = None;
        for d in 1..=n {
            let h = heads[d];
            if h == 0 || h > n || is_projective_arc(heads, h, d) {
                continue;
            }
            let len = h.abs_diff(d);
            if shortest.is_none_or(|(_, l)| len < l) {
                shortest = Some((d, len));
            }
        }
        let Some((d, _)) = shortest else { break };
        heads[d] = heads[heads[d]];
        lifted += 1;
    }
    lifted
}

/// An arc is projective when its head dominates every word between the two.
fn is_projective_arc(heads: &[usize], h: usize, d: usize) -> bool {
    let n = heads.len() - 1;
    let (lo, hi) = (h.min(d), h.max(d));
    (lo + 1..hi).all(|k| {
        let mut x = k;
        for _ in 0..=n {
            if x == h {
                return true;
            }
            if x == 0 || x > n {
                return false;
            }
            x = heads[x];
        }
        false
    })
}
