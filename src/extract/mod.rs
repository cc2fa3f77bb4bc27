//! What newsdex understands in an article: its passages, the countries each passage
//! mentions, the countries the article is about, and the people it quotes.
//!
//! Everything here is pure (no I/O, no index): an [`Article`] in, an [`EnrichedArticle`] out,
//! so `newsdex extract`, the indexer and the evaluations all see the same thing.

pub mod countries;
pub mod speakers;

use chrono::Datelike;

use crate::article::{Article, CountryCount, EnrichedArticle, Passage, SpeakerQuotes};
use crate::passage::{PassageDraft, split_passages};

/// Splits an article into passages and tags them with countries and speakers.
pub fn enrich(article: Article) -> EnrichedArticle {
    let drafts = split_passages(&article.paragraphs);
    let texts: Vec<&str> = drafts.iter().map(|d| d.text.as_str()).collect();
    let attribution = speakers::attribute(&texts);

    // In an archive, "Moscow" in 1987 is the Soviet Union: codes follow the article's year.
    let year = article.date.map(|d| d.year());
    let (mut mentions_per_passage, mut listed_in_lead) = country_mentions(&drafts, year);
    if let Some(year) = year {
        for code in mentions_per_passage.iter_mut().flatten().chain(listed_in_lead.iter_mut()) {
            *code = countries::code_in_year(code, year);
        }
    }
    let mut counts: Vec<CountryCount> = Vec::new();
    for code in mentions_per_passage.iter().flatten() {
        match counts.iter_mut().find(|c| c.code == *code) {
            Some(count) => count.mentions += 1,
            None => {
                if let Some(country) = countries::by_code(code) {
                    counts.push(CountryCount { code: country.code, name: country.name, mentions: 1 });
                }
            }
        }
    }
    counts.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.code.cmp(b.code)));

    let dateline = article
        .dateline
        .as_deref()
        .and_then(|d| countries::dateline_country_in_year(d, year))
        .or_else(|| article.paragraphs.first().and_then(|p| countries::dateline_country_in_year(p, year)));
    let about = countries::about(&countries::AboutInput {
        title: &article.title,
        year,
        dateline,
        passages: &mentions_per_passage,
        listed_in_lead: &listed_in_lead,
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

/// The countries each passage mentions (heading included), with repetition, and those
/// listed together in the lead's first sentence.
///
/// The whole article is matched at once, not passage by passage, so that ambiguous names
/// are read in the light of the whole story: "middle Georgia" in the lead of a story about
/// a governor and its counties is the US state.
fn country_mentions(drafts: &[PassageDraft], year: Option<i32>) -> (Vec<Vec<&'static str>>, Vec<&'static str>) {
    let mut text = String::new();
    let mut lead_start = None;
    let mut ends = Vec::with_capacity(drafts.len());
    let mut previous_heading: Option<&str> = None;
    for draft in drafts {
        // The pieces of a split paragraph share its heading: count it once.
        if let Some(heading) = draft.heading.as_deref().filter(|h| previous_heading != Some(*h)) {
            text.push_str(heading);
            text.push_str("\n\n");
        }
        previous_heading = draft.heading.as_deref();
        lead_start.get_or_insert(text.len());
        text.push_str(&draft.text);
        ends.push(text.len());
        text.push_str("\n\n");
    }
    let mut per_passage: Vec<Vec<&'static str>> = vec![Vec::new(); drafts.len()];
    let mut passage = 0;
    let mentions = countries::mentions_in_year(&text, year);
    for mention in &mentions {
        while passage + 1 < ends.len() && mention.start >= ends[passage] {
            passage += 1;
        }
        if let Some(codes) = per_passage.get_mut(passage) {
            codes.push(mention.code);
        }
    }
    let listed = match (lead_start, ends.first()) {
        (Some(start), Some(&end)) => {
            let in_lead: Vec<countries::Mention> = mentions
                .iter()
                .filter(|m| m.start >= start && m.end <= end)
                .map(|m| countries::Mention { start: m.start - start, end: m.end - start, ..*m })
                .collect();
            countries::listed_in_first_sentence(&text[start..end], &in_lead)
        }
        _ => Vec::new(),
    };
    (per_passage, listed)
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
            content_hash: 0,
        }
    }

    #[test]
    fn article_countries_are_the_union_of_its_passages() {
        let enriched = enrich(article(&["Kazakhstan and Russia signed a deal.", "Kazakh officials welcomed it."]));
        assert_eq!(enriched.passages.len(), 2);
        assert_eq!(enriched.passages[1].countries, ["KZ"]);
        let codes: Vec<&str> = enriched.countries.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["KZ", "RU"]);
        assert_eq!(enriched.countries[0].mentions, 2);
    }

    #[test]
    fn countries_listed_in_the_lead_are_kept_and_read_as_of_the_year() {
        let mut a = article(&[
            "Kazakhstan, Uzbekistan and Kyrgyzstan signed a water pact on Friday. Russia watched.",
            "Kazakh officials said it would last five years.",
        ]);
        let enriched = enrich(a.clone());
        assert_eq!(enriched.about, ["KZ", "UZ", "KG"]);
        // in 1987 the three were the Soviet Union
        a.date = chrono::NaiveDate::from_ymd_opt(1987, 5, 1);
        assert_eq!(enrich(a).about, ["SU"]);
    }
}
