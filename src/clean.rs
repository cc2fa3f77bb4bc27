//! Text normalisation and boilerplate removal.
//!
//! Why this exists: news archives come from many sources (wire feeds,
//! JSON dumps, scraped pages) and their text differs in ways that matter to
//! an index but not to a reader: Unicode composition (NFC vs NFD), odd
//! spaces (NBSP, zero-width space, tabs), stray control characters. On top
//! of that, scraped pages carry page furniture that is not article text:
//! newsletter prompts, share buttons, "Read also:" cross-links, photo
//! credits, cookie notices, copyright footers. Indexing those lines as
//! passages pollutes search results (every page "matches" *newsletter*), so
//! they are dropped here.
//!
//! The boilerplate rules describe the *shape and vocabulary* of such lines
//! (short, imperative, second person, fixed prefixes such as "Read more:"),
//! not one site's strings. Every rule is gated on the line being short, so a
//! real sentence that merely contains "subscribe" or "newsletter" stays.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Unicode NFC, whitespace normalised (runs of spaces/tabs/NBSP/zero-width →
/// one space, trimmed; control chars removed), typographic quotes kept.
///
/// Details:
/// * every Unicode `White_Space` character (space, tab, newline, NBSP,
///   U+2000..U+200A, U+202F, U+3000, …) and ZERO WIDTH SPACE (U+200B) count
///   as whitespace; a run of them becomes one ASCII space; leading and
///   trailing whitespace is removed;
/// * control characters (Unicode `Cc`) other than whitespace are removed, as
///   are the invisible *joiners* that must not become a word break: BOM /
///   ZERO WIDTH NO-BREAK SPACE (U+FEFF), WORD JOINER (U+2060) and SOFT
///   HYPHEN (U+00AD);
/// * ZWJ/ZWNJ (U+200D/U+200C) are kept: they carry meaning in emoji and in
///   Persian/Indic scripts;
/// * quotes, dashes and all other characters are kept as they are.
pub fn normalize(text: &str) -> String {
    if is_normalized(text) { text.to_string() } else { normalize_chars(text) }
}

/// [`normalize`], character by character.
fn normalize_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < text.len() {
        // printable ASCII but the space (most of English text) is copied as a run
        let printable = text.as_bytes()[i..].iter().position(|b| !b.is_ascii_graphic()).unwrap_or(text.len() - i);
        if printable > 0 {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&text[i..i + printable]);
            i += printable;
            continue;
        }
        let c = text[i..].chars().next().expect("a char starts at i");
        i += c.len_utf8();
        if c.is_whitespace() || c == '\u{200B}' {
            pending_space = true;
        } else if c.is_control() || matches!(c, '\u{FEFF}' | '\u{2060}' | '\u{00AD}') {
            // dropped without introducing a word break
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    if out.is_ascii() || is_nfc(&out) { out } else { out.nfc().collect() }
}

/// Whether [`normalize`] would give `text` back unchanged: single spaces between words and
/// none at either end, no other whitespace, no control or invisible character it drops,
/// and NFC. Most text of a clean archive already is; each test here is one vectorised
/// pass, whereas `normalize` itself goes character by character (it was a tenth of the
/// CPU of an `index` run that finds every article unchanged).
pub fn is_normalized(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') || memchr::memmem::find(bytes, b"  ").is_some() {
        return false;
    }
    // ASCII control characters, tab and line breaks among them
    if bytes.iter().fold(false, |found, &b| found | (b < b' ') | (b == 0x7F)) {
        return false;
    }
    if text.is_ascii() {
        return true;
    }
    // The other characters `normalize` changes all start with one of these bytes (so do
    // curly quotes and dashes, which are looked at and kept).
    let mut starts = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).chain(memchr::memchr2_iter(0xE3, 0xEF, bytes));
    let changed =
        |c: char| c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}');
    !starts.any(|i| text[i..].chars().next().is_some_and(changed)) && is_nfc(text)
}

/// Longest line (in words) that any of the ordinary boilerplate rules may
/// match. Real prose paragraphs are usually longer; this is the first guard
/// against false positives.
const SHORT_WORDS: usize = 30;
/// Cookie/consent notices are longer than other boilerplate lines.
const COOKIE_WORDS: usize = 80;

/// Rules that apply to short lines (≤ [`SHORT_WORDS`] words).
/// Each regex is matched case-insensitively against the normalised line with
/// leading bullets/arrows stripped. One `RegexSet` tells whether any matches in one
/// pass: re-indexing AllSides, which is mostly cleaning, took 16% less CPU than with
/// the rules tried one by one (a single joined alternation had been five times slower).
static SHORT_RULES: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    let patterns = [
        // --- cross-links: "Read also:", "See also -", "Read more »", "Related:", "Watch:" ...
        r"^(read|see|watch|listen)( also| more| next| this)?\s*[:>»|–—-]",
        r"^(read|see) (also|more)$",
        r"^related( stories| articles| content| coverage| links| news| topics| reading| posts)?\s*[:>»|–—-]",
        r"^related (stories|articles|content|coverage|links|news|topics|reading|posts)$",
        r"^(also read|more (stories|from \w+( \w+)?|on this( story| topic)?)|recommended( for you| reading| stories| articles)?|further reading|you (may|might) (also )?(like|be interested in|enjoy)|don'?t miss|most (read|popular|viewed|shared)|trending( now)?|top stories|editor'?s picks?)\s*([:.]?$|[:>»|–—-])",
        // --- newsletter / subscription / paywall prompts
        r"^(sign ?up|subscribe|register|join|get|receive|try|start|unlock|enter your)\b.*\b(newsletters?|inbox|e-?mails?|subscri\w*|free trial|digital access|unlimited access|delivered|updates|alerts|briefings?|digest)\b.*\b(our|your|you|now|today|here|free|daily|weekly|unlimited)\b",
        r"^(sign ?up|subscribe|register|join|get|receive|try|start|unlock|enter your)\b.*\b(our|your|you|now|today|here|free|daily|weekly|unlimited)\b.*\b(newsletters?|inbox|e-?mails?|subscri\w*|free trial|digital access|unlimited access|delivered|updates|alerts|briefings?|digest)\b",
        r"^(subscribe|sign ?up|register)( now| today| here| for free)?[.!]?$",
        r"\bsign ?up (for|to) (our|the|my|this)\b.*\bnewsletters?\b",
        r"\b(subscribe|sign ?up) to (our|my) \w+",
        r"\bdelivered (straight |directly |right )?to your (inbox|e-?mail|mailbox|phone|door)",
        r"\b(already a (subscriber|member)|already have an account|subscribers? only|for subscribers|become a (subscriber|member|supporter)|support (our|independent|quality) journalism|to continue reading|continue reading with|unlock (this|the full) (article|story)|newsletter sign-?up|enter your e-?mail)\b",
        r"\b(this|the) (article|content|story) is (only )?(available|reserved) (to|for)\b",
        // --- apps
        r"\b(download|get|install|try) (the|our) (free )?([\w&'’-]+ ){0,4}app\b",
        r"^(download|get) it (on|from)\b",
        r"\b(download on|available on|get it on|available in) (the )?(app store|google play|apple app store)\b",
        r"^(app store|google play)$",
        // --- share / follow buttons
        r"^(share|tweet|e-?mail|post|pin|send)( this| it)?( article| story| page| post| video| link)?( on| via| to| with)? ?(facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|messenger|e-?mail|a friend|friends)\b",
        r"^share (this|the) (article|story|page|post|video|link)\b",
        r"^(share|tweet|print|e-?mail|save)( this| it)?( article| story| page| post| video| link)?\s*[.!:]?$",
        r"^(follow|like|find|join|connect with) (us|me|@\w+) on \w+",
        r"^follow( \w+){1,3} on (facebook|twitter|x|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon|telegram|whatsapp|google news|flipboard)\b",
        // --- photo / image credits and captions
        r"^(photo|photograph|picture|pic|image|video|graphic|illustration|file photo|main image|top image|header image|cover image|photo illustration)s?( credit| courtesy| source)?\s*[:/|]",
        r"^\(?(photos?|images?|pictures?|video|photograph|illustration)s? (by|courtesy of|credit|via)\b",
        r"^(image|photo|media|video) (caption|copyright|source|credit)\b",
        r"^(credit|credits|source|courtesy|copyright)\s*:",
        r"^(©|\(c\)|copyright\s*(©|\(c\)|\d{4}))",
        r"^\(?(getty images|shutterstock|afp via getty images?|ap photo|reuters photo|epa-efe)\b[^.!?]*$",
        r"/\s?(afp|ap|reuters|getty images?|getty|epa|epa-efe|shutterstock|alamy|anadolu|xinhua|sipa|ansa|dpa|pa|rex|bloomberg|ap photo)\)?\s*$",
        // --- cookies (short forms; the long notice is handled separately)
        r"\b(accept|reject|manage|allow) (all )?cookies\b",
        r"\bcookie (policy|settings|preferences|consent|notice)\b",
        // --- copyright footers
        r"\ball rights reserved\b",
        // --- advertising markers
        r"^(advertisement|advertising|advert|ads?|adv|sponsored|sponsored (content|post|story|by)|paid (content|post|partnership|for by)|promoted( content| stories)?|partner content|(story|article|text) continues below( this)?( advertisement| ad)?|continue reading (the main story|below)|scroll (down )?to continue( reading| with content)?)\s*[.:-]?$",
        r"^(sponsored|promoted|advertisement) (by|content from)\b",
        // --- "Click here to ..." and page furniture
        r"^(click|tap) (here|this link|the link|below|on the link)\b",
        r"\bclick here\b",
        r"^(skip to (main )?content|back to top|jump to|loading\.*|comments?|leave a (comment|reply)|show comments|view comments|\d+ comments?|print|print this (page|article)|email this (page|article)|copy link|link copied|listen to (this|the) (article|story)|\d+ min(ute)?s? (read|listen))\s*[.:]?$",
        r"^(published|updated|last updated|last modified|posted|first published)( on| at)?\s*:?\s*(\d|(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)[^!?]*$",
        // --- print-edition note: "Appeared in the May 5, 2024, print edition as '…'"
        r"^appeared in the .{0,40}\bprint edition\b",
    ]
    .iter()
    .map(|p| format!("(?i){}", ascii_word_boundaries(p)));
    regex::RegexSet::new(patterns).expect("valid boilerplate regex")
});

/// A print-edition note at the foot of a web article.
static PRINT_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(r"(?i)^a version of this (article|story|review|column|essay|interview|obituary) (appears|appeared|was published) in print\b"))
        .expect("valid print-note regex")
});

/// Cookie notice: starts like one and talks about consent/experience.
static COOKIE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(r"(?i)^(we|this (web)?site|our (web)?site|this page|we and our partners) (use|uses|are using) cookies\b|^by (continuing to (browse|use)|using) (this|our) (web)?site\b"))
        .expect("valid cookie regex")
});
static COOKIE_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(r"(?i)\b(experience|site|website|browsing|browser|personali[sz]\w*|analytics|advertis\w*|consent|accept|agree|privacy|polic(y|ies)|settings|preferences|continu\w*|traffic|content|cookie)"))
        .expect("valid cookie regex")
});

/// A sign-up form scraped as one paragraph ("Newsletter Sign Up … Please verify you're not
/// a robot … Invalid email address … You may opt-out at any time"): several of these,
/// in a block of at most [`FORM_WORDS`] words with no reporting verb, make it boilerplate.
static FORM_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(r"(?i)\b(newsletters?|subscri(be|bed|bing|ber|bers|ption|ptions)|sign(ing)? ?up|e-?mail address(es)?|inbox|opt[- ]?out|unsubscribe|not a robot|(special )?offers|promotions|privacy policy|terms of (service|use)|try again later|error has occurred)\b"))
        .expect("valid form regex")
});
/// Longest paragraph tested as a sign-up form.
const FORM_WORDS: usize = 150;
/// Distinct [`FORM_TOPIC`] terms that make a paragraph a sign-up form.
const FORM_TERMS: usize = 5;

/// Reporting verbs: a line that quotes or reports someone is prose.
static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(r"(?i)\b(said|says|told|tells|added|adds|according to|urged|urges|warned|warns|asked|asks|explained|insisted|claimed)\b"))
        .expect("valid reporting regex")
});

/// Words that appear on rows of share buttons.
const SHARE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "print",
    "share",
    "shares",
    "linkedin",
    "reddit",
    "pinterest",
    "telegram",
    "messenger",
    "copy",
    "link",
    "tweet",
    "comments",
    "comment",
    "save",
    "instagram",
    "youtube",
    "tiktok",
    "flipboard",
    "pocket",
    "sms",
    "bluesky",
    "mastodon",
    "threads",
    "more",
    "google",
    "url",
    "vk",
    "weibo",
    "wechat",
    "line",
    "viber",
];
/// At least one of these must be on a share row (so "More" alone is not one).
const SHARE_CORE: &[&str] = &[
    "facebook",
    "twitter",
    "whatsapp",
    "email",
    "e-mail",
    "print",
    "share",
    "linkedin",
    "reddit",
    "pinterest",
    "telegram",
    "messenger",
    "tweet",
    "instagram",
    "youtube",
    "tiktok",
    "flipboard",
    "bluesky",
    "mastodon",
];

/// The rules' `\b` as ASCII word boundaries: their keywords are English words, and a
/// Unicode boundary makes the regex engine leave its fast DFA on any non-ASCII text
/// (curly quotes, accents), which news is full of.
fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// A line made only of share-button words (and counters), e.g.
/// "Facebook Twitter WhatsApp Email Print" or "Share | 12 comments".
fn is_share_row(lower: &str) -> bool {
    let tokens: Vec<&str> =
        lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() || tokens.len() > 15 {
        return false;
    }
    let all = tokens.iter().all(|t| SHARE_WORDS.contains(t) || t.chars().all(|c| c.is_ascii_digit()));
    all && tokens.iter().any(|t| SHARE_CORE.contains(t))
}

/// Strip list bullets / arrows that often precede cross-link lines.
fn strip_bullets(s: &str) -> &str {
    s.trim_start_matches(|c: char| {
        matches!(c, '•' | '·' | '*' | '-' | '–' | '—' | '»' | '›' | '▶' | '►' | '→' | '|' | '#') || c.is_whitespace()
    })
}

/// True for a line/paragraph that is scraped-page boilerplate, not article text.
///
/// See the module docs; rules are only applied to short lines (≤ 30 words,
/// ≤ 80 words for cookie notices), so long prose is never dropped.
pub fn is_boilerplate(paragraph: &str) -> bool {
    is_normalized_boilerplate(&normalize(paragraph))
}

/// [`is_boilerplate`] for a line already passed through [`normalize`].
fn is_normalized_boilerplate(norm: &str) -> bool {
    if norm.is_empty() {
        return false;
    }
    // counting stops early: most paragraphs are prose far longer than any rule
    let words = word_spans(norm).take(FORM_WORDS + 1).count();
    if words > FORM_WORDS {
        return false;
    }
    if is_sign_up_form(norm) {
        return true;
    }
    // "A version of this article appears in print on Oct. 22, 2023, Section A, Page 12 of
    // the New York edition with the headline: … Order Reprints | Today's Paper | Subscribe":
    // longer than the short rules read, as it repeats the headline
    if PRINT_NOTE.is_match(norm) {
        return true;
    }
    if words > COOKIE_WORDS {
        return false;
    }
    if COOKIE_START.is_match(norm) && COOKIE_TOPIC.find_iter(norm).nth(1).is_some() {
        return true;
    }
    if words > SHORT_WORDS {
        return false;
    }
    // ">> To read: ..." style cross-links: a short line opening with >> or ».
    if (norm.starts_with(">>") || norm.starts_with('»') || norm.starts_with("→")) && words <= 25 {
        return true;
    }
    // "READ MORE" / "READ MORE: ..." shouted cross-links.
    if norm.starts_with("READ MORE") || norm.starts_with("SEE ALSO") || norm.starts_with("READ ALSO") {
        return true;
    }
    let body = strip_bullets(norm);
    if body.is_empty() {
        return false;
    }
    let lower = body.to_lowercase();
    if is_share_row(&lower) {
        return true;
    }
    // Reported speech ("..., she said.") is article prose, whatever its words.
    if REPORTING.is_match(body) {
        return false;
    }
    SHORT_RULES.is_match(body)
}

/// The byte ranges of the words of a [normalized](normalize) text, whose words are
/// separated by single spaces.
/// (The spaces are found in one vectorised pass: splitting word by word searched for each
/// space anew, 9% of the CPU of an `index` run that finds every article unchanged.)
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let ends = memchr::memchr_iter(b' ', text.as_bytes()).chain(std::iter::once(text.len()));
    ends.scan(0, |start, end| {
        let span = (*start, end);
        *start = end + 1;
        Some(span)
    })
}

/// Fewest words of a [run of names](strip_runs_of_names).
const NAME_RUN_WORDS: usize = 40;
/// Lower-case words that join the parts of names ("Bosnia and Herzegovina", "Isle of Man").
const NAME_JOINERS: &[&str] = &["of", "and", "the", "&", "de", "la", "du", "des", "da", "van", "von", "y", "el"];

/// Takes out runs of at least [`NAME_RUN_WORDS`] capitalised words with no sentence end in
/// them: the options of a scraped country picker ("Choose your country United States of
/// America Afghanistan Albania …", 200 countries that would each become a mention of the
/// passage), a menu, a chart's labels. No sentence runs that long on names alone, and the
/// lists an article prints have their items on lines or between separators, or joined by
/// words ("troops in Niger and Chad and Mali and …"). A run may hold a joining word of names
/// ([`NAME_JOINERS`]) per five words and a comma per 20 ("Congo, Democratic Republic of");
/// a word ending a sentence or a clause (. ! ? : ; | /) ends it.
fn strip_runs_of_names(paragraph: String) -> String {
    struct Run {
        start: usize,
        end: usize,
        words: usize,
        commas: usize,
        joiners: usize,
    }
    let long = |r: &Run| r.words >= NAME_RUN_WORDS && r.commas * 20 <= r.words && r.joiners * 5 <= r.words;
    let mut long_runs: Vec<Run> = Vec::new();
    let mut run: Option<Run> = None;
    for (start, end) in word_spans(&paragraph) {
        let word = &paragraph[start..end];
        // most words: lower-case, outside any run
        let upper = match word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.starts_with(char::is_uppercase),
        };
        if !upper && run.is_none() {
            continue;
        }
        let ends_clause = word.ends_with(['.', '!', '?', ':', ';']) || word.contains(['|', '/']);
        if (upper || NAME_JOINERS.contains(&word)) && !ends_clause {
            let r = run.get_or_insert(Run { start, end, words: 0, commas: 0, joiners: 0 });
            r.end = end;
            r.words += 1;
            r.commas += usize::from(word.ends_with(','));
            r.joiners += usize::from(NAME_JOINERS.contains(&word));
            continue;
        }
        long_runs.extend(run.take().filter(long));
    }
    long_runs.extend(run.filter(long));
    if long_runs.is_empty() {
        return paragraph;
    }
    let mut out = String::with_capacity(paragraph.len());
    let mut kept_from = 0;
    for r in &long_runs {
        out.push_str(paragraph[kept_from..r.start].trim_end());
        kept_from = r.end;
    }
    out.push_str(&paragraph[kept_from..]);
    out.trim().to_string()
}

/// Whether a paragraph is a scraped sign-up form: see [`FORM_TOPIC`].
fn is_sign_up_form(norm: &str) -> bool {
    // a cheap test first, run on most paragraphs: every form names a newsletter, a
    // subscription or an e-mail (one SIMD pass, no lower-cased copy)
    static FORM_WORD: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["newsletter", "subscri", "mail"])
            .expect("valid form words")
    });
    if !FORM_WORD.is_match(norm) {
        return false;
    }
    let mut terms: Vec<String> =
        FORM_TOPIC.find_iter(norm).map(|m| m.as_str().to_ascii_lowercase().replace(['-', ' '], "")).collect();
    terms.sort_unstable();
    terms.dedup();
    terms.len() >= FORM_TERMS && !REPORTING.is_match(norm)
}

/// normalize each paragraph, take out pasted link cards and runs of names, drop empty ones
/// and boilerplate.
pub fn clean_paragraphs<I: IntoIterator<Item = S>, S: AsRef<str>>(raw: I) -> Vec<String> {
    raw.into_iter()
        .map(|p| strip_runs_of_names(strip_link_cards(normalize(p.as_ref()))))
        .filter(|p| !p.is_empty() && !is_normalized_boilerplate(p))
        .collect()
}

/// How far (in words) a link card may run from the name it repeats to its closing "MORE".
const LINK_CARD_WORDS: usize = 150;
/// How far back (in words) the name a link card repeats may end.
const LINK_CARD_NAME_WORDS: usize = 8;

/// Takes out the pop-up cards that some sites attach to a person's name and that scrapers
/// paste into the text: "Speaker Nancy Pelosi Nancy PelosiHouse Republicans voice concerns
/// … Overnight Health Care: … MORE (D-Calif.) said" becomes "Speaker Nancy Pelosi
/// (D-Calif.) said". A card repeats the name just written (often in full: "Mitch McConnell
/// Addison (Mitch) Mitchell McConnellGOP …"), its last word runs into the first of its
/// headlines, and it ends with "MORE". Left in, the headlines match searches that the
/// passage is not about and their names become speakers. All three marks are required:
/// the surname repeated within [`LINK_CARD_NAME_WORDS`] words, the pasted word (a headline
/// may open with a capital or a figure: "McCain2020 Democrats …"), and "MORE" within
/// [`LINK_CARD_WORDS`] words.
fn strip_link_cards(paragraph: String) -> String {
    if !paragraph.contains(" MORE") {
        return paragraph;
    }
    let words: Vec<(usize, usize)> = word_spans(&paragraph).collect();
    let text = paragraph.as_str();
    let word = |&(s, e): &(usize, usize)| &text[s..e];
    // "MORE", "MORE,", "MORE’s"
    let is_more = |w: &str| w.strip_prefix("MORE").is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
    // byte ranges to cut, in order and apart: one pass, each card skipped past its MORE
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    'words: while k < words.len() {
        let (start, _) = words[k];
        let w = word(&words[k]);
        let joins = w
            .char_indices()
            .zip(w.chars().skip(1))
            .filter(|&((_, a), b)| a.is_lowercase() && (b.is_uppercase() || b.is_ascii_digit()))
            .map(|((i, a), _)| start + i + a.len_utf8());
        for join in joins {
            let surname = &text[start..join];
            let cut_so_far = cuts.last().map_or(0, |c| c.1);
            let Some(&(_, name_end)) = words[k.saturating_sub(LINK_CARD_NAME_WORDS)..k]
                .iter()
                .rev()
                .take_while(|&&(s, _)| s >= cut_so_far)
                .find(|w| word(w) == surname)
            else {
                continue;
            };
            let Some(more) = (k + 1..words.len()).take(LINK_CARD_WORDS).find(|&m| is_more(word(&words[m]))) else {
                continue;
            };
            cuts.push((name_end, words[more].0 + "MORE".len()));
            k = more + 1;
            continue 'words;
        }
        k += 1;
    }
    if cuts.is_empty() {
        return paragraph;
    }
    let mut out = String::with_capacity(text.len());
    let mut kept_from = 0;
    for (from, to) in cuts {
        out.push_str(&text[kept_from..from]);
        kept_from = to;
    }
    out.push_str(&text[kept_from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_whitespace_and_controls() {
        assert_eq!(normalize("  a \t b\u{00A0}\u{00A0}c\n\n d  "), "a b c d");
        assert_eq!(normalize("x\u{200B}y"), "x y");
        assert_eq!(normalize("x \u{200B} y"), "x y");
        assert_eq!(normalize("co\u{00AD}operate\u{FEFF}"), "cooperate");
        assert_eq!(normalize("bell\u{0007}ring\u{0000}"), "bellring");
        assert_eq!(normalize("\u{3000}wide\u{2009}thin\u{202F}"), "wide thin");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \t\u{200B}\n"), "");
    }

    /// The fast test says "unchanged" exactly when the character-by-character pass changes nothing.
    #[test]
    fn is_normalized_agrees_with_normalizing() {
        let texts = [
            "",
            "plain words.",
            " leading",
            "trailing ",
            "double  space",
            "tab\there",
            "line\nbreak",
            "bell\u{7}",
            "delete\u{7f}",
            "c1\u{9c}control",
            "no\u{a0}break",
            "soft\u{ad}hyphen",
            "next\u{85}line",
            "ogham\u{1680}space",
            "thin\u{2009}space",
            "zero\u{200b}width",
            "line\u{2028}separator",
            "word\u{2060}joiner",
            "math\u{205f}space",
            "ideographic\u{3000}space",
            "byte order\u{feff}mark",
            "cafe\u{301} decomposed",
            "caf\u{e9} composed",
            "“curly” ‘quotes’ — dashes… «guillemets»",
            "👨\u{200D}👩\u{200D}👧 joined",
            "Ünïcödé, 東京, Кремль",
        ];
        for text in texts {
            assert_eq!(is_normalized(text), normalize_chars(text) == text, "{text:?}");
        }
    }

    #[test]
    fn normalize_nfc_and_quotes_kept() {
        // e + combining acute -> é
        assert_eq!(normalize("cafe\u{0301}"), "caf\u{00E9}");
        // a removed soft hyphen between base and combining mark still composes
        assert_eq!(normalize("e\u{00AD}\u{0301}"), "\u{00E9}");
        let q = "“Quoted,” she said — ‘twice’ «non» „so“";
        assert_eq!(normalize(q), q);
        // ZWJ emoji sequence survives
        let fam = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(normalize(fam), fam);
    }

    #[test]
    fn link_cards_pasted_after_a_name_are_taken_out() {
        let card = |p: &str| clean_paragraphs([p]).remove(0);
        assert_eq!(
            card("said Speaker Nia Pell Nia PellHouse votes on the bill | Senate waits MORE (D-Calif.) on Monday."),
            "said Speaker Nia Pell (D-Calif.) on Monday."
        );
        assert_eq!(
            card(
                "Leader Mitch McCole Addison (Mitch) Mitchell McColeGOP senators balk at trial MORE (R-Ky.) and Sen. Bo Vane Robert (Bo) VaneWarren: 'No' MORE agreed."
            ),
            "Leader Mitch McCole (R-Ky.) and Sen. Bo Vane agreed."
        );
        assert_eq!(
            card(
                "Sen. Jon Kane Jon Sidney Kane2020 Democrats make play MORE, and President Vale Don Alan ValeFed cuts MORE’s aides."
            ),
            "Sen. Jon Kane, and President Vale’s aides."
        );
        // card after card, each cut once (one pass over the paragraph, however many)
        let many = vec!["Ann Vale Ann ValeJones wins MORE said"; 2000].join(" ");
        assert_eq!(card(&many), vec!["Ann Vale said"; 2000].join(" "));
        // without the repeated name, or without MORE, nothing is taken out
        for kept in [
            "CrowdStrike said it found MORE evidence.",
            "President Vale met Edward John ValeKamala aides.",
            "The iPhone and the McLaren were shown.",
        ] {
            assert_eq!(card(kept), kept);
        }
    }

    #[test]
    fn runs_of_names_without_sentences_are_taken_out() {
        let picker = "Choose your country United States of America Afghanistan Albania Algeria American Samoa \
            Andorra Angola Anguilla Antigua and Barbuda Argentina Armenia Aruba Australia Austria Azerbaijan \
            Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bermuda Bhutan Bolivia Bosnia \
            and Herzegovina Botswana Brazil Brunei Bulgaria Burkina Faso Burundi Cambodia Cameroon Canada \
            Cape Verde Congo, Democratic Republic of Yemen Zambia Zimbabwe";
        let clean = |p: &str| clean_paragraphs([p]);
        assert_eq!(
            clean(&format!("Readers wrote in: {picker} were among them.")),
            ["Readers wrote in: Choose your country were among them."]
        );
        // what is left of a sign-up form with a picker is a sign-up form
        assert!(
            clean(&format!("Get the Brief. Sign up for our newsletter. {picker} Please enter your email address."))
                .is_empty()
        );
        // a list in an article has separators; prose has sentences; a short run is a heading
        let names = (0..45).map(|i| format!("Member{i} Name")).collect::<Vec<_>>();
        for kept in [
            names.join(" / "),
            names.join(": "),
            names.join(", "),
            names.join(" and "),
            format!("{}. {}", names[..15].join(" "), names[15..30].join(" ")),
            "Former Secretary of State Hillary Clinton and Former President Barack Obama spoke.".to_string(),
        ] {
            assert_eq!(clean(&kept), std::slice::from_ref(&kept));
        }
    }

    #[test]
    fn newsletter_and_subscription_prompts() {
        for s in [
            "Sign up for our newsletter",
            "Sign up to our daily briefing newsletter.",
            "Subscribe now to get unlimited access to our reporting",
            "Get the best of The Example Gazette delivered to your inbox",
            "Subscribe",
            "Already a subscriber? Log in",
            "This article is only available to subscribers.",
            "Get our free morning newsletter, delivered straight to your inbox every weekday.",
            "Enter your email address",
            "Support independent journalism today",
        ] {
            assert!(is_boilerplate(s), "should be boilerplate: {s}");
        }
    }

    #[test]
    fn a_sign_up_form_scraped_as_one_paragraph() {
        let form = "Newsletter Sign Up Continue reading the main story Please verify you're not a robot by \
                    clicking the box. Invalid email address. Please re-enter. You must select a newsletter to \
                    subscribe to. Sign Up You will receive emails with news and promotions from The Example \
                    Gazette. You may opt-out at any time. Thank you for subscribing. An error has occurred. \
                    Please try again later. View all Example Gazette newsletters.";
        assert!(is_boilerplate(form));
        // prose about newsletters, or that reports someone, stays
        for prose in [
            "Newsletters have become a business: writers sign up readers, who subscribe for a fee and \
             get each issue in their inbox, and some now earn more than they did at newspapers.",
            "The paper said subscribers who opt out of its newsletters will keep their subscription, \
             and that the sign-up page and its privacy policy would change next month.",
        ] {
            assert!(!is_boilerplate(prose), "{prose}");
        }
    }

    #[test]
    fn apps_and_badges() {
        for s in [
            "Download our app",
            "Download the free Daily Example app for iPhone and Android",
            "Download on the App Store",
            "Get it on Google Play",
            "Available on the App Store",
        ] {
            assert!(is_boilerplate(s), "should be boilerplate: {s}");
        }
    }

    #[test]
    fn share_and_follow() {
        for s in [
            "Share on Facebook",
            "Share this article",
            "Follow us on Twitter",
            "Like us on Facebook",
            "Facebook Twitter WhatsApp Email Print",
            "Facebook | Twitter | Email",
            "Share 12 Comments",
            "Tweet this",
            "Email this article",
            "Print",
        ] {
            assert!(is_boilerplate(s), "should be boilerplate: {s}");
        }
    }

    #[test]
    fn cross_links() {
        for s in [
            "Read also: The river that changed course",
            "See also: Harbour plans approved",
            "Read more: Ten things about lighthouses",
            "Related: Council votes on budget",
            "Related stories",
            ">> To read: our explainer on tides",
            "READ MORE",
            "READ MORE Town hall reopens after fire",
            "• Read more: bridge inspection results",
            "You may also like",
            "More on this story",
        ] {
            assert!(is_boilerplate(s), "should be boilerplate: {s}");
        }
    }

    #[test]
    fn credits_and_captions() {
        for s in [
            "Photo: Jane Roe/AFP",
            "(Photo by Sam Doe / Getty Images)",
            "Image caption",
            "Image caption The old mill in winter",
            "Credit: Reuters",
            "© AFP",
            "A ferry leaves the harbour at dawn. / Reuters",
            "Protesters gather near the square /AFP",
            "Illustration: Example Studio",
        ] {
            assert!(is_boilerplate(s), "should be boilerplate: {s}");
        }
    }

    #[test]
    fn cookies_footers_ads_clicks() {
        for s in [
            "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
            "This website uses cookies to personalise content and analyse traffic.",
            "Accept all cookies",
            "All rights reserved.",
            "Copyright © 2020 Example Media Group. All rights reserved.",
            "Copyright 2019 Example News",
            "Advertisement",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Click here to read the full report",
            "Click here",
            "Updated: 3 hours ago",
            "Skip to main content",
            "A version of this article appears in print on Oct. 22, 2023, Section A, Page 12 of the New York edition with the headline: Cork Town. Order Reprints | Today’s Paper | Subscribe",
            "Appeared in the May 5, 2024, print edition as 'Cork Town Bets Its Future'.",
        ] {
            assert!(is_boilerplate(s), "should be boilerplate: {s}");
        }
        assert!(!is_boilerplate("A version of the bill appeared in print before the vote, officials said."));
    }

    #[test]
    fn real_prose_is_not_boilerplate() {
        for s in [
            "He said he would subscribe to the plan's principles, adding that the newsletter had misrepresented him.",
            "The council will vote on the bridge repairs next week.",
            "Related projects in the valley were delayed by the floods, officials said.",
            "She read more than forty reports before reaching a conclusion.",
            "Get ready for a long winter, the forecaster warned in her email to staff.",
            "The bakery said we use cookies baked by local volunteers.",
            "Photographers lined the street as the parade passed.",
            "Getty Images said it would appeal the ruling.",
            "Sharing a flat with four students taught him patience.",
            "Farmers in the region share water rights under a 1920 agreement.",
            "Follow-up talks are scheduled for March.",
            "Print newspapers have lost readers steadily since 2005, the study found.",
            "Click-through rates for the campaign were low.",
            "The app store owner, who declined to give her name, said sales had doubled.",
            "Comments made by the minister on Tuesday drew criticism from the opposition.",
            "Join the protest, the union urged members by email, to secure your rights.",
            "Like many on Twitter, she followed the vote closely.",
            "Published in 1998, the novel sold two million copies.",
            "Copyright law was debated in parliament on Tuesday.",
            "Most popular among voters was the tax plan.",
            "More from the interview will air on Sunday.",
            "See you in court.",
            "Share prices fell 3 per cent on Monday.",
            "Email was the main channel, the report found.",
            "Photo finish decided the race.",
            "Advertising revenue fell sharply in the second quarter.",
            "Subscribers to the service pay a monthly fee for unlimited access to films.",
            "“Subscribe to what?” he asked.",
            "Economy",
            "A new chapter",
        ] {
            assert!(!is_boilerplate(s), "should NOT be boilerplate: {s}");
        }
    }

    #[test]
    fn long_paragraph_with_keywords_kept() {
        let long = "Sign up for the newsletter, the mayor told residents at the meeting, \
            was the only way the town had found to reach people after the local paper closed, \
            and she urged everyone in the hall to tell neighbours who had no internet access \
            about the printed copies left at the library every Friday morning for collection.";
        assert!(!is_boilerplate(long));
    }

    #[test]
    fn clean_paragraphs_filters() {
        let raw = vec![
            "  First   paragraph of the story.  ",
            "",
            "   ",
            "Share on Facebook",
            "Second\u{00A0}paragraph.",
            "Advertisement",
        ];
        assert_eq!(
            clean_paragraphs(raw),
            vec!["First paragraph of the story.".to_string(), "Second paragraph.".to_string()]
        );
        let owned: Vec<String> = vec!["x".into()];
        assert_eq!(clean_paragraphs(&owned), vec!["x".to_string()]);
    }
}
