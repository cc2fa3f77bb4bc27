//! English stemming with a memory of the words already stemmed. News repeats its
//! vocabulary (the 10,000 commonest words make most of any archive), and running the
//! Snowball algorithm on every token was the largest single cost of the analyser; a
//! lookup is several times cheaper. Output is exactly Tantivy's `Stemmer`'s.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Words longer than this are stemmed without being remembered (rare, and they would
/// bloat the table).
const LONGEST_REMEMBERED: usize = 24;
/// The table is emptied when it reaches this many words, which bounds its memory
/// (a few MB) on archives with an open vocabulary (names, typos, URLs).
const MOST_REMEMBERED: usize = 100_000;

/// A [`TokenFilter`] that stems English words like [`Stemmer`], remembering its results.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer, memory: Memory::default() }
    }
}

/// The tokenizer made by [`CachedStemmer`]. Each clone (Tantivy clones the analyser for
/// every indexing thread and segment) starts with an empty memory: no sharing, no locks.
pub struct CachedStemmerFilter<T> {
    inner: T,
    memory: Memory,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter { inner: self.inner.clone(), memory: Memory::default() }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream { tail: self.inner.token_stream(text), memory: &mut self.memory }
    }
}

/// Stemmed forms by word, and the plain stemmer for the words not seen yet.
struct Memory {
    stems: FxHashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            stems: FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build(),
        }
    }
}

impl Memory {
    fn stem_into(&mut self, text: &mut String) {
        if let Some(stem) = self.stems.get(text.as_str()) {
            text.clone_from(stem);
            return;
        }
        let mut stream = self.stemmer.token_stream(text);
        let stem = if stream.advance() { stream.token().text.clone() } else { text.clone() };
        drop(stream);
        if text.len() <= LONGEST_REMEMBERED {
            if self.stems.len() >= MOST_REMEMBERED {
                self.stems.clear();
            }
            self.stems.insert(std::mem::replace(text, stem.clone()), stem);
        } else {
            *text = stem;
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    memory: &'a mut Memory,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memory.stem_into(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_exactly_like_tantivys_stemmer_across_repeats_and_long_words() {
        let text = "Ministers were running the talks; the running talks ran on. Negotiations, negotiating, \
                    negotiated: internationalisationsprozesses counterrevolutionaries generously generous \
                    running ministers";
        let mut plain =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(Stemmer::default()).build();
        let mut cached =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(CachedStemmer).build();
        let expected = tokens(&mut plain, text);
        assert_eq!(expected[4], "talk");
        // twice through the same analyser: the second pass is served from memory
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached, text), expected);
    }
}
