//! The plain data types that flow between the pipeline stages and out of the
//! tool: entity types, relation categories, triples and their evidence.
//!
//! These types are the JSON contract that outside scripts read, so field names
//! and enum spellings here change only by adding.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The entity types of `spec/ontology.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityType {
    Person,
    Country,
    Organization,
    Location,
    Group,
    Other,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        EntityType::Person,
        EntityType::Country,
        EntityType::Organization,
        EntityType::Location,
        EntityType::Group,
        EntityType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Country => "COUNTRY",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Location => "LOCATION",
            EntityType::Group => "GROUP",
            EntityType::Other => "OTHER",
        }
    }

    /// The lowercase prefix of entity ids (`person:alexander-lukashenko`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Country => "country",
            EntityType::Organization => "org",
            EntityType::Location => "location",
            EntityType::Group => "group",
            EntityType::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Actors can do things to each other; places and named things cannot.
    pub fn is_actor(self) -> bool {
        !matches!(self, EntityType::Other)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The quad class of an event category (PLOVER/CAMEO), or `State` for the
/// standing relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quad {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
    State,
}

macro_rules! categories {
    ($($variant:ident => $name:literal, $quad:ident;)*) => {
        /// The fixed `category` vocabulary of `spec/ontology.md`: 16 PLOVER
        /// event types and 5 state relations.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Category {
            $(#[serde(rename = $name)] $variant,)*
        }

        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Category::$variant => $name,)* }
            }

            pub fn quad(self) -> Quad {
                match self { $(Category::$variant => Quad::$quad,)* }
            }
        }
    };
}

categories! {
    Agree => "AGREE", VerbalCooperation;
    Consult => "CONSULT", VerbalCooperation;
    Support => "SUPPORT", VerbalCooperation;
    Concede => "CONCEDE", VerbalCooperation;
    Cooperate => "COOPERATE", MaterialCooperation;
    Aid => "AID", MaterialCooperation;
    Retreat => "RETREAT", MaterialCooperation;
    Request => "REQUEST", VerbalConflict;
    Accuse => "ACCUSE", VerbalConflict;
    Reject => "REJECT", VerbalConflict;
    Threaten => "THREATEN", VerbalConflict;
    Protest => "PROTEST", MaterialConflict;
    Sanction => "SANCTION", VerbalConflict;
    Mobilize => "MOBILIZE", MaterialConflict;
    Coerce => "COERCE", MaterialConflict;
    Assault => "ASSAULT", MaterialConflict;
    LeaderOf => "LEADER_OF", State;
    AffiliatedWith => "AFFILIATED_WITH", State;
    AllyOf => "ALLY_OF", State;
    LocatedIn => "LOCATED_IN", State;
    Family => "FAMILY", State;
}

impl Category {
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Category::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s))
    }

    pub fn is_event(self) -> bool {
        self.quad() != Quad::State
    }

    /// +1 for cooperation, -1 for conflict, 0 for state relations: the sign
    /// used by net cooperation lines.
    pub fn polarity(self) -> i32 {
        match self.quad() {
            Quad::VerbalCooperation | Quad::MaterialCooperation => 1,
            Quad::VerbalConflict | Quad::MaterialConflict => -1,
            Quad::State => 0,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the text presents a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Reported,
    Planned,
    Requested,
    Hypothetical,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Planned => "planned",
            Modality::Requested => "requested",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// An entity as a triple names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

/// Where a triple comes from: a sentence of a document, with byte offsets
/// into the original document text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
}

/// One extracted relation: the line `geokg extract` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triple {
    pub subject: EntityRef,
    pub predicate: String,
    pub category: Category,
    pub object: EntityRef,
    pub evidence: Evidence,
    /// ISO date of the event (`2025-06-21`, `2024-12`, `2021`) or null.
    pub date: Option<String>,
    /// `day`, `month`, `year`, or null when `date` is null.
    pub date_precision: Option<String>,
    pub negated: bool,
    pub modality: Modality,
    pub attribution: Option<EntityRef>,
    pub confidence: f32,
    pub rule: String,
    /// Direction carries no meaning (met, swapped-prisoners-with, ally-of).
    pub symmetric: bool,
    /// A state relation the text says has ended: "former President X",
    /// "the late king", "ousted leader". Never a current edge.
    #[serde(default, skip_serializing_if = "is_false")]
    pub former: bool,
    /// When the relation held, as the gazetteer's dated roles say (ISO
    /// dates; open ends absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Where an event happened, when the sentence names a place that is
    /// neither of its actors ("in Kharkiv").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<EntityRef>,
    /// People killed and injured, as the sentence counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u32>,
    /// The PLOVER mode of the event ("aerial", "arrest"), when the lexicon
    /// row of its predicate names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// For `skip_serializing_if`: false flags stay out of the JSON.
pub fn is_false(b: &bool) -> bool {
    !*b
}

/// One entity mention, the line `geokg extract --mentions` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionOut {
    pub doc: String,
    pub span: [usize; 2],
    pub text: String,
    pub name: String,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub sentence: usize,
}

/// A stable entity id: `country:BLR` for countries (ISO alpha-3), otherwise
/// the type prefix and a slug of the canonical name.
pub fn entity_id(kind: EntityType, name: &str, iso3: Option<&str>) -> String {
    match (kind, iso3) {
        (EntityType::Country, Some(code)) => format!("country:{code}"),
        _ => format!("{}:{}", kind.id_prefix(), slug(name)),
    }
}

/// Lowercase ASCII-ish slug: letters and digits kept (non-ASCII letters kept
/// as they are, lowercased), everything else folded into single hyphens.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for ch in name.chars() {
        let ch = fold_diacritic(ch);
        if ch.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(ch.to_lowercase());
        } else if ch != '\'' && ch != '\u{2019}' && ch != '.' {
            dash = true;
        }
    }
    out
}

/// Folds the common Latin diacritics so that "Erdoğan" and "Erdogan" share a
/// slug and a lookup key.
pub fn fold_diacritic(ch: char) -> char {
    match ch {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => 'O',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' => 'Z',
        'š' | 'ś' | 'ş' => 's',
        'Š' | 'Ś' | 'Ş' => 'S',
        'ğ' => 'g',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'ţ' | 'ť' => 't',
        'đ' => 'd',
        _ => ch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_through_json() {
        for c in Category::ALL {
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(Category::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Category::ALL.len(), 21);
    }

    #[test]
    fn ids_are_stable_slugs() {
        assert_eq!(entity_id(EntityType::Country, "Belarus", Some("BLR")), "country:BLR");
        assert_eq!(
            entity_id(EntityType::Person, "Alexander Lukashenko", None),
            "person:alexander-lukashenko"
        );
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slug("Côte d'Ivoire"), "cote-divoire");
    }
}
