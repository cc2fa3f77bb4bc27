//! STUB
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlArticle { pub title: Option<String>, pub paragraphs: Vec<String>, pub date: Option<String>, pub source: Option<String>, pub url: Option<String>, pub author: Option<String>, pub description: Option<String> }
pub fn parse_html(_html: &str) -> HtmlArticle { HtmlArticle::default() }
