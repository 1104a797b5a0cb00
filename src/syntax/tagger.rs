//! The part-of-speech tagger: a greedy left-to-right averaged perceptron.
//!
//! It predicts one class per word, a (UPOS, XPOS) pair seen in training,
//! because the fine Penn tags (VBD against VBN, NNP against NNPS) are what
//! the parser needs most from a tagger, and UPOS follows from the pair.
//! Features are the word, its neighbours two either side, affixes, shape
//! and the two tags already chosen.

use super::features::{f1, f2, f3, mix, WordInfo, NONE};
use super::perceptron::Table;

/// The value of an already chosen tag in a feature.
#[inline]
pub fn tag_value(tag: Option<u16>) -> u64 {
    tag.map_or(NONE, |t| mix(t as u64, 77))
}

/// The features of word `i`, given the tags of the two words before it.
pub fn features(words: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &words[i];
    let at = |k: isize| -> Option<&WordInfo> {
        let j = i as isize + k;
        (j >= 0).then(|| words.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(NONE, |w| w.lower);
    let suf3 = |k: isize| at(k).map_or(NONE, |w| w.suffix[2]);
    let shape = |k: isize| at(k).map_or(NONE, |w| w.shape);
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, w.form),
        f1(2, w.lower),
        f1(3, w.suffix[0]),
        f1(4, w.suffix[1]),
        f1(5, w.suffix[2]),
        f1(6, w.suffix[3]),
        f1(7, w.prefix[0]),
        f1(8, w.prefix[1]),
        f1(9, w.prefix[2]),
        f1(10, w.shape),
        f1(11, p1),
        f2(12, p2, p1),
        f2(13, p1, w.lower),
        f1(14, lower(-1)),
        f1(15, suf3(-1)),
        f1(16, lower(-2)),
        f1(17, lower(1)),
        f1(18, suf3(1)),
        f1(19, lower(2)),
        f1(20, shape(1)),
        f1(21, shape(-1)),
        f2(22, lower(-1), w.lower),
        f2(23, w.lower, lower(1)),
        f2(24, p1, lower(1)),
        f2(25, (i == 0) as u64, w.shape),
        f2(26, p1, w.suffix[2]),
        f3(27, p1, w.lower, lower(1)),
        f2(28, shape(-1), w.shape),
        f2(29, w.shape, shape(1)),
    ]);
}

/// The trained tagger.
pub struct Tagger {
    pub(crate) table: Table,
}

impl Tagger {
    /// Tags every word; `out` gets one class index per word.
    pub fn tag(&self, words: &[WordInfo], out: &mut Vec<u16>) {
        out.clear();
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.table.classes()];
        for i in 0..words.len() {
            let top = self.score_at(words, i, out, &mut feats, &mut scores);
            out.push(top as u16);
        }
    }

    /// Scores the classes of word `i` given the tags chosen before it
    /// (`before[..i]`); returns the best class.
    fn score_at(&self, words: &[WordInfo], i: usize, before: &[u16], feats: &mut Vec<u64>, scores: &mut [i32]) -> usize {
        let p1 = tag_value(i.checked_sub(1).map(|j| before[j]));
        let p2 = tag_value(i.checked_sub(2).map(|j| before[j]));
        features(words, i, p1, p2, feats);
        self.table.score(feats, scores);
        argmax(scores)
    }
}

/// Which tag classes the one-verb rule of [`Tagger::tag_news`] reads: the
/// classes that count as a verb, and the finite verb classes (VBZ, VBP,
/// VBD) a word may be given when no word got one.
#[derive(Debug, Clone, Default)]
pub struct VerbClasses {
    verbal: Vec<bool>,
    finite: Vec<u16>,
}

impl VerbClasses {
    pub fn of(tags: &[(super::Upos, compact_str::CompactString)]) -> VerbClasses {
        use super::Upos;
        VerbClasses {
            verbal: tags.iter().map(|(u, _)| matches!(u, Upos::Verb | Upos::Aux)).collect(),
            finite: (0..tags.len() as u16)
                .filter(|&c| {
                    let (u, x) = &tags[c as usize];
                    *u == Upos::Verb && matches!(x.as_str(), "VBZ" | "VBP" | "VBD")
                })
                .collect(),
        }
    }
}

impl Tagger {
    /// Tags every word as [`Tagger::tag`] does, then makes sure a story
    /// sentence has a verb. News writes its sentences in the present
    /// tense with few function words ("Hu Jintao of China arrives in
    /// Ottawa", "French police arrest the leader of ETA"), and a tagger
    /// trained on web and academic text reads such a bare "-s" form as a
    /// plural noun. When no word got a verb tag, the [`TRIED_VERBS`] words
    /// whose best finite verb class scored closest to their own best class
    /// are each tried as the verb, with the words after them tagged again
    /// (their features read the tags before them). The trial whose tags
    /// lose least against the plain tagging wins, if it loses no more than
    /// [`MAX_VERB_COST`]. `eligible` says which words may take the verb:
    /// the caller leaves out names, numbers and punctuation.
    pub fn tag_news(&self, words: &[WordInfo], out: &mut Vec<u16>, verbs: &VerbClasses, eligible: impl Fn(usize) -> bool) {
        out.clear();
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.table.classes()];
        // Each word's winning score, and for eligible words their best
        // finite class with its score.
        let mut won: Vec<i64> = Vec::with_capacity(words.len());
        let mut candidates: Vec<(i64, usize, u16)> = Vec::new();
        for i in 0..words.len() {
            let top = self.score_at(words, i, out, &mut feats, &mut scores);
            out.push(top as u16);
            won.push(scores[top] as i64);
            if let Some(&c) = verbs
                .finite
                .iter()
                .filter(|_| eligible(i))
                .max_by_key(|&&c| (scores[c as usize], std::cmp::Reverse(c)))
            {
                candidates.push((scores[c as usize] as i64 - scores[top] as i64, i, c));
            }
        }
        if out.iter().any(|&t| verbs.verbal.get(t as usize).copied().unwrap_or(false)) {
            return;
        }
        // The few words closest to a verb are each tried as the verb, with
        // the words after them tagged again; the sentence whose tags score
        // highest in all wins. A word's own score alone prefers "quake"
        // over "hits" in "a quake hits the coast": the words after a real
        // verb fit it better.
        candidates.sort_by_key(|&(gap, i, _)| (std::cmp::Reverse(gap), i));
        candidates.truncate(TRIED_VERBS);
        let mut best: Option<(i64, Vec<u16>)> = None;
        let mut trial = Vec::with_capacity(words.len());
        for &(gap, at, class) in &candidates {
            trial.clear();
            trial.extend_from_slice(&out[..at]);
            trial.push(class);
            let mut change = gap;
            for (i, &plain) in won.iter().enumerate().skip(at + 1) {
                let top = self.score_at(words, i, &trial, &mut feats, &mut scores);
                trial.push(top as u16);
                change += scores[top] as i64 - plain;
            }
            if change >= MAX_VERB_COST && best.as_ref().is_none_or(|(b, _)| change > *b) {
                best = Some((change, trial.clone()));
            }
        }
        if let Some((_, tags)) = best {
            *out = tags;
        }
    }
}

/// How many words [`Tagger::tag_news`] tries as the verb of a sentence
/// that has none.
const TRIED_VERBS: usize = 8;
/// The most a sentence's tag scores may fall for [`Tagger::tag_news`] to
/// give it a verb.
const MAX_VERB_COST: i64 = -25_000;

/// The index of the highest score; the lowest index wins a tie, so
/// decisions never depend on anything but the weights.
pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
