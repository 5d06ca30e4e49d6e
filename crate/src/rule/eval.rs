//! Evaluating a typed rule at one point. Plain f64 arithmetic as written: a hand-written program
//! runs exactly as its author reads it (`sqrt(-1)` is not a number, and answers nothing).

use super::typed::{Func, Num, Truth, Var};

/// The point a rule is asked about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct At {
    /// x in [-1, 1].
    pub x: f64,
    /// y in [-1, 1].
    pub y: f64,
}

impl At {
    fn read(self, v: Var) -> f64 {
        match v {
            Var::X => self.x,
            Var::Y => self.y,
            Var::X2 => self.x * self.x,
            Var::Y2 => self.y * self.y,
            Var::Xy => self.x * self.y,
            Var::SinX => self.x.sin(),
            Var::SinY => self.y.sin(),
        }
    }
}

impl Num {
    /// The number this expression gives at `at` (NaN or infinite where the arithmetic breaks).
    pub fn eval(&self, at: At) -> f64 {
        match self {
            Num::Const(c) => *c,
            Num::Var(v) => at.read(*v),
            Num::Neg(a) => -a.eval(at),
            Num::Arith(op, a, b) => {
                let (a, b) = (a.eval(at), b.eval(at));
                match op {
                    '+' => a + b,
                    '-' => a - b,
                    '*' => a * b,
                    '/' => a / b,
                    _ => a.powf(b),
                }
            }
            Num::Call(f, a) => {
                let a = a.eval(at);
                match f {
                    Func::Abs => a.abs(),
                    Func::Sqrt => a.sqrt(),
                    Func::Sin => a.sin(),
                    Func::Cos => a.cos(),
                    Func::Exp => a.exp(),
                }
            }
            Num::Extreme(max, values) => {
                let mut all = values.iter().map(|v| v.eval(at));
                let first = all.next().unwrap_or(f64::NAN);
                all.fold(first, |m, v| {
                    if v.is_nan() || m.is_nan() {
                        f64::NAN
                    } else if *max {
                        m.max(v)
                    } else {
                        m.min(v)
                    }
                })
            }
            Num::If(c, a, b) => {
                if c.eval(at) {
                    a.eval(at)
                } else {
                    b.eval(at)
                }
            }
        }
    }
}

impl Truth {
    /// Whether this expression holds at `at` (comparisons follow IEEE: with NaN only `!=` holds).
    pub fn eval(&self, at: At) -> bool {
        match self {
            Truth::Const(b) => *b,
            Truth::Compare(op, a, b) => {
                let (a, b) = (a.eval(at), b.eval(at));
                match *op {
                    "<" => a < b,
                    "<=" => a <= b,
                    ">" => a > b,
                    ">=" => a >= b,
                    "==" => a == b,
                    _ => a != b,
                }
            }
            Truth::Differ(differ, a, b) => (a.eval(at) != b.eval(at)) == *differ,
            Truth::And(a, b) => a.eval(at) && b.eval(at),
            Truth::Or(a, b) => a.eval(at) || b.eval(at),
            Truth::Not(a) => !a.eval(at),
            Truth::If(c, a, b) => {
                if c.eval(at) {
                    a.eval(at)
                } else {
                    b.eval(at)
                }
            }
        }
    }
}
