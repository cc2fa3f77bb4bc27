//! English stemming with a memory of the words stemmed last. News repeats its
//! vocabulary, and the Snowball stemmer was the largest single cost of indexing after
//! the postings themselves (about an eighth of the CPU); a lookup is several times
//! cheaper. Output is exactly Tantivy's `Stemmer`'s.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Sets of the memory, of two words each: a power of two. 16,384 words miss about one
/// token in twenty of news text (a direct-mapped table of 4,096 missed one in six; a
/// simulation over AllSides text). The table (768 KiB at 48 bytes a word) is larger than
/// a core's second-level cache here, yet 8,192 words were measured slower: a miss costs
/// far more than a cache miss.
const SETS: usize = 8192;

/// Sets of the first table. A query clones its analyser for each field and for each
/// passage it highlights, and a clone stems one passage's words (at most 85 distinct ones
/// in `refugees`, `said`, `"fake news"` and `uyghur` on AllSides), so the table starts
/// small and grows fourfold each time it has missed as many words as it holds, up to
/// [`SETS`]. Before, a clone that missed 64 words took the full table, and a fresh-process
/// query touched all of its pages (about 190 page faults, a fifth of the query's).
const FIRST_SETS: usize = 32;

/// Longest word (and stem) kept in memory, in bytes; longer ones are rare and stemmed each time.
const INLINE: usize = 23;

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

/// A two-way set-associative table of (word, stem) by hash of the word, and the plain
/// stemmer for the words not in it. A set keeps the word used last first; a new word
/// evicts the other.
struct Memory {
    sets: Vec<[Slot; 2]>,
    misses: usize,
    stemmer: TextAnalyzer,
}

/// A remembered word and its stem, inline: a lookup reads one place and no heap.
#[derive(Clone, Copy)]
struct Slot {
    word_len: u8,
    stem_len: u8,
    word: [u8; INLINE],
    stem: [u8; INLINE],
}

impl Slot {
    const EMPTY: Slot = Slot { word_len: 0, stem_len: 0, word: [0; INLINE], stem: [0; INLINE] };

    fn holds(&self, word: &[u8]) -> bool {
        self.word_len as usize == word.len() && &self.word[..word.len()] == word
    }

    fn stem(&self) -> &str {
        std::str::from_utf8(&self.stem[..self.stem_len as usize]).expect("a stem is kept whole")
    }
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            sets: Vec::new(),
            misses: 0,
            stemmer: TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build(),
        }
    }
}

impl Memory {
    fn stem_into(&mut self, text: &mut String) {
        if text.len() > INLINE {
            let stem = self.stem(text);
            *text = stem;
            return;
        }
        if self.sets.len() < SETS && self.misses >= self.sets.len() * 2 {
            let size = (self.sets.len() * 4).clamp(FIRST_SETS, SETS);
            self.sets = vec![[Slot::EMPTY; 2]; size];
        }
        let mut hasher = FxHasher::default();
        hasher.write(text.as_bytes());
        let index = hasher.finish() as usize & (self.sets.len() - 1);
        let set = &mut self.sets[index];
        if set[0].holds(text.as_bytes()) {
            // the word used last in this set
        } else if set[1].holds(text.as_bytes()) {
            set.swap(0, 1);
        } else {
            self.misses += 1;
            let stem = self.stem(text);
            if stem.len() > INLINE {
                *text = stem;
                return;
            }
            let set = &mut self.sets[index];
            set[1] = set[0];
            set[0].word_len = text.len() as u8;
            set[0].word[..text.len()].copy_from_slice(text.as_bytes());
            set[0].stem_len = stem.len() as u8;
            set[0].stem[..stem.len()].copy_from_slice(stem.as_bytes());
        }
        let stem = self.sets[index][0].stem();
        text.clear();
        text.push_str(stem);
    }

    fn stem(&mut self, word: &str) -> String {
        let mut stream = self.stemmer.token_stream(word);
        if stream.advance() { std::mem::take(&mut stream.token_mut().text) } else { word.to_string() }
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
        let many: String = (0..3 * SETS).map(|i| format!("running{i}s talked{i} ")).collect();
        assert_eq!(tokens(&mut cached, &many), tokens(&mut plain, &many));
        assert_eq!(tokens(&mut cached, text), expected);
    }

    #[test]
    fn memory_stays_small_for_a_query_and_grows_to_full_size_for_indexing() {
        let mut memory = Memory::default();
        let stem = |memory: &mut Memory, word: String| {
            let mut text = word;
            memory.stem_into(&mut text);
            text
        };
        // more distinct words than a highlighted passage holds (at most 85 measured)
        for i in 0..300 {
            stem(&mut memory, format!("word{i}ing"));
        }
        assert!(memory.sets.len() <= 512, "{} sets after 300 words", memory.sets.len());
        // indexing: the table grows to full size, and keeps stemming right
        for i in 0..4 * SETS {
            assert_eq!(stem(&mut memory, format!("talk{i}ing")), format!("talk{i}"));
        }
        assert_eq!(memory.sets.len(), SETS);
        assert_eq!(stem(&mut memory, "negotiations".to_string()), "negoti");
    }
}
