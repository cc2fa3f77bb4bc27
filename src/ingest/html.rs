//! A saved article page (scraped HTML) → title, body paragraphs and metadata.
//!
//! Why this exists: archives of scraped news pages hold far more than the
//! article — navigation, headers and footers, sidebars, share widgets,
//! comment threads, newsletter boxes, scripts. Only the article's own
//! paragraphs should become passages, and the page's metadata (Open Graph /
//! `<meta>` tags, `<time>`) gives the title, date, source, URL and author.
//!
//! The body is taken from the most specific container found, in order:
//! `<article>`; else `[itemprop=articleBody]` or an element whose class/id
//! names an article body (`article-body`, `story-body`, `post-content`,
//! `entry-content`, …); else `<main>` / `[role=main]`; else every `<p>` of
//! `<body>`. When a level has several candidates, the one yielding the most
//! text wins. Inside the container, page furniture is skipped structurally
//! (`<nav>`, `<header>`, `<footer>`, `<aside>`, `<figure>`, `<form>`,
//! scripts, and elements whose class/id mentions comments, sharing, related
//! links, newsletters, promos, ads, cookies, subscriptions, …).
//!
//! Where the page's own markup lacks a title, date, author, source or URL, the
//! schema.org JSON-LD that most news sites embed gives them ([`super::linked_data`]);
//! its `articleBody` replaces the markup's paragraphs when it holds more than twice their
//! text (pages drawn by a script, or showing a teaser).
//!
//! Paragraph text is passed through [`crate::clean::normalize`]; the date is
//! returned raw (parse it with `ingest::date::parse_date`). Boilerplate
//! *lines* that survive the structure-based filtering are left for
//! `clean::clean_paragraphs`. Parsing is html5ever's (lenient, never fails);
//! the tree walk is iterative, so deeply nested garbage cannot overflow the
//! stack.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};

use super::linked_data::LinkedArticle;
use crate::article::RawArticle;

/// Tags whose whole subtree is never article text.
const EXCLUDED_TAGS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "noscript",
    "form",
    "figure",
    "figcaption",
    "template",
    "iframe",
    "svg",
    "math",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "picture",
    "dialog",
    "menu",
    "input",
    "label",
    "h1",
];

/// ARIA roles of page furniture.
const EXCLUDED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Substrings of a class/id token that mark page furniture.
const EXCLUDED_MARKERS: &[&str] = &[
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "promo",
    "advert",
    "cookie",
    "subscribe",
    "subscription",
    "sidebar",
    "breadcrumb",
    "byline",
    "caption",
    "credit",
    "outbrain",
    "taboola",
    "recirc",
    "read-more",
    "readmore",
    "more-stories",
    "most-read",
    "most-popular",
    "trending",
    "recommend",
    "tags",
    "tag-list",
    "toolbar",
    "pagination",
    "popup",
    "modal",
    "consent",
    "signup",
    "sign-up",
    "adsbygoogle",
    "sponsor",
    "author-bio",
    "skip-link",
    "visually-hidden",
    "sr-only",
    "paywall",
    "regwall",
    "author-box",
    "authorbox",
    "saboxplugin",
    "author-info",
    "about-author",
];

/// Whole `-`/`_`-separated parts of a class/id token that mark ads (and Piano's paywall).
const AD_PARTS: &[&str] = &["ad", "ads", "adv", "advert", "adslot", "adunit", "adbox", "dfp", "gpt", "piano"];

/// Whole class/id tokens of page furniture too generic as parts: the byline and date line
/// (`article__meta`), a newsletter box (`nl-inline`). `meta` or `nl` alone name other things
/// (`post-meta-content` holding a story, `lang-nl`).
const FURNITURE_TOKENS: &[&str] =
    &["article-meta", "entry-meta", "post-meta", "story-meta", "meta-info", "nl-inline", "nl-signup", "nl-box"];

/// Prefixes of class tokens that label what a post is about (WordPress writes
/// `tag-social-media`, `category-comment` on the `<article>` itself): never furniture.
const TAXONOMY_PREFIXES: &[&str] = &["tag-", "category-", "topic-", "section-", "format-", "type-", "status-"];

/// Class/id substrings naming an article body container.
const BODY_MARKERS: &[&str] = &[
    "article-body",
    "articlebody",
    "story-body",
    "storybody",
    "post-content",
    "entry-content",
    "article-content",
    "story-content",
    "post-body",
    "article-text",
    "story-text",
];

/// Elements that start/end a paragraph (text is split at their edges).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
];

/// Elements whose text is collected inside an article container.
const PARA_TAGS: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre"];
/// Elements whose text is collected in the whole-`<body>` fallback.
const FALLBACK_PARA_TAGS: &[&str] = &["p"];

/// Most candidate containers examined per level (guards against pages with
/// thousands of `<article>` teasers).
const MAX_CANDIDATES: usize = 40;

/// Reads one saved article page. Never fails: missing parts are `None` /
/// empty, and any input (empty, truncated, binary-ish) gives a value.
pub fn parse_html(html: &str) -> RawArticle {
    let doc = Html::parse_document(&limit_nesting(html));
    let meta = collect_meta(&doc);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().filter_map(|k| meta.get(*k)).map(|v| crate::clean::normalize(v)).find(|v| !v.is_empty())
    };

    let linked = linked_article(&doc);
    let linked_text = |value: &Option<String>| value.as_deref().map(crate::clean::normalize).filter(|v| !v.is_empty());

    let (container, mut paragraphs) = find_body(&doc, linked.live_blog);
    if let Some(body) = &linked.body {
        // A page whose text a script draws has none in its markup, or a teaser: the
        // JSON-LD copy is used when it holds more than twice the markup's text (the
        // markup's paragraphs, headings and quotes are kept whenever they hold the article).
        let linked_paragraphs = super::json::split_body(body);
        let size = |paras: &[String]| paras.iter().map(String::len).sum::<usize>();
        if size(&linked_paragraphs) > 2 * size(&paragraphs) {
            paragraphs =
                linked_paragraphs.iter().map(|p| crate::clean::normalize(p)).filter(|p| !p.is_empty()).collect();
        }
    }
    let source = get(&["og:site_name"]).or_else(|| linked_text(&linked.publisher));

    let title = get(&["og:title", "twitter:title"])
        .or_else(|| linked_text(&linked.headline))
        .or_else(|| {
            let in_body = container.and_then(|c| first_text(c, "h1"));
            in_body.or_else(|| first_text_outside_furniture(&doc, "h1"))
        })
        .or_else(|| page_title(&doc).map(|t| strip_site_suffix(&t, source.as_deref())));

    let date = find_date(&doc, &meta, container, linked.date_published.as_deref());
    let canonical = doc
        .select(&sel("link"))
        .filter(|l| has_token(l.attr("rel"), "canonical"))
        .filter_map(|l| l.attr("href"))
        .map(crate::clean::normalize)
        .find(|h| !h.is_empty());
    // an og:url with a query string (`?utm_source=…`) is a shared link; the canonical
    // link, when it has none, is the page's address
    let url = match get(&["og:url"]) {
        Some(og) if og.contains('?') && canonical.as_ref().is_some_and(|c| !c.contains('?')) => canonical,
        Some(og) => Some(og),
        None => canonical,
    }
    .or_else(|| linked_text(&linked.url));
    let author = find_author(&doc, &get, linked_text(&linked.author));

    RawArticle { id: None, title, paragraphs, date, source, url, author, dateline: None }
}

/// The article described by the page's JSON-LD scripts (see [`super::linked_data`]).
fn linked_article(doc: &Html) -> LinkedArticle {
    let scripts: Vec<String> = doc
        .select(&sel("script[type]"))
        .filter(|s| s.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
        .map(|s| s.text().collect())
        .collect();
    super::linked_data::linked_article(scripts.iter().map(String::as_str))
}

/// The paragraphs of an HTML fragment, such as the body of a JSON export from a CMS
/// (`"<p>First.</p><p>Second.</p>"`): one per block element, text outside blocks
/// kept, scripts, styles and page furniture left out, entities decoded.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(&limit_nesting(html));
    collect_paragraphs(doc.root_element(), &["html"])
}

/// Deepest nesting of elements read as written. The parser looks through every open
/// element at each new one, so its time grows with the square of the depth: 100,000
/// nested `<div>`s (1 MB) took 24.6 s, 40,000 nested lists 15.5 s. Pages nest a few dozen deep.
const MAX_NESTING: usize = 512;

/// Elements without content, and elements a sibling closes (`<p>`, `<li>`, cells…):
/// neither nests the next element.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dd", "dt", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "rt",
    "rp",
];

/// Elements whose content is raw text, where `<` opens no tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"];

/// `html` with the tags of elements nested deeper than [`MAX_NESTING`] left out (their
/// text kept), or as it is when it nests no deeper (every real page).
fn limit_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let tags = scan_tags(html);
    let mut depth = 0usize;
    if !tags.iter().any(|tag| {
        depth = if tag.end { depth.saturating_sub(1) } else { depth + 1 };
        depth > MAX_NESTING
    }) {
        return std::borrow::Cow::Borrowed(html);
    }
    let (mut out, mut at, mut depth, mut dropped) = (String::with_capacity(html.len()), 0, 0usize, 0usize);
    for tag in tags {
        let keep = if tag.end && dropped > 0 {
            dropped -= 1;
            false
        } else if tag.end {
            depth = depth.saturating_sub(1);
            true
        } else if depth >= MAX_NESTING && !tag.furniture {
            dropped += 1;
            false
        } else {
            depth += 1;
            true
        };
        if !keep {
            out.push_str(&html[at..tag.start]);
            at = tag.stop;
        }
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

/// A start or end tag of a nesting element, by byte range.
struct Tag {
    start: usize,
    stop: usize,
    end: bool,
    /// `<nav>`, `<aside>`, `<footer>`…: kept at any depth, or their text would be the page's.
    furniture: bool,
}

/// The tags of nesting elements in `html`, skipping comments, doctypes and the content of
/// raw-text elements. A lenient, linear scan: enough to measure depth, not to parse.
fn scan_tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = memchr::memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |i| start + 4 + i + 3);
            continue;
        }
        let end = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(end);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let Some(close) = memchr::memchr(b'>', &bytes[name_start..]) else { break };
        let stop = name_start + close + 1;
        at = stop;
        let self_closing = bytes[stop - 2] == b'/';
        if !end && is_one_of(RAW_TEXT, name) {
            let closing = format!("</{}", name.to_ascii_lowercase());
            let lower = |i: usize| bytes[i..].iter().take(closing.len()).map(u8::to_ascii_lowercase);
            at = (stop..bytes.len()).find(|&i| bytes[i] == b'<' && lower(i).eq(closing.bytes())).unwrap_or(bytes.len());
            continue;
        }
        let opens_nothing = self_closing && !end;
        if !opens_nothing && !is_one_of(NOT_NESTING, name) {
            tags.push(Tag { start, stop, end, furniture: is_one_of(EXCLUDED_TAGS, name) });
        }
    }
    tags
}

/// Whether a tag name as written (any case) is one of `names` (lower case).
fn is_one_of(names: &[&str], name: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// A plain text with its HTML character references decoded (`AT&amp;T` → `AT&T`,
/// `&eacute;`, `&#8217;`): CMS exports escape their text so even where it holds no markup.
/// Only complete references (with their `;`) of HTML's table are read: `R&D`, `AT&T`,
/// `&notably;` and `?a=1&region=x` stay as they are.
pub fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    static REFERENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});").expect("valid regex")
    });
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    REFERENCE.replace_all(text, |found: &regex::Captures| {
        let reference = &found[0];
        reference_text(reference).unwrap_or_else(|| reference.to_string())
    })
}

/// The text of one character reference (`&amp;`, `&#8217;`, `&#x2019;`), if HTML knows it.
fn reference_text(reference: &str) -> Option<String> {
    let body = &reference[1..reference.len() - 1];
    if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        // 128-159 are Windows-1252's characters in HTML (`&#146;` is ’)
        let code = match code {
            0x80..=0x9F => markup5ever::data::C1_REPLACEMENTS[(code - 0x80) as usize].map_or(code, u32::from),
            _ => code,
        };
        return char::from_u32(code).filter(|c| *c != '\0').map(String::from);
    }
    let &(first, second) = markup5ever::data::NAMED_ENTITIES.get(&reference[1..])?;
    Some([first, second].into_iter().filter(|&c| c != 0).filter_map(char::from_u32).collect())
}

/// Whether a text holds HTML markup: a closing tag or a line break. An opening tag alone
/// is not enough: wire copy writes tickers as `Phillips Petroleum <P>`, and "x < y" is prose.
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(3)
        .any(|w| w[0] == b'<' && (w[1] == b'/' && w[2].is_ascii_alphabetic() || w[1..].eq_ignore_ascii_case(b"br")))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

/// `<meta>` values keyed by lower-cased `property` / `name` / `itemprop`;
/// the first non-empty value of each key wins.
fn collect_meta(doc: &Html) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for m in doc.select(&sel("meta")) {
        let Some(content) = m.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        for attr in ["property", "name", "itemprop"] {
            if let Some(k) = m.attr(attr) {
                let k = k.trim().to_ascii_lowercase();
                if !k.is_empty() {
                    map.entry(k).or_insert_with(|| content.to_string());
                }
            }
        }
    }
    map
}

fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|a| a.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

/// Lower-cased class tokens and id, with `_` → `-` and `--` → `-`.
fn class_id_tokens(el: &ElementRef) -> Vec<String> {
    let v = el.value();
    v.attr("class")
        .unwrap_or("")
        .split_whitespace()
        .chain(v.attr("id"))
        .map(|t| {
            let mut t = t.to_ascii_lowercase().replace('_', "-");
            while t.contains("--") {
                t = t.replace("--", "-");
            }
            t
        })
        .collect()
}

/// True for an element that is page furniture, never article text.
fn is_excluded(el: &ElementRef) -> bool {
    is_furniture_element(el) || has_furniture_class(el)
}

/// Furniture by its tag, role or hiddenness.
fn is_furniture_element(el: &ElementRef) -> bool {
    let v = el.value();
    let name = v.name();
    if EXCLUDED_TAGS.contains(&name) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden").is_some_and(|a| a.trim() == "true") {
        return true;
    }
    v.attr("role").is_some_and(|role| EXCLUDED_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
}

/// Furniture by a class or id (`share-tools`, `ad-slot`); on an `<article>`, taxonomy
/// labels (`tag-…`, `category-…`) aside.
fn has_furniture_class(el: &ElementRef) -> bool {
    let labels_what_it_is_about = matches!(el.value().name(), "article" | "body");
    let tokens = class_id_tokens(el);
    let furniture = |t: &String| {
        EXCLUDED_MARKERS.iter().any(|m| t.contains(m) && !(*m == "comment" && t.contains("commentary")))
            || t.split('-').any(|part| AD_PARTS.contains(&part))
            || FURNITURE_TOKENS.contains(&t.as_str())
    };
    // a class that names the article's body, beside one that names furniture
    // (`entry-meta entry-content`), makes it the body (not `related-article-content`)
    let body = |t: &String| BODY_MARKERS.iter().any(|m| t.contains(m)) && !furniture(t);
    !tokens.iter().any(body)
        && tokens
            .iter()
            .filter(|t| !(labels_what_it_is_about && TAXONOMY_PREFIXES.iter().any(|p| t.starts_with(p))))
            .any(furniture)
}

/// Whether a candidate container is furniture: by its tag, role or hiddenness, by anything
/// about an ancestor, or by its own classes unless it holds the page's headline (`<h1>`):
/// an article is sometimes named for what it is (Substack's `newsletter-post`), and a
/// sidebar's `<article class="ad-native">` or a comment holds no headline.
fn is_furniture_container(el: &ElementRef) -> bool {
    is_furniture_element(el)
        || el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| !matches!(a.value().name(), "body" | "html"))
            .any(|a| is_excluded(&a))
        || has_furniture_class(el) && el.select(&sel("h1")).next().is_none()
}

fn is_body_marker(el: &ElementRef) -> bool {
    el.value().attr("itemprop").is_some_and(|p| p.split_whitespace().any(|t| t == "articleBody"))
        || class_id_tokens(el).iter().any(|t| BODY_MARKERS.iter().any(|m| t.contains(m)))
}

/// Finds the article container and its paragraphs (see module docs). A live blog's posts
/// are each an `<article>`: all of them, in order, not the longest.
fn find_body(doc: &Html, live_blog: bool) -> (Option<ElementRef<'_>>, Vec<String>) {
    if live_blog {
        let all: Vec<ElementRef> = doc
            .select(&sel("article"))
            .filter(|a| !a.ancestors().filter_map(ElementRef::wrap).any(|p| p.value().name() == "article"))
            .filter(|a| !is_furniture_container(a))
            .collect();
        // the posts are siblings: those of the parent holding the most (teasers elsewhere stay out)
        let parent = |a: &ElementRef| a.parent().map(|p| p.id());
        let posts_of = |p: Option<_>| all.iter().filter(|a| parent(a) == p).count();
        let most = all.iter().map(|a| posts_of(parent(a))).max().unwrap_or(0);
        let feed = all.iter().map(parent).find(|p| posts_of(*p) == most).flatten();
        let posts: Vec<ElementRef> = all.into_iter().filter(|a| feed.is_some() && parent(a) == feed).collect();
        if posts.len() > 1 {
            let paragraphs = posts.iter().flat_map(|post| collect_paragraphs(*post, PARA_TAGS)).collect();
            return (posts.first().copied(), paragraphs);
        }
    }
    let all = sel("*");
    let levels: [Vec<ElementRef>; 3] = [
        doc.select(&sel("article")).collect(),
        doc.select(&all).filter(is_body_marker).collect(),
        doc.select(&all)
            .filter(|e| {
                e.value().name() == "main"
                    || e.value().attr("role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main"))
            })
            .collect(),
    ];
    for candidates in levels {
        let mut best: Option<(usize, ElementRef, Vec<String>)> = None;
        for c in
            candidates.into_iter().take(MAX_CANDIDATES * 5).filter(|c| !is_furniture_container(c)).take(MAX_CANDIDATES)
        {
            let paras = collect_paragraphs(c, PARA_TAGS);
            let size: usize = paras.iter().map(String::len).sum();
            if size > 0 && best.as_ref().is_none_or(|(s, _, _)| size > *s) {
                best = Some((size, c, paras));
            }
        }
        if let Some((_, c, paras)) = best {
            return (Some(c), paras);
        }
    }
    let body = doc.select(&sel("body")).next().unwrap_or_else(|| doc.root_element());
    let paragraphs = collect_paragraphs(body, FALLBACK_PARA_TAGS);
    if !paragraphs.is_empty() {
        return (None, paragraphs);
    }
    // A page without any `<p>` (text straight in `<body>`, in `<div>`s or table cells):
    // the text of the page itself, cut at block elements, furniture still skipped.
    (None, collect_paragraphs(body, &["body", "html"]))
}

/// Fewest words of text outside paragraph elements kept as a paragraph whatever its
/// ending; shorter loose text is kept when it ends a sentence of [`LOOSE_SENTENCE_WORDS`]
/// words, or of 4 in a container that holds most of its text outside `<p>` (a site that
/// writes its paragraphs as `<div>`s: "Beijing did not immediately comment."). An old page's story written straight
/// into a table cell, paragraphs cut by `<br><br>`, are prose; a byline, a date, a credit,
/// a label or "Was this article helpful?" beside `<p>` paragraphs is not.
const LOOSE_MIN_WORDS: usize = 25;
/// See [`LOOSE_MIN_WORDS`].
const LOOSE_SENTENCE_WORDS: usize = 12;

/// Most words of a paragraph that is nine tenths links and is read as links (a related
/// headline, a list of topics), when it ends no sentence or has 8 words at most.
const LINKS_MAX_WORDS: usize = 15;

/// Most words of a block holding an image that is read as the image's caption.
const CAPTION_MAX_WORDS: usize = 40;

/// Most words of a sign-up box: the largest block around a text field that is still
/// this short (a newsletter box without a `<form>`) is left out.
const INPUT_BOX_MAX_WORDS: usize = 80;

/// Paragraph texts under `root`, skipping furniture subtrees. Iterative walk.
///
/// Text inside `para_tags` is kept; text outside them ("loose" text) is kept when it
/// reads as prose ([`LOOSE_MIN_WORDS`]). Either is left out when it is short, ends no
/// sentence and is nine tenths link text (a related headline, a list of topics: with the
/// label before it, unless the label ends with a colon); when it shares its block with a
/// picture and is short and set apart (in italics, or outside paragraph elements: a
/// caption); when it holds a `<time>`, is short and ends no sentence (a byline and date
/// line); or when it is in a short box around a text field (a sign-up box). Two `<br>` in
/// a row end a paragraph.
fn collect_paragraphs(root: ElementRef, para_tags: &[&str]) -> Vec<String> {
    let root_words = word_count(root);
    let in_p: usize = root.select(&sel("p")).map(word_count).sum();
    let written_in_p = in_p * 2 >= root_words;
    let loose_sentence_words = if written_in_p { LOOSE_SENTENCE_WORDS } else { 4 };
    let mut out = Output { loose_sentence_words, ..Output::default() };
    let mut para = Block::default();
    let mut loose = Block::default();
    let boxes = input_boxes(root, root_words);
    let mut depth = 0usize; // how many paragraph elements we are inside
    let mut links = 0usize; // how many links we are inside
    let mut italics = 0usize; // how many <em>, <i>, <small> we are inside
    let mut after_br = false; // a <br> with nothing but white space since
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                if !t.trim().is_empty() {
                    after_br = false;
                }
                let block = if depth > 0 { &mut para } else { &mut loose };
                block.push(t, links > 0, italics > 0);
            }
            Node::Element(e) => {
                let name = e.name();
                if closing {
                    if BLOCK_TAGS.contains(&name) {
                        out.flush(&mut para, false);
                        out.flush(&mut loose, true);
                    }
                    if para_tags.contains(&name) {
                        depth = depth.saturating_sub(1);
                    }
                    if name == "a" {
                        links = links.saturating_sub(1);
                    }
                    if matches!(name, "em" | "i" | "small") {
                        italics = italics.saturating_sub(1);
                    }
                    continue;
                }
                let el = ElementRef::wrap(node).expect("element node");
                if node.id() != root.id() && (is_excluded(&el) || boxes.iter().any(|b| b.id() == node.id())) {
                    continue;
                }
                let block = if depth > 0 { &mut para } else { &mut loose };
                match name {
                    "img" if is_picture(&el) => block.has_image = true,
                    "time" => block.has_time = true,
                    _ => {}
                }
                if name == "br" {
                    if after_br {
                        out.flush(&mut para, false);
                        out.flush(&mut loose, true);
                    } else {
                        block.push(" ", false, false);
                    }
                    after_br = true;
                    continue;
                }
                after_br = false;
                if BLOCK_TAGS.contains(&name) {
                    out.flush(&mut para, false);
                    out.flush(&mut loose, true);
                }
                if para_tags.contains(&name) {
                    if depth == 0 {
                        para.heading = matches!(name, "h2" | "h3" | "h4" | "h5" | "h6");
                    }
                    depth += 1;
                }
                if name == "a" {
                    links += 1;
                }
                if matches!(name, "em" | "i" | "small") {
                    italics += 1;
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    out.flush(&mut para, false);
    out.flush(&mut loose, true);
    out.paragraphs
}

/// The text of one paragraph being read, and what it holds besides words.
#[derive(Default)]
struct Block {
    text: String,
    /// Bytes of words (white space aside) in links, in italics, and in all.
    link_bytes: usize,
    italic_bytes: usize,
    word_bytes: usize,
    has_image: bool,
    has_time: bool,
    /// Read from a sub-heading element.
    heading: bool,
}

impl Block {
    fn push(&mut self, text: &str, in_link: bool, in_italics: bool) {
        self.text.push_str(text);
        let bytes: usize = text.split_whitespace().map(str::len).sum();
        self.word_bytes += bytes;
        if in_link {
            self.link_bytes += bytes;
        }
        if in_italics {
            self.italic_bytes += bytes;
        }
    }
}

/// A picture, not an emoji, an icon or a tracking pixel drawn inside the text.
fn is_picture(img: &ElementRef) -> bool {
    let small = ["width", "height"].iter().any(|a| {
        img.attr(a).and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok()).is_some_and(|v| v <= 32)
    });
    let inline =
        class_id_tokens(img).iter().any(|t| ["emoji", "smiley", "icon", "math", "latex"].iter().any(|m| t.contains(m)));
    !small && !inline
}

/// The paragraphs kept so far, whether the last one is a label (a sub-heading, or a few
/// words that end no sentence: "Read next", "Related topics"), and the shortest sentence
/// kept outside paragraph elements.
#[derive(Default)]
struct Output {
    paragraphs: Vec<String>,
    last_is_label: bool,
    loose_sentence_words: usize,
}

impl Output {
    fn flush(&mut self, block: &mut Block, loose: bool) {
        let text = crate::clean::normalize(&block.text);
        let block = std::mem::take(block);
        if text.is_empty() {
            return;
        }
        let words = text.split(' ').count();
        let sentence = ends_sentence(&text);
        let share = |bytes: usize| bytes as f64 / block.word_bytes.max(1) as f64;
        if share(block.link_bytes) >= 0.9 && words <= LINKS_MAX_WORDS && (!sentence || words <= 8) {
            // a related headline or a list of topics, and the label that announced it
            // ("Read next"; not "The winners were:")
            if self.last_is_label && !self.paragraphs.last().is_some_and(|l| l.ends_with(':')) {
                self.paragraphs.pop();
            }
            self.last_is_label = false;
            return;
        }
        let caption = block.has_image && words <= CAPTION_MAX_WORDS && (loose || share(block.italic_bytes) >= 0.5);
        let dateline = block.has_time && words < LOOSE_MIN_WORDS && !sentence;
        let prose = words >= LOOSE_MIN_WORDS || words >= self.loose_sentence_words && sentence;
        if caption || dateline || loose && (!prose || share(block.link_bytes) >= 0.5) {
            return;
        }
        self.last_is_label = block.heading || words <= 4 && !sentence;
        self.paragraphs.push(text);
    }
}

/// Whether a text ends a sentence: `.`, `!`, `?` or `…`, maybe inside quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    let end = text.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    end.ends_with(['.', '!', '?', '…'])
}

/// The boxes around text fields under `root`: for each `<input>` or `<textarea>`, its
/// largest ancestor below `root` with at most [`INPUT_BOX_MAX_WORDS`] words and a third of
/// `root`'s (a short article with a calculator in its body is not a sign-up box).
fn input_boxes(root: ElementRef<'_>, root_words: usize) -> Vec<ElementRef<'_>> {
    let mut boxes = Vec::new();
    let field_selector = sel("input, textarea");
    let mut fields = root.select(&field_selector).peekable();
    if fields.peek().is_none() {
        return boxes;
    }
    let max_words = INPUT_BOX_MAX_WORDS.min(root_words / 3);
    for field in fields {
        let mut largest = None;
        for ancestor in field.ancestors().filter_map(ElementRef::wrap) {
            if ancestor.id() == root.id() {
                break;
            }
            if word_count(ancestor) > max_words {
                break;
            }
            largest = Some(ancestor);
        }
        boxes.extend(largest);
    }
    boxes
}

/// Words of an element's text.
fn word_count(el: ElementRef) -> usize {
    el.text().map(|t| t.split_whitespace().count()).sum()
}

/// Normalised text of an element (all descendant text nodes, in order).
fn element_text(el: ElementRef) -> String {
    let raw: String = el.text().collect();
    crate::clean::normalize(&raw)
}

fn first_text(root: ElementRef, tag: &str) -> Option<String> {
    root.select(&sel(tag)).map(element_text).find(|t| !t.is_empty())
}

/// The page's `<title>`: not the title of a drawing (`<svg><title>`) in its body.
fn page_title(doc: &Html) -> Option<String> {
    doc.select(&sel("title"))
        .filter(|t| !t.ancestors().filter_map(ElementRef::wrap).any(|a| matches!(a.value().name(), "svg" | "math")))
        .map(element_text)
        .find(|t| !t.is_empty())
}

fn first_text_outside_furniture(doc: &Html, tag: &str) -> Option<String> {
    doc.select(&sel(tag))
        .filter(|e| {
            !e.ancestors().filter_map(ElementRef::wrap).any(|a| matches!(a.value().name(), "nav" | "footer" | "aside"))
        })
        .map(element_text)
        .find(|t| !t.is_empty())
}

/// "Headline | Site" → "Headline" when "Site" is the page's og:site_name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    let lower_title = title.to_lowercase();
    let lower_site = site.to_lowercase();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " : ", " • "] {
        let suffix = format!("{sep}{lower_site}");
        if lower_title.ends_with(&suffix) && lower_title.len() == title.len() {
            let head = title[..title.len() - suffix.len()].trim();
            if !head.is_empty() {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

fn find_date(
    doc: &Html,
    meta: &HashMap<String, String>,
    container: Option<ElementRef>,
    linked: Option<&str>,
) -> Option<String> {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "datepublished",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "dcterms.date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "og:published_time",
        "published_time",
    ];
    // Every source in order of trust; the first that reads as a date wins, and when none
    // does, the first is returned for the date reader to report (a typo in the meta tag
    // no longer hides the JSON-LD date or the <time> of the page).
    let mut found: Vec<String> = KEYS.iter().filter_map(|k| meta.get(*k)).map(|v| v.trim().to_string()).collect();
    found.extend(linked.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string));
    // itemprop=datePublished on a non-meta element (<time>, <span content=…>)
    for e in doc.select(&sel("[itemprop]")) {
        if e.value()
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|t| t.eq_ignore_ascii_case("datePublished")))
        {
            let v = e
                .attr("datetime")
                .or_else(|| e.attr("content"))
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|| element_text(e));
            if !v.is_empty() {
                found.push(v);
            }
        }
    }
    let time = sel("time[datetime]");
    let first_datetime = |root: ElementRef| {
        root.select(&time).find_map(|t| t.attr("datetime").map(str::trim).filter(|d| !d.is_empty())).map(str::to_string)
    };
    found.extend(container.and_then(first_datetime).or_else(|| first_datetime(doc.root_element())));
    let readable = found.iter().position(|v| matches!(super::date::parse_date(v), Ok(Some(_))));
    match readable {
        Some(i) => Some(found.swap_remove(i)),
        None => found.into_iter().next(),
    }
}

fn find_author(doc: &Html, get: &dyn Fn(&[&str]) -> Option<String>, linked: Option<String>) -> Option<String> {
    let is_url = |s: &str| s.starts_with("http://") || s.starts_with("https://");
    let from_meta = get(&["author", "article:author", "dc.creator", "sailthru.author", "parsely-author"]);
    if let Some(a) = &from_meta
        && !is_url(a)
    {
        return from_meta;
    }
    if linked.is_some() {
        return linked;
    }
    let strip_by = |s: String| -> String {
        let t = s.trim();
        let rest = match t.get(..3) {
            Some(p) if p.eq_ignore_ascii_case("by ") => &t[3..],
            _ => t,
        };
        rest.trim().to_string()
    };
    let from_page = doc
        .select(&sel("[rel~=author], [itemprop~=author], .byline, .author, [class*=byline], [class*=Byline], \
             [class*=author-name], [class*=AuthorName], [class*=ContributorName], [class*=contributor-name]"))
        .map(|e| {
            if e.value().name() == "meta" {
                e.attr("content").map(crate::clean::normalize).unwrap_or_default()
            } else {
                element_text(e)
            }
        })
        .map(strip_by)
        .find(|t| !t.is_empty() && t.chars().count() <= 120);
    // a profile page's address is no name
    from_page.or(from_meta.filter(|a| !is_url(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour bridge reopens after repairs | The Example Courier</title>
  <meta property="og:title" content="Harbour bridge reopens after repairs">
  <meta property="og:site_name" content="The Example Courier">
  <meta property="og:url" content="https://courier.example/news/bridge-reopens">
  <meta property="og:description" content="The bridge was closed for two years.">
  <meta property="article:published_time" content="2016-09-20T12:30:00+02:00">
  <meta name="author" content="Jane Roe">
  <link rel="canonical" href="https://courier.example/other">
  <style>p { color: red; }</style>
  <script>var x = "<p>not text</p>";</script>
</head>
<body class="single-post has-comments">
  <header class="site-header"><p>Site tagline should not appear</p>
    <nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav></header>
  <div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
  <main>
    <article>
      <header><h1>Harbour bridge reopens after repairs</h1>
        <p class="byline">By Jane Roe</p><time datetime="2016-09-21">Sept 21</time></header>
      <figure><img src="a.jpg" alt="bridge"><figcaption>The bridge at dusk. Photo: Someone</figcaption></figure>
      <div class="article-body">
        <p>The harbour bridge reopened on Tuesday after <a href="/x">two years</a> of <em>repairs</em>.</p>
        <div class="share-tools"><p>Share on Facebook</p><ul><li>Twitter</li><li>Email</li></ul></div>
        <p>Drivers queued&nbsp;before dawn &amp; cheered when the barriers lifted.</p>
        <h2>Cost of the work</h2>
        <p>The repairs cost more than planned,<br>officials said.</p>
        <div class="ad-slot"><p>Advertisement text</p></div>
        <blockquote><p>“It feels like a new town,” one resident said.</p></blockquote>
        <ul><li>First item of a list in the article</li></ul>
        <aside class="related-links"><p>Related: Ferry timetable changes</p></aside>
        <div class="newsletter-signup"><p>Sign up for our newsletter</p><form><input></form></div>
        <noscript><p>Enable JavaScript</p></noscript>
        <!-- <p>commented out</p> -->
      </div>
      <footer><p>Tags: bridges, harbour</p></footer>
    </article>
    <section id="comments"><article class="comment"><p>First! Great story.</p></article></section>
  </main>
  <aside><article><p>Most read: something else entirely with much more text than the real article to tempt a naive extractor into choosing it as the main body of the page, which would be wrong.</p></article></aside>
  <footer><p>Copyright © 2016 The Example Courier. All rights reserved.</p></footer>
</body></html>"#;

    #[test]
    fn an_html_fragment_becomes_paragraphs_without_tags_or_scripts() {
        let body = "<p>Talks resumed in <b>Astana</b> on Monday.</p>\n<p>Both sides said &quot;progress&quot; was made.<br>More soon.</p><script>alert(1)</script>Trailing text.";
        assert!(looks_like_html(body));
        assert_eq!(
            fragment_paragraphs(body),
            [
                "Talks resumed in Astana on Monday.",
                "Both sides said \"progress\" was made. More soon.",
                "Trailing text."
            ]
        );
        assert!(!looks_like_html("Shares rose 3% as x < y and a <b> c held."));
        assert!(!looks_like_html("Phillips Petroleum <P> raised its price."));
    }

    #[test]
    fn references_in_plain_text_are_decoded_and_the_rest_left_alone() {
        assert_eq!(decode_entities("AT&amp;T entered Qatar &amp; Bahrain"), "AT&T entered Qatar & Bahrain");
        assert_eq!(decode_entities("caf&eacute; &#8220;x&#x201D; a &lt;b&gt; <P>"), "café “x” a <b> <P>");
        assert_eq!(decode_entities("it&#146;s &amp;notably; &mdash; x"), "it’s &notably; — x");
        for plain in [
            "R&D and AT&T",
            "Phillips Petroleum <P> & Co",
            "a & b; c",
            "&;",
            "?country=pe&region=south&notes=1",
            "&notably; &&not_done &ampersand",
        ] {
            assert_eq!(decode_entities(plain), plain);
        }
    }

    #[test]
    fn full_page_only_article_paragraphs() {
        let a = parse_html(PAGE);
        assert_eq!(a.title.as_deref(), Some("Harbour bridge reopens after repairs"));
        assert_eq!(
            a.paragraphs,
            vec![
                "The harbour bridge reopened on Tuesday after two years of repairs.",
                "Drivers queued before dawn & cheered when the barriers lifted.",
                "Cost of the work",
                "The repairs cost more than planned, officials said.",
                "“It feels like a new town,” one resident said.",
                "First item of a list in the article",
            ]
        );
        assert_eq!(a.date.as_deref(), Some("2016-09-20T12:30:00+02:00"));
        assert_eq!(a.source.as_deref(), Some("The Example Courier"));
        assert_eq!(a.url.as_deref(), Some("https://courier.example/news/bridge-reopens"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn fallbacks_title_date_author_url() {
        let html = r#"<html><head><title>Quiet night in the valley - Valley Times</title>
            <meta property="og:site_name" content="Valley Times">
            <link rel="Canonical" href="https://valley.example/quiet">
            </head><body>
            <div id="story-body">
              <span class="byline">By  Sam Doe</span>
              <time datetime="2015-03-04T08:00:00Z">4 March</time>
              <p>Nothing happened last night, police said.</p>
              <p>It was the first quiet night in weeks.</p>
            </div>
            <div class="sidebar"><p>Other stories here</p></div>
            </body></html>"#;
        let a = parse_html(html);
        assert_eq!(a.title.as_deref(), Some("Quiet night in the valley"));
        assert_eq!(a.date.as_deref(), Some("2015-03-04T08:00:00Z"));
        assert_eq!(a.author.as_deref(), Some("Sam Doe"));
        assert_eq!(a.url.as_deref(), Some("https://valley.example/quiet"));
        assert_eq!(
            a.paragraphs,
            vec!["Nothing happened last night, police said.", "It was the first quiet night in weeks."]
        );
    }

    #[test]
    fn title_suffix_kept_when_not_site_name() {
        let html = "<title>Rain - and more rain</title><p>Text.</p>";
        let a = parse_html(html);
        assert_eq!(a.title.as_deref(), Some("Rain - and more rain"));
        let html = "<html><head><title>Rain | Weather Desk</title></head><body><h1>Rain all week</h1></body></html>";
        assert_eq!(parse_html(html).title.as_deref(), Some("Rain all week"));
    }

    #[test]
    fn a_date_that_cannot_be_read_gives_way_to_one_that_can() {
        let html = r#"<head><meta property="article:published_time" content="2024-13-45T99:00">
            <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00Z"}</script>
            </head><body><article><time datetime="2024-03-04">4 March</time><p>Text.</p></article></body>"#;
        assert_eq!(parse_html(html).date.as_deref(), Some("2024-03-05T10:00:00Z"));
        let html = r#"<head><meta name="date" content="soon"></head><body><p>Text.</p></body>"#;
        assert_eq!(parse_html(html).date.as_deref(), Some("soon"), "none readable: the first, for the warning");
    }

    #[test]
    fn the_title_of_a_drawing_is_not_the_pages() {
        let html = "<html><body><svg><title>Logo</title></svg><p>Text.</p></body></html>";
        assert_eq!(parse_html(html).title, None);
        let html =
            "<html><head><title>Real</title></head><body><svg><title>Logo</title></svg><p>Text.</p></body></html>";
        assert_eq!(parse_html(html).title.as_deref(), Some("Real"));
    }

    #[test]
    fn body_fallback_all_paragraphs() {
        let html = "<html><body><div><p>One &eacute;t&eacute; paragraph.</p><div><p>Two</p></div></div>\
                    <nav><p>Menu</p></nav><ul><li>not a p</li></ul><footer><p>Foot</p></footer></body></html>";
        let a = parse_html(html);
        assert_eq!(a.paragraphs, vec!["One été paragraph.", "Two"]);
        assert_eq!(a.title, None);
        assert_eq!(a.date, None);
    }

    #[test]
    fn itemprop_and_main() {
        let html = r#"<body><main><p>Main text only.</p></main><p>Outside.</p>
            <span itemprop="datePublished" content="2014-01-02">Jan 2</span>
            <a rel="author" href="/a">Alex Poe</a></body>"#;
        let a = parse_html(html);
        assert_eq!(a.paragraphs, vec!["Main text only."]);
        assert_eq!(a.date.as_deref(), Some("2014-01-02"));
        assert_eq!(a.author.as_deref(), Some("Alex Poe"));

        let html = r#"<body><div itemprop="articleBody"><p>Body.</p><p>More body.</p></div>
            <main><p>x</p></main></body>"#;
        assert_eq!(parse_html(html).paragraphs, vec!["Body.", "More body."]);
    }

    #[test]
    fn largest_article_wins_and_text_around_blocks() {
        let html = r#"<body>
            <article><p>Teaser.</p></article>
            <article><p>The real story is longer than the teaser.</p>
              <blockquote>Said plainly <p>and then some.</p></blockquote>
              <ul><li><p>Item in a paragraph</p></li></ul></article></body>"#;
        let a = parse_html(html);
        assert_eq!(
            a.paragraphs,
            vec!["The real story is longer than the teaser.", "Said plainly", "and then some.", "Item in a paragraph"]
        );
    }

    #[test]
    fn commentary_is_not_a_comment_section() {
        let html = r#"<article><div class="commentary-body"><p>An opinion.</p></div></article>"#;
        assert_eq!(parse_html(html).paragraphs, vec!["An opinion."]);
    }

    #[test]
    fn author_meta_url_falls_back_to_byline() {
        let html = r#"<head><meta property="article:author" content="https://social.example/jroe"></head>
            <body><article><div class="byline">by Jo Roe</div><p>Text.</p></article></body>"#;
        assert_eq!(parse_html(html).author.as_deref(), Some("Jo Roe"));
        let html = r#"<head><meta property="article:author" content="https://social.example/desk"></head>
            <body><article><p class="Story-TextContributorName">By Ana Ruiz</p><p>Text.</p></article></body>"#;
        assert_eq!(parse_html(html).author.as_deref(), Some("Ana Ruiz"));
        let html = r#"<head><meta property="article:author" content="https://social.example/desk"></head><p>Text.</p>"#;
        assert_eq!(parse_html(html).author, None, "an address is no author");
    }

    #[test]
    fn an_articles_own_classes_never_make_it_furniture() {
        let story = "<p>The council voted to close the landfill by 2030, after years of complaints.</p>";
        let text = "The council voted to close the landfill by 2030, after years of complaints.";
        for class in ["post-4412 post type-post tag-social-media category-comment", "newsletter-post post"] {
            let html = format!(
                "<body><article class='{class}'><h1>Landfill</h1>{story}</article><div class='share'><p>Share</p></div></body>"
            );
            assert_eq!(parse_html(&html).paragraphs, [text], "{class}");
        }
        // inside the article, furniture is still furniture
        let html = format!("<article class='tag-news'>{story}<div class='related-links'><p>More</p></div></article>");
        assert_eq!(parse_html(&html).paragraphs, [text]);
        // an article that is furniture by its class and holds no headline stays out
        let sponsored = "<p>Sponsored: this bank offers more, with much more text than the story has, to tempt.</p>";
        let html = format!(
            "<body><div class='story-body'>{story}</div><article class='ad-native'>{sponsored}</article></body>"
        );
        assert_eq!(parse_html(&html).paragraphs, [text]);
        // a body marker beside a furniture class is the body
        let html = format!("<main><div class='entry-meta entry-content'>{story}</div></main>");
        assert_eq!(parse_html(&html).paragraphs, [text]);
        // taxonomy prefixes excuse an <article>, not a related box inside it
        let related = "<div class='section-related'><p>Police arrest two men in an unrelated case.</p></div>";
        assert_eq!(parse_html(&format!("<article>{story}{related}</article>")).paragraphs, [text]);
    }

    #[test]
    fn links_captions_bylines_and_sign_up_boxes_are_not_paragraphs() {
        let html = r#"<article>
            <div class="article__meta">Ana Ruiz, Lima <time datetime="2024-02-20">Tuesday February 20 2024, 11.05am</time></div>
            <p>Peru's congress approved the budget on Tuesday after a night of debate.</p>
            <p><a href="/x"><b>Chile wants to control its lithium. Here is why</b></a></p>
            <p><img src="a.jpg"><br><em>Lawmakers leave the chamber at dawn.</em></p>
            <div class="img_cptn"><img src="b.jpg"> A protester outside the building. Photo: Agency</div>
            <h2>Read next</h2>
            <ul><li><a href="/1">Markets rally on budget news</a></li><li><a href="/2">Opposition vows appeal</a></li></ul>
            <div class="box"><h3>The Andes Brief</h3><p>Our weekly newsletter on the region's politics.</p>
              <input type="email" placeholder="Your email"><button>Sign up</button></div>
            <div>Was this article helpful to you?</div>
            <div>Updated 5 May 2024</div>
            <p>The budget raises spending on schools by a tenth, the ministry said.</p>
            </article>"#;
        assert_eq!(
            parse_html(html).paragraphs,
            [
                "Peru's congress approved the budget on Tuesday after a night of debate.",
                "The budget raises spending on schools by a tenth, the ministry said.",
            ]
        );
        // a site that writes its paragraphs as <div>s: short sentences are paragraphs
        let html = r#"<article><div data-testid="paragraph-0">Talks on the treaty resumed in Geneva on Monday after a pause.</div>
            <div data-testid="paragraph-1">Beijing did not immediately comment.</div><div>Was this helpful</div></article>"#;
        assert_eq!(parse_html(html).paragraphs.len(), 2);
        // what the rules must not take: an inline icon, a picture beside a paragraph, a date
        // in a sentence, a link that is a sentence, a list announced by a colon, a short
        // article around a calculator
        let html = r#"<article><div class="body">
            <p><img src="flag.png" width="16" height="11"> The mayor resigned on Monday.</p>
            <p><img src="mayor.jpg" align="left">The council meets again next week to choose a successor.</p>
            <p>The vote on <time datetime="2024-03-05">Tuesday</time> was close.</p>
            <p><a href="audit.pdf">Read the full audit report released by the state auditor on Tuesday.</a></p>
            <p>The winners were:</p>
            <input type="number"></div></article>"#;
        let paragraphs = parse_html(html).paragraphs;
        assert_eq!(paragraphs.len(), 5, "{paragraphs:?}");
    }

    #[test]
    fn a_live_blog_is_all_of_its_posts() {
        let html = r#"<head><script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Talks live"}</script></head>
            <body><main><article><h2>10:05</h2><p>Delegations arrived in the morning, officials said.</p></article>
            <article><p>The first session ended without a statement from either side.</p><p>Talks resume tomorrow.</p></article></main></body>"#;
        let a = parse_html(html);
        assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
        // teaser cards elsewhere on the page, as many as the posts, are not posts
        let teasers = "<div class='more'><article><p>How to bake bread at home this weekend.</p></article><article><p>A chef opens a new restaurant.</p></article></div>";
        assert_eq!(parse_html(&html.replace("</main>", &format!("</main>{teasers}"))).paragraphs.len(), 4);
        // without the live-blog type, the longest article stands for the page
        assert_eq!(parse_html(&html.replace("LiveBlogPosting", "NewsArticle")).paragraphs.len(), 2);
    }

    #[test]
    fn nesting_beyond_the_limit_is_flattened_in_linear_time() {
        let deep = format!(
            "<html><body>{}<p>Deep text about Chile.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        assert_eq!(parse_html(&deep).paragraphs, ["Deep text about Chile."]);
        let lists = format!("{}<li>Item{}", "<ul><li>".repeat(40_000), "</li></ul>".repeat(40_000));
        assert!(fragment_paragraphs(&lists).iter().any(|p| p == "Item"));
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        // a page within the limit is parsed as written, scripts and comments not counted
        let page = format!(
            "{}<script>{}</script><!-- {} -->{}",
            "<div>".repeat(500),
            "<div>".repeat(100),
            "<div>".repeat(100),
            "</div>".repeat(500)
        );
        assert!(matches!(limit_nesting(&page), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(limit_nesting(PAGE), std::borrow::Cow::Borrowed(_)));
        // 600 unclosed <font>s count as nesting, but the furniture after them keeps its tags
        let unclosed = format!("{}<p>Story text.</p><aside><p>Sidebar</p></aside>", "<p><font>x".repeat(600));
        assert!(!parse_html(&unclosed).paragraphs.iter().any(|p| p.contains("Sidebar")));
        let flattened = limit_nesting(&deep);
        // <html> and <body> are two of the levels kept
        assert_eq!(flattened.matches("<div>").count(), MAX_NESTING - 2);
        assert_eq!(flattened.matches("</div>").count(), MAX_NESTING - 2);
    }

    #[test]
    fn garbage_never_panics() {
        let inputs: Vec<String> = vec![
            String::new(),
            "   ".into(),
            "just text, no tags".into(),
            "<p>unclosed <b>bold <i>italic <p>next".into(),
            "<<<>>><</p>&&&;&#xFFFFFF;&#0;&bogus;<p>a</p>".into(),
            "<script>while(1){}</script><style>p{}</style>".into(),
            "<article><article><article></article>".into(),
            "<meta property=og:title><meta name=author content=''><time datetime>".into(),
            "\u{0}\u{1}<p>\u{FEFF}x\u{200B}</p>".into(),
            format!("{}<p>deep</p>", "<div>".repeat(2_000)),
            format!("<article>{}</article>", "<article><p>t</p></article>".repeat(200)),
        ];
        for html in &inputs {
            let a = parse_html(html);
            assert!(a.paragraphs.iter().all(|p| !p.is_empty()));
        }
        assert_eq!(parse_html(""), RawArticle::default());
        assert_eq!(parse_html(&inputs[3]).paragraphs, vec!["unclosed bold italic", "next"]);
        assert_eq!(parse_html(&inputs[8]).paragraphs, vec!["x"]);
    }

    #[test]
    fn prose_outside_paragraph_elements_is_kept_and_two_line_breaks_end_a_paragraph() {
        // An old page: the story in a table cell, paragraphs cut by <br><br>, and one
        // stray <p> at the foot, which made the fallback read nothing but that <p>.
        let page = "<html><body><table><tr><td><font>Floods hit the delta<br><br>Heavy rain flooded \
            large parts of the delta on Tuesday, cutting power to thousands of homes.<br> \
            <br>Officials said two thousand families had moved to shelters by the evening.</font></td></tr></table>\
            <div><a href='/'>Home</a> | <a href='/n'>News</a> | <a href='/s'>Sport and all the other sections of this fine site</a></div>\
            <p>This page is best viewed with a modern browser at a resolution of 800 by 600.</p></body></html>";
        assert_eq!(
            parse_html(page).paragraphs,
            [
                "Heavy rain flooded large parts of the delta on Tuesday, cutting power to thousands of homes.",
                "Officials said two thousand families had moved to shelters by the evening.",
                "This page is best viewed with a modern browser at a resolution of 800 by 600.",
            ]
        );
        // Inside an article: text between paragraphs is kept when it is prose, not when it
        // is a short line (a date, a credit).
        let page = "<article><p>First paragraph of the story.</p>Updated 5 May 2024\
            <p>Second paragraph.</p>A third paragraph that the site wrote without any element around it at all.\
            <div>A line<br><br>cut in two</div></article>";
        assert_eq!(
            parse_html(page).paragraphs,
            [
                "First paragraph of the story.",
                "Second paragraph.",
                "A third paragraph that the site wrote without any element around it at all."
            ]
        );
        assert_eq!(
            fragment_paragraphs("One line.<br><br>Another line.<br>Same line."),
            ["One line.", "Another line. Same line."]
        );
    }

    #[test]
    fn json_ld_fills_what_the_markup_lacks() {
        // A page drawn by a script: an empty shell, and the article in JSON-LD.
        let page = r#"<html><head><title>Loading…</title>
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "name": "Shell"},
              {"@type": "NewsArticle", "headline": "Ferry service returns to the island",
               "datePublished": "2021-04-05T07:00:00Z",
               "author": [{"@type": "Person", "name": "Ida Berg"}],
               "publisher": {"@type": "Organization", "name": "The Lakeside Post"},
               "url": "https://post.example/ferry",
               "articleBody": "The ferry sailed again on Monday.
            
            Passengers cheered, the harbour master said."}]}</script>
            </head><body><div id="app"><p>Please enable JavaScript.</p></div></body></html>"#;
        let a = parse_html(page);
        assert_eq!(a.title.as_deref(), Some("Ferry service returns to the island"));
        assert_eq!(a.paragraphs, ["The ferry sailed again on Monday.", "Passengers cheered, the harbour master said."]);
        assert_eq!(a.date.as_deref(), Some("2021-04-05T07:00:00Z"));
        assert_eq!(a.author.as_deref(), Some("Ida Berg"));
        assert_eq!(a.source.as_deref(), Some("The Lakeside Post"));
        assert_eq!(a.url.as_deref(), Some("https://post.example/ferry"));

        // The markup holds the article: its paragraphs and meta tags win over JSON-LD's.
        let ld = r#"<script type="application/ld+json">{"@type": "Article", "headline": "Other headline",
            "datePublished": "1999-01-01", "author": "Someone Else", "articleBody": "The harbour bridge reopened."}</script>"#;
        let a = parse_html(&PAGE.replace("</head>", &format!("{ld}</head>")));
        assert_eq!(a, parse_html(PAGE));
    }

    #[test]
    fn a_page_without_paragraph_elements_keeps_its_text() {
        let page = parse_html("Just text about Nepal, no tags.");
        assert_eq!(page.paragraphs, ["Just text about Nepal, no tags."]);
        let page = parse_html(
            "<html><body><nav>Home News</nav><div>First block.</div><div>Second <b>block</b>.</div><script>x()</script></body></html>",
        );
        assert_eq!(page.paragraphs, ["First block.", "Second block."]);
        let page = parse_html("<html><body><nav><p>Home</p></nav><footer>(c) 2024</footer></body></html>");
        assert!(page.paragraphs.is_empty());
    }
}
