//! STUB
pub struct Country { pub code: &'static str, pub name: &'static str, pub region: &'static str, pub subregion: &'static str, pub years: Option<(i32, i32)>, pub aliases: Vec<&'static str>, pub demonyms: Vec<&'static str>, pub capitals: Vec<&'static str> }
static ALL: std::sync::LazyLock<Vec<Country>> = std::sync::LazyLock::new(|| vec![
  Country { code: "KZ", name: "Kazakhstan", region: "Asia", subregion: "Central Asia", years: None, aliases: vec![], demonyms: vec!["Kazakh"], capitals: vec!["Astana"] },
  Country { code: "RU", name: "Russia", region: "Europe", subregion: "Eastern Europe", years: None, aliases: vec![], demonyms: vec!["Russian"], capitals: vec!["Moscow"] },
]);
pub fn all() -> &'static [Country] { &ALL }
pub fn by_code(code: &str) -> Option<&'static Country> { all().iter().find(|c| c.code.eq_ignore_ascii_case(code)) }
pub fn by_name(name: &str) -> Option<&'static Country> { all().iter().find(|c| c.name == name) }
impl Country { pub fn facet_path(&self) -> String { format!("/{}/{}/{}", self.region, self.subregion, self.name) } }
pub enum Selector { Country(&'static Country), Region(&'static str), Subregion { region: &'static str, subregion: &'static str } }
impl Selector { pub fn facet_path(&self) -> String { match self { Selector::Country(c) => c.facet_path(), Selector::Region(r) => format!("/{r}"), Selector::Subregion { region, subregion } => format!("/{region}/{subregion}") } } }
pub fn resolve(query: &str) -> Result<Selector, Vec<String>> {
    if let Some(c) = by_code(query).or_else(|| all().iter().find(|c| c.name.eq_ignore_ascii_case(query))) { return Ok(Selector::Country(c)); }
    if query.eq_ignore_ascii_case("central asia") { return Ok(Selector::Subregion { region: "Asia", subregion: "Central Asia" }); }
    Err(vec!["Kazakhstan".into()])
}
pub struct Mention { pub code: &'static str, pub start: usize, pub end: usize }
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = vec![];
    for c in all() { for n in std::iter::once(c.name).chain(c.demonyms.iter().copied()) { if let Some(i) = text.find(n) { out.push(Mention { code: c.code, start: i, end: i + n.len() }); } } }
    out.sort_by_key(|m| m.start); out
}
pub fn dateline_country(_text: &str) -> Option<&'static str> { None }
pub struct AboutInput<'a> { pub title: &'a str, pub dateline: Option<&'static str>, pub passages: &'a [Vec<&'static str>] }
pub fn about(input: &AboutInput) -> Vec<&'static str> { let mut v: Vec<&'static str> = input.passages.iter().flatten().copied().collect(); v.sort(); v.dedup(); v }
