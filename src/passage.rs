//! STUB
pub struct PassageDraft { pub heading: Option<String>, pub text: String }
pub const MAX_PASSAGE_CHARS: usize = 1500;
pub fn split_passages(paragraphs: &[String]) -> Vec<PassageDraft> {
    paragraphs.iter().map(|p| PassageDraft { heading: None, text: p.clone() }).collect()
}
