//! How text meant for a person looks: colour on a terminal (decided once from `--color`,
//! `NO_COLOR` and whether stdout is a terminal, then applied through a tiny set of styles),
//! file names with their control characters escaped, and counts with their nouns.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to write ANSI colour codes.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn new(choice: ColorChoice) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
                    && std::io::stdout().is_terminal()
            }
        };
        Style { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// A query term inside a passage.
    pub fn highlight(&self, text: &str) -> String {
        self.paint("1;33", text)
    }
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`): a file name may hold a
/// line break or an escape sequence, and a message must stay one line that cannot move the
/// cursor or fake another message.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|ch| if ch.is_control() { ch.escape_default().to_string() } else { ch.to_string() })
        .collect::<String>()
        .into()
}

/// `noun` in the plural unless `n` is 1, by adding an "s" (every noun newsdex counts takes
/// one): `plural(1, "article")` is "article", `plural(0, "article")` "articles".
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 { noun.to_string() } else { format!("{noun}s") }
}

/// A count and its noun, agreeing: "1 article", "2 articles", "0 warnings".
pub fn counted(n: u64, noun: &str) -> String {
    format!("{n} {}", plural(n, noun))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1, "article"), "1 article");
        assert_eq!(counted(0, "article"), "0 articles");
        assert_eq!(counted(2, "matching passage"), "2 matching passages");
        assert_eq!(plural(1, "input"), "input");
    }
}
