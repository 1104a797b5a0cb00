//! geokg: turns news about international politics into a knowledge graph of
//! typed, traceable relations.
//!
//! The pipeline: [`input`] reads documents, [`extract`] turns each into
//! triples, [`graph`] stores and merges them, [`query`] answers questions and
//! [`render`] draws diagrams. `cli` is the command-line edge.

pub mod atomic;
pub mod date;
pub mod dict;
pub mod diff;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod html;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod options;
pub mod output;
pub mod path;
pub mod query;
pub mod render;
pub mod resolve;
pub mod syntax;

#[cfg(test)]
mod properties;
pub mod terminal;
pub mod text;

pub use error::{Error, Result};
