//! Which JSON keys hold which article field: the usual names of news exports,
//! overridable with `--field NAME=KEY`.

use crate::error::{Error, Result};

/// An article field that JSON keys map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Body,
    Date,
    Source,
    Url,
    Author,
    Dateline,
}

impl Field {
    const ALL: [Field; 8] =
        [Field::Id, Field::Title, Field::Body, Field::Date, Field::Source, Field::Url, Field::Author, Field::Dateline];

    fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Body => "body",
            Field::Date => "date",
            Field::Source => "source",
            Field::Url => "url",
            Field::Author => "author",
            Field::Dateline => "dateline",
        }
    }

    /// The keys recognised without configuration, in order of preference.
    fn default_keys(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "ID", "Id", "guid", "uuid", "article_id"],
            Field::Title => &["title", "headline", "Title", "Headline", "name"],
            Field::Body => &[
                "body",
                "text",
                "content",
                "content_original",
                "article",
                "Body",
                "Text",
                "Content",
                "paragraphs",
                "maintext",
            ],
            Field::Date => &[
                "date",
                "published",
                "published_at",
                "publishedAt",
                "pubDate",
                "date_published",
                "publish_date",
                "datePublished",
                "Date",
            ],
            Field::Source => &["source", "outlet", "publisher", "site_name", "Source", "media"],
            Field::Url => &["url", "link", "URL", "source_url_article", "href"],
            Field::Author => &["author", "authors", "byline", "Author", "Authors"],
            Field::Dateline => &["dateline", "Dateline"],
        }
    }
}

/// The keys to look up for each field.
#[derive(Debug, Clone, Default)]
pub struct FieldMap {
    overrides: Vec<(Field, String)>,
}

impl FieldMap {
    /// Parses `--field` values such as `body=story_text`.
    pub fn from_overrides<S: AsRef<str>>(specs: &[S]) -> Result<FieldMap> {
        let mut overrides = Vec::new();
        for spec in specs {
            let spec = spec.as_ref();
            let (name, key) = spec
                .split_once('=')
                .filter(|(_, key)| !key.is_empty())
                .ok_or_else(|| Error::BadFieldMapping(spec.to_string()))?;
            let field = Field::ALL
                .into_iter()
                .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| Error::BadFieldMapping(spec.to_string()))?;
            overrides.push((field, key.to_string()));
        }
        Ok(FieldMap { overrides })
    }

    /// The value of `field` in a JSON object: the override's key if one is given, else the
    /// first usual key present with a non-null value.
    pub fn lookup<'a>(
        &self,
        object: &'a serde_json::Map<String, serde_json::Value>,
        field: Field,
    ) -> Option<&'a serde_json::Value> {
        self.lookup_entry(object, field).map(|(_, value)| value)
    }

    /// [`FieldMap::lookup`], with the key the value was found under.
    pub fn lookup_entry<'a>(
        &self,
        object: &'a serde_json::Map<String, serde_json::Value>,
        field: Field,
    ) -> Option<(&'a str, &'a serde_json::Value)> {
        if let Some((_, key)) = self.overrides.iter().find(|(f, _)| *f == field) {
            return object.get_key_value(key).filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.as_str(), v));
        }
        field
            .default_keys()
            .iter()
            .find_map(|key| object.get_key_value(*key).filter(|(_, v)| !v.is_null()))
            .map(|(k, v)| (k.as_str(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_checked() {
        assert!(FieldMap::from_overrides(&["body=story"]).is_ok());
        assert!(FieldMap::from_overrides(&["BODY=story"]).is_ok());
        assert!(FieldMap::from_overrides(&["colour=red"]).is_err());
        assert!(FieldMap::from_overrides(&["body="]).is_err());
        assert!(FieldMap::from_overrides(&["body"]).is_err());
    }

    #[test]
    fn override_wins_over_usual_keys() {
        let object: serde_json::Value =
            serde_json::json!({"text": "usual", "story": "chosen", "title": null, "headline": "H"});
        let object = object.as_object().unwrap();
        let map = FieldMap::from_overrides(&["body=story"]).unwrap();
        assert_eq!(map.lookup(object, Field::Body).unwrap(), "chosen");
        assert_eq!(FieldMap::default().lookup(object, Field::Body).unwrap(), "usual");
        assert_eq!(map.lookup(object, Field::Title).unwrap(), "H");
    }
}
