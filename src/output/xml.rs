//! What the XML exports (GraphML, GEXF) share: text made safe for XML 1.0,
//! and node ids kept distinct when that changes them.

use crate::graph::GraphFile;
use std::borrow::Cow;
use std::collections::HashMap;

/// Replaces the characters XML 1.0 does not allow anywhere, even escaped
/// (control characters other than tab and line breaks, U+FFFE, U+FFFF):
/// quick-xml escapes markup but passes these through, and a single one makes
/// the whole file unreadable to XML parsers.
pub(super) fn xml_safe(s: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}');
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}

/// XML node ids: each entity id made XML-safe, and kept distinct when
/// two ids differ only in characters XML forbids (both would otherwise
/// become the same `x\u{FFFD}` and a reader would merge the two entities).
pub(super) fn xml_ids(f: &GraphFile) -> HashMap<&str, String> {
    let mut taken: std::collections::HashSet<String> = f
        .entities
        .iter()
        .filter(|e| matches!(xml_safe(&e.id), Cow::Borrowed(_)))
        .map(|e| e.id.to_string())
        .collect();
    let mut ids = HashMap::with_capacity(f.entities.len());
    for e in &f.entities {
        let id = match xml_safe(&e.id) {
            Cow::Borrowed(id) => id.to_string(),
            Cow::Owned(safe) => {
                let mut id = safe.clone();
                let mut n = 2;
                while !taken.insert(id.clone()) {
                    id = format!("{safe}~{n}");
                    n += 1;
                }
                id
            }
        };
        ids.insert(e.id.as_str(), id);
    }
    ids
}
