//! What newsdex understands in an article: its passages, the countries each passage
//! mentions, the countries the article is about, and the people it quotes.
//!
//! Everything here is pure (no I/O, no index): an [`Article`] in, an [`EnrichedArticle`] out,
//! so `newsdex extract`, the indexer and the evaluations all see the same thing.

pub mod countries;
pub mod speakers;

use crate::article::{Article, CountryCount, EnrichedArticle, Passage, SpeakerQuotes};
use crate::passage::split_passages;

/// Splits an article into passages and tags them with countries and speakers.
pub fn enrich(article: Article) -> EnrichedArticle {
    let drafts = split_passages(&article.paragraphs);
    let texts: Vec<&str> = drafts.iter().map(|d| d.text.as_str()).collect();
    let attribution = speakers::attribute(&texts);

    let mut mentions_per_passage: Vec<Vec<&'static str>> = Vec::with_capacity(drafts.len());
    let mut counts: Vec<CountryCount> = Vec::new();
    for draft in &drafts {
        let mut codes: Vec<&'static str> = Vec::new();
        let heading_mentions = draft.heading.as_deref().map(countries::mentions).unwrap_or_default();
        for mention in heading_mentions.iter().chain(countries::mentions(&draft.text).iter()) {
            codes.push(mention.code);
            match counts.iter_mut().find(|c| c.code == mention.code) {
                Some(count) => count.mentions += 1,
                None => {
                    if let Some(country) = countries::by_code(mention.code) {
                        counts.push(CountryCount { code: country.code, name: country.name, mentions: 1 });
                    }
                }
            }
        }
        mentions_per_passage.push(codes);
    }
    counts.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.code.cmp(b.code)));

    let dateline = article
        .dateline
        .as_deref()
        .and_then(countries::dateline_country)
        .or_else(|| article.paragraphs.first().and_then(|p| countries::dateline_country(p)));
    let about = countries::about(&countries::AboutInput {
        title: &article.title,
        dateline,
        passages: &mentions_per_passage,
    });

    let mut speakers: Vec<SpeakerQuotes> = Vec::new();
    for names in &attribution.per_passage {
        for name in names {
            if !speakers.iter().any(|s| &s.name == name) {
                speakers.push(SpeakerQuotes { name: name.clone(), quotes: Vec::new() });
            }
        }
    }
    for quote in &attribution.quotes {
        if let Some(speaker) = speakers.iter_mut().find(|s| s.name == quote.speaker) {
            speaker.quotes.push(quote.text.clone());
        }
    }

    let passages = drafts
        .into_iter()
        .zip(mentions_per_passage)
        .zip(attribution.per_passage)
        .enumerate()
        .map(|(n, ((draft, mut codes), speakers))| {
            dedup_in_order(&mut codes);
            Passage { n: n as u64, heading: draft.heading, text: draft.text, countries: codes, speakers }
        })
        .collect();

    EnrichedArticle { article, passages, countries: counts, about, speakers, sources: attribution.sources }
}

fn dedup_in_order<T: PartialEq + Copy>(items: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(items.len());
    items.retain(|item| {
        if seen.contains(item) {
            false
        } else {
            seen.push(*item);
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Origin;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            id: "a1".into(),
            title: "Title".into(),
            date: None,
            source: None,
            url: None,
            author: None,
            dateline: None,
            origin: Origin { path: "t.txt".into(), line: None },
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn article_countries_are_the_union_of_its_passages() {
        let enriched = enrich(article(&[
            "Kazakhstan and Russia signed a deal.",
            "Kazakh officials welcomed it.",
        ]));
        assert_eq!(enriched.passages.len(), 2);
        assert_eq!(enriched.passages[1].countries, ["KZ"]);
        let codes: Vec<&str> = enriched.countries.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["KZ", "RU"]);
        assert_eq!(enriched.countries[0].mentions, 2);
    }
}
