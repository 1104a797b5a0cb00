//! Training a model from CoNLL-U treebanks, and scoring one on gold
//! tokens.
//!
//! The tagger is an averaged perceptron trained greedily on gold history.
//! The parser is trained on tags predicted by taggers that did not see the
//! sentence (jackknifing over `folds` parts of the training data), so that
//! it learns to live with the tagger's mistakes; then a last tagger is
//! trained on all of it. The transition classifier learns from the dynamic
//! oracle with error exploration: from the second epoch on it follows its
//! own wrong choice nine times in ten and learns what is best from there.
//!
//! Everything is deterministic: sentence order is shuffled with a seeded
//! generator written here, iteration over weights is in key order, and the
//! work runs on one thread, so the same data and seed give a
//! byte-identical model.

use super::conllu::Block;
use super::features::WordInfo;
use super::model::Model;
use super::parser::{self, label_features, Node, State, LEFT, RIGHT, SHIFT};
use super::perceptron::{Frozen, Trainer};
use super::tagger::{self, argmax, tag_value, Tagger};
use super::Upos;
use compact_str::CompactString;
use std::collections::BTreeMap;

/// Training settings; the defaults are what the shipped model used.
#[derive(Debug, Clone)]
pub struct Settings {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Jackknife folds for the parser's training tags (1: gold tags).
    pub folds: usize,
    pub seed: u64,
    /// Quantised weights below this magnitude are pruned from the model.
    pub min_weight: i32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 4,
            seed: 1,
            // Chosen on the dev files: the shipped model at 500 is 21 MB
            // and within 0.003 of the unpruned 37 MB model.
            min_weight: 500,
        }
    }
}

/// One training sentence, with gold classes.
struct Sample {
    words: Vec<WordInfo>,
    tags: Vec<u16>,
    /// Gold heads, made projective; index 0 is the root (unused).
    heads: Vec<usize>,
    labels: Vec<u16>,
}

/// The seeded generator behind shuffling and exploration (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Trains a model on the given treebank blocks. `log` receives progress
/// lines (epochs, lifted arcs, sizes).
pub fn train(blocks: &[Block], settings: &Settings, log: &mut dyn FnMut(&str)) -> Model {
    // Inventories in sorted order, so class numbers do not depend on the
    // order of the input files.
    let mut tag_set = BTreeMap::new();
    let mut label_set = BTreeMap::new();
    for b in blocks {
        for w in b.words() {
            tag_set.entry((w.upos.clone(), w.xpos.clone())).or_insert(0usize);
            label_set.entry(w.deprel.clone()).or_insert(0usize);
        }
    }
    label_set.entry("root".to_string()).or_insert(0);
    for (i, v) in tag_set.values_mut().enumerate() {
        *v = i;
    }
    for (i, v) in label_set.values_mut().enumerate() {
        *v = i;
    }
    let tags: Vec<(Upos, CompactString)> = tag_set
        .keys()
        .map(|(u, x)| (Upos::parse(u).unwrap_or(Upos::X), CompactString::new(x)))
        .collect();
    let labels: Vec<CompactString> = label_set.keys().map(CompactString::new).collect();
    let root = label_set["root"] as u16;

    let mut lifted = 0;
    let samples: Vec<Sample> = blocks
        .iter()
        .map(|b| {
            let mut heads = vec![0usize];
            heads.extend(b.words().map(|w| w.head));
            lifted += parser::projectivize(&mut heads);
            Sample {
                words: b.words().map(|w| WordInfo::of(&w.form)).collect(),
                tags: b.words().map(|w| tag_set[&(w.upos.clone(), w.xpos.clone())] as u16).collect(),
                heads,
                labels: b.words().map(|w| label_set[&w.deprel] as u16).collect(),
            }
        })
        .collect();
    let words: usize = samples.iter().map(|s| s.words.len()).sum();
    log(&format!(
        "{} sentences, {words} words, {} tag classes, {} labels; {lifted} non-projective arcs lifted",
        samples.len(),
        tags.len(),
        labels.len()
    ));

    // Jackknifed tags for the parser's training data.
    let folds = settings.folds.max(1);
    let mut predicted: Vec<Vec<u16>> = samples.iter().map(|s| s.tags.clone()).collect();
    if folds > 1 {
        for k in 0..folds {
            let part: Vec<&Sample> = samples.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, s)| s).collect();
            let t = Tagger {
                table: train_tagger(&part, tags.len(), settings, &mut |_| {}).table(),
            };
            let mut out = Vec::new();
            for (i, s) in samples.iter().enumerate().filter(|(i, _)| i % folds == k) {
                t.tag(&s.words, &mut out);
                predicted[i] = out.clone();
            }
            log(&format!("jackknife tagger {}/{folds} done", k + 1));
        }
    }
    let all: Vec<&Sample> = samples.iter().collect();
    let tagger = train_tagger(&all, tags.len(), settings, log);
    let (trans, lab) = train_parser(&samples, &predicted, labels.len(), root, settings, log);
    Model::assemble(tags, labels, root, [&tagger, &trans, &lab])
}

fn train_tagger(samples: &[&Sample], classes: usize, settings: &Settings, log: &mut dyn FnMut(&str)) -> Frozen {
    let mut t = Trainer::new(classes);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = Rng::new(settings.seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0.0f32; classes];
    for epoch in 0..settings.tagger_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let s = samples[k];
            for i in 0..s.words.len() {
                // Gold history: the tagger is trained on the tags it would
                // see if it had been right so far.
                let p1 = tag_value(i.checked_sub(1).map(|j| s.tags[j]));
                let p2 = tag_value(i.checked_sub(2).map(|j| s.tags[j]));
                tagger::features(&s.words, i, p1, p2, &mut feats);
                t.score(&feats, &mut scores);
                let pred = argmax(&scores);
                let gold = s.tags[i] as usize;
                right += (pred == gold) as usize;
                total += 1;
                t.update(&feats, gold, pred);
                t.tick();
            }
        }
        log(&format!(
            "tagger epoch {}: {:.4} on training words",
            epoch + 1,
            right as f64 / total.max(1) as f64
        ));
    }
    t.freeze(settings.min_weight)
}

fn train_parser(
    samples: &[Sample],
    tags: &[Vec<u16>],
    nlabels: usize,
    root: u16,
    settings: &Settings,
    log: &mut dyn FnMut(&str),
) -> (Frozen, Frozen) {
    let mut trans = Trainer::new(3);
    let mut lab = Trainer::new(nlabels);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = Rng::new(settings.seed ^ 0x5eed);
    let mut feats = Vec::with_capacity(96);
    let mut scores = [0.0f32; 3];
    let mut lscores = vec![0.0f32; nlabels];
    for epoch in 0..settings.parser_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut arcs) = (0usize, 0usize);
        for &k in &order {
            let s = &samples[k];
            let mut nodes = Vec::with_capacity(s.words.len() + 1);
            nodes.push(Node::ROOT);
            nodes.extend(s.words.iter().zip(&tags[k]).map(|(w, &t)| Node {
                w: w.lower,
                p: tag_value(Some(t)),
            }));
            let mut st = State::new(s.words.len());
            while !st.terminal() {
                parser::features(&st, &nodes, &mut feats);
                trans.score(&feats, &mut scores);
                let costs = st.costs(&s.heads);
                let valid: Vec<usize> = [SHIFT, LEFT, RIGHT].into_iter().filter(|&a| st.valid(a)).collect();
                if valid.is_empty() {
                    break;
                }
                let best_of = |set: &mut dyn Iterator<Item = usize>| {
                    let mut best: Option<usize> = None;
                    for a in set {
                        if best.is_none_or(|b| scores[a] > scores[b]) {
                            best = Some(a);
                        }
                    }
                    best.unwrap_or(SHIFT)
                };
                let pred = best_of(&mut valid.iter().copied());
                let min = valid.iter().map(|&a| costs[a]).min().unwrap_or(0);
                let gold = best_of(&mut valid.iter().copied().filter(|&a| costs[a] == min));
                if costs[pred] > min {
                    trans.update(&feats, gold, pred);
                }
                trans.tick();
                let explore = epoch > 0 && rng.below(10) < 9;
                let a = if costs[pred] == min || explore { pred } else { gold };
                let mut label = 0u16;
                if let Some((h, d)) = st.arc(a) {
                    if h == 0 {
                        label = root;
                    } else if s.heads[d] == h {
                        label_features(&st, &nodes, a, h, d, &mut feats);
                        lab.score(&feats, &mut lscores);
                        lscores[root as usize] = f32::NEG_INFINITY;
                        let p = argmax(&lscores);
                        let g = s.labels[d - 1] as usize;
                        lab.update(&feats, g, p);
                        lab.tick();
                        // Teacher forcing: later features see the gold label.
                        label = g as u16;
                    } else {
                        label = s.labels[d - 1];
                    }
                }
                st.apply(a, label);
            }
            for d in 1..=s.words.len() {
                arcs += 1;
                right += (st.heads[d] == s.heads[d]) as usize;
            }
        }
        log(&format!(
            "parser epoch {}: {:.4} of training arcs right (while exploring)",
            epoch + 1,
            right as f64 / arcs.max(1) as f64
        ));
    }
    (trans.freeze(settings.min_weight), lab.freeze(settings.min_weight))
}

/// Scores on gold tokens, computed as `score.py parse` does: every word
/// counts, and labels are compared without their subtype.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
}

/// Tags and parses the words of `blocks` and compares with their gold
/// annotation.
pub fn evaluate(model: &Model, blocks: &[Block]) -> Scores {
    let (mut n, mut upos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize);
    for b in blocks {
        let forms: Vec<&str> = b.words().map(|w| w.form.as_str()).collect();
        let a = model.analyse(&forms);
        for (i, w) in b.words().enumerate() {
            n += 1;
            upos += (model.upos(a.tags[i]).as_str() == w.upos) as usize;
            if a.heads[i] == w.head {
                uas += 1;
                let base = |l: &str| l.split(':').next().unwrap_or("").to_string();
                las += (base(model.label(a.labels[i])) == base(&w.deprel)) as usize;
            }
        }
    }
    let r = |x: usize| x as f64 / n.max(1) as f64;
    Scores {
        sentences: blocks.len(),
        words: n,
        upos: r(upos),
        uas: r(uas),
        las: r(las),
    }
}

/// Scores on geokg's own words of each block's `# text` line: the text is
/// tokenised by the text stage and cut into UD words by `words::segment`
/// (one sentence per block, as the gold splits it), then tagged and parsed.
/// A gold word counts as right only when a predicted word has exactly its
/// span (and, for UAS and LAS, a head with the gold head's span), so
/// tokenisation mistakes cost what they would cost a later stage. Figures
/// are over gold words (recall); `words` is the F1 of word spans.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextScores {
    pub sentences: usize,
    pub gold_words: usize,
    pub word_f1: f64,
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
}

pub fn evaluate_text(model: &Model, blocks: &[Block]) -> TextScores {
    let (mut gold_n, mut pred_n, mut same, mut upos, mut uas, mut las, mut sentences) = (0, 0, 0, 0, 0, 0, 0);
    for b in blocks {
        let Some(text) = b.comments.iter().find_map(|c| c.strip_prefix("text = ")) else {
            continue;
        };
        sentences += 1;
        // Gold spans: each form found in the text from where the last one
        // ended; a form not found (rare, inside some multiword tokens)
        // has no span and can never be matched.
        let mut cursor = 0;
        let gold: Vec<Option<(usize, usize)>> = b
            .words()
            .map(|w| {
                let rest = text.get(cursor..)?;
                let at = rest.find(w.form.as_str())?;
                // Only whitespace may lie between two words.
                if !rest[..at].trim().is_empty() {
                    return None;
                }
                let s = cursor + at;
                cursor = s + w.form.len();
                Some((s, cursor))
            })
            .collect();
        let toks = crate::text::tokenize(text);
        let spans = super::words::segment(text, &toks);
        let forms: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        let a = model.analyse(&forms);
        let span_of_pred = |h: usize| if h == 0 { Some((0, 0)) } else { spans.get(h - 1).copied() };
        let gw: Vec<_> = b.words().collect();
        let span_of_gold = |h: usize| if h == 0 { Some((0, 0)) } else { gold.get(h - 1).copied().flatten() };
        gold_n += gw.len();
        pred_n += spans.len();
        let index: std::collections::HashMap<(usize, usize), usize> = spans.iter().enumerate().map(|(i, &s)| (s, i)).collect();
        for (g, w) in gold.iter().zip(&gw) {
            let Some(&i) = g.and_then(|g| index.get(&g)) else { continue };
            same += 1;
            upos += (model.upos(a.tags[i]).as_str() == w.upos) as usize;
            if span_of_pred(a.heads[i]).is_some() && span_of_pred(a.heads[i]) == span_of_gold(w.head) {
                uas += 1;
                let base = |l: &str| l.split(':').next().unwrap_or("").to_string();
                las += (base(model.label(a.labels[i])) == base(&w.deprel)) as usize;
            }
        }
    }
    let r = |x: usize| x as f64 / gold_n.max(1) as f64;
    let p = same as f64 / pred_n.max(1) as f64;
    let rc = r(same);
    TextScores {
        sentences,
        gold_words: gold_n,
        word_f1: if p + rc > 0.0 { 2.0 * p * rc / (p + rc) } else { 0.0 },
        upos: r(upos),
        uas: r(uas),
        las: r(las),
    }
}
