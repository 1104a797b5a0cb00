//! Event details read from a triple's sentence: where the event happened,
//! how many it killed and injured. The words are `details.tsv` rows.
//!
//! These are sentence-level readings: a sentence that reports two attacks
//! gives both the same place and counts. Reading them from the clause of
//! the event's verb waits for the relation layer on the parse.

use super::{DocCx, EntId, MentionKind};
use crate::model::EntityType;
use crate::text::TokenKind;

/// How far a place may stand after its preposition ("in the eastern city
/// of Kharkiv").
const PLACE_REACH: usize = 5;

/// The place of an event in sentence `s`: the first location or country
/// introduced by a place preposition ("in", "near") that is not one of the
/// event's actors. "in Ukraine's Kharkiv region" gives Kharkiv.
pub fn place(cx: &DocCx, s: usize, ends: [EntId; 2]) -> Option<EntId> {
    let range = cx.sentences.get(s)?.tokens.clone();
    let is_place = |e: EntId| matches!(cx.reg.kind(e), EntityType::Location | EntityType::Country) && !ends.contains(&e);
    for i in range.clone() {
        if !cx.lex.details.place_preps.contains(cx.key(i)) {
            continue;
        }
        let mut j = i + 1;
        while j < range.end && j <= i + PLACE_REACH {
            let t = &cx.toks[j];
            if let Some(m) = cx.mention(j) {
                if m.kind == MentionKind::Adjective {
                    j = m.tok.end;
                    continue;
                }
                let mut found = m.ent;
                // "Ukraine's Kharkiv region": the owned place is the nearer one.
                if cx.key(m.tok.end) == "'s" {
                    if let Some(n) = cx.mention(m.tok.end + 1).filter(|n| n.kind != MentionKind::Adjective) {
                        if is_place(n.ent) {
                            found = n.ent;
                        }
                    }
                }
                if is_place(found) {
                    return Some(found);
                }
                break;
            }
            // Only lowercase words ("the", "eastern", "city", "of") may stand
            // between the preposition and its place.
            if t.kind != TokenKind::Word || t.is_capitalized() {
                break;
            }
            j += 1;
        }
    }
    None
}

/// The number a token spells, if any: digits (with thousands commas) or a
/// number word. Years are not counts.
fn number_at(cx: &DocCx, i: usize) -> Option<u32> {
    let t = cx.toks.get(i)?;
    let key = t.key.as_str();
    if t.kind == TokenKind::Number {
        let digits: String = key.chars().filter(|c| *c != ',').collect();
        let n: u32 = digits.parse().ok()?;
        let year = !key.contains(',') && key.len() == 4 && (1900..=2100).contains(&n);
        return (!year).then_some(n);
    }
    cx.lex.details.numbers.get(key).copied()
}

/// The people killed and injured that sentence `s` counts: a number after
/// a count word ("killing at least 12", "wounding 30"), else before one
/// ("12 people were killed", "30 injured").
pub fn casualties(cx: &DocCx, s: usize) -> (Option<u32>, Option<u32>) {
    let Some(range) = cx.sentences.get(s).map(|s| s.tokens.clone()) else {
        return (None, None);
    };
    let d = &cx.lex.details;
    let (mut dead, mut injured) = (None, None);
    let mut set = |key: &str, n: u32| {
        if d.dead.contains(key) {
            dead = dead.or(Some(n));
            true
        } else if d.injured.contains(key) {
            injured = injured.or(Some(n));
            true
        } else {
            false
        }
    };
    for i in range.clone() {
        let Some(n) = number_at(cx, i) else { continue };
        // Backwards: the count word, with only hedges between.
        let mut j = i;
        let mut before = false;
        while j > range.start && i - j < 4 {
            j -= 1;
            if set(cx.key(j), n) {
                before = true;
                break;
            }
            if !d.approx.contains(cx.key(j)) {
                break;
            }
        }
        if before {
            continue;
        }
        // Forwards: "12 people were killed", stopping at punctuation or
        // another number.
        for j in i + 1..range.end.min(i + 5) {
            let t = &cx.toks[j];
            if t.kind == TokenKind::Punct || number_at(cx, j).is_some() || set(cx.key(j), n) {
                break;
            }
        }
    }
    (dead, injured)
}
