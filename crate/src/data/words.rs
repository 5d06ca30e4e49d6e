//! Word lists: the third kind of data. A character-level program reads the characters so far and
//! writes the next one, so a word list is a stream of (context, next character) examples, the end
//! of each word included — makemore's framing. Lines of text (a prompt corpus: `reverse: plan =>
//! nalp`) are read the same way, one line a sequence, with wider rules for what a line may hold.

use crate::error::{PlaygroundError, Result};

/// Longest word accepted, in characters.
pub const MAX_WORD_CHARS: usize = 32;

/// Longest line of text accepted, in characters.
pub const MAX_LINE_CHARS: usize = 64;

/// Largest vocabulary: the distinct characters used plus the end token.
pub const MAX_VOCABULARY: usize = 128;

/// The token that ends a word (and pads the context before its first character).
pub const END: usize = 0;

/// How the end token is shown wherever a character is shown.
pub const END_SYMBOL: char = '.';

/// Whether `c` may appear in a word: a Unicode letter, or a combining mark (accents written as
/// separate code points, the vowel signs of many scripts).
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_combining_mark(c)
}

/// The combining-mark blocks `char::is_alphabetic` does not already cover.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Checks one word: 1–32 letters or marks. The message names the word's index.
pub fn validate_word(index: usize, word: &str) -> Result<()> {
    let chars = word.chars().count();
    if chars == 0 {
        return Err(PlaygroundError::InvalidData(format!("word {index} is empty")));
    }
    if chars > MAX_WORD_CHARS {
        return Err(PlaygroundError::InvalidData(format!(
            "word {index} ('{}…') has {chars} characters; at most {MAX_WORD_CHARS} are allowed",
            word.chars().take(12).collect::<String>()
        )));
    }
    if let Some(c) = word.chars().find(|&c| !is_word_char(c)) {
        return Err(PlaygroundError::InvalidData(format!(
            "word {index} ('{word}') contains {c:?} (U+{:04X}); words are letters and marks only",
            c as u32
        )));
    }
    Ok(())
}

/// Checks one line of text: 1–64 characters, none a control character (a tab, a line break),
/// not starting or ending with a space. The message names the line's index.
pub fn validate_line(index: usize, line: &str) -> Result<()> {
    let chars = line.chars().count();
    if chars == 0 {
        return Err(PlaygroundError::InvalidData(format!("line {index} is empty")));
    }
    if chars > MAX_LINE_CHARS {
        return Err(PlaygroundError::InvalidData(format!(
            "line {index} ('{}…') has {chars} characters; at most {MAX_LINE_CHARS} are allowed",
            line.chars().take(16).collect::<String>()
        )));
    }
    if let Some(c) = line.chars().find(|c| c.is_control()) {
        return Err(PlaygroundError::InvalidData(format!(
            "line {index} contains the control character U+{:04X}; a line is one row of printable text",
            c as u32
        )));
    }
    if line.starts_with(char::is_whitespace) || line.ends_with(char::is_whitespace) {
        return Err(PlaygroundError::InvalidData(format!("line {index} ('{line}') starts or ends with a space")));
    }
    Ok(())
}

/// Checks a whole list: every word, and a vocabulary of at most [`MAX_VOCABULARY`] tokens. The
/// message names the first word at fault.
pub fn validate_words(words: &[String]) -> Result<()> {
    validate_list(words, "word", validate_word)
}

/// Checks lines of text as [`validate_words`] checks words, with [`validate_line`]'s rules.
pub fn validate_lines(lines: &[String]) -> Result<()> {
    validate_list(lines, "line", validate_line)
}

/// Every item checked by `one`, then the vocabulary they make.
fn validate_list(words: &[String], what: &str, one: fn(usize, &str) -> Result<()>) -> Result<()> {
    if words.is_empty() {
        let list = if what == "word" { "word list" } else { "text" };
        return Err(PlaygroundError::InvalidData(format!("the {list} is empty: give at least one {what}")));
    }
    let mut seen: Vec<char> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        one(i, w)?;
        for c in w.chars() {
            if !seen.contains(&c) {
                seen.push(c);
                if seen.len() + 1 > MAX_VOCABULARY {
                    return Err(PlaygroundError::InvalidData(format!(
                        "{what} {i} ('{w}') brings the vocabulary to {} distinct characters; at most {} are allowed",
                        seen.len(),
                        MAX_VOCABULARY - 1
                    )));
                }
            }
        }
    }
    Ok(())
}

/// The characters a word list uses, sorted, behind the end token: token 0 is the end, token
/// `i + 1` is the `i`-th character.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    chars: Vec<char>,
}

impl Vocabulary {
    /// The vocabulary of `words` (every character any of them uses).
    /// One pass, no sort of every character: a corpus of 26,000 lines is read in a few ms, and
    /// every tool that asks for the program's shape asks this.
    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut ascii = [false; 128];
        let mut others: Vec<char> = Vec::new(); // sorted, distinct
        for c in words.into_iter().flat_map(str::chars) {
            if c.is_ascii() {
                ascii[c as usize] = true;
            } else if let Err(at) = others.binary_search(&c) {
                others.insert(at, c);
            }
        }
        // Every ASCII character sorts before every other one.
        let chars = (0u8..128).filter(|&b| ascii[b as usize]).map(char::from).chain(others).collect();
        Self { chars }
    }

    /// A vocabulary from its characters in token order (a saved model's): sorted, distinct, and
    /// at most [`MAX_VOCABULARY`] tokens with the end.
    pub fn from_chars(chars: Vec<char>) -> Result<Self> {
        let sorted = chars.windows(2).all(|w| w[0] < w[1]);
        if !sorted || chars.len() + 1 > MAX_VOCABULARY {
            return Err(PlaygroundError::InvalidData(format!("a vocabulary of {} characters is not valid", chars.len())));
        }
        Ok(Self { chars })
    }

    /// Number of tokens: the characters and the end token.
    pub fn len(&self) -> usize {
        self.chars.len() + 1
    }

    /// Whether only the end token exists.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The characters, in token order from token 1.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The token of `c`, if the vocabulary has it.
    pub fn token(&self, c: char) -> Option<usize> {
        self.chars.binary_search(&c).ok().map(|i| i + 1)
    }

    /// The character of `token`; `None` for the end token.
    pub fn char(&self, token: usize) -> Option<char> {
        token.checked_sub(1).and_then(|i| self.chars.get(i).copied())
    }

    /// How a token is shown: its character, or [`END_SYMBOL`] for the end.
    pub fn symbol(&self, token: usize) -> String {
        self.char(token).unwrap_or(END_SYMBOL).to_string()
    }

    /// The tokens of `text`, refusing a character the vocabulary lacks.
    pub fn encode(&self, text: &str) -> Result<Vec<usize>> {
        text.chars()
            .map(|c| {
                self.token(c).ok_or_else(|| {
                    PlaygroundError::InvalidData(format!("'{c}' is not a character the program knows (it never saw it in the words)"))
                })
            })
            .collect()
    }
}

/// Training rows of a word list for a program that reads `context` tokens: for every position
/// of every word (the end included) the `context` tokens before it, padded with the end token, and
/// the token there. Returns the contexts flat (`rows × context`) and the targets.
pub fn windows<'a>(words: impl IntoIterator<Item = &'a str>, vocab: &Vocabulary, context: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut contexts, mut targets) = (Vec::new(), Vec::new());
    for word in words {
        let mut window = vec![END; context];
        let tokens = word.chars().map(|c| vocab.token(c).unwrap_or(END)).chain([END]);
        for t in tokens {
            contexts.extend_from_slice(&window);
            targets.push(t);
            if context > 0 {
                window.remove(0);
                window.push(t);
            }
        }
    }
    (contexts, targets)
}

/// The words of a text: one a line, surrounding spaces and blank lines dropped.
pub fn parse_text(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// A word list as text, one word a line, ending in a newline.
pub fn to_text(words: &[String]) -> String {
    let mut out = words.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// makemore's test share for `n` words: min(1000, 10 %) of them, as a fraction.
pub fn makemore_test_fraction(n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    ((n / 10).min(1000)) as f64 / n as f64
}

/// A word's identity for the seeded split (FNV-1a over its bytes).
pub fn word_key(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01B3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn bad_words_name_their_index() {
        let err = |w: &[&str]| validate_words(&words(w)).unwrap_err().to_string();
        assert!(err(&["emma", ""]).contains("word 1 is empty"));
        assert!(err(&["emma", "x".repeat(33).as_str()]).contains("word 1"));
        assert!(err(&["ann", "o'brien"]).contains("word 1"));
        assert!(err(&[]).contains("empty"));
        assert!(validate_words(&words(&["émilie", "zoë", "mañana", "ψυχή"])).is_ok());
        assert!(validate_words(&words(&["e\u{0301}milie"])).is_ok(), "a combining accent is a mark");
        let many: Vec<String> = (0..130u32).map(|i| char::from_u32(0x4E00 + i).unwrap().to_string()).collect();
        assert!(validate_words(&many).unwrap_err().to_string().contains("word 127"));
    }

    #[test]
    fn lines_take_spaces_digits_and_punctuation() {
        assert!(validate_lines(&words(&["reverse: plan => nalp", "how many letters in: ava => 3"])).is_ok());
        let err = |w: &[&str]| validate_lines(&words(w)).unwrap_err().to_string();
        assert!(err(&["ok", ""]).contains("line 1 is empty"));
        assert!(err(&["ok", "a\tb"]).contains("line 1"));
        assert!(err(&["ok", " padded"]).contains("line 1"));
        assert!(err(&["ok", "x".repeat(65).as_str()]).contains("at most 64"));
        assert!(err(&[]).contains("text is empty"));
        assert!(validate_words(&words(&["plan => nalp"])).is_err(), "words stay letters only");
    }

    #[test]
    fn windows_follow_makemore() {
        let v = Vocabulary::of(["emma"]);
        assert_eq!(v.len(), 4);
        assert_eq!(v.chars(), ['a', 'e', 'm']);
        let (ctx, targets) = windows(["emma"], &v, 3);
        assert_eq!(targets, [2, 3, 3, 1, 0]);
        assert_eq!(&ctx[..6], &[0, 0, 0, 0, 0, 2]);
        assert_eq!(&ctx[12..], &[3, 3, 1]);
        let (ctx, targets) = windows(["ab"], &Vocabulary::of(["ab"]), 0);
        assert!(ctx.is_empty());
        assert_eq!(targets.len(), 3);
    }

    #[test]
    fn text_round_trip_drops_blanks() {
        let list = parse_text("  emma \n\n olivia\r\nava\n");
        assert_eq!(list, ["emma", "olivia", "ava"]);
        assert_eq!(parse_text(&to_text(&list)), list);
        assert_eq!((makemore_test_fraction(32_033) * 32_033.0).round(), 1000.0);
        assert!((makemore_test_fraction(500) * 500.0 - 50.0).abs() < 1e-9);
    }
}
