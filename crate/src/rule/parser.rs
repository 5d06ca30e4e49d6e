//! Reading tokens into a syntax tree by precedence, loosest first: `if … then … else …`, `or`,
//! `and`, `not`, one comparison, `+ -`, `* /`, unary minus, `^` (right to left). Types come later
//! (`typed.rs`), so this file only knows the shape of the text.

use super::RuleError;
use super::lexer::{Spanned, Token};

/// Deepest nesting a rule may have: keeps a pasted monster from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

/// A node of the syntax tree and the column of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Where it starts, counting characters from 1.
    pub column: usize,
}

/// The kinds of node a rule is built from.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A number literal.
    Number(f64),
    /// `true` or `false`.
    Truth(bool),
    /// A variable or constant (`x`, `sinY`, `pi`).
    Name(String),
    /// `-a` (`"-"`) or `not a` (`"not"`).
    Unary(&'static str, Box<Node>),
    /// `a op b` for arithmetic, comparisons, `and`, `or`.
    Binary(&'static str, Box<Node>, Box<Node>),
    /// `if c then a else b`.
    If(Box<Node>, Box<Node>, Box<Node>),
    /// `f(a, b, …)`.
    Call(String, Vec<Node>),
}

/// Words that are part of the grammar and cannot name anything.
pub const KEYWORDS: [&str; 8] = ["and", "or", "not", "if", "then", "else", "true", "false"];

const COMPARISONS: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];

/// Parses the whole token list into one expression; leftover tokens are an error.
pub fn parse(tokens: &[Spanned], text_len: usize) -> Result<Node, RuleError> {
    if tokens.is_empty() {
        return Err(RuleError::at(1, "the rule is empty: write an expression such as x^2 + y^2 < 0.5"));
    }
    let mut p = Parser { tokens, at: 0, end_column: text_len + 1, depth: 0 };
    let node = p.expression()?;
    if let Some(t) = p.peek() {
        let hint = if matches!(t.token, Token::Word(_) | Token::Number(_) | Token::Symbol("(")) {
            " — an operator is missing before it (write 2 * x, not 2x)"
        } else {
            ""
        };
        return Err(RuleError::at(t.column, format!("unexpected {} after a complete expression{hint}", t.token.describe())));
    }
    Ok(node)
}

struct Parser<'a> {
    tokens: &'a [Spanned],
    at: usize,
    end_column: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.at)
    }

    fn is_symbol(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Spanned { token: Token::Symbol(t), .. }) if *t == s)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Spanned { token: Token::Word(t), .. }) if t == w)
    }

    /// The column of the next token, or just past the end.
    fn column(&self) -> usize {
        self.peek().map_or(self.end_column, |t| t.column)
    }

    /// An error at the next token: "expected X, found Y" (or "…the rule ends").
    fn expected(&self, what: &str) -> RuleError {
        match self.peek() {
            Some(t) => RuleError::at(t.column, format!("expected {what}, found {}", t.token.describe())),
            None => RuleError::at(self.end_column, format!("expected {what}, but the rule ends here")),
        }
    }

    fn expect_word(&mut self, w: &str) -> Result<(), RuleError> {
        if !self.is_word(w) {
            return Err(self.expected(&format!("'{w}'")));
        }
        self.at += 1;
        Ok(())
    }

    fn expression(&mut self) -> Result<Node, RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(RuleError::at(self.column(), format!("the rule nests deeper than {MAX_DEPTH} levels")));
        }
        let node = self.or();
        self.depth -= 1;
        node
    }

    fn binary_chain(&mut self, ops: &[&'static str], next: fn(&mut Self) -> Result<Node, RuleError>) -> Result<Node, RuleError> {
        let mut left = next(self)?;
        loop {
            let op = match self.peek() {
                Some(Spanned { token: Token::Symbol(s), .. }) => ops.iter().find(|o| *o == s).copied(),
                Some(Spanned { token: Token::Word(w), .. }) => ops.iter().find(|o| *o == w).copied(),
                _ => None,
            };
            let Some(op) = op else { return Ok(left) };
            self.at += 1;
            let right = next(self)?;
            let column = left.column;
            left = Node { kind: NodeKind::Binary(op, Box::new(left), Box::new(right)), column };
        }
    }

    fn or(&mut self) -> Result<Node, RuleError> {
        self.binary_chain(&["or"], Self::and)
    }

    fn and(&mut self) -> Result<Node, RuleError> {
        self.binary_chain(&["and"], Self::not)
    }

    fn not(&mut self) -> Result<Node, RuleError> {
        if self.is_word("not") {
            let column = self.column();
            self.at += 1;
            let inner = self.not()?;
            return Ok(Node { kind: NodeKind::Unary("not", Box::new(inner)), column });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Node, RuleError> {
        let left = self.sum()?;
        let Some(op) = self.comparison_op() else { return Ok(left) };
        self.at += 1;
        let right = self.sum()?;
        if self.comparison_op().is_some() {
            return Err(RuleError::at(self.column(), "comparisons do not chain: write a < b and b < c"));
        }
        let column = left.column;
        Ok(Node { kind: NodeKind::Binary(op, Box::new(left), Box::new(right)), column })
    }

    fn comparison_op(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Spanned { token: Token::Symbol(s), .. }) => COMPARISONS.iter().find(|c| *c == s).copied(),
            _ => None,
        }
    }

    fn sum(&mut self) -> Result<Node, RuleError> {
        self.binary_chain(&["+", "-"], Self::product)
    }

    fn product(&mut self) -> Result<Node, RuleError> {
        self.binary_chain(&["*", "/"], Self::unary)
    }

    fn unary(&mut self) -> Result<Node, RuleError> {
        if self.is_symbol("-") || self.is_symbol("+") {
            let column = self.column();
            let negate = self.is_symbol("-");
            self.at += 1;
            let inner = self.unary()?;
            return Ok(if negate { Node { kind: NodeKind::Unary("-", Box::new(inner)), column } } else { inner });
        }
        self.power()
    }

    fn power(&mut self) -> Result<Node, RuleError> {
        let base = self.atom()?;
        if !self.is_symbol("^") {
            return Ok(base);
        }
        self.at += 1;
        let exponent = self.unary()?;
        let column = base.column;
        Ok(Node { kind: NodeKind::Binary("^", Box::new(base), Box::new(exponent)), column })
    }

    fn atom(&mut self) -> Result<Node, RuleError> {
        let Some(next) = self.peek().cloned() else { return Err(self.expected("a number, a name or '('")) };
        let column = next.column;
        let node = |kind| Ok(Node { kind, column });
        match next.token {
            Token::Number(n) => {
                self.at += 1;
                node(NodeKind::Number(n))
            }
            Token::Symbol("(") => {
                self.at += 1;
                let inner = self.expression()?;
                if !self.is_symbol(")") {
                    return Err(self.expected(&format!("')' to close the '(' at column {column}")));
                }
                self.at += 1;
                Ok(inner)
            }
            Token::Word(w) if w == "if" => {
                self.at += 1;
                let condition = self.expression()?;
                self.expect_word("then")?;
                let yes = self.expression()?;
                self.expect_word("else")?;
                let no = self.expression()?;
                node(NodeKind::If(Box::new(condition), Box::new(yes), Box::new(no)))
            }
            Token::Word(w) if w == "true" || w == "false" => {
                self.at += 1;
                node(NodeKind::Truth(w == "true"))
            }
            Token::Word(w) if KEYWORDS.contains(&w.as_str()) => Err(self.expected("a number, a name or '('")),
            Token::Word(w) => {
                self.at += 1;
                if !self.is_symbol("(") {
                    return node(NodeKind::Name(w));
                }
                self.at += 1;
                let mut args = Vec::new();
                if !self.is_symbol(")") {
                    loop {
                        args.push(self.expression()?);
                        if self.is_symbol(",") {
                            self.at += 1;
                            continue;
                        }
                        break;
                    }
                }
                if !self.is_symbol(")") {
                    return Err(self.expected(&format!("',' or ')' in the call of {w}")));
                }
                self.at += 1;
                node(NodeKind::Call(w, args))
            }
            _ => Err(self.expected("a number, a name or '('")),
        }
    }
}
