//! Coreference within an article: the history of resolved referents in text
//! order, and the choice of antecedent for pronouns, descriptions ("the
//! country") and pairs ("both sides", "the two leaders").

use super::{EntId, Registry};
use crate::lexicon::Gender;
use crate::model::EntityType;

/// How far back (in resolved mentions) an antecedent is looked for.
const WINDOW: usize = 40;

#[derive(Debug, Default)]
pub struct Coref {
    /// Resolved referents in text order, with the token where they stand.
    history: Vec<(EntId, usize)>,
    /// First token of the sentence being read.
    pub sentence_start: usize,
}

impl Coref {
    pub fn note(&mut self, e: EntId, tok: usize) {
        self.history.push((e, tok));
    }

    /// The most recent referent before token `before` that `ok` accepts.
    pub fn last(&self, before: usize, ok: impl Fn(EntId) -> bool) -> Option<EntId> {
        self.history
            .iter()
            .rev()
            .filter(|(_, t)| *t < before)
            .take(WINDOW)
            .find(|(e, _)| ok(*e))
            .map(|(e, _)| *e)
    }

    /// The token of the most recent referent before `before`.
    pub fn last_at(&self, before: usize) -> Option<usize> {
        self.history.iter().rev().find(|(_, t)| *t < before).map(|(_, t)| *t)
    }

    /// The two most recent distinct referents that `ok` accepts.
    pub fn last_two(&self, before: usize, ok: impl Fn(EntId) -> bool) -> Option<(EntId, EntId)> {
        let mut first = None;
        for (e, _) in self.history.iter().rev().filter(|(_, t)| *t < before).take(WINDOW) {
            if !ok(*e) {
                continue;
            }
            match first {
                None => first = Some(*e),
                Some(f) if f != *e => return Some((*e, f)),
                _ => {}
            }
        }
        None
    }

    /// The antecedent of a personal or possessive pronoun.
    pub fn pronoun(&self, reg: &Registry, key: &str, before: usize) -> Option<EntId> {
        let person = |g: Option<Gender>| {
            move |e: EntId| reg.ents[e].kind == EntityType::Person && (reg.ents[e].gender.is_none() || reg.ents[e].gender == g)
        };
        match key {
            "he" | "him" | "his" | "himself" => self.last(before, person(Some(Gender::Male))),
            "she" | "her" | "hers" | "herself" => self.last(before, person(Some(Gender::Female))),
            "it" | "its" | "itself" => self.last(before, |e| {
                matches!(reg.ents[e].kind, EntityType::Country | EntityType::Organization)
            }),
            "they" | "them" | "their" => {
                // A group named just before, or an actor earlier in the same
                // sentence ("Palestinian leaders said they would ..."):
                // further back "they" is too often vague.
                let (e, t) = *self.history.last()?;
                if reg.ents[e].kind == EntityType::Group && before.saturating_sub(t) < 30 {
                    return Some(e);
                }
                let start = self.sentence_start;
                self.history
                    .iter()
                    .rev()
                    .filter(|(_, t)| *t < before && *t >= start)
                    .find(|(e, _)| {
                        matches!(
                            reg.ents[*e].kind,
                            EntityType::Group | EntityType::Country | EntityType::Organization
                        )
                    })
                    .map(|(e, _)| *e)
            }
            _ => None,
        }
    }

    /// The antecedent of "the country", "the alliance", "the city".
    pub fn description(&self, reg: &Registry, kind: EntityType, before: usize) -> Option<EntId> {
        self.last(before, |e| reg.ents[e].kind == kind)
    }
}
