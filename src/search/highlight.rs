//! Where the query's words are in a passage: the passage is run through the index's own
//! analyser and every token whose indexed form is a query term is marked, so that
//! `Michael` highlights `Michaël` and `elections` highlights `election` exactly as they matched.

use std::collections::HashSet;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

/// The indexed forms of the query's terms in one field.
pub type Terms = HashSet<String>;

/// Terms of `query` that target `field` (excluded terms included: harmless, they cannot match).
pub fn query_terms(query: &dyn Query, field: Field) -> Terms {
    let mut terms = Terms::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field
            && let Some(text) = term.value().as_str()
        {
            terms.insert(text.to_string());
        }
    });
    terms
}

/// Byte ranges `[start, end)` of the tokens of `text` that are query terms.
pub fn highlight(text: &str, terms: &Terms, mut analyzer: TextAnalyzer) -> Vec<[usize; 2]> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        if terms.contains(&token.text) {
            ranges.push([token.offset_from, token.offset_to]);
        }
    }
    ranges
}
