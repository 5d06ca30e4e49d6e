//! Splitting a rule's text into tokens, each with the column (counting characters from 1) where it
//! starts, so every later error can point at the place.

use super::RuleError;

/// One token of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A number literal: `3`, `0.5`, `.5`, `1e-3`.
    Number(f64),
    /// A name: a variable, a function, or a keyword (`and`, `if`, `true`, …).
    Word(String),
    /// An operator or bracket: `+ - * / ^ ( ) , < <= > >= == !=`.
    Symbol(&'static str),
}

/// A token and the column where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned {
    /// The token.
    pub token: Token,
    /// Its first character's column, from 1.
    pub column: usize,
}

impl Token {
    /// How an error message quotes this token.
    pub fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("the number {n}"),
            Token::Word(w) => format!("'{w}'"),
            Token::Symbol(s) => format!("'{s}'"),
        }
    }
}

/// Symbols of two characters, tried before those of one.
const PAIRS: [(&str, &str); 4] = [("<=", "<="), (">=", ">="), ("==", "=="), ("!=", "!=")];
/// Symbols of one character; `=` means `==`, and `≤ ≥ ≠ ×` are read as their ASCII spellings.
const SINGLES: [(char, &str); 15] = [
    ('+', "+"),
    ('-', "-"),
    ('−', "-"),
    ('*', "*"),
    ('×', "*"),
    ('/', "/"),
    ('^', "^"),
    ('(', "("),
    (')', ")"),
    (',', ","),
    ('<', "<"),
    ('>', ">"),
    ('=', "=="),
    ('≤', "<="),
    ('≥', ">="),
];

/// Splits `text` into tokens; an unknown character is an error at its column.
pub fn tokenize(text: &str) -> Result<Vec<Spanned>, RuleError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let (number, next) =
                number_at(&chars, i).ok_or_else(|| RuleError::at(column, "this number is not written right (try 0.5 or 1e-3)"))?;
            out.push(Spanned { token: Token::Number(number), column });
            i = next;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Spanned { token: Token::Word(chars[start..i].iter().collect()), column });
            continue;
        }
        let pair: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        if let Some((_, symbol)) = PAIRS.iter().find(|(p, _)| *p == pair) {
            out.push(Spanned { token: Token::Symbol(symbol), column });
            i += 2;
            continue;
        }
        if c == '≠' {
            out.push(Spanned { token: Token::Symbol("!="), column });
            i += 1;
            continue;
        }
        if let Some((_, symbol)) = SINGLES.iter().find(|(s, _)| *s == c) {
            out.push(Spanned { token: Token::Symbol(symbol), column });
            i += 1;
            continue;
        }
        let hint = match c {
            '&' => " (write 'and')",
            '|' => " (write 'or')",
            '!' => " (write 'not')",
            '?' | ':' => " (write 'if … then … else …')",
            '%' => " (there is no remainder operator)",
            _ => "",
        };
        return Err(RuleError::at(column, format!("'{c}' is not part of the rule language{hint}")));
    }
    Ok(out)
}

/// Reads the number starting at `i`: digits, an optional fraction, an optional exponent.
fn number_at(chars: &[char], mut i: usize) -> Option<(f64, usize)> {
    let start = i;
    let digits = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    digits(&mut i);
    if chars.get(i) == Some(&'.') {
        i += 1;
        digits(&mut i);
    }
    if matches!(chars.get(i), Some('e' | 'E')) {
        let mut j = i + 1;
        if matches!(chars.get(j), Some('+' | '-')) {
            j += 1;
        }
        if chars.get(j).is_some_and(|d| d.is_ascii_digit()) {
            i = j;
            digits(&mut i);
        }
    }
    let text: String = chars[start..i].iter().collect();
    text.parse().ok().filter(|n: &f64| n.is_finite()).map(|n| (n, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_their_columns() {
        let t = tokenize("x^2 <= .5e1").unwrap();
        let columns: Vec<usize> = t.iter().map(|s| s.column).collect();
        assert_eq!(columns, vec![1, 2, 3, 5, 8]);
        assert_eq!(t[4].token, Token::Number(5.0));
        assert_eq!(t[3].token, Token::Symbol("<="));
    }

    #[test]
    fn an_unknown_character_names_its_column_and_the_word_to_use() {
        let e = tokenize("x > 0 && y > 0").unwrap_err();
        assert_eq!(e.column, 7);
        assert!(e.message.contains("write 'and'"), "{}", e.message);
    }
}
