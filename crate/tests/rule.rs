//! Software 1.0 beside it: the rule language's values, its errors' columns, its boundary against
//! point-by-point evaluation, and a network that learns a rule from the labels the rule wrote.
#![cfg(not(target_family = "wasm"))]

use pollster::block_on;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Point, Preset, PresetOptions, Task};
use sw2_playground::inspect::predict::grid_cells;
use sw2_playground::rule::{At, Rule, agreement, label_changes, rule_grid, rule_metrics};
use sw2_playground::train::Session;

const AT: At = At { x: 0.5, y: -0.25 };

#[test]
fn expressions_evaluate_to_the_values_their_authors_expect() {
    let table: &[(&str, f64)] = &[
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("2 ^ 3 ^ 2", 512.0),
        ("-2 ^ 2", -4.0),
        ("2 ^ -1", 0.5),
        ("10 / 4 - 1", 1.5),
        ("x", 0.5),
        ("y", -0.25),
        ("x2 + y2", 0.3125),
        ("xy", -0.125),
        ("sinX", 0.5f64.sin()),
        ("sinY - sin(y)", 0.0),
        ("abs(y) + sqrt(x2)", 0.75),
        ("cos(0) + exp(0)", 2.0),
        ("min(x, y, 0)", -0.25),
        ("max(x, y)", 0.5),
        ("pi", std::f64::consts::PI),
        ("1e-1 + .5", 0.6),
        ("x > 0", 1.0),
        ("x > 0 and y > 0", 0.0),
        ("x > 0 or y > 0", 1.0),
        ("not y > 0", 1.0),
        ("x >= 0.5 and y <= -0.25 and x != y and x == 0.5", 1.0),
        ("(x > 0) != (y > 0)", 1.0),
        ("(x > 0) == (y > 0)", 0.0),
        ("if x > 0 then 2 else 3", 2.0),
        ("if y > 0 then 2 else if x > 0 then 5 else 7", 5.0),
        ("1 + if x > 0 then 1 else 0", 2.0),
        ("x^2 + y^2 < 0.5", 1.0),
        ("x ≤ 0.5 and y ≥ -1", 1.0),
        ("true and not false", 1.0),
        ("  x  ", 0.5),
    ];
    for (text, want) in table {
        let rule = Rule::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let got = rule.value_at(AT);
        assert!((got - want).abs() < 1e-12, "{text} = {got}, expected {want}");
    }
}

#[test]
fn every_syntax_error_names_its_column_from_one() {
    let table: &[(&str, usize, &str)] = &[
        ("", 1, "empty"),
        ("x +", 4, "rule ends"),
        ("x > 0 && y", 7, "write 'and'"),
        ("(x + y", 7, "')'"),
        ("x + y)", 6, "unexpected"),
        ("2x", 2, "operator is missing"),
        ("z > 0", 1, "unknown name 'z'"),
        ("x > 0 and 1", 11, "true or false"),
        ("x + (y > 0)", 6, "needs a number"),
        ("0 < x < 1", 7, "do not chain"),
        ("if x > 0 then 1", 16, "'else'"),
        ("if x then 1 else 0", 4, "true or false"),
        ("if x > 0 then 1 else y > 0", 22, "'else' must too"),
        ("foo(x)", 1, "unknown function"),
        ("sqrt(x, y)", 1, "one number"),
        ("max(x)", 1, "two or more"),
        ("sqrt", 1, "is a function"),
        ("x $ y", 3, "not part of"),
        ("x > and", 5, "expected a number"),
        ("(x > 0) == 1", 12, "like with like"),
        ("1.2.3", 4, "unexpected"),
    ];
    for (text, column, words) in table {
        let e = Rule::parse(text).expect_err(text);
        assert_eq!(e.column, *column, "{text}: {e}");
        assert!(e.to_string().starts_with(&format!("column {column}: ")), "{text}: {e}");
        assert!(e.message.contains(words), "{text}: '{}' lacks '{words}'", e.message);
    }
    let deep = format!("{}x{}", "(".repeat(100), ")".repeat(100));
    assert!(Rule::parse(&deep).unwrap_err().message.contains("nests deeper"));
    assert!(Rule::parse(&"x+".repeat(1500)).unwrap_err().message.contains("at most"));
}

fn circle(n: usize) -> Dataset {
    let points = generate(Preset::Circle, PresetOptions { n, noise: 0.0, seed: 3 }).unwrap();
    Dataset::new(points, 0.3, 1).unwrap()
}

#[test]
fn the_rules_boundary_is_the_rule_evaluated_cell_by_cell() {
    let rule = Rule::parse("if x < -0.5 then 2 else x^2 + y^2 < 0.4").unwrap_err();
    assert!(rule.message.contains("'else' must too"));
    let rule = Rule::parse("if x < -0.5 then 2 else if x^2 + y^2 < 0.4 then 1 else 0").unwrap();
    let d = circle(200);
    let grid = rule_grid(&rule, &d, 17).unwrap();
    assert_eq!(grid.classes, 3);
    for (cell, (x, y)) in grid_cells(17).enumerate() {
        let row = &grid.probabilities[cell * 3..cell * 3 + 3];
        let class = rule.class_at(At { x, y }).unwrap() as usize;
        assert_eq!(row.iter().position(|&p| p == 1.0), Some(class), "cell {cell} at ({x}, {y})");
        assert_eq!(row.iter().sum::<f32>(), 1.0);
    }
    // Values: the grid holds the number itself; cells where it breaks are NaN.
    let values = Dataset::from_raw_values(&[(0.0, 0.0, 1.0), (0.5, 0.5, 3.0)], 0.0, 1).unwrap();
    let wave = Rule::parse("sqrt(x) + y").unwrap();
    let g = rule_grid(&wave, &values, 8).unwrap();
    for (cell, (x, y)) in grid_cells(8).enumerate() {
        let want = x.sqrt() + y;
        assert!(if want.is_nan() { g.values[cell].is_nan() } else { (g.values[cell] as f64 - want).abs() < 1e-6 });
    }
    assert_eq!(g.range, Some([1.0, 3.0]));
}

#[test]
fn metrics_count_right_answers_split_by_split() {
    let d = circle(300);
    // The circle preset puts class 0 inside, so "outside" is the rule that is true for class 1.
    let good = rule_metrics(&Rule::parse("x^2 + y^2 > 0.25").unwrap(), &d).unwrap();
    assert_eq!(good.task, Task::Classification);
    assert_eq!((good.count, good.answered), (300, 300));
    assert!(good.accuracy.unwrap() > 0.95, "{good:?}");
    let half = rule_metrics(&Rule::parse("x > 0").unwrap(), &d).unwrap();
    assert!((0.3..0.7).contains(&half.accuracy.unwrap()), "{half:?}");
    let nothing = rule_metrics(&Rule::parse("9").unwrap(), &d).unwrap();
    assert_eq!((nothing.answered, nothing.accuracy), (0, Some(0.0)));
    let values = Dataset::from_raw_values(&[(0.0, 0.0, 1.0), (0.5, 0.5, 3.0)], 0.0, 1).unwrap();
    let m = rule_metrics(&Rule::parse("x + 1").unwrap(), &values).unwrap();
    assert_eq!((m.accuracy, m.mse), (None, Some((0.0 + 1.5f64.powi(2)) / 2.0)));
    let empty = rule_metrics(&Rule::parse("x > 0").unwrap(), &Dataset::empty()).unwrap();
    assert_eq!((empty.count, empty.accuracy), (0, None));
}

#[test]
fn labelling_refuses_points_the_rule_has_no_answer_for() {
    let d = Dataset::new(vec![Point { x: -0.5, y: 0.0, label: 0 }, Point { x: 0.5, y: 0.0, label: 0 }], 0.0, 1).unwrap();
    let e = label_changes(&Rule::parse("sqrt(x)").unwrap(), &d).unwrap_err().to_string();
    assert!(e.contains("point 0") && e.contains("nothing was relabelled"), "{e}");
    assert_eq!(label_changes(&Rule::parse("x > 0").unwrap(), &d).unwrap(), vec![(0.0, 0.0), (1.0, 1.0)]);
    assert!(label_changes(&Rule::parse("x > 0").unwrap(), &Dataset::empty()).is_err());
}

#[test]
fn a_network_trained_on_labels_the_rule_wrote_agrees_with_the_rule() {
    // The circle preset's points, relabelled by a hand-written circle of another radius, then
    // compiled with the default configuration.
    let rule = Rule::parse("x^2 + y^2 > 0.3").unwrap();
    let mut s = Session::new();
    s.set_dataset(circle(300)).unwrap();
    let changes = label_changes(&rule, s.dataset()).unwrap();
    s.relabel(&changes).unwrap();
    assert_eq!(rule_metrics(&rule, s.dataset()).unwrap().accuracy, Some(1.0));
    let (before, _) = block_on(agreement(&s.program(), s.dataset(), &rule)).unwrap().unwrap();
    s.train_steps(500).unwrap();
    let (points, grid) = block_on(agreement(&s.program(), s.dataset(), &rule)).unwrap().unwrap();
    println!("agreement with the rule: {before:.3} before training; after 500 steps {points:.3} on the points, {grid:.3} on the grid");
    assert!(points >= 0.98, "agreement on the points {points}");
    assert!(grid >= 0.9, "agreement over the square {grid}");
    assert!(before < 0.9, "an untrained network should not already agree: {before}");
}
