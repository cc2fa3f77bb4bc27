//! English stemming with a memory of the words stemmed last. News repeats its
//! vocabulary, and the Snowball stemmer was the largest single cost of indexing after
//! the postings themselves (about an eighth of the CPU); a lookup is several times
//! cheaper. Output is exactly Tantivy's `Stemmer`'s.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Slots of the memory: a power of two. The commonest few thousand words make most of
/// the tokens of any news text; 4,096 slots of two short strings stay within the CPU's
/// cache, where a larger table was measured to cost as much as it saves.
const SLOTS: usize = 4096;

/// Slots while few words have been stemmed: a query stems a handful of words, and its
/// analyser is cloned once per field, so the full table only comes after this many misses.
const FIRST_SLOTS: usize = 64;

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

/// A direct-mapped table (word, stem) by hash of the word, and the plain stemmer for
/// the words not in it. A word whose slot holds another word replaces it.
struct Memory {
    slots: Vec<(String, String)>,
    misses: usize,
    stemmer: TextAnalyzer,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            slots: Vec::new(),
            misses: 0,
            stemmer: TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build(),
        }
    }
}

impl Memory {
    fn stem_into(&mut self, text: &mut String) {
        if self.slots.is_empty() || (self.misses == FIRST_SLOTS && self.slots.len() < SLOTS) {
            let size = if self.slots.is_empty() { FIRST_SLOTS } else { SLOTS };
            self.slots = vec![(String::new(), String::new()); size];
        }
        let mut hasher = FxHasher::default();
        hasher.write(text.as_bytes());
        let mask = self.slots.len() - 1;
        let (word, stem) = &mut self.slots[hasher.finish() as usize & mask];
        if word != text {
            self.misses += 1;
            let mut stream = self.stemmer.token_stream(text);
            stem.clear();
            stem.push_str(if stream.advance() { &stream.token().text } else { text });
            word.clear();
            word.push_str(text);
        }
        text.clone_from(stem);
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
        // more words than slots: words evict one another and still stem right
        let many: String = (0..3 * SLOTS).map(|i| format!("running{i}s talked{i} ")).collect();
        assert_eq!(tokens(&mut cached, &many), tokens(&mut plain, &many));
        assert_eq!(tokens(&mut cached, text), expected);
    }
}
