//! Country gazetteer and country-mention extraction.
//!
//! newsdex tags every passage with the countries it mentions and every
//! article with the countries it is *about*, so that searches can be faceted
//! by `/Region/Subregion/Country` (UN M49 regions). This module owns the
//! curated country table (`data/countries.tsv`, embedded at compile time so
//! the module does no I/O) and everything built on it:
//!
//! * [`all`], [`by_code`], [`by_name`]: the table itself;
//! * [`resolve`]: turns a user's `--country` filter value (code, name, alias,
//!   demonym, region or sub-region; case- and accent-insensitive) into a
//!   [`Selector`] and facet path, with "did you mean" suggestions;
//! * [`mentions`]: fast, precision-oriented detection of country references
//!   in running text (names, aliases, demonyms, capitals/metonyms, US states,
//!   Canadian provinces, Australian states), robust to the usual traps
//!   (Papua New Guinea vs Guinea, "turkey" the bird, Michael Jordan,
//!   "Swiss francs", "Paris, Texas", Georgia the US state, ...);
//! * [`dateline_country`]: the country a news dateline designates;
//! * [`about`]: ranks the countries an article is about from its dateline,
//!   title and per-passage mentions;
//! * [`code_in_year`]: maps a present-day code to the historical state that
//!   covered it in a given year (RU in 1987 is SU), for old corpora.
//!
//! Decisions worth knowing:
//! * "Washington" (the city, metonym of the US government) and "Washington
//!   state" both count as US; "George Washington" and "Washington Post"
//!   (a capitalised word before/after) do not count at all.
//! * A bare "Congo" / "Congolese" is the Republic of the Congo (CG) when the story names
//!   it otherwise (Brazzaville, Congo-Brazzaville…), the DRC when the story names the DRC
//!   otherwise (DRC, Kinshasa, Katanga…), the one named first when the story names both.
//!   With neither, it follows the story's year: the
//!   Republic of the Congo from 1971 to 1997, while the DRC was Zaire; the DRC before and
//!   after (and in undated text), as "the Congo" of the 1960s and "Congo" of AP and Reuters
//!   style since 1997 are the DRC.
//! * Place names shared by several countries or with common words (San Jose,
//!   Halifax, Stamford, "Male") count only for a country the story names otherwise.
//! * "Korea"/"Korean" alone mean South Korea.
//! * Currency phrases ("Swiss francs", "U.S. dlrs", "US$") are not mentions.
//! * Names of regions containing a country name ("Latin America", "Indian
//!   Ocean", "New Guinea", "West Indies") are matched and discarded.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const TABLE: &str = include_str!("../../data/countries.tsv");

/// One row of the country table.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (ISO 3166-3 style for historical states, XK for Kosovo).
    pub code: &'static str,
    /// English short name, used in facet paths.
    pub name: &'static str,
    /// UN M49 region (Africa, Americas, Asia, Europe, Oceania; Antarctica for AQ).
    pub region: &'static str,
    /// UN M49 sub-region.
    pub subregion: &'static str,
    /// `(from, to)` years for historical states, `None` for current ones.
    pub years: Option<(i32, i32)>,
    // The `|`-separated lists, split when read: a query needs only the names, codes and
    // regions, and splitting every list up front took the table's parse from about 175 to
    // 450 µs, 4% of a fresh-process query.
    aliases: &'static str,
    demonyms: &'static str,
    capitals: &'static str,
}

impl Country {
    /// Facet path `/Region/Subregion/Name`, e.g. `/Asia/Central Asia/Kazakhstan`.
    pub fn facet_path(&self) -> String {
        format!("/{}/{}/{}", self.region, self.subregion, self.name)
    }

    /// Official and other names (`Türkiye`, `Burma`, `DRC`).
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> {
        split_list(self.aliases)
    }

    /// Demonyms and adjectives, singular and plural (`Kazakh`, `Kazakhs`, `Kazakhstani`).
    pub fn demonyms(&self) -> impl Iterator<Item = &'static str> {
        split_list(self.demonyms)
    }

    /// Capitals, seats of government used as metonyms, major cities.
    pub fn capitals(&self) -> impl Iterator<Item = &'static str> {
        split_list(self.capitals)
    }
}

fn split_list(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

fn parse_table() -> Vec<Country> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (lineno, line) in TABLE.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        assert!(f.len() == 8, "countries.tsv line {}: expected 8 columns, got {}", lineno + 1, f.len());
        let years = if f[7].trim().is_empty() {
            None
        } else {
            let (a, b) = f[7].trim().split_once('-').expect("years must be FROM-TO");
            Some((a.parse().expect("bad start year"), b.parse().expect("bad end year")))
        };
        out.push(Country {
            code: f[0],
            name: f[1],
            region: f[2],
            subregion: f[3],
            aliases: f[4],
            demonyms: f[5],
            capitals: f[6],
            years,
        });
    }
    out
}

static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(parse_table);

/// All entities of the table (current countries, territories, historical states).
pub fn all() -> &'static [Country] {
    &COUNTRIES
}

/// Country by code, case-insensitive (`"kz"`, `"KZ"`).
pub fn by_code(code: &str) -> Option<&'static Country> {
    let index = &*BY_CODE;
    index.get(code).or_else(|| index.get(code.to_ascii_uppercase().as_str())).map(|&i| &all()[i])
}

/// Country by its exact English short name as in the table (facet path leaf).
pub fn by_name(name: &str) -> Option<&'static Country> {
    BY_NAME.get(name).map(|&i| &all()[i])
}

/// Whether a single word is the short name of a country or the name of a US, Canadian or
/// Australian state or province ("Chile", "Kentucky", "Ontario"). Victoria and Georgia, also
/// given names, are left out. Speaker attribution uses it: a lone place name that "said"
/// something is a government, never a person.
pub fn is_place_name(word: &str) -> bool {
    static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        all()
            .iter()
            .map(|c| c.name)
            .chain(SUBDIVISIONS.iter().map(|s| s.1))
            .filter(|n| !n.contains(' ') && !SUBDIVISION_NAMES_NOT_MATCHED.contains(n))
            .collect()
    });
    NAMES.contains(word)
}

/// Whether a word is a dotted abbreviation of a state or province of [`SUBDIVISIONS`], as
/// the AP writes one after a city or a lawmaker ("Avondale, Ariz.", "Dick Durbin (Ill.)"),
/// with or without its final dot. Those that are also given names, titles or common words
/// (Miss., Mo., Del., Vic., Penn., Cal., Me., La., Man.) are left out. Speaker attribution
/// uses it: such a word alone is a place, never a person.
pub fn is_state_abbreviation(word: &str) -> bool {
    const ALSO_NAMES: &[&str] = &["Miss.", "Mo.", "Del.", "Vic.", "Penn.", "Cal.", "Me.", "La.", "Man."];
    static ABBREVIATIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        SUBDIVISIONS
            .iter()
            .flat_map(|s| s.2.iter().copied())
            .filter(|a| a.ends_with('.') && !ALSO_NAMES.contains(a))
            .flat_map(|a| [a, a.trim_end_matches('.')])
            .collect()
    });
    ABBREVIATIONS.contains(word)
}

/// Code and name lookups run for every mention of every passage: hashed, not scanned.
static BY_CODE: LazyLock<HashMap<&'static str, usize>> =
    LazyLock::new(|| all().iter().enumerate().map(|(i, c)| (c.code, i)).collect());
static BY_NAME: LazyLock<HashMap<&'static str, usize>> =
    LazyLock::new(|| all().iter().enumerate().map(|(i, c)| (c.name, i)).collect());

// ---------------------------------------------------------------------------
// Sub-national units used as country evidence (US states, Canadian provinces,
// Australian states): (country code, name, abbreviations incl. postal codes).
// Names are matched in text; dotted abbreviations only after "Place, ";
// postal codes only in datelines.

const SUBDIVISIONS: &[(&str, &str, &[&str])] = &[
    ("US", "Alabama", &["Ala.", "AL"]),
    ("US", "Alaska", &["AK"]),
    ("US", "Arizona", &["Ariz.", "AZ"]),
    ("US", "Arkansas", &["Ark.", "AR"]),
    ("US", "California", &["Calif.", "Cal.", "CA"]),
    ("US", "Colorado", &["Colo.", "CO"]),
    ("US", "Connecticut", &["Conn.", "CT"]),
    ("US", "Delaware", &["Del.", "DE"]),
    ("US", "District of Columbia", &["D.C.", "DC"]),
    ("US", "Florida", &["Fla.", "FL"]),
    ("US", "Georgia", &["Ga.", "GA"]),
    ("US", "Hawaii", &["HI"]),
    ("US", "Idaho", &["ID"]),
    ("US", "Illinois", &["Ill.", "IL"]),
    ("US", "Indiana", &["Ind.", "IN"]),
    ("US", "Iowa", &["IA"]),
    ("US", "Kansas", &["Kan.", "Kans.", "KS"]),
    ("US", "Kentucky", &["Ky.", "KY"]),
    ("US", "Louisiana", &["La.", "LA"]),
    ("US", "Maine", &["Me.", "ME"]),
    ("US", "Maryland", &["Md.", "MD"]),
    ("US", "Massachusetts", &["Mass.", "MA"]),
    ("US", "Michigan", &["Mich.", "MI"]),
    ("US", "Minnesota", &["Minn.", "MN"]),
    ("US", "Mississippi", &["Miss.", "MS"]),
    ("US", "Missouri", &["Mo.", "MO"]),
    ("US", "Montana", &["Mont.", "MT"]),
    ("US", "Nebraska", &["Neb.", "Nebr.", "NE"]),
    ("US", "Nevada", &["Nev.", "NV"]),
    ("US", "New Hampshire", &["N.H.", "NH"]),
    ("US", "New Jersey", &["N.J.", "NJ"]),
    ("US", "New Mexico", &["N.M.", "N.Mex.", "NM"]),
    ("US", "New York State", &["N.Y.", "NY"]),
    ("US", "North Carolina", &["N.C.", "NC"]),
    ("US", "North Dakota", &["N.D.", "ND"]),
    ("US", "Ohio", &["OH"]),
    ("US", "Oklahoma", &["Okla.", "OK"]),
    ("US", "Oregon", &["Ore.", "Oreg.", "OR"]),
    ("US", "Pennsylvania", &["Pa.", "Penn.", "PA"]),
    ("US", "Rhode Island", &["R.I.", "RI"]),
    ("US", "South Carolina", &["S.C.", "SC"]),
    ("US", "South Dakota", &["S.D.", "SD"]),
    ("US", "Tennessee", &["Tenn.", "TN"]),
    ("US", "Texas", &["Tex.", "TX"]),
    ("US", "Utah", &["UT"]),
    ("US", "Vermont", &["Vt.", "VT"]),
    ("US", "Virginia", &["Va.", "VA"]),
    ("US", "Washington State", &["Wash.", "WA"]),
    ("US", "West Virginia", &["W.Va.", "W. Va.", "WV"]),
    ("US", "Wisconsin", &["Wis.", "Wisc.", "WI"]),
    ("US", "Wyoming", &["Wyo.", "WY"]),
    ("CA", "Ontario", &["Ont.", "ON"]),
    ("CA", "Quebec", &["Que.", "QC", "PQ"]),
    ("CA", "Alberta", &["Alta.", "AB"]),
    ("CA", "British Columbia", &["B.C.", "BC"]),
    ("CA", "Manitoba", &["Man.", "MB"]),
    ("CA", "Saskatchewan", &["Sask.", "SK"]),
    ("CA", "Nova Scotia", &["N.S.", "NS"]),
    ("CA", "New Brunswick", &["N.B.", "NB"]),
    ("CA", "Newfoundland", &["Nfld.", "N.L.", "NL", "NF"]),
    ("CA", "Prince Edward Island", &["P.E.I.", "PE", "PEI"]),
    ("CA", "Northwest Territories", &["N.W.T.", "NT"]),
    ("CA", "Yukon", &["YT"]),
    ("CA", "Nunavut", &["NU"]),
    ("AU", "New South Wales", &["N.S.W.", "NSW"]),
    ("AU", "Queensland", &["Qld.", "QLD"]),
    ("AU", "Tasmania", &["Tas.", "TAS"]),
    ("AU", "Western Australia", &[]),
    ("AU", "South Australia", &[]),
    ("AU", "Northern Territory", &[]),
    ("AU", "Australian Capital Territory", &["A.C.T.", "ACT"]),
    ("AU", "Victoria", &["Vic.", "VIC"]),
];

/// Subdivision names that are not matched as mentions in running text
/// (handled elsewhere or too ambiguous): they still count after "Place, ".
const SUBDIVISION_NAMES_NOT_MATCHED: &[&str] = &["Georgia", "Victoria"];

/// Phrases that contain a country word but do not refer to that country.
/// They are matched (leftmost-longest) and dropped.
const BLOCKS: &[&str] = &[
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "South Americans",
    "North America",
    "North American",
    "North Americans",
    "Central America",
    "Central American",
    "Central Americans",
    "Americas",
    "American Indian",
    "American Indians",
    "Native American",
    "Native Americans",
    "Indian Ocean",
    "West Indies",
    "West Indian",
    "West Indians",
    "East Indies",
    "Arabian Gulf",
    "South China Sea",
    "East China Sea",
    "Sea of Japan",
    "Norwegian Sea",
    "Philippine Sea",
    "Inter-American",
    "Irish Sea",
    "English Channel",
    "Dutch auction",
    "French fries",
    "French toast",
    "French horn",
    "Swiss cheese",
    "Turkish delight",
    "Danish pastry",
    "Chinese wall",
    "Chinese walls",
    "New Guinea",
    "New Britain",
    "Guinea pig",
    "Guinea pigs",
    "Guinea fowl",
    "Mexican wave",
    "Indian summer",
    "Russian roulette",
    "Brussels sprouts",
    "Georgia-Pacific",
    // Dishes, objects and idioms named after a country: about the thing, not the place.
    "Dutch oven",
    "Dutch ovens",
    "Dutch courage",
    "Swiss army knife",
    "Swiss army knives",
    "Swiss roll",
    "Turkish coffee",
    "Turkish bath",
    "Turkish baths",
    "Peking duck",
    "Panama hat",
    "Panama hats",
    "Chinese checkers",
    "Chinese whispers",
    "Chinese lantern",
    "Chinese lanterns",
    "Belgian waffle",
    "Belgian waffles",
    "Irish coffee",
    "Swedish meatballs",
    "Mexican standoff",
    "Spanish flu",
    "German measles",
    "Brazil nut",
    "Brazil nuts",
    "Danish modern",
    "Hamburg steak",
    "Chile pepper",
    "Chile peppers",
    "French kiss",
    "French window",
    "French windows",
    "Russian doll",
    "Russian dolls",
    "Scotch egg",
    "Scotch eggs",
    "Welsh rarebit",
    "Canadian bacon",
    "India ink",
    "Persian cat",
    "Persian cats",
    "Persian rug",
    "Persian rugs",
    "Siamese twins",
    "Siamese cat",
    "Bermuda shorts",
    "Bermuda Triangle",
    "Jerusalem artichoke",
    "Swiss chard",
    "Canada goose",
    "Canada geese",
    "India pale ale",
    "Lebanon bologna",
    "Guinea worm",
    "Benin Bronzes",
    "Emirates Stadium",
    // Sea areas named after one coast of several.
    "Gulf of Guinea",
    "Gulf of Aden",
    // Breeds of dogs and cats.
    "Afghan hound",
    "German shepherd",
    "Great Dane",
    "Great Danes",
    "Irish setter",
    "Irish wolfhound",
    "English setter",
    "English bulldog",
    "French bulldog",
    "Scottish terrier",
    "Scottish fold",
    "Belgian Malinois",
    "Australian shepherd",
    "Portuguese water dog",
    "Chinese crested",
    "Japanese spitz",
    "Russian blue",
    "Egyptian Mau",
    "Turkish Van",
    "Norwegian Forest cat",
    "Norwegian elkhound",
    // Bodies of the Americas as a whole ("the Pan American Health Organization").
    "Pan American",
    "Pan-American",
    // Native Americans, in US news.
    "Indian reservation",
    "Indian tribe",
    "Indian Country",
    "Indian Affairs",
    "Indian Health Service",
    "Indian casino",
    // Trade negotiation rounds are named after where they were launched.
    "Uruguay Round",
    "Tokyo Round",
    "Kennedy Round",
    "Doha Round",
];

/// Place names of the table that name places in several countries, or are also a common
/// word, name or company ("Stamford Bridge" in London, the Halifax bank, "Male workers",
/// the RSA security firm), with the countries they may designate. Such a name counts
/// only for a country the article names in another, unambiguous way ("San Jose" with
/// California is the US city; with Costa Rica, the capital); alone it counts for none.
const AMBIGUOUS_PLACES: &[(&str, &[&str])] = &[
    ("San José", &["CR", "US"]),
    ("Halifax", &["CA", "GB"]),
    ("Stamford", &["US", "GB"]),
    ("Kingston", &["JM", "GB", "CA"]),
    ("Gold Coast", &["AU", "GH"]),
    ("Malé", &["MV"]),
    ("Kano", &["NG"]),
    ("RSA", &["ZA"]),
    ("Buffalo", &["US"]),
    ("Phoenix", &["US"]),
    ("Charlotte", &["US"]),
    ("Darwin", &["AU"]),
    // Capitals under their colonial names, which other places share: Harare, Guangzhou,
    // Banjul, Malabo (Salisbury in Wiltshire, Canton in Ohio, Bathurst in New South Wales).
    ("Salisbury", &["ZW", "GB"]),
    ("Canton", &["CN", "US"]),
    ("Bathurst", &["GM", "AU", "CA"]),
    ("Santa Isabel", &["GQ"]),
];

/// Words that, spelled with a capital, are common first names or surnames.
/// For these a neighbouring capitalised word makes the match a person or an
/// organisation name ("Michael Jordan", "Chad Smith", "Washington Post").
const PERSONAL: &[&str] = &[
    "Jordan",
    "Chad",
    "Georgia",
    "India",
    "Kenya",
    "Israel",
    "Jersey",
    "Paris",
    "Sydney",
    "Houston",
    "Dallas",
    "Denver",
    "Charlotte",
    "Columbus",
    "Cleveland",
    "Salvador",
    "Darwin",
    "Wellington",
    "Washington",
    "Orlando",
    "Holland",
    "Adelaide",
    "Santiago",
    "Brooklyn",
    "Phoenix",
    "America",
    "Cuba",
    "Virginia",
    "London",
    "Berlin",
    "France",
    "England",
    "Ireland",
    "Wales",
    "Lagos",
    "Cordoba",
    "Mendoza",
    "Rosario",
    "Medina",
    "Kingston",
    "Kobe",
    "Sofia",
    "Raleigh",
    "Trinidad",
    "Nevada",
    "Georgian",
    "Dakota",
    "Jamaica",
];

/// Lower-case particles inside a name, between a first name and a surname.
const NAME_PARTICLES: &[&str] =
    &["le", "la", "de", "du", "da", "di", "del", "della", "van", "von", "der", "den", "bin", "ibn"];

/// Demonyms that are also surnames ("Bill English", "Dawn French"): only the
/// preceding-capitalised-word rule applies to them.
const PERSONAL_SURNAME_ONLY: &[&str] = &["English", "French", "Welsh", "German"];

/// Capitalised words that may precede a personal-looking country name without
/// making it a person ("In Jordan", "Lake Chad", "Air India").
const STOP_BEFORE: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "from",
    "to",
    "and",
    "or",
    "but",
    "for",
    "with",
    "by",
    "of",
    "as",
    "while",
    "since",
    "unlike",
    "like",
    "both",
    "neither",
    "either",
    "only",
    "even",
    "also",
    "meanwhile",
    "besides",
    "including",
    "across",
    "against",
    "between",
    "through",
    "via",
    "within",
    "outside",
    "inside",
    "near",
    "after",
    "before",
    "without",
    "under",
    "over",
    "toward",
    "towards",
    "whereas",
    "although",
    "though",
    "if",
    "when",
    "where",
    "why",
    "how",
    "what",
    "which",
    "that",
    "this",
    "these",
    "those",
    "whether",
    "into",
    "onto",
    "about",
    "around",
    "beyond",
    "among",
    "amid",
    "despite",
    "during",
    "until",
    "per",
    "neighbouring",
    "neighboring",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "greater",
    "lake",
    "river",
    "mount",
    "gulf",
    "bay",
    "sea",
    "coast",
    "republic",
    "kingdom",
    "air",
    "visit",
    "visits",
    "visiting",
    "says",
    "said",
    "is",
    "was",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "do",
    "does",
    "did",
    "not",
    "no",
    "yes",
    "all",
    "most",
    "many",
    "some",
    "rural",
    "urban",
    "modern",
    "ancient",
    "old",
    "new",
    "today",
    "yesterday",
    "tomorrow",
    "where",
    "here",
    "there",
    "then",
    "now",
    "so",
    "yet",
    "because",
    "reuters",
    "ap",
    "afp",
    "upi",
];

/// Capitalised words that may follow a personal-looking country name without
/// making it a person or an organisation ("Jordan King Hussein").
/// Capitalised words that name a part or the surroundings of the city after them
/// ("Metropolitan Toronto", "Greater London", "Downtown Chicago", "Old Delhi").
const PART_OF_CITY: &[&str] = &[
    "metropolitan",
    "greater",
    "downtown",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "inner",
    "outer",
    "upper",
    "lower",
    "old",
    "suburban",
];

const FOLLOW_OK: &[&str] = &[
    "government",
    "govt",
    "army",
    "navy",
    "air",
    "airlines",
    "airways",
    "bourse",
    "stock",
    "exchange",
    "futures",
    "embassy",
    "ministry",
    "minister",
    "ministers",
    "central",
    "national",
    "state",
    "parliament",
    "cabinet",
    "radio",
    "television",
    "tv",
    "news",
    "agency",
    "police",
    "court",
    "king",
    "queen",
    "president",
    "prime",
    "premier",
    "foreign",
    "finance",
    "crown",
    "prince",
    "princess",
    "defence",
    "defense",
    "trade",
    "oil",
    "energy",
    "interior",
    "valley",
    "river",
    "basin",
    "sea",
    "coast",
    "and",
    "or",
    "the",
    "a",
    "in",
    "on",
    "at",
    "to",
    "for",
    "is",
    "was",
    "has",
    "said",
    "says",
    "will",
    "officials",
    "official",
    "authorities",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "d.c",
    // What a city gives its name to stays in that city ("Berlin Wall", "London Marathon").
    // Not accords, treaties or summits: the "Paris accord" is about its signatories.
    "wall",
    "film",
    "festival",
    "marathon",
    "airport",
    "zoo",
    "olympics",
    "games",
    "metro",
    "underground",
    "council",
    "mayor",
    "assembly",
    "opera",
    "philharmonic",
    "symphony",
    "bridge",
    "school",
    "university",
    "but",
    "as",
    "with",
    "after",
    "before",
    "while",
];

/// Words after a country/demonym that make the phrase a currency amount.
const CURRENCY: &[&str] = &[
    "dollar",
    "dollars",
    "dlr",
    "dlrs",
    "franc",
    "francs",
    "yen",
    "pound",
    "pounds",
    "sterling",
    "crown",
    "crowns",
    "krona",
    "kronor",
    "krone",
    "kroner",
    "kronur",
    "peso",
    "pesos",
    "mark",
    "marks",
    "rand",
    "rupee",
    "rupees",
    "yuan",
    "renminbi",
    "lira",
    "lire",
    "ruble",
    "rubles",
    "rouble",
    "roubles",
    "riyal",
    "riyals",
    "rial",
    "rials",
    "dinar",
    "dinars",
    "shekel",
    "shekels",
    "won",
    "baht",
    "ringgit",
    "rupiah",
    "escudo",
    "escudos",
    "peseta",
    "pesetas",
    "guilder",
    "guilders",
    "schilling",
    "schillings",
    "drachma",
    "drachmas",
    "cruzado",
    "cruzados",
    "austral",
    "australs",
    "bolivar",
    "bolivars",
    "naira",
    "kwacha",
    "cedi",
    "cedis",
    "shilling",
    "shillings",
    "forint",
    "zloty",
    "zlotys",
    "koruna",
    "leu",
    "lei",
    "lev",
    "taka",
    "kyat",
    "dong",
    "kip",
    "cent",
    "cents",
    "currency",
    "currencies",
    "dirham",
    "dirhams",
    "real",
    "reais",
    "hryvnia",
    "tenge",
    "lempira",
    "quetzal",
    "colon",
    "colones",
    "sol",
    "soles",
    "intis",
    "inti",
    "sucre",
    "sucres",
];

const GE_CUES: &[&str] = &[
    "tbilisi",
    "georgian",
    "georgians",
    "abkhazia",
    "abkhaz",
    "ossetia",
    "caucasus",
    "russia",
    "russian",
    "soviet",
    "moscow",
    "kremlin",
    "black sea",
    "armenia",
    "azerbaijan",
    "ukraine",
    "batumi",
    "shevardnadze",
    "saakashvili",
];

const US_GA_CUES: &[&str] = &[
    "atlanta",
    "savannah",
    "augusta",
    "macon",
    "ga.",
    "gov.",
    "governor",
    "county",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "democratic",
    "senate",
    "senator",
    "legislature",
    "state of georgia",
    "georgia state",
    "alabama",
    "florida",
    "carolina",
    "tennessee",
];

// ---------------------------------------------------------------------------
// Folding: lower-case, accents stripped, typographic apostrophes normalised.

/// Folds `text` into `out` (lower-cased, accents removed) and records in
/// `map` the original byte offset of every folded byte, plus `text.len()`.
fn fold_into(text: &str, out: &mut String, map: &mut Vec<usize>) {
    out.clear();
    map.clear();
    let mut i = 0;
    while i < text.len() {
        // a run of ASCII (most of English text) is copied and lower-cased whole
        let ascii = text.as_bytes()[i..].iter().position(|b| !b.is_ascii()).unwrap_or(text.len() - i);
        if ascii > 0 {
            let start = out.len();
            out.push_str(&text[i..i + ascii]);
            out[start..].make_ascii_lowercase();
            map.extend(i..i + ascii);
            i += ascii;
            continue;
        }
        let c = text[i..].chars().next().expect("a char starts at i");
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' => out.push('\''),
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => out.push(' '),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            _ => {
                for d in c.nfd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    for l in d.to_lowercase() {
                        if !is_combining_mark(l) {
                            out.push(l);
                        }
                    }
                }
            }
        }
        while map.len() < out.len() {
            map.push(i);
        }
        i += c.len_utf8();
    }
    map.push(text.len());
}

/// Folds a short string (patterns, queries); also collapses whitespace.
fn fold(s: &str) -> String {
    let mut out = String::new();
    let mut map = Vec::new();
    fold_into(s.trim(), &mut out, &mut map);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// The matcher.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Name,
    Alias,
    Demonym,
    Capital,
    Subdiv,
    SubdivAbbr,
    Block,
}

#[derive(Debug)]
struct Pattern {
    code: &'static str,
    kind: Kind,
    /// Pattern was written in capitals (US, U.K., DPRK): the text must be too.
    exact_upper: bool,
    /// The table spelling starts with an upper-case letter: so must the text.
    capitalised: bool,
    personal: bool,
    surname_only: bool,
    is_georgia: bool,
    /// A place name shared by several countries or with a common word or name; see
    /// [`AMBIGUOUS_PLACES`].
    ambiguous: Option<&'static [&'static str]>,
    /// "Congo" or "Congolese" alone: see [`bare_congo_is_drc`].
    bare_congo: bool,
}

struct Matcher {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
}

fn is_all_caps_abbrev(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !s.contains(' ')
}

/// The other grammatical number of a name whose last word is a lower-case noun:
/// "Danish pastry" and "Danish pastries", "Brussels sprouts" and "Brussels sprout".
/// Names ending in a capitalised word ("Sea of Japan", "Uruguay Round") have none.
fn other_number(name: &str) -> Option<String> {
    let (head, last) = name.rsplit_once(' ')?;
    if !last.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let other = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if last.ends_with("ches") || last.ends_with("shes") {
        last[..last.len() - 2].to_string()
    } else if last.ends_with("ss") || last.ends_with("us") {
        format!("{last}es")
    } else if let Some(stem) = last.strip_suffix('s') {
        stem.to_string()
    } else if let Some(stem) = last.strip_suffix('y').filter(|stem| !stem.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else if last.ends_with("ch") || last.ends_with("sh") || last.ends_with('x') {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    Some(format!("{head} {other}"))
}

fn build_matcher() -> Matcher {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut strings: Vec<String> = Vec::new();
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut add = |raw: &str, code: &'static str, kind: Kind| {
        if raw.contains('(') {
            return;
        }
        // "the Kremlin", "the Pentagon": the article is optional in text.
        let raw = raw.strip_prefix("the ").unwrap_or(raw);
        let key = fold(raw);
        if key.is_empty() || seen.contains_key(&key) {
            return;
        }
        seen.insert(key.clone(), patterns.len());
        strings.push(key);
        patterns.push(Pattern {
            code,
            kind,
            exact_upper: is_all_caps_abbrev(raw) && kind != Kind::SubdivAbbr,
            capitalised: raw.chars().next().is_some_and(|c| c.is_uppercase()),
            personal: PERSONAL.contains(&raw),
            surname_only: PERSONAL_SURNAME_ONLY.contains(&raw),
            is_georgia: code == "GE" && raw == "Georgia",
            ambiguous: AMBIGUOUS_PLACES.iter().find(|(name, _)| *name == raw).map(|(_, codes)| *codes),
            bare_congo: code == "CG" && (raw == "Congo" || raw == "Congolese"),
        });
    };
    // Blocks first so that they win ties with identical spellings; a thing's name blocks
    // in the singular and the plural ("Danish pastries", "a Brussels sprout salad").
    for b in BLOCKS {
        add(b, "", Kind::Block);
        if let Some(other) = other_number(b) {
            add(&other, "", Kind::Block);
        }
    }
    for c in all() {
        add(c.name, c.code, Kind::Name);
    }
    for c in all() {
        for a in c.aliases() {
            add(a, c.code, Kind::Alias);
        }
    }
    for (code, name, _) in SUBDIVISIONS {
        if !SUBDIVISION_NAMES_NOT_MATCHED.contains(name) {
            add(name, code, Kind::Subdiv);
        }
    }
    for c in all() {
        for d in c.demonyms() {
            add(d, c.code, Kind::Demonym);
        }
    }
    for c in all() {
        for cap in c.capitals() {
            add(cap, c.code, Kind::Capital);
        }
    }
    for (code, _, abbrs) in SUBDIVISIONS {
        for a in *abbrs {
            if a.contains('.') {
                add(a, code, Kind::SubdivAbbr);
            }
        }
    }
    // a full DFA: a few MB for the table, and the fastest scan over every passage
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&strings)
        .expect("country automaton");
    Matcher { ac, patterns }
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(build_matcher);

thread_local! {
    static FOLD_BUF: RefCell<(String, Vec<usize>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// A country reference in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub code: &'static str,
    /// Byte range in the input text.
    pub start: usize,
    pub end: usize,
    /// What kind of expression matched (extra; not needed for facets).
    pub kind: MentionKind,
}

/// What kind of expression a [`Mention`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// The country's name, an alias or an abbreviation ("Kazakhstan", "U.S.").
    Name,
    /// A demonym or adjective ("Kazakh", "French").
    Demonym,
    /// A capital, seat of government or city ("Astana", "the Kremlin").
    Place,
    /// A state or province ("Texas", "Ontario", "Calif.").
    Subdivision,
}

impl Kind {
    fn public(self) -> MentionKind {
        match self {
            Kind::Name | Kind::Alias | Kind::Block => MentionKind::Name,
            Kind::Demonym => MentionKind::Demonym,
            Kind::Capital => MentionKind::Place,
            Kind::Subdiv | Kind::SubdivAbbr => MentionKind::Subdivision,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    code: &'static str,
    kind: Kind,
    pat: usize,
    start: usize,
    end: usize,
    keep: bool,
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn next_char(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The word (letters, digits, '.', '\'', '-') ending right before `i` after
/// exactly one space, if any.
fn word_before(text: &str, i: usize) -> Option<&str> {
    let head = text[..i].strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '-'))
        .map(|(j, c)| j + c.len_utf8())
        .unwrap_or(0);
    let w = &head[start..];
    (!w.is_empty()).then_some(w)
}

/// The word starting right after `i` following exactly one space, if any.
fn word_after(text: &str, i: usize) -> Option<&str> {
    let tail = text[i..].strip_prefix(' ')?;
    let end = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '-' || c == '&'))
        .map(|(j, _)| j)
        .unwrap_or(tail.len());
    let w = tail[..end].trim_end_matches(['.', '\'']);
    (!w.is_empty()).then_some(w)
}

/// Whether the demonym at `start..end` names a language: "a Portuguese-speaking station",
/// "Arabic-language media", "Russian speakers", "Spanish lessons"; after a verb of speaking
/// or learning, or "in", when it ends the phrase ("teachers there speak Spanish", "said in
/// French.", "fluent in Chinese and English"; not "taught Chinese students", "in Spanish
/// politics").
fn names_a_language(text: &str, start: usize, end: usize) -> bool {
    const AFTER: &[&str] = &[
        "-speaking",
        "-speaker",
        "-speakers",
        "-language",
        "-languages",
        "-dubbed",
        " speaking",
        " speaker",
        " speakers",
        " language",
        " languages",
        " translation",
        " translations",
        " subtitles",
        " lessons",
        " classes",
        " course",
        " courses",
        " dubbing",
        " translator",
        " translators",
        " interpreter",
        " interpreters",
        " dialect",
        " dialects",
    ];
    const BEFORE: &[&str] = &[
        "speak",
        "speaks",
        "spoke",
        "spoken",
        "speaking",
        "learn",
        "learns",
        "learned",
        "learnt",
        "learning",
        "fluent",
        "teach",
        "teaches",
        "taught",
        "teaching",
        "translate",
        "translated",
        "translating",
        "in",
        "into",
    ];
    /// Words after which a phrase has ended: "speaks Spanish and English", "in French to".
    const PHRASE_ENDS_BEFORE: &[&str] = &[
        "and", "or", "but", "with", "at", "to", "in", "on", "for", "fluently", "well", "too", "as", "from", "because",
        "while", "when", "than", "instead", "only",
    ];
    let after = &text[end..];
    let lower_after = after[..after.floor_char_boundary(24)].to_lowercase();
    if AFTER.iter().any(|suffix| {
        lower_after.strip_prefix(suffix).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    }) {
        return true;
    }
    let ends_phrase = match word_after(text, end) {
        Some(next) => in_list(PHRASE_ENDS_BEFORE, next),
        None => !after.starts_with(['-', '\'', '’']),
    };
    if !ends_phrase {
        return false;
    }
    // the verb may come before a first language: "speaking in Arabic and French",
    // "speaking Dari, Swahili and Spanish"
    let mut at = start;
    for _ in 0..6 {
        if let Some(head) = text[..at].strip_suffix(", ") {
            let from =
                head.char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(j, c)| j + c.len_utf8());
            let listed = &head[from..];
            if !starts_upper(listed) {
                return false;
            }
            at = head.len() - listed.len();
            continue;
        }
        let Some(word) = word_before(text, at) else { return false };
        let lower = word.to_lowercase();
        if BEFORE.contains(&lower.as_str()) {
            return true;
        }
        let Some(listed) =
            matches!(lower.as_str(), "and" | "or").then(|| word_before(text, at - word.len() - 1)).flatten()
        else {
            return false;
        };
        if !starts_upper(listed) {
            return false;
        }
        at = at - word.len() - 1 - listed.len() - 1;
    }
    false
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn has_lower(w: &str) -> bool {
    w.chars().any(|c| c.is_lowercase())
}

fn in_list(list: &[&str], w: &str) -> bool {
    let w = w.trim_end_matches('.');
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Every country the text refers to, in order of appearance (one per matched span).
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_in_year(text, None)
}

/// [`mentions`] of a text written in `year`, which decides what a bare "Congo" is when
/// nothing else in the text does (see the module's notes).
pub fn mentions_in_year(text: &str, year: Option<i32>) -> Vec<Mention> {
    FOLD_BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        let (folded, map) = &mut *buf;
        fold_into(text, folded, map);
        let cands = candidates(text, folded, map);
        resolve_candidates(text, folded, cands, year)
    })
}

fn candidates(text: &str, folded: &str, map: &[usize]) -> Vec<Cand> {
    let m = &*MATCHER;
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < folded.len() {
        let Some(mat) = m.ac.find(Input::new(folded).span(pos..folded.len())) else {
            break;
        };
        let (fs, fe) = (mat.start(), mat.end());
        let p = &m.patterns[mat.pattern().as_usize()];
        let ok_bounds = !prev_char(folded, fs).is_some_and(|c| c.is_alphanumeric())
            && !next_char(folded, fe).is_some_and(|c| c.is_alphanumeric());
        let (os, oe) = (map[fs], map[fe]);
        let orig = &text[os..oe];
        let ok_case = p.kind == Kind::Block
            || if p.exact_upper { !has_lower(orig) } else { !p.capitalised || starts_upper(orig) };
        if ok_bounds && ok_case {
            out.push(Cand {
                code: p.code,
                kind: p.kind,
                pat: mat.pattern().as_usize(),
                start: os,
                end: oe,
                keep: p.kind != Kind::Block,
            });
            pos = fe;
        } else {
            // Retry one character later: a shorter pattern may fit
            // ("the Netherlands" -> "Netherlands").
            pos = fs + next_char(folded, fs).map_or(1, char::len_utf8);
        }
    }
    out
}

fn resolve_candidates(text: &str, folded: &str, mut c: Vec<Cand>, year: Option<i32>) -> Vec<Mention> {
    let pats = &MATCHER.patterns;
    let n = c.len();
    // Personal-looking names found inside a person's name ("Kieran Jordan").
    let mut person_names: Vec<usize> = Vec::new();
    // Pass 1: currency, funds, personal names.
    for i in 0..n {
        if !c[i].keep {
            continue;
        }
        let (s, e) = (c[i].start, c[i].end);
        let p = &pats[c[i].pat];
        // Currency: "Swiss francs", "U.S. dlrs", "US$", "Hong Kong-dollar".
        let after = &text[e..];
        if after.starts_with('$') {
            c[i].keep = false;
            continue;
        }
        let after_word = after.strip_prefix(' ').or_else(|| after.strip_prefix('-')).map(|t| {
            let end = t.find(|ch: char| !ch.is_alphabetic()).unwrap_or(t.len());
            &t[..end]
        });
        if let Some(w) = after_word
            && in_list(CURRENCY, w)
        {
            c[i].keep = false;
            continue;
        }
        if c[i].kind == Kind::Demonym && names_a_language(text, s, e) {
            c[i].keep = false;
            continue;
        }
        // Company and fund names: "The Japan Fund", "Mexico Equity Fund Inc",
        // "British Widget Co", "Canon USA Inc", "American Gadget Corp <AGC>":
        // the country word starts a run of capitalised words ending in a
        // corporate word or a ticker. "Japanese banks", "the U.S. Commerce
        // Department" and "Bank of Japan" stay mentions, and so does "Widget of
        // Japan Ltd", a company of that country.
        if starts_company_name(text, e) && !inside_of_name(text, s) {
            c[i].keep = false;
            continue;
        }
        // A city right after a capitalised word is part of a name
        // ("Chase Manhattan", "Manufacturers Hanover", "First Chicago"), unless the word
        // is one that narrows a place ("Greater London", "Lower Manhattan").
        if c[i].kind == Kind::Capital
            && !p.personal
            && has_lower(&text[s..e])
            && let Some(w) = word_before(text, s)
        {
            let prev_is_match = i > 0 && c[i - 1].end + 1 == s && c[i - 1].kind != Kind::Block;
            if starts_upper(w)
                && has_lower(w)
                && !prev_is_match
                && !in_list(STOP_BEFORE, w)
                && !in_list(FOLLOW_OK, w)
                && !in_list(PART_OF_CITY, w)
                && w.chars().all(char::is_alphabetic)
            {
                c[i].keep = false;
                continue;
            }
        }
        if p.personal || p.surname_only {
            let orig = &text[s..e];
            let caps_text = !has_lower(orig);
            // Preceding capitalised word that is not a function word and not
            // part of another match: a first name or title ("Michael Jordan").
            if let Some(w) = word_before(text, s) {
                let prev_is_match = i > 0 && c[i - 1].end + 1 == s && c[i - 1].kind != Kind::Block;
                let wb = w.trim_end_matches('.');
                // "Mr. Jordan", "J. Jordan"; but "...Presse. France said": a sentence ended
                let abbreviation = wb.len() == w.len() || wb.chars().count() <= 4;
                if abbreviation
                    && starts_upper(wb)
                    && (!caps_text || has_lower(wb))
                    && !prev_is_match
                    && !in_list(STOP_BEFORE, wb)
                    && !in_list(FOLLOW_OK, wb)
                    && wb.chars().all(|ch| ch.is_alphabetic() || ch == '\'' || ch == '-')
                {
                    c[i].keep = false;
                    // a surname ends the name ("Kieran Jordan signed"); "Agence France
                    // Presse" goes on: an organisation
                    if word_after(text, e).is_none_or(|w| !starts_upper(w)) && !text[e..].starts_with('-') {
                        person_names.push(c[i].pat);
                    }
                    continue;
                }
            }
            // Following capitalised word: a surname or an organisation
            // ("Jordan Peterson", "Washington Post", "Georgia Tech"), maybe after a
            // particle ("Chad le Clos", "Paris de Vries").
            if p.personal
                && let Some(w) = word_after(text, e)
            {
                if NAME_PARTICLES.contains(&w)
                    && word_after(text, e + 1 + w.len())
                        .is_some_and(|surname| starts_upper(surname) && has_lower(surname))
                {
                    c[i].keep = false;
                    continue;
                }
                let next_is_match = i + 1 < n && c[i + 1].start == e + 1;
                if starts_upper(w)
                    && (!caps_text || has_lower(w))
                    && !next_is_match
                    && !in_list(FOLLOW_OK, w)
                    && w.chars().all(|ch| ch.is_alphabetic() || ch == '\'' || ch == '-')
                {
                    c[i].keep = false;
                    continue;
                }
            }
        }
    }
    // Once "Kieran Jordan" is in the story, "Jordan said" is that person speaking. Only
    // before a speech verb: the same word elsewhere may well be the country ("Wales coach"
    // in a story that also names a "Jimmy Wales").
    for cand in c.iter_mut().filter(|x| x.keep && person_names.contains(&x.pat)) {
        if word_after(text, cand.end).is_some_and(|w| in_list(SPEECH_VERBS, w)) {
            cand.keep = false;
        }
    }
    // Pass 2: Georgia, the country or the US state?
    let mut ga_context: Option<bool> = None; // Some(true) = US state
    for i in 0..n {
        if !c[i].keep || !pats[c[i].pat].is_georgia {
            continue;
        }
        // "Atlanta, Georgia", "Marietta, Georgia": a non-Georgian place before ("Kakheti,
        // Georgia's wine region" describes the place by its country).
        let before = &text[..c[i].start];
        let possessive = text[c[i].end..].starts_with("'s") || text[c[i].end..].starts_with("’s");
        if let Some(head) = before.strip_suffix(", ")
            && !possessive
        {
            let prev_match = (0..i).rev().find(|&k| c[k].keep || c[k].kind == Kind::Capital);
            let prev_adjacent = prev_match.filter(|&k| c[k].end == head.len());
            match prev_adjacent {
                Some(k) if c[k].code == "GE" => continue,
                Some(k) if matches!(c[k].kind, Kind::Capital | Kind::Subdiv) => {
                    c[i].code = "US";
                    continue;
                }
                Some(_) => {}
                None => {
                    if head.chars().next_back().is_some_and(char::is_alphabetic)
                        && word_before(&format!("{head} "), head.len() + 1).is_some_and(starts_upper)
                    {
                        c[i].code = "US";
                        continue;
                    }
                }
            }
        }
        let us = *ga_context.get_or_insert_with(|| georgia_is_us_state(folded, &c));
        if us {
            c[i].code = "US";
        }
    }
    // "Turkey sales rose" in a Thanksgiving story: where a capital is owed to the start of
    // a sentence or a headline in capitals, a word the story also uses as a common noun
    // is that noun.
    for cand in c.iter_mut().filter(|x| x.keep) {
        let surface = &text[cand.start..cand.end];
        let Some((_, nouns)) = COMMON_NOUN_COUNTRIES.iter().find(|(word, _)| surface.eq_ignore_ascii_case(word)) else {
            continue;
        };
        let in_capitals = !has_lower(surface);
        // in a headline in capitals, the cues are in capitals too ("AHEAD OF THANKSGIVING")
        let cue = |noun: &&str| {
            contains_prose_word(text, noun)
                || in_capitals && !surface.eq_ignore_ascii_case(noun) && contains_prose_word(text, &noun.to_uppercase())
        };
        if (in_capitals || sentence_start(text, cand.start)) && nouns.iter().any(cue) {
            cand.keep = false;
        }
    }
    // A bare "Congo": see the module's notes. After a city of the Republic ("Brazzaville,
    // Congo") it stays the Republic.
    if bare_congo_is_drc(&c, year) {
        for i in 0..n {
            let after_republic_city = i > 0
                && c[i - 1].code == "CG"
                && c[i - 1].kind == Kind::Capital
                && &text[c[i - 1].end..c[i].start] == ", ";
            if c[i].keep && pats[c[i].pat].bare_congo && !after_republic_city {
                c[i].code = "CD";
            }
        }
    }
    // Ambiguous place names count for a country the story names otherwise, or not at all.
    let named: Vec<&'static str> = c
        .iter()
        .filter(|x| x.keep && x.kind != Kind::Block && pats[x.pat].ambiguous.is_none())
        .map(|x| x.code)
        .collect();
    for cand in c.iter_mut().filter(|x| x.keep) {
        if let Some(codes) = pats[cand.pat].ambiguous {
            match codes.iter().find(|code| named.contains(code)) {
                Some(code) => cand.code = code,
                None => cand.keep = false,
            }
        }
    }
    // Pass 3: "Place, State" and "City, Country" merges.
    let mut out: Vec<Mention> = Vec::with_capacity(n);
    // the pattern of each mention of `out`, and whether a qualifier was merged into it
    let mut out_pats: Vec<(usize, bool)> = Vec::with_capacity(n);
    let mut last_kind = Kind::Block;
    let kept: Vec<&Cand> = c.iter().filter(|x| x.keep).collect();
    for (k, &cand) in kept.iter().enumerate() {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.end..cand.start];
            let adjacent = gap == ", " || gap == ",";
            let merge = adjacent
                && match cand.kind {
                    Kind::SubdivAbbr => true,
                    Kind::Subdiv => {
                        let after = &text[cand.end..];
                        // "Lebanon, Tennessee, the next morning": the comma closes the
                        // place; "Lebanon, Georgia, Armenia": a list of countries
                        let closing_comma = after.strip_prefix(", ").is_some_and(|rest| {
                            rest.starts_with(char::is_lowercase)
                                && !rest.starts_with("and ")
                                && !rest.starts_with("or ")
                        });
                        matches!(last_kind, Kind::Capital | Kind::Subdiv)
                            || !after.starts_with(" and ")
                                && !after.starts_with(" or ")
                                && (!after.starts_with(", ") || closing_comma)
                    }
                    Kind::Name | Kind::Alias => last_kind == Kind::Capital,
                    _ => false,
                };
            if merge {
                prev.code = cand.code;
                prev.end = cand.end;
                prev.kind = cand.kind.public();
                last_kind = cand.kind;
                // a state or province names which place it is ("Paris, Texas"), unless
                // it is an item of a list of places ("Beijing, Moscow, Washington and …")
                let listed = kept.get(k + 1).is_some_and(|next| {
                    matches!(&text[cand.end..next.start], ", " | " and " | ", and " | " or " | "; ")
                });
                if let Some(last) = out_pats.last_mut() {
                    last.1 = matches!(cand.kind, Kind::Subdiv | Kind::SubdivAbbr) && !listed;
                }
                continue;
            }
        }
        if cand.kind == Kind::SubdivAbbr {
            // A bare abbreviation counts only in "Place, Abbr." position.
            let before = &text[..cand.start];
            let ok = before
                .strip_suffix(", ")
                .and_then(|h| h.chars().next_back())
                .is_some_and(|ch| ch.is_alphabetic() || ch == '.');
            if !ok {
                continue;
            }
        }
        out.push(Mention { code: cand.code, start: cand.start, end: cand.end, kind: cand.kind.public() });
        out_pats.push((cand.pat, false));
        last_kind = cand.kind;
    }
    keep_qualified_readings(&mut out, &out_pats);
    if let Some(year) = year {
        for mention in out.iter_mut().filter(|m| m.kind == MentionKind::Place) {
            mention.code = place_code_in_year(&text[mention.start..mention.end], mention.code, year);
        }
    }
    out
}

/// One place, one reading per story: once "MOSCOW, Idaho" or "Paris, Texas" has said which
/// Moscow or Paris the story is about, "Moscow police" and "Paris officials" are that place
/// too, not the capital of the same name. Only when every qualified mention of the name
/// agrees on one country other than the name's own.
fn keep_qualified_readings(out: &mut [Mention], pats: &[(usize, bool)]) {
    let patterns = &MATCHER.patterns;
    let mut readings: Vec<(usize, Option<&'static str>)> = Vec::new();
    for (mention, &(pat, qualified)) in out.iter().zip(pats) {
        if !qualified || patterns[pat].kind == Kind::Block {
            continue;
        }
        match readings.iter_mut().find(|(p, _)| *p == pat) {
            Some((_, code)) if *code != Some(mention.code) => *code = None,
            Some(_) => {}
            None => readings.push((pat, Some(mention.code))),
        }
    }
    for (mention, &(pat, qualified)) in out.iter_mut().zip(pats) {
        if qualified {
            continue;
        }
        if let Some(&(_, Some(code))) = readings.iter().find(|(p, _)| *p == pat)
            && code != patterns[pat].code
        {
            mention.code = code;
        }
    }
}

/// Country names that are also common nouns, with the lower-case words that show a story
/// uses the noun: "Turkey" opening a sentence of a story that speaks of "turkeys" or
/// "Thanksgiving" is the bird. Lower-case occurrences are never mentions anyway.
const COMMON_NOUN_COUNTRIES: &[(&str, &[&str])] = &[
    ("Turkey", &["turkey", "turkeys", "Thanksgiving"]),
    ("China", &["china"]),
    ("Jersey", &["jersey", "jerseys"]),
    ("Chad", &["chads"]),
];

/// Whether `word` occurs in `text` as a word of prose: not inside a web address, file name
/// or handle ("…/tariffs-china-slaps-duties…", "@china").
fn contains_prose_word(text: &str, word: &str) -> bool {
    contains_word_between(
        text,
        word,
        |ch| ch.is_alphanumeric() || matches!(ch, '-' | '/' | '.' | '_' | '@' | '#'),
        |ch| ch.is_alphanumeric() || matches!(ch, '-' | '/' | '_'),
    )
}

/// Whether byte `i` starts a sentence: the text's start, or after `.`, `!`, `?`, `:`, a
/// quotation mark or a line break (spaces between).
fn sentence_start(text: &str, i: usize) -> bool {
    match text[..i].trim_end_matches(' ').chars().next_back() {
        None => true,
        Some(ch) => matches!(ch, '.' | '!' | '?' | ':' | '\n' | '"' | '“' | '‘' | '\''),
    }
}

/// Verbs after a name that make it a person speaking ("Jordan said").
const SPEECH_VERBS: &[&str] = &["said", "says", "told", "added", "explained", "admitted", "insisted", "replied"];

/// Whether a bare "Congo" in these candidates is the DRC: the story names the Republic of
/// the Congo only as a bare "Congo", and names the DRC otherwise or was not written in the
/// years of Zaire (1971 to 1997); or it names both, the DRC first.
fn bare_congo_is_drc(c: &[Cand], year: Option<i32>) -> bool {
    let pats = &MATCHER.patterns;
    let drc = c.iter().any(|x| x.keep && x.code == "CD");
    let republic = c.iter().any(|x| x.keep && x.code == "CG" && !pats[x.pat].bare_congo);
    if drc && republic {
        // a story naming both: the bare name is the one it named first, its subject ("an
        // outbreak in the Democratic Republic of Congo … most cases in Congo … the
        // neighbouring Republic of Congo")
        let first = c.iter().find(|x| x.keep && (x.code == "CD" || x.code == "CG" && !pats[x.pat].bare_congo));
        return first.is_some_and(|x| x.code == "CD");
    }
    let zaire_years = year.is_some_and(|year| (1971..=1997).contains(&year));
    !republic && (drc || !zaire_years)
}

/// Whether the word at byte `s` follows "Capitalised of " ("Bank of", "Widget
/// of"): it is then the end of a name of the form "X of Country".
fn inside_of_name(text: &str, s: usize) -> bool {
    let Some(head) = text[..s].strip_suffix(" of ").or_else(|| text[..s].strip_suffix(" OF ")) else {
        return false;
    };
    word_before(&text[..head.len() + 1], head.len() + 1).is_some_and(starts_upper)
}

/// Words that end a company or fund name ("Acme Widget Co", "Japan Fund").
const CORPORATE: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "cos",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "lp",
    "ag",
    "sa",
    "nv",
    "bv",
    "spa",
    "gmbh",
    "kk",
    "bhd",
    "berhad",
    "pty",
    "group",
    "holdings",
    "industries",
    "bancorp",
    "bancorporation",
    "bancshares",
    "fund",
    "funds",
];

/// Whether the capitalised words after byte `e` (at most four) end in a
/// corporate word or a stock ticker ("<XYZ>"), making the word before `e`
/// the start of a company name.
fn starts_company_name(text: &str, e: usize) -> bool {
    let mut j = e;
    for _ in 0..4 {
        if text[j..].starts_with(" <") && text[j + 2..].find('>').is_some_and(|k| k <= 8) {
            return j > e;
        }
        match word_after(text, j) {
            Some(w) if starts_upper(w) || w == "&" => {
                if in_list(CORPORATE, w) {
                    return true;
                }
                j = text[j..].find(w).map_or(text.len(), |k| j + k + w.len());
                // "Acme Widget's", "Acme Widget, the maker", "Acme Widget.": no
                // corporate word ended the name.
                if !text[j..].starts_with(' ') {
                    return false;
                }
            }
            _ => break,
        }
    }
    false
}

fn contains_word(hay: &str, needle: &str) -> bool {
    contains_word_between(hay, needle, char::is_alphanumeric, char::is_alphanumeric)
}

/// Whether `needle` occurs in `hay` with no character glued to it: none before it for
/// which `glued_before` holds, none after it for which `glued_after` holds.
fn contains_word_between(
    hay: &str,
    needle: &str,
    glued_before: impl Fn(char) -> bool,
    glued_after: impl Fn(char) -> bool,
) -> bool {
    hay.match_indices(needle).any(|(s, _)| {
        !prev_char(hay, s).is_some_and(&glued_before) && !next_char(hay, s + needle.len()).is_some_and(&glued_after)
    })
}

/// Context vote for "Georgia" in a text: US-state cues against country cues.
fn georgia_is_us_state(folded: &str, c: &[Cand]) -> bool {
    let us_sub =
        c.iter().filter(|x| x.keep && x.code == "US" && matches!(x.kind, Kind::Subdiv | Kind::SubdivAbbr)).count();
    let us = US_GA_CUES.iter().filter(|w| contains_word(folded, w)).count() + us_sub;
    let ge = GE_CUES.iter().filter(|w| contains_word(folded, w)).count();
    us > ge
}

// ---------------------------------------------------------------------------
// Resolving user filters.

/// What a `--country` filter value designates.
#[derive(Clone, Copy, Debug)]
pub enum Selector {
    Country(&'static Country),
    Region(&'static str),
    Subregion {
        region: &'static str,
        subregion: &'static str,
    },
    /// A group of `data/regions.tsv` ("Middle East", "West Africa", "EU").
    Group(&'static Group),
}

impl Selector {
    /// The facet paths a filter on this selector matches (any of them): `/Asia`,
    /// `/Asia/Central Asia`, `/Asia/Central Asia/Kazakhstan`, or one path per member
    /// country of a group.
    pub fn facet_paths(&self) -> Vec<String> {
        match self {
            Selector::Country(c) => vec![c.facet_path()],
            Selector::Region(r) => vec![format!("/{r}")],
            Selector::Subregion { region, subregion } => vec![format!("/{region}/{subregion}")],
            Selector::Group(group) => group.members().map(Country::facet_path).collect(),
        }
    }
}

const REGIONS_TABLE: &str = include_str!("../../data/regions.tsv");

/// A named group of countries that is not an M49 region or sub-region ("Middle East",
/// "West Africa", "Balkans", "EU"): journalists narrow by these as often as by regions.
#[derive(Debug)]
pub struct Group {
    pub name: &'static str,
    aliases: &'static str,
    codes: &'static str,
}

impl Group {
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> {
        split_list(self.aliases)
    }

    /// The member countries: those listed by code, or all of a UN M49 region or
    /// sub-region the row names as `=Name` (an everyday name of that region).
    pub fn members(&self) -> impl Iterator<Item = &'static Country> {
        let region = self.m49_region();
        let listed = if region.is_some() { "" } else { self.codes };
        all()
            .iter()
            .filter(move |c| region.is_some_and(|r| c.region == r || c.subregion == r))
            .chain(listed.split_whitespace().filter_map(by_code))
    }

    /// The UN M49 region or sub-region a row names instead of listing codes.
    pub fn m49_region(&self) -> Option<&'static str> {
        self.codes.strip_prefix('=').map(str::trim)
    }
}

static GROUPS: LazyLock<Vec<Group>> = LazyLock::new(|| {
    REGIONS_TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("name\t") && !line.trim().is_empty())
        .map(|line| {
            let mut cols = line.split('\t');
            let mut next = || cols.next().unwrap_or("");
            Group { name: next(), aliases: next(), codes: next() }
        })
        .collect()
});

/// The region groups of `data/regions.tsv`.
pub fn groups() -> &'static [Group] {
    &GROUPS
}

struct Resolver {
    /// folded key -> selector, and the display name suggested for it.
    keys: HashMap<String, Selector>,
    display: Vec<(String, &'static str)>,
}

fn build_resolver() -> Resolver {
    let mut keys: HashMap<String, Selector> = HashMap::new();
    let mut display: Vec<(String, &'static str)> = Vec::new();
    for c in all() {
        let r: &'static str = c.region;
        let sr: &'static str = c.subregion;
        keys.entry(fold(r)).or_insert(Selector::Region(r));
        keys.entry(fold(sr)).or_insert(Selector::Subregion { region: r, subregion: sr });
        if !display.iter().any(|(_, d)| *d == r) {
            display.push((fold(r), r));
        }
        if !display.iter().any(|(_, d)| *d == sr) {
            display.push((fold(sr), sr));
        }
    }
    // Names beat aliases beat demonyms.
    for c in all() {
        keys.entry(fold(c.name)).or_insert(Selector::Country(c));
        display.push((fold(c.name), c.name));
    }
    for c in all() {
        for a in c.aliases() {
            if !a.contains('(') {
                keys.entry(fold(a)).or_insert(Selector::Country(c));
                display.push((fold(a), c.name));
            }
        }
    }
    for c in all() {
        for d in c.demonyms() {
            if !d.contains('(') {
                keys.entry(fold(d)).or_insert(Selector::Country(c));
            }
        }
    }
    // Groups last: a country or M49 name keeps its meaning. A group named like a country's
    // alias takes the name over, as the alias is ambiguous ("Korea", "Congo": both).
    for g in groups() {
        let key = fold(g.name);
        let a_countrys_alias =
            matches!(keys.get(&key), Some(Selector::Country(c)) if fold(c.name) != key && fold(c.code) != key);
        if a_countrys_alias {
            keys.insert(key, Selector::Group(g));
        }
        for name in std::iter::once(g.name).chain(g.aliases()) {
            keys.entry(fold(name)).or_insert(Selector::Group(g));
        }
        display.push((fold(g.name), g.name));
    }
    Resolver { keys, display }
}

static RESOLVER: LazyLock<Resolver> = LazyLock::new(build_resolver);

/// Resolves a user filter: ISO code ("KZ", "kz"), English name, alias,
/// demonym, M49 region or sub-region ("Central Asia", "central asia",
/// "Asia"); case- and accent-insensitive ("cote d'ivoire", "turkiye").
///
/// `Err` carries up to 3 closest known names (best first) for an error
/// message like: unknown country "Kazakstn"; did you mean Kazakhstan?
pub fn resolve(query: &str) -> Result<Selector, Vec<String>> {
    let q = query.trim();
    if q.len() == 2
        && q.chars().all(|c| c.is_ascii_alphabetic())
        && let Some(c) = by_code(q)
    {
        return Ok(Selector::Country(c));
    }
    let key = fold(q);
    let r = &*RESOLVER;
    if let Some(s) = r.keys.get(&key) {
        return Ok(*s);
    }
    let key = key.strip_prefix("the ").unwrap_or(&key);
    if let Some(s) = r.keys.get(key) {
        return Ok(*s);
    }
    let mut scored: Vec<(f64, &'static str)> =
        r.display.iter().map(|(k, d)| (strsim::jaro_winkler(key, k), *d)).filter(|(s, _)| *s >= 0.8).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = Vec::new();
    for (_, d) in scored {
        if !out.iter().any(|x| x == d) {
            out.push(d.to_string());
        }
        if out.len() == 3 {
            break;
        }
    }
    Err(out)
}

// ---------------------------------------------------------------------------
// Datelines.

static PLACE_INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut m: HashMap<String, &'static str> = HashMap::new();
    for c in all() {
        m.entry(place_key(c.name)).or_insert(c.code);
    }
    for c in all() {
        for a in c.aliases() {
            if !a.contains('(') {
                m.entry(place_key(a)).or_insert(c.code);
            }
        }
    }
    for c in all() {
        for a in c.capitals() {
            if !a.contains('(') {
                m.entry(place_key(a)).or_insert(c.code);
            }
        }
    }
    for (code, name, _) in SUBDIVISIONS {
        m.entry(place_key(name)).or_insert(code);
    }
    for (code, names) in DATELINE_PLACES {
        for name in names.split('|') {
            m.entry(place_key(name)).or_insert(code);
        }
    }
    m
});

/// Cities that count only as dateline places (too rare or too ambiguous in
/// running text to be matched there): towns that often head business news,
/// state and provincial capitals, regional cities. Names shared by cities of
/// different countries are left out ("Hamilton", "Windsor", "Alexandria",
/// "Valencia", "Brest"); with a state or country after them ("HAMILTON,
/// Bermuda") the second part decides anyway.
const DATELINE_PLACES: &[(&str, &str)] = &[
    (
        "US",
        "Austin|Jefferson City|Joliet|Dodge City|St Joseph|Valley Forge|Rolling Meadows|Upper Saddle River|\
         Cherry Hill|Greenwich|Cape Canaveral|South San Francisco|Port Arthur|Oak Lawn|Roanoke|Decatur|Augusta|\
         Monroe|Troy|Lexington|Columbia|Charleston|Savannah|Mobile|Richmond|Springfield|Jackson|Madison|\
         Frankfort|Olympia|Salem|Montgomery|Concord|Helena|Midland|Beaumont|Irvine|Moline|Deerfield|Northbrook|\
         Skokie|Itasca|Norwalk|Westport|Danbury|Parsippany|Morristown|Paramus|Bethesda|Rockville|Arlington|\
         McLean|Reston|Fairfax|Falls Church|Wellesley|Boulder|Colorado Springs|Englewood|Bakersfield|Stockton|\
         Modesto|Anaheim|Santa Ana|Glendale|Burbank|Milpitas|Fremont|Hayward|Emeryville|Walnut Creek|\
         Kalamazoo|Flint|Evansville|South Bend|Dubuque|Davenport|Duluth|Green Bay|Racine|Kenosha|Huntsville|\
         Lafayette|Lake Charles|Biloxi|Abilene|Waco|Laredo|Brownsville|Harlingen|Greenville|Spartanburg|\
         Wilmington|Lincoln|Columbus|Portland",
    ),
    (
        "CA",
        "Regina|Oshawa|Brantford|Kitchener|Markham|Don Mills|Charlottetown|Fredericton|Saint John|Sudbury|\
         Sault Ste Marie|Mississauga|Etobicoke|North York|Burnaby|Laval|Longueuil|Sherbrooke|Trois-Rivieres",
    ),
    (
        "GB",
        "Bristol|Reading|Slough|Guildford|Croydon|Dundee|Inverness|Swansea|Plymouth|Portsmouth|Norwich|Ipswich|\
         Brighton|Dover|Felixstowe|Harwich|Hull|Milford Haven|Sullom Voe|Grangemouth",
    ),
    (
        "DE",
        "Kiel|Flensburg|Ratzeburg|Mannheim|Heidelberg|Freiburg|Augsburg|Bielefeld|Muenster|Bochum|Duisburg|\
         Wuppertal|Bremerhaven|Luebeck|Kassel|Saarbruecken|Regensburg|Darmstadt|Offenbach|Bad Homburg|Eschborn|\
         Ingolstadt|Gelsenkirchen|Krefeld|Aachen|Osnabrueck|Oldenburg|Brunswick|Braunschweig|Goettingen",
    ),
    (
        "FR",
        "Nice|Calais|Dunkirk|Rouen|Grenoble|Montpellier|Rennes|Reims|Cherbourg|Toulon|Clermont-Ferrand|Vichy|Le Havre",
    ),
    (
        "IT",
        "Naples|Florence|Bari|Trieste|Verona|Sanremo|San Remo|Reggio Calabria|Catania|Padua|Brescia|Livorno|\
         Taranto|Ravenna|Ancona|Cagliari|Messina",
    ),
    ("ES", "Saragossa|Zaragoza|Las Palmas|Palma|Cadiz|Vigo|Santander|Alicante|La Coruna|Tarragona|Huelva|Cartagena"),
    (
        "NL",
        "Heerlen|Den Bosch|Groningen|Maastricht|Nijmegen|Arnhem|Europoort|Delft|Leiden|Haarlem|Vlissingen|Terneuzen",
    ),
    ("BE", "Zeebrugge|Ostend|Namur|Louvain|Leuven|Mechelen|Kortrijk"),
    ("CH", "Lucerne|Zug|Winterthur|St Gallen"),
    ("DK", "Odense|Aalborg|Esbjerg"),
    ("JP", "Kawasaki|Chiba|Kitakyushu|Niigata|Shizuoka"),
    ("AU", "Wollongong|Geelong|Townsville|Cairns|Kalgoorlie|Port Hedland|Dampier|Gladstone|Mackay|Whyalla"),
    ("MW", "Zomba|Blantyre"),
    ("BR", "Santos|Paranagua|Rio Grande|Vitoria|Ilheus|Itabuna|Belem"),
    ("AR", "Bahia Blanca|Necochea"),
    ("CO", "Cali"),
    ("MY", "Port Klang|Johor Bahru|Ipoh|Kuching|Kota Kinabalu"),
    ("IR", "Abadan|Bandar Abbas"),
    ("AE", "Fujairah|Ras al-Khaimah|Jebel Ali"),
    ("EG", "Suez"),
    // Guyana's capital: in running text mostly the university in Washington, so a
    // dateline place only; "GEORGETOWN, Grand Cayman" and "GEORGETOWN, Del." are
    // decided by their second part. Without it a lone "GEORGETOWN" was read as a
    // misspelt "George Town" (Cayman Islands).
    ("GY", "Georgetown"),
];

/// A dateline place misspelt by one letter ("WASINGTON", "NEDW YORK",
/// "MIMAI"): the country when every known place at edit distance one (a
/// transposition counts as one edit) is in the same country.
fn fuzzy_place_country(seg: &str) -> Option<&'static str> {
    let key = place_key(seg);
    if key.chars().count() < 5 || !key.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return None;
    }
    let mut found: Option<&'static str> = None;
    for (k, &code) in PLACE_INDEX.iter() {
        if k.len().abs_diff(key.len()) > 1 || k.chars().next() != key.chars().next() {
            continue;
        }
        if strsim::osa_distance(k, &key) == 1 {
            match found {
                Some(c) if c != code => return None,
                _ => found = Some(code),
            }
        }
    }
    found
}

/// Country of a subdivision name or abbreviation ("Calif.", "CALIF.", "N.Y.",
/// "Texas", "Ont."); postal codes ("TX") only when `allow_postal`.
fn subdivision_country(seg: &str, allow_postal: bool) -> Option<&'static str> {
    let s = seg.trim();
    let f = fold(s);
    for (code, name, abbrs) in SUBDIVISIONS {
        if fold(name) == f || (*name == "Washington State" && f == "washington") {
            return Some(code);
        }
        for a in *abbrs {
            if a.contains('.') {
                if fold(a) == f || fold(a).trim_end_matches('.') == f {
                    return Some(code);
                }
            } else if allow_postal && (*a == s || s.strip_suffix('.').is_some_and(|t| t.eq_ignore_ascii_case(a))) {
                // "TX", and "MA." / "Il." for a dotted postal code.
                return Some(code);
            }
        }
    }
    None
}

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const AGENCIES: &[&str] = &["reuter", "reuters", "ap", "afp", "upi", "dpa", "bloomberg"];

/// A month or weekday name, tolerating truncation/typos of the tail
/// ("Marc", "APri"): same first three letters as a known name.
fn is_month_word(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    MONTHS.iter().any(|m| *m == w || (w.len() <= m.len() + 1 && w.len() >= 4 && m.get(..3) == w.get(..3)))
        || MONTHS.contains(&w.as_str())
}

/// Splits a dateline segment into its place part and whether a date
/// followed it ("JOHANNESBURG March 13" -> ("JOHANNESBURG", true)).
fn strip_date(seg: &str) -> (&str, bool) {
    let words: Vec<(usize, &str)> = seg
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let Some(k) = words.iter().position(|(_, w)| w.chars().any(|c| c.is_ascii_digit())) else {
        // A lone month name ("March, Reuter") must be spelled out exactly:
        // fuzzy matching would read "MONROE", "AUGUSTA" or "DECATUR" as dates.
        if words.len() == 1 && MONTHS.contains(&words[0].1.trim_end_matches('.').to_ascii_lowercase().as_str()) {
            return ("", true);
        }
        return (seg, false);
    };
    let mut cut = k;
    if cut > 0 && is_month_word(words[cut - 1].1) {
        cut -= 1;
    }
    let end = if cut == 0 { 0 } else { words[cut].0 };
    (seg[..end].trim_end(), true)
}

/// A place-like segment: 1..=6 words, each ALL-CAPS or Title-case (any case
/// when `lenient`, i.e. when a date proved the dateline shape).
fn is_place_segment(seg: &str, lenient: bool) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_alphabetic())
            && (lenient || w.chars().next().is_some_and(|c| c.is_uppercase()))
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-' | '/' | '\u{2019}'))
    })
}

/// Dateline lookup key: folded, dots dropped ("St. Paul" = "St Paul").
fn place_key(s: &str) -> String {
    fold(s).replace('.', "")
}

fn place_country(seg: &str) -> Option<&'static str> {
    if let Some(c) = PLACE_INDEX.get(&place_key(seg)) {
        return Some(c);
    }
    // "DALLAS/FORT WORTH"
    seg.split('/').next().and_then(|first| PLACE_INDEX.get(&place_key(first)).copied())
}

/// Country a dateline designates: "SALVADOR, Feb 26 -", "SAN JOSE, Costa Rica
/// (Reuters) -", "MOSCOW (AP) —", "PARIS, Texas —" (US), "SAN JOSE, Calif."
/// (US). `text` is a dateline field or the first line of a body; `None` when
/// there is no dateline shape at the very start or the place is unknown.
pub fn dateline_country(text: &str) -> Option<&'static str> {
    dateline_place(text).map(|(code, _)| code)
}

/// [`dateline_country`] as of the story's year: "LEIPZIG, April 16" in 1975 is East Germany.
pub fn dateline_country_in_year(text: &str, year: Option<i32>) -> Option<&'static str> {
    let (code, place) = dateline_place(text)?;
    Some(match year {
        Some(year) => place_code_in_year(place, code_in_year(code, year), year),
        None => code,
    })
}

/// Places that today's country holds but that a historical state other than its
/// predecessor held in that state's years (see the table): East Germany's cities, written
/// in the table under Germany. [`code_in_year`] maps whole countries; this maps these places.
const PLACES_OF_HISTORICAL_STATES: &[(&str, &[&str])] =
    &[("DD", &["Leipzig", "Dresden", "Rostock", "Karl-Marx-Stadt", "Magdeburg", "Erfurt"])];

/// The code of a place as of `year`: "Leipzig" is East Germany's in 1975, Germany's
/// (`code`) in 1995.
fn place_code_in_year(place: &str, code: &'static str, year: i32) -> &'static str {
    let place = place.trim();
    PLACES_OF_HISTORICAL_STATES
        .iter()
        .filter(|(_, places)| places.iter().any(|p| p.eq_ignore_ascii_case(place)))
        .filter_map(|(historical, _)| by_code(historical))
        .find(|state| state.years.is_some_and(|(from, to)| (from..=to).contains(&year)))
        .map_or(code, |state| state.code)
}

/// The country of a dateline and the place it names.
fn dateline_place(text: &str) -> Option<(&'static str, &str)> {
    // Leading junk such as "****" or stray letters before spaces is not part
    // of the place.
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    // The head ends at the first dash or parenthesis.
    let cut = t
        .char_indices()
        .find(|&(i, c)| {
            c == '('
                || c == '\u{2014}'
                || c == '\u{2013}'
                || (c == '-' && (t[i..].starts_with("- ") || t[i..].starts_with("--") || i + 1 == t.len()))
        })
        .map(|(i, _)| i);
    let head = t[..cut.unwrap_or_else(|| t.floor_char_boundary(t.len().min(120)))].trim_end();
    let mut segs: Vec<&str> = Vec::new();
    let mut had_date = false;
    for seg in head.split(',').map(str::trim) {
        if had_date {
            // Only agency names may follow the date ("March 12, Reuter").
            if !seg.is_empty() && !AGENCIES.contains(&seg.to_ascii_lowercase().as_str()) {
                return None;
            }
            continue;
        }
        let (place, date) = strip_date(seg);
        // Stray punctuation between commas ("N.Y,. March 13") is no segment.
        if place.chars().any(char::is_alphabetic) {
            segs.push(place);
        }
        had_date |= date;
    }
    if cut.is_none() && !had_date {
        return None;
    }
    if segs.is_empty() || segs.len() > 3 || !segs.iter().all(|s| is_place_segment(s, had_date)) {
        return None;
    }
    // "TBILISI, Georgia": a qualifier that names the country the place is in, though it
    // is also a US state's name
    let first = place_country(segs[0]);
    for seg in segs[1..].iter().rev() {
        if let Some(c) = place_country(seg).filter(|&c| Some(c) == first) {
            return Some((c, segs[0]));
        }
        if let Some(c) = subdivision_country(seg, true) {
            return Some((c, segs[0]));
        }
        if let Some(c) = place_country(seg) {
            return Some((c, segs[0]));
        }
    }
    let place = segs[0];
    if let Some(c) = place_country(place) {
        return Some((c, place));
    }
    // A misspelt place ("WASINGTON, March 13 -"), only when a date proved the
    // dateline shape.
    if had_date && let Some(c) = fuzzy_place_country(place) {
        return Some((c, place));
    }
    // "FARMINGTON Conn." (comma missing before the state).
    let last = place.rsplit(' ').next().unwrap_or(place);
    if last.len() < place.len() && last.contains('.') {
        return subdivision_country(last, false).map(|c| (c, place));
    }
    None
}

// ---------------------------------------------------------------------------
// What an article is about.

/// Inputs of [`about`].
#[derive(Default)]
pub struct AboutInput<'a> {
    pub title: &'a str,
    /// The article's year: the title's countries are read as of it, as the passages' are
    /// ("MOSCOW" in a 1987 title is the Soviet Union).
    pub year: Option<i32>,
    pub dateline: Option<&'static str>,
    /// Per passage, the codes mentioned (with repetition, in order).
    pub passages: &'a [Vec<&'static str>],
    /// The countries listed together in the lead's first sentence: see
    /// [`listed_in_first_sentence`].
    pub listed_in_lead: &'a [&'static str],
}

// Salience weights, tuned on the Reuters-21578 dev split against the gold
// `places` labels (article-level micro F1); see the module report.

/// Score for being mentioned in the title.
pub const W_TITLE: f64 = 3.0;
/// Score for being mentioned in the lead (first passage).
pub const W_LEAD: f64 = 2.0;
/// Score per mention in the body.
pub const W_MENTION: f64 = 1.0;
/// A country other than the dateline country is kept when its score reaches
/// this: title + lead, title + 2 mentions, lead + 3 mentions or 5 mentions.
pub const KEEP_SCORE: f64 = 5.0;
/// At most this many countries are returned.
pub const MAX_ABOUT: usize = 10;
/// An article without a dateline country has no given first country, and most archives
/// (BBC, AllSides, scraped pages) have no datelines: the most salient country takes the
/// dateline's place when nothing reaches [`KEEP_SCORE`], if it scores at least this (title,
/// lead or two mentions; a single passing mention is not enough). On Reuters with its
/// datelines removed (`eval_countries --without-datelines`) this took micro F1 from 0.50 to 0.62
/// (0.68 to 0.72 without `usa`).
pub const FALLBACK_SCORE: f64 = 2.0;

/// Countries an article is about, ranked: the dateline country first, then
/// the others by salience score
/// `W_TITLE*[in title] + W_LEAD*[in lead] + W_MENTION*mentions`,
/// keeping those scoring at least [`KEEP_SCORE`] and those listed together in the lead's
/// first sentence (ties: first appearance). Without a dateline country and with nothing
/// reaching [`KEEP_SCORE`], the best-scoring country is kept if it reaches
/// [`FALLBACK_SCORE`], besides the listed ones.
pub fn about(input: &AboutInput) -> Vec<&'static str> {
    struct S {
        code: &'static str,
        first: usize,
        title: bool,
        lead: bool,
        count: usize,
    }
    let mut stats: Vec<S> = Vec::new();
    let mut order = 0usize;
    let mut get = |stats: &mut Vec<S>, code: &'static str| -> usize {
        if let Some(i) = stats.iter().position(|s| s.code == code) {
            return i;
        }
        order += 1;
        stats.push(S { code, first: order, title: false, lead: false, count: 0 });
        stats.len() - 1
    };
    for m in mentions_in_year(input.title, input.year) {
        let code = input.year.map_or(m.code, |year| code_in_year(m.code, year));
        let i = get(&mut stats, code);
        stats[i].title = true;
    }
    for (pi, p) in input.passages.iter().enumerate() {
        for &code in p {
            let i = get(&mut stats, code);
            stats[i].count += 1;
            if pi == 0 {
                stats[i].lead = true;
            }
        }
    }
    let mut scored: Vec<(f64, usize, &'static str)> = stats
        .iter()
        .filter(|s| Some(s.code) != input.dateline)
        .map(|s| {
            let score = W_TITLE * f64::from(u8::from(s.title))
                + W_LEAD * f64::from(u8::from(s.lead))
                + W_MENTION * s.count as f64;
            (score, s.first, s.code)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let fallback = input.dateline.is_none() && scored.first().is_some_and(|&(score, _, _)| score < KEEP_SCORE);
    let listed = |code: &str| input.listed_in_lead.contains(&code);
    if fallback {
        let best = scored.first().map(|x| x.2).filter(|_| scored[0].0 >= FALLBACK_SCORE);
        scored.retain(|&(_, _, code)| Some(code) == best || listed(code));
    } else {
        scored.retain(|&(score, _, code)| score >= KEEP_SCORE || listed(code));
    }
    let mut out: Vec<&'static str> = input.dateline.into_iter().collect();
    out.extend(scored.into_iter().map(|x| x.2));
    out.truncate(MAX_ABOUT);
    out
}

/// The countries named together in a list in the first sentence of `lead`, whose
/// `mentions` are given ("Kazakhstan, Uzbekistan, Kyrgyzstan and Tajikistan signed an
/// agreement", "the rulers of Mali, Burkina Faso and Niger said"): a lead names the actors
/// of its story there. On Reuters, such countries that the salience score left out were in
/// the gold `places` 72 times out of 118 (a script over `eval_countries --dump`, before
/// the rule); lists later in a story, about a third of the time.
pub fn listed_in_first_sentence(lead: &str, mentions: &[Mention]) -> Vec<&'static str> {
    let end = crate::passage::sentence_starts(lead).first().copied().unwrap_or(lead.len());
    let in_sentence: Vec<&Mention> = mentions.iter().filter(|m| m.end <= end && m.kind == MentionKind::Name).collect();
    let joined = |gap: &str| {
        let gap = gap.strip_suffix("the ").unwrap_or(gap);
        matches!(gap, ", " | " and " | ", and " | " or " | ", or ")
    };
    let mut listed: Vec<&'static str> = Vec::new();
    let mut group: Vec<&'static str> = Vec::new();
    for (k, m) in in_sentence.iter().enumerate() {
        if k > 0 && !joined(&lead[in_sentence[k - 1].end..m.start]) {
            take_group(&mut group, &mut listed);
        }
        if !group.contains(&m.code) {
            group.push(m.code);
        }
    }
    take_group(&mut group, &mut listed);
    listed
}

/// Moves a group of listed countries into `listed` if it is a list (two or more).
fn take_group(group: &mut Vec<&'static str>, listed: &mut Vec<&'static str>) {
    if group.len() >= 2 {
        for code in group.iter() {
            if !listed.contains(code) {
                listed.push(code);
            }
        }
    }
    group.clear();
}

// ---------------------------------------------------------------------------
// Historical states.

/// (historical code, present-day codes whose territory it covered).
const SUCCESSION: &[(&str, &[&str])] = &[
    ("SU", &["RU", "UA", "BY", "MD", "LT", "LV", "EE", "GE", "AM", "AZ", "KZ", "UZ", "TM", "KG", "TJ"]),
    ("YU", &["SI", "HR", "BA", "RS", "ME", "MK", "XK"]),
    ("CS", &["CZ", "SK"]),
    ("ZR", &["CD"]),
    ("AN", &["CW", "SX", "BQ"]),
];

/// The code of the entity that covered `code`'s territory in `year`:
/// `("RU", 1987)` is `"SU"`, `("HR", 1990)` is `"YU"`, `("CD", 1990)` is
/// `"ZR"`; other codes (and unknown ones) are returned unchanged.
pub fn code_in_year(code: &str, year: i32) -> &str {
    for (hist, succ) in SUCCESSION {
        if succ.iter().any(|s| s.eq_ignore_ascii_case(code))
            && let Some(h) = by_code(hist)
            && let Some((from, to)) = h.years
            && (from..=to).contains(&year)
        {
            return h.code;
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_every_folded_byte_to_its_source() {
        let (mut out, mut map) = (String::new(), Vec::new());
        let text = "In CÔTE d’Ivoire, Straße";
        fold_into(text, &mut out, &mut map);
        assert_eq!(out, "in cote d'ivoire, strasse");
        assert_eq!(map.len(), out.len() + 1);
        assert_eq!(*map.last().unwrap(), text.len());
        // each folded byte points at the start of the character it comes from
        let source_of = |folded: &str| &text[map[out.find(folded).unwrap()]..];
        assert!(source_of("cote").starts_with("CÔTE"));
        assert!(source_of("ote").starts_with("ÔTE"));
        assert!(source_of("'").starts_with("’Ivoire"));
        assert!(source_of("ss").starts_with("ße"));
    }

    fn codes(text: &str) -> Vec<&'static str> {
        mentions(text).into_iter().map(|m| m.code).collect()
    }

    #[test]
    fn table_is_well_formed() {
        let a = all();
        assert!(a.len() >= 250, "{}", a.len());
        let mut seen = std::collections::HashSet::new();
        for c in a {
            assert!(seen.insert(c.code), "duplicate {}", c.code);
            assert!(!c.name.contains('/'));
            assert!(
                ["Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"].contains(&c.region),
                "{}",
                c.code
            );
        }
        assert_eq!(by_code("su").unwrap().years, Some((1922, 1991)));
        assert!(by_code("MM").unwrap().aliases().any(|a| a == "Burma"));
        assert!(by_code("DE").unwrap().aliases().any(|a| a == "West Germany"));
        assert_eq!(by_code("DD").unwrap().name, "East Germany");
    }

    #[test]
    fn lookups_and_facets() {
        assert_eq!(by_code("kz").unwrap().facet_path(), "/Asia/Central Asia/Kazakhstan");
        assert_eq!(by_name("Kazakhstan").unwrap().code, "KZ");
        assert!(by_name("kazakhstan").is_none());
        assert_eq!(by_code("SU").unwrap().facet_path(), "/Europe/Eastern Europe/Soviet Union");
    }

    #[test]
    fn resolve_filters() {
        let p = |q: &str| resolve(q).unwrap().facet_paths().join(" ");
        assert_eq!(p("KZ"), "/Asia/Central Asia/Kazakhstan");
        assert_eq!(p("kz"), "/Asia/Central Asia/Kazakhstan");
        assert_eq!(p("Kazakh"), "/Asia/Central Asia/Kazakhstan");
        assert_eq!(p("central asia"), "/Asia/Central Asia");
        assert_eq!(p("Asia"), "/Asia");
        assert_eq!(p("cote d'ivoire"), "/Africa/Sub-Saharan Africa/Côte d'Ivoire");
        assert_eq!(p("Ivory Coast"), "/Africa/Sub-Saharan Africa/Côte d'Ivoire");
        assert_eq!(p("turkiye"), "/Asia/Western Asia/Türkiye");
        assert_eq!(p("Turkey"), "/Asia/Western Asia/Türkiye");
        assert_eq!(p("UK"), "/Europe/Northern Europe/United Kingdom");
        assert_eq!(p("the netherlands"), "/Europe/Western Europe/Netherlands");
        assert_eq!(p("Burma"), "/Asia/South-eastern Asia/Myanmar");
        let err = resolve("Kazakhstn").unwrap_err();
        assert_eq!(err.first().map(String::as_str), Some("Kazakhstan"));
        assert!(err.len() <= 3);
        assert!(resolve("Xyzzyland Qwerty").is_err());
    }

    #[test]
    fn longest_match_and_boundaries() {
        assert_eq!(codes("Papua New Guinea signed a deal with Guinea."), ["PG", "GN"]);
        assert_eq!(codes("Equatorial Guinea and Guinea-Bissau met."), ["GQ", "GW"]);
        assert_eq!(codes("Farmers in New Mexico sell to Mexico."), ["US", "MX"]);
        assert_eq!(codes("South Sudan split from Sudan."), ["SS", "SD"]);
        assert_eq!(codes("A Nigerien envoy and a Nigerian minister."), ["NE", "NG"]);
        assert_eq!(codes("Niger borders Nigeria."), ["NE", "NG"]);
        assert_eq!(codes("The Dominican Republic and Dominica play cricket? No."), ["DO", "DM"]);
        assert_eq!(codes("Indiana is not India."), ["US", "IN"]);
        assert_eq!(codes("Kazakhstan's oil output rose."), ["KZ"]);
        assert_eq!(codes("Latin America and the Indian Ocean."), Vec::<&str>::new());
        assert!(codes("Talks in the Uruguay Round of GATT stalled.").is_empty());
    }

    #[test]
    fn offsets_map_back_to_original_bytes() {
        let t = "Exports from Côte d’Ivoire and Türkiye rose.";
        let m = mentions(t);
        assert_eq!(m.len(), 2);
        assert_eq!(&t[m[0].start..m[0].end], "Côte d’Ivoire");
        assert_eq!(m[0].code, "CI");
        assert_eq!(&t[m[1].start..m[1].end], "Türkiye");
        assert_eq!(codes("We visited the Netherlands."), ["NL"]);
    }

    #[test]
    fn case_rules() {
        assert!(codes("We ate turkey and fine china.").is_empty());
        assert_eq!(codes("Turkey raised rates."), ["TR"]);
        // capitalised only by the sentence or the headline, in a story of the common noun
        assert!(codes("Shoppers bought fewer turkeys this year. Turkey sales fell 12 per cent.").is_empty());
        assert!(codes("TURKEY PRICES SOAR AHEAD OF THANKSGIVING").is_empty());
        assert!(codes("The shop sells bone china. China and glassware sales rose.").is_empty());
        assert_eq!(codes("TURKEY RAISES RATES"), ["TR"]);
        assert_eq!(codes("Farmers here raise turkeys. Their best market is Turkey."), ["TR"]);
        // a web address is not prose
        assert_eq!(codes("See example.com/2019/tariffs-china-duties for more. China's ministry said so."), ["CN"]);
        assert_eq!(codes("CHAD ELECTION RESULTS DELAYED"), ["TD"]);
        assert!(codes("Let us go; the chad was hanging.").is_empty());
        assert_eq!(codes("US and U.S. and UAE and DPRK and USSR"), ["US", "US", "AE", "KP", "SU"]);
    }

    #[test]
    fn people_and_organisations() {
        assert!(codes("Michael Jordan and Jordan Peterson spoke.").is_empty());
        assert!(codes("Drummer Chad Smith played.").is_empty());
        assert_eq!(codes("Troops entered Chad on Monday."), ["TD"]);
        assert_eq!(codes("In Jordan, King Abdullah spoke."), ["JO"]);
        assert_eq!(codes("Jordan's King Abdullah spoke."), ["JO"]);
        assert!(codes("The Japan Fund Inc said it raised its dividend.").is_empty());
        assert_eq!(codes("The Bank of Japan held rates."), ["JP"]);
        assert!(codes("George Washington and the Washington Post.").is_empty());
        assert_eq!(codes("Officials in Washington said."), ["US"]);
        assert_eq!(codes("Seattle, in Washington state, grew."), ["US", "US"]);
        assert!(codes("Jersey City and New Jersey.").iter().all(|c| *c == "US"));
        assert_eq!(codes("Air India bought jets."), ["IN"]);
        assert!(codes("Loans from Chase Manhattan and Manufacturers Hanover.").is_empty());
        assert_eq!(codes("Bankers in central London and in Manhattan."), ["GB", "US"]);
        assert_eq!(codes("Bonds of Metropolitan Toronto, homes in Greater London."), ["CA", "GB"]);
    }

    #[test]
    fn us_places_sharing_a_name() {
        assert_eq!(codes("The plant in Lebanon, Pa., closed."), ["US"]);
        assert_eq!(codes("He lives in Paris, Texas."), ["US"]);
        assert_eq!(codes("A college in Moscow, Idaho."), ["US"]);
        assert_eq!(codes("A mill in Springfield, Mass., shut."), ["US"]);
        assert_eq!(codes("Mayors in London, Ontario met."), ["CA"]);
        assert_eq!(codes("Protests in San Jose, Costa Rica."), ["CR"]);
        assert_eq!(codes("Flights from Atlanta, Georgia were delayed."), ["US"]);
        assert_eq!(codes("Georgia's governor signed the county budget after the Senate vote."), ["US"]);
        assert_eq!(codes("Georgia said Russian troops remained near Tbilisi."), ["GE", "RU", "GE"]);
    }

    #[test]
    fn a_place_named_with_its_state_keeps_that_reading_in_the_whole_story() {
        assert_eq!(
            codes("MOSCOW, Idaho (AP) — Students gathered.\n\nMoscow police said patrols would rise."),
            ["US", "US"]
        );
        assert_eq!(codes("Paris officials counted visitors at the fair in Paris, Texas, on Friday."), ["US", "US"]);
        assert_eq!(codes("A store in Athens, Ga., closed. Athens is quiet."), ["US", "US"]);
        // a list of places is no qualifier
        assert_eq!(
            codes("Envoys from Beijing, Moscow, Washington and London met. Moscow agreed."),
            ["CN", "RU", "US", "GB", "RU"]
        );
        // nor a qualifier that does not settle one reading
        assert_eq!(codes("From Paris, Texas to Paris, Ontario. Paris is a common name."), ["US", "CA", "FR"]);
    }

    #[test]
    fn a_demonym_that_names_a_language_is_no_mention() {
        for text in [
            "Most teachers there speak Spanish.",
            "A Portuguese-speaking radio station opened.",
            "The campaign bought Spanish-language ads.",
            "Russian speakers fled the city.",
            "He spoke in Arabic and French.",
            "She answered in Spanish, then in English.",
            "Parents want their children to learn Spanish and English.",
            "The film had no Thai subtitles.",
            "We have people speaking Dari, Swahili and Spanish on the same shift.",
            "Translations in French, Spanish, Russian and Arabic are in the works.",
        ] {
            assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
        }
        // a list opening after a character of several bytes is read without a panic
        assert_eq!(codes("Classes are in “Dari, Swahili and Spanish on site."), ["ES"]);
        // an adjective before a noun still refers to the country
        assert_eq!(codes("She taught Chinese students in Spanish politics."), ["CN", "ES"]);
        assert_eq!(codes("Spanish officials speak to French ministers."), ["ES", "FR"]);
    }

    #[test]
    fn georgias_region_and_a_congo_named_first() {
        assert_eq!(codes("In a village in Kakheti, Georgia's eastern wine region, she lifts a lid."), ["GE"]);
        assert_eq!(codes("He lives in Marietta, Georgia, near Atlanta."), ["US", "US"]);
        let text = "Mpox spread from the Democratic Republic of Congo to Burundi. Most cases in Congo are in \
                    South Kivu. The neighbouring Republic of Congo found none.";
        assert_eq!(codes(text), ["CD", "BI", "CD", "CD", "CG"]);
        let text = "Ebola spread in the Democratic Republic of Congo, the WHO office in Brazzaville, Congo, said.";
        assert_eq!(codes(text), ["CD", "CG"]);
    }

    #[test]
    fn germans_are_germany_in_the_plural_too() {
        assert_eq!(codes("Five Germans were killed."), ["DE"]);
        assert_eq!(codes("Hundreds of East Germans crossed, and West Germans waited."), ["DD", "DE"]);
    }

    #[test]
    fn a_state_after_a_town_named_like_a_country_closes_with_a_comma() {
        for text in [
            "We drove to Lebanon, Tennessee, the next morning.",
            "At a campaign stop in Poland, Ohio, on Friday, he spoke.",
            "He spoke at Trine University in Angola, Indiana, in which he warned.",
        ] {
            assert_eq!(codes(text), ["US"], "{text}");
        }
        // a list of countries is no town
        assert_eq!(codes("Ministers of Jordan, Georgia, Armenia and Iran met."), ["JO", "GE", "AM", "IR"]);
    }

    #[test]
    fn things_named_after_a_country_block_in_either_number() {
        for text in [
            "An Afghan hound beat a German shepherd and two Great Danes.",
            "The Pan American Health Organization will help.",
            "Bake Danish pastries for dessert.",
            "Serve a Brussels sprout slaw and Swiss chard.",
            "Canada geese landed on the field.",
            "The tribe runs an Indian casino near two Indian reservations.",
            "Pirates struck in the Gulf of Aden.",
        ] {
            assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
        }
        assert_eq!(other_number("Danish pastry").as_deref(), Some("Danish pastries"));
        assert_eq!(other_number("Brussels sprouts").as_deref(), Some("Brussels sprout"));
        assert_eq!(other_number("Turkish bath").as_deref(), Some("Turkish baths"));
        assert_eq!(other_number("Georgia peaches").as_deref(), Some("Georgia peach"));
        assert_eq!(other_number("Sea of Japan"), None);
        assert_eq!(codes("Guinea worm cases fell in Chad."), ["TD"]);
    }

    #[test]
    fn a_first_name_then_a_particle_and_a_surname_is_a_person() {
        assert!(codes("Chad le Clos won the race.").is_empty());
        assert!(codes("Jamaica Kincaid read from her essays.").is_empty());
        assert_eq!(codes("Floods in Chad and in Jamaica."), ["TD", "JM"]);
        assert_eq!(codes("Chad de facto closed its border."), ["TD"]);
    }

    #[test]
    fn east_german_cities_are_east_germany_from_1949_to_1990() {
        let codes_in =
            |text: &str, year| mentions_in_year(text, Some(year)).into_iter().map(|m| m.code).collect::<Vec<_>>();
        assert_eq!(codes_in("Workers in Leipzig and Hamburg struck.", 1975), ["DD", "DE"]);
        assert_eq!(codes_in("Workers in Leipzig and Hamburg struck.", 2001), ["DE", "DE"]);
        assert_eq!(dateline_country_in_year("LEIPZIG, April 16 -", Some(1975)), Some("DD"));
        assert_eq!(dateline_country_in_year("LEIPZIG, April 16 -", Some(1995)), Some("DE"));
        assert_eq!(dateline_country_in_year("MOSCOW, April 16 -", Some(1975)), Some("SU"));
    }

    #[test]
    fn currencies_are_not_mentions() {
        assert!(codes("It cost 5 mln Swiss francs and 3 mln Canadian dlrs.").is_empty());
        assert!(codes("Sales of 200 mln U.S. dollars, or US$ 10 mln.").is_empty());
        assert!(codes("in Hong Kong dollars and Japanese yen").is_empty());
        assert_eq!(codes("The Swiss bank lent to Canadian firms."), ["CH", "CA"]);
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline_country("SALVADOR, Feb 26 -"), Some("BR"));
        assert_eq!(dateline_country("SAN JOSE, Costa Rica (Reuters) - Talks"), Some("CR"));
        assert_eq!(dateline_country("MOSCOW (AP) \u{2014} The Kremlin said"), Some("RU"));
        assert_eq!(dateline_country("PARIS, Texas \u{2014} A fire"), Some("US"));
        assert_eq!(dateline_country("SAN JOSE, Calif., March 3 -"), Some("US"));
        assert_eq!(dateline_country("GEORGETOWN, Oct 9 -"), Some("GY"));
        assert_eq!(dateline_country("GEORGETOWN, Grand Cayman, Oct 9 -"), Some("KY"));
        assert_eq!(dateline_country("GEORGETOWN, Del., Oct 9 -"), Some("US"));
        assert_eq!(dateline_country("GEORGE TOWN, Oct 9 -"), Some("KY"));
        assert_eq!(dateline_country("HAMMOND, IND., March 26 -"), Some("US"));
        assert_eq!(dateline_country("Toronto, April 7 -"), Some("CA"));
        assert_eq!(dateline_country("NEW YORK, March 12 -"), Some("US"));
        assert_eq!(dateline_country("Showers continued in the zone - said X."), None);
        assert_eq!(dateline_country("Prices rose sharply."), None);
        assert_eq!(dateline_country("****LONDON, March 3 -"), Some("GB"));
        assert_eq!(dateline_country("omaha, March 3 -"), Some("US"));
        assert_eq!(dateline_country("ROME, March 13, Reuter -"), Some("IT"));
        assert_eq!(dateline_country("RICHMOND, Va. Feb 26 -"), Some("US"));
        assert_eq!(dateline_country("WASHINGTON, D.C. March 18 -"), Some("US"));
        assert_eq!(dateline_country("JOHANNESBURG March 13 -"), Some("ZA"));
        assert_eq!(dateline_country("AMSTERDAM, 2 March -"), Some("NL"));
        assert_eq!(dateline_country("St Paul, April 7 -"), Some("US"));
        assert_eq!(dateline_country("FARMINGTON Conn., March 9 -"), Some("US"));
        assert_eq!(dateline_country("the market, which rose - said"), None);
        assert_eq!(dateline_country("TBILISI, Georgia (AP) \u{2014} Protesters"), Some("GE"));
        assert_eq!(dateline_country("ATLANTA, Georgia (AP) \u{2014} Voters"), Some("US"));
        assert_eq!(dateline_country("ST. JOHN'S, N.L. (CP) \u{2014} A storm"), Some("CA"));
    }

    #[test]
    fn company_names_starting_with_a_country_word() {
        assert!(codes("Investors bought shares of British Widget Co.").is_empty());
        assert!(codes("Acme USA Inc said it would hire.").is_empty());
        assert!(codes("American Gadget <AGC> said profits fell.").is_empty());
        assert!(codes("The Canadian Sprocket Holdings unit was sold.").is_empty());
        assert_eq!(codes("Japanese banks lent more."), ["JP"]);
        assert_eq!(codes("The U.S. Commerce Department said so."), ["US"]);
        assert_eq!(codes("The Bank of Japan Ltd is a fiction."), ["JP"]);
        // A sentence end is not part of a name.
        assert_eq!(codes("Exports went to Japan. Group sales rose."), ["JP"]);
        assert_eq!(codes("Sales in France, Co-operation talks."), ["FR"]);
    }

    #[test]
    fn datelines_with_month_like_places_typos_and_small_towns() {
        // Places that start like a month or weekday are not dates.
        assert_eq!(dateline_country("MONROE, Conn., June 30 -"), Some("US"));
        assert_eq!(dateline_country("AUGUSTA, Ga., May 20 -"), Some("US"));
        assert_eq!(dateline_country("DECATUR, ILL., Jan 31 -"), Some("US"));
        assert_eq!(dateline_country("MARSEILLE, Feb 3 -"), Some("FR"));
        // Dotted postal codes and stray punctuation.
        assert_eq!(dateline_country("SPRINGVILLE, MA., May 2 -"), Some("US"));
        assert_eq!(dateline_country("Smalltown, Il., May 2 -"), Some("US"));
        assert_eq!(dateline_country("Smalltown, N.Y,. June 3 -"), Some("US"));
        // One-letter typos, only when a date proves the dateline shape.
        assert_eq!(dateline_country("WASINGTON, June 3 -"), Some("US"));
        assert_eq!(dateline_country("NEDW YORK, June 3 -"), Some("US"));
        assert_eq!(dateline_country("TOKOY, June 3 -"), Some("JP"));
        assert_eq!(dateline_country("WASINGTON (Reuters) - Talks"), None);
        // Dateline-only towns.
        assert_eq!(dateline_country("KIEL, June 3 -"), Some("DE"));
        assert_eq!(dateline_country("SOUTH SAN FRANCISCO, June 3 -"), Some("US"));
        assert_eq!(dateline_country("ZEEBRUGGE, June 3 -"), Some("BE"));
        // An ambiguous town is decided by what follows it.
        assert_eq!(dateline_country("HAMILTON, Bermuda, June 3 -"), Some("BM"));
        assert_eq!(dateline_country("HAMILTON, Ontario, June 3 -"), Some("CA"));
        assert_eq!(dateline_country("HAMILTON, June 3 -"), None);
        // Dateline-only towns are not matched in running text.
        assert!(codes("Officials in Kiel and Zeebrugge met.").is_empty());
    }

    #[test]
    fn about_ranks_dateline_then_salience() {
        let passages = vec![vec!["JP", "US"], vec!["JP"], vec!["FR"], vec!["JP", "DE", "DE"]];
        let got = about(&AboutInput {
            title: "JAPAN TRADE SURPLUS WIDENS",
            dateline: Some("GB"),
            passages: &passages,
            ..Default::default()
        });
        assert_eq!(got, ["GB", "JP"]);
        // the title is read as of the article's year, like its passages (codes already mapped)
        let passages = vec![vec![], vec!["SU"]];
        let got = about(&AboutInput {
            title: "MOSCOW SEEKS GRAIN",
            year: Some(1987),
            passages: &passages,
            ..Default::default()
        });
        assert_eq!(got, ["SU"]);
        let got = about(&AboutInput { title: "MOSCOW SEEKS GRAIN", passages: &passages, ..Default::default() });
        assert_eq!(got, ["RU"], "undated, the title's Moscow is Russia");
    }

    #[test]
    fn countries_listed_in_the_leads_first_sentence_are_what_it_is_about() {
        let lead = "ASTANA, Kazakhstan - Kazakhstan, Uzbekistan, Kyrgyzstan and Tajikistan signed a pact with \
                    Russia on Friday. Turkmenistan and China watched.";
        assert_eq!(listed_in_first_sentence(lead, &mentions(lead)), ["KZ", "UZ", "KG", "TJ"]);
        // "U.S." and "Gen." end no sentence; one country is no list
        let lead = "The U.S. and the Philippines began drills under Gen. Cruz. Japan and Australia sent observers.";
        assert_eq!(listed_in_first_sentence(lead, &mentions(lead)), ["US", "PH"]);
        // an archive in capitals writes its full stops apart
        let lead = "IN KENYA LAST WEEK THE LEADERS MET . UGANDA, TANZANIA AND KENYA SIGNED A PACT .";
        assert!(listed_in_first_sentence(lead, &mentions(lead)).is_empty());
        assert!(
            listed_in_first_sentence("Mali said it would leave.", &mentions("Mali said it would leave.")).is_empty()
        );
        // listed, they are kept though each is mentioned once
        let passages = vec![vec!["KZ", "UZ", "KG", "TJ", "RU"], vec!["KZ", "TM", "CN"]];
        let got = about(&AboutInput {
            title: "Central Asian states sign water pact",
            dateline: Some("KZ"),
            passages: &passages,
            listed_in_lead: &["KZ", "UZ", "KG", "TJ"],
            ..Default::default()
        });
        assert_eq!(got, ["KZ", "UZ", "KG", "TJ"]);
    }

    #[test]
    fn about_falls_back_to_the_most_salient_country_without_a_dateline() {
        // named only in the title: no passage mentions it, yet the story is about it
        let none: Vec<Vec<&str>> = vec![vec![], vec![]];
        let got = about(&AboutInput { title: "Refugees cross into Uganda", passages: &none, ..Default::default() });
        assert_eq!(got, ["UG"]);
        // two mentions in the body, and a runner-up named once
        let passages = vec![vec![], vec!["KE", "TZ"], vec!["KE"]];
        assert_eq!(about(&AboutInput { title: "Drought", passages: &passages, ..Default::default() }), ["KE"]);
        // one passing mention is not what a story is about
        let passing = vec![vec![], vec!["KE"]];
        assert!(about(&AboutInput { title: "Drought", passages: &passing, ..Default::default() }).is_empty());
        // with a dateline, the dateline country is first and the rule is unchanged
        assert_eq!(
            about(&AboutInput { title: "Drought", dateline: Some("ET"), passages: &passages, ..Default::default() }),
            ["ET"]
        );
    }

    #[test]
    fn ambiguous_place_names_count_only_for_a_country_the_story_names() {
        assert!(codes("Chelsea were held to a draw at Stamford Bridge on Saturday.").is_empty());
        assert!(codes("Halifax, the mortgage lender, said house prices rose again.").is_empty());
        assert!(codes("Male workers retire two years later than their colleagues.").is_empty());
        assert!(codes("A flaw was found by researchers at the security firm RSA.").is_empty());
        assert_eq!(
            codes("The indoor event in San Jose drew big crowds. California's governor was there."),
            ["US", "US"]
        );
        assert_eq!(codes("Costa Rica's president returned to San José on Friday."), ["CR", "CR"]);
        assert_eq!(codes("The Halifax port handles more grain than any other Canadian harbour."), ["CA", "CA"]);
    }

    #[test]
    fn a_bare_congo_is_the_drc_when_the_story_names_the_drc_and_not_the_republic() {
        assert_eq!(codes("Militias took a mine in Congo's east, officials in Kinshasa said."), ["CD", "CD"]);
        assert_eq!(codes("Congo pumped more oil last year, the ministry in Brazzaville said."), ["CG", "CG"]);
        // no other clue: the story's year decides (the DRC was Zaire from 1971 to 1997)
        let in_year = |year| mentions_in_year("Congo pumped more oil last year.", year)[0].code;
        assert_eq!(
            [in_year(Some(1963)), in_year(Some(1987)), in_year(Some(2019)), in_year(None)],
            ["CD", "CG", "CD", "CD"]
        );
        assert_eq!(mentions_in_year("Congo and Zaire signed a river treaty.", Some(1987))[0].code, "CG");
        // archives name the DRC by its colonial cities and its provinces
        assert_eq!(codes("THE CONGO: U.N. troops entered Elisabethville, Katanga's capital."), ["CD", "CD", "CD"]);
        assert_eq!(codes("In the Belgian Congo, Léopoldville was calm."), ["CD", "CD"]);
    }

    #[test]
    fn colonial_capitals_that_other_places_share_need_their_country_named() {
        assert_eq!(codes("Rhodesia's government in Salisbury said the talks would go on."), ["ZW", "ZW"]);
        assert!(codes("Salisbury Cathedral reopened its spire to visitors.").is_empty());
        assert_eq!(codes("The Canton trade fair opened, and China's buyers were few."), ["CN", "CN"]);
        assert!(codes("Canton, Ohio, hosts the football hall of fame.").iter().all(|c| *c != "CN"));
    }

    #[test]
    fn a_person_named_like_a_country_speaks_without_becoming_the_country() {
        let text = "Midfielder Tomas Chad joined on loan. Chad said he was glad to be back. \
                    The squad then flew to Chad for a friendly.";
        assert_eq!(codes(text), ["TD"]);
        // an organisation named after the country is no person
        let text = "The video was first obtained by Agence France Presse. France said it would send a team.";
        assert_eq!(codes(text), ["FR"]);
        assert_eq!(codes("Agence France-Presse reported it first. France said it would send a team."), ["FR"]);
    }

    #[test]
    fn things_named_after_a_country_are_not_mentions_but_city_landmarks_are() {
        assert!(codes("The cook swears by a Dutch oven, Turkish coffee and a Swiss army knife.").is_empty());
        assert!(codes("Visitors queued for Peking duck and Belgian waffles.").is_empty());
        assert_eq!(codes("The film opens at the Berlin Film Festival."), ["DE"]);
        assert_eq!(codes("She will run the London Marathon in April."), ["GB"]);
        // an accord named after its venue is about its signatories
        assert!(codes("Finance ministers reaffirmed the Paris Accord on currencies.").is_empty());
    }

    #[test]
    fn region_groups_resolve_to_their_members_and_never_shadow_a_country_or_region() {
        let paths = |q: &str| resolve(q).map(|s| s.facet_paths()).unwrap_or_default();
        let middle_east = paths("middle east");
        assert!(middle_east.contains(&"/Asia/Western Asia/Israel".to_string()), "{middle_east:?}");
        assert!(middle_east.contains(&"/Africa/Northern Africa/Egypt".to_string()));
        assert!(!middle_east.iter().any(|p| p.ends_with("/Georgia")));
        assert_eq!(paths("West Africa"), paths("Western Africa"));
        assert!(paths("EU").contains(&"/Europe/Western Europe/France".to_string()));
        assert!(!paths("EU").iter().any(|p| p.ends_with("/United Kingdom")));
        assert_eq!(paths("Southeast Asia"), paths("South-East Asia"));
        assert!(paths("Southeast Asia").contains(&"/Asia/South-eastern Asia/Vietnam".to_string()));
        assert!(paths("Latin America").iter().any(|p| p.ends_with("/Brazil")));
        assert!(paths("NATO").iter().any(|p| p.ends_with("/Sweden")));
        // an M49 sub-region and a country keep their meaning
        assert_eq!(paths("Central Asia"), ["/Asia/Central Asia"]);
        assert_eq!(paths("Georgia"), ["/Asia/Western Asia/Georgia"]);
        // every member code of every group is in the country table, and a group named
        // after an M49 region has that region's countries
        for group in groups() {
            if let Some(region) = group.m49_region() {
                assert!(all().iter().any(|c| c.region == region || c.subregion == region), "{region}");
                assert!(group.members().count() > 0, "{}", group.name);
                continue;
            }
            let listed = group.codes.split_whitespace().count();
            assert_eq!(group.members().count(), listed, "{}", group.name);
        }
        assert!(resolve("Soth America").is_err_and(|s| s.contains(&"South America".to_string())));
        // a name two countries share in everyday use selects both; their own names one
        let ends = |q: &str| paths(q).iter().map(|p| p.rsplit('/').next().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(ends("Korea"), ["North Korea", "South Korea"]);
        assert_eq!(ends("korea"), ends("the Korean Peninsula"));
        assert_eq!(ends("South Korea"), ["South Korea"]);
        assert_eq!(ends("Republic of Korea"), ["South Korea"]);
        assert!(ends("Congo").contains(&"Democratic Republic of the Congo".to_string()));
        assert!(ends("Congo").contains(&"Republic of the Congo".to_string()));
        assert_eq!(ends("Congo-Brazzaville"), ["Republic of the Congo"]);
    }

    #[test]
    fn historical_codes() {
        assert_eq!(code_in_year("RU", 1987), "SU");
        assert_eq!(code_in_year("RU", 2020), "RU");
        assert_eq!(code_in_year("HR", 1990), "YU");
        assert_eq!(code_in_year("FR", 1987), "FR");
        assert_eq!(codes("Soviet Georgia and East Germany"), ["SU", "GE", "DD"]);
    }
}
