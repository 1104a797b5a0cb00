//! Text stage: from a document's raw text to tokens and story sentences.
//!
//! Nothing here changes the text: every token and sentence keeps byte offsets
//! into the original string, and normalisation (curly quotes, ALL-CAPS) lives
//! in the tokens' lookup keys.

pub mod sentence;
pub mod token;

pub use sentence::{is_word_abbreviation, split_sentences, Sentence};
pub use token::{tokenize, Case, Token, TokenKind};
