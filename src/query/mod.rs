//! Questions asked of a graph, one file each: neighbourhoods
//! ([`neighbors`]), summary statistics ([`stats`]), timelines
//! ([`timeline`]), key actors ([`top`]) and event records ([`events`]).
//! The entity and statement summaries their answers share live here.

pub mod events;
mod neighbors;
mod stats;
mod timeline;
mod top;

pub use neighbors::{
    answer as neighbor_answer, neighbors, reach, Direction, EntityName, NeighborAnswer, NeighborQuery, NeighborRow, Neighborhood, Quote,
};
pub use stats::{stats, Stats};
pub use timeline::{timeline, Period, TimelineRow};
pub use top::top;

use crate::graph::{EntityRecord, EvidenceRecord, KnowledgeGraph};
use crate::model::{EntityType, Modality};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSummary {
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    pub date: Option<String>,
    pub modality: Modality,
    pub negated: bool,
}

impl From<&EntityRecord> for EntitySummary {
    fn from(e: &EntityRecord) -> EntitySummary {
        EntitySummary {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
        }
    }
}

impl From<&EvidenceRecord> for EvidenceSummary {
    fn from(e: &EvidenceRecord) -> EvidenceSummary {
        EvidenceSummary {
            doc: e.doc.to_string(),
            sentence: e.sentence,
            text: e.text.clone(),
            date: e.date.as_ref().map(|d| d.to_string()),
            modality: e.modality,
            negated: e.negated,
        }
    }
}

pub(crate) fn summary(g: &KnowledgeGraph, n: NodeIndex) -> EntitySummary {
    g.entity(n).into()
}
