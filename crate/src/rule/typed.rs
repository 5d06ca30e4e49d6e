//! Giving the syntax tree its types: every node is a number or a truth value, checked once, so
//! evaluation can never meet `true + 1`. A mistake names its column and says what was expected.

use super::RuleError;
use super::parser::{Node, NodeKind};

/// A variable a rule reads at a point: the coordinates and the network's input features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    /// x.
    X,
    /// y.
    Y,
    /// x².
    X2,
    /// y².
    Y2,
    /// x·y.
    Xy,
    /// sin(x).
    SinX,
    /// sin(y).
    SinY,
}

/// The names a rule may read, with what each stands for (the features share the network's names).
pub const VARIABLES: [(&str, Var); 7] =
    [("x", Var::X), ("y", Var::Y), ("x2", Var::X2), ("y2", Var::Y2), ("xy", Var::Xy), ("sinX", Var::SinX), ("sinY", Var::SinY)];

/// Functions of one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// |a|.
    Abs,
    /// √a.
    Sqrt,
    /// sin a.
    Sin,
    /// cos a.
    Cos,
    /// eᵃ.
    Exp,
}

const FUNCTIONS: [(&str, Func); 5] = [("abs", Func::Abs), ("sqrt", Func::Sqrt), ("sin", Func::Sin), ("cos", Func::Cos), ("exp", Func::Exp)];

/// An expression whose value is a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Num {
    /// A literal (or `pi`).
    Const(f64),
    /// A variable.
    Var(Var),
    /// `-a`.
    Neg(Box<Num>),
    /// `a op b` with op one of `+ - * / ^`.
    Arith(char, Box<Num>, Box<Num>),
    /// `f(a)`.
    Call(Func, Box<Num>),
    /// `min(…)` (false) or `max(…)` (true) of two or more numbers.
    Extreme(bool, Vec<Num>),
    /// `if c then a else b`.
    If(Box<Truth>, Box<Num>, Box<Num>),
}

/// An expression whose value is true or false.
#[derive(Debug, Clone, PartialEq)]
pub enum Truth {
    /// `true` or `false`.
    Const(bool),
    /// `a op b` with op one of `< <= > >= == !=`.
    Compare(&'static str, Box<Num>, Box<Num>),
    /// `a == b` (false) or `a != b` (true) between truth values: `(x > 0) != (y > 0)` is XOR.
    Differ(bool, Box<Truth>, Box<Truth>),
    /// `a and b`.
    And(Box<Truth>, Box<Truth>),
    /// `a or b`.
    Or(Box<Truth>, Box<Truth>),
    /// `not a`.
    Not(Box<Truth>),
    /// `if c then a else b`.
    If(Box<Truth>, Box<Truth>, Box<Truth>),
}

/// A whole rule, typed: it answers with a number or with true/false.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// A number: a class (rounded) or, on values, the value.
    Num(Num),
    /// True or false: class 1 or class 0.
    Truth(Truth),
}

impl Typed {
    fn describe(&self) -> &'static str {
        match self {
            Typed::Num(_) => "a number",
            Typed::Truth(_) => "true or false",
        }
    }
}

/// Types `node`, or says where the types do not fit.
pub fn check(node: &Node) -> Result<Typed, RuleError> {
    let column = node.column;
    Ok(match &node.kind {
        NodeKind::Number(n) => Typed::Num(Num::Const(*n)),
        NodeKind::Truth(b) => Typed::Truth(Truth::Const(*b)),
        NodeKind::Name(name) => name_of(name, column)?,
        NodeKind::Unary("-", inner) => Typed::Num(Num::Neg(Box::new(number(inner, "'-'")?))),
        NodeKind::Unary(_, inner) => Typed::Truth(Truth::Not(Box::new(truth(inner, "'not'")?))),
        NodeKind::Binary(op @ ("and" | "or"), a, b) => {
            let what = format!("'{op}'");
            let (a, b) = (Box::new(truth(a, &what)?), Box::new(truth(b, &what)?));
            Typed::Truth(if *op == "and" { Truth::And(a, b) } else { Truth::Or(a, b) })
        }
        NodeKind::Binary(op @ ("==" | "!="), a, b) => match (check(a)?, check(b)?) {
            (Typed::Num(x), Typed::Num(y)) => Typed::Truth(Truth::Compare(op, Box::new(x), Box::new(y))),
            (Typed::Truth(x), Typed::Truth(y)) => Typed::Truth(Truth::Differ(*op == "!=", Box::new(x), Box::new(y))),
            (x, _) => {
                return Err(RuleError::at(
                    b.column,
                    format!("'{op}' compares like with like: the left side is {}, the right side is not", x.describe()),
                ));
            }
        },
        NodeKind::Binary(op @ ("<" | "<=" | ">" | ">="), a, b) => {
            let what = format!("'{op}'");
            Typed::Truth(Truth::Compare(op, Box::new(number(a, &what)?), Box::new(number(b, &what)?)))
        }
        NodeKind::Binary(op, a, b) => {
            let what = format!("'{op}'");
            let symbol = op.chars().next().unwrap_or('+');
            Typed::Num(Num::Arith(symbol, Box::new(number(a, &what)?), Box::new(number(b, &what)?)))
        }
        NodeKind::If(c, a, b) => {
            let condition = Box::new(truth(c, "'if'")?);
            match (check(a)?, check(b)?) {
                (Typed::Num(x), Typed::Num(y)) => Typed::Num(Num::If(condition, Box::new(x), Box::new(y))),
                (Typed::Truth(x), Typed::Truth(y)) => Typed::Truth(Truth::If(condition, Box::new(x), Box::new(y))),
                (x, _) => {
                    return Err(RuleError::at(b.column, format!("'then' gives {} here, so 'else' must too", x.describe())));
                }
            }
        }
        NodeKind::Call(name, args) => call(name, args, column)?,
    })
}

fn name_of(name: &str, column: usize) -> Result<Typed, RuleError> {
    if name == "pi" {
        return Ok(Typed::Num(Num::Const(std::f64::consts::PI)));
    }
    if let Some((_, v)) = VARIABLES.iter().find(|(n, _)| *n == name) {
        return Ok(Typed::Num(Num::Var(*v)));
    }
    let known: Vec<&str> = VARIABLES.iter().map(|(n, _)| *n).collect();
    let call_hint = if FUNCTIONS.iter().any(|(n, _)| *n == name) || name == "min" || name == "max" {
        format!(" ({name} is a function: write {name}(…))")
    } else {
        String::new()
    };
    Err(RuleError::at(column, format!("unknown name '{name}'{call_hint}; a rule can read {} and pi", known.join(", "))))
}

fn call(name: &str, args: &[Node], column: usize) -> Result<Typed, RuleError> {
    let what = format!("{name}(…)");
    if name == "min" || name == "max" {
        if args.len() < 2 {
            return Err(RuleError::at(column, format!("{name} takes two or more numbers, got {}", args.len())));
        }
        let values = args.iter().map(|a| number(a, &what)).collect::<Result<Vec<_>, _>>()?;
        return Ok(Typed::Num(Num::Extreme(name == "max", values)));
    }
    let Some((_, f)) = FUNCTIONS.iter().find(|(n, _)| *n == name) else {
        return Err(RuleError::at(column, format!("unknown function '{name}'; there are abs, sqrt, sin, cos, exp, min and max")));
    };
    if args.len() != 1 {
        return Err(RuleError::at(column, format!("{name} takes one number, got {}", args.len())));
    }
    Ok(Typed::Num(Num::Call(*f, Box::new(number(&args[0], &what)?))))
}

fn number(node: &Node, user: &str) -> Result<Num, RuleError> {
    match check(node)? {
        Typed::Num(n) => Ok(n),
        Typed::Truth(_) => Err(RuleError::at(node.column, format!("{user} needs a number here, but this is true or false"))),
    }
}

fn truth(node: &Node, user: &str) -> Result<Truth, RuleError> {
    match check(node)? {
        Typed::Truth(t) => Ok(t),
        Typed::Num(_) => {
            Err(RuleError::at(node.column, format!("{user} needs true or false here (a comparison such as x > 0), but this is a number")))
        }
    }
}
