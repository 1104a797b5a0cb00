//! geokg: turns news about international politics into a knowledge graph of
//! typed, traceable relations.
//!
//! The pipeline: [`input`] reads documents, [`extract`] turns each into
//! triples, [`graph`] stores and merges them, [`query`] answers questions,
//! [`render`] draws diagrams and [`output`] writes every file format (the
//! diagrams, the exports and the Arrow tables) through one registry. `cli`
//! is the command-line edge.

pub mod atomic;
pub mod date;
pub mod dict;
pub mod diff;
pub mod error;
pub mod extract;
pub mod graph;
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
