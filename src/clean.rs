//! STUB until the cleaning module lands.
pub fn normalize(text: &str) -> String { text.split_whitespace().collect::<Vec<_>>().join(" ") }
pub fn is_boilerplate(_p: &str) -> bool { false }
pub fn clean_paragraphs<I: IntoIterator<Item = S>, S: AsRef<str>>(raw: I) -> Vec<String> {
    raw.into_iter().map(|p| normalize(p.as_ref())).filter(|p| !p.is_empty()).collect()
}
