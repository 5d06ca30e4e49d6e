//! The web face of Software 1.0: set a rule, draw it, score it, and label the data with it.
//! The rule lives beside the session, not inside it; computing stays in `crate::rule`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{boundary, to_js};
use super::{Playground, js_error, with_session};
use crate::data::origin::Origin;
use crate::error::PlaygroundError;
use crate::rule::{self, Rule, RuleView};

/// Where a playground keeps its rule (none until `setRule`).
pub type RuleSlot = Rc<RefCell<Option<Rule>>>;

fn missing() -> PlaygroundError {
    PlaygroundError::MissingData("There is no rule yet: write one with setRule(text) first.".into())
}

#[wasm_bindgen]
impl Playground {
    /// Reads `text` as the rule: `{ ok: true, rule: { text, kind } }` (`rule: null` when the text
    /// is blank, which clears it), or `{ ok: false, error: 'column N: …', column }` keeping the old rule.
    #[wasm_bindgen(js_name = setRule)]
    pub fn set_rule(&self, text: String) -> std::result::Result<JsValue, JsValue> {
        let out = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&out, &k.into(), &v);
        };
        if text.trim().is_empty() {
            *self.rule.borrow_mut() = None;
            set("ok", true.into());
            set("rule", JsValue::NULL);
            return Ok(out.into());
        }
        match Rule::parse(&text) {
            Ok(r) => {
                set("ok", true.into());
                set("rule", to_js(&RuleView::from(&r)).map_err(js_error)?);
                *self.rule.borrow_mut() = Some(r);
            }
            Err(e) => {
                set("ok", false.into());
                set("error", e.to_string().into());
                set("column", e.column.into());
            }
        }
        Ok(out.into())
    }

    /// `{ text, kind }` of the rule in force, or `null`.
    pub fn rule(&self) -> std::result::Result<JsValue, JsValue> {
        match self.rule.borrow().as_ref() {
            Some(r) => to_js(&RuleView::from(r)).map_err(js_error),
            None => Ok(JsValue::NULL),
        }
    }

    /// The rule's boundary on a `size × size` grid, laid out like `boundary`.
    #[wasm_bindgen(js_name = ruleBoundary)]
    pub fn rule_boundary(&self, size: usize) -> std::result::Result<JsValue, JsValue> {
        let slot = self.rule.clone();
        self.sync(move |s| {
            let guard = slot.borrow();
            let r = guard.as_ref().ok_or_else(missing)?;
            rule::rule_grid(r, s.dataset(), size).map(|g| boundary(&g))
        })
    }

    /// `{ task, count, answered, accuracy, trainAccuracy, testAccuracy, mse, trainMse, testMse,
    /// agreement, gridAgreement }`: the rule on the dataset, and how often the network agrees.
    #[wasm_bindgen(js_name = ruleMetrics)]
    pub fn rule_metrics(&self) -> Promise {
        let chosen = self.rule.borrow().clone();
        with_session(&self.slot, move |s| async move {
            let result = async {
                let r = chosen.ok_or_else(missing)?;
                let mut m = rule::rule_metrics(&r, s.dataset())?;
                if let Some((points, grid)) = rule::agreement(&s, &r).await? {
                    m.agreement = Some(points);
                    m.grid_agreement = Some(grid);
                }
                to_js(&m)
            }
            .await;
            (s, result)
        })
    }

    /// Relabels every point with the rule's answer as one undoable step (a point it changes is
    /// credited to the rule): `{ labelled, changed }`.
    #[wasm_bindgen(js_name = labelWithRule)]
    pub fn label_with_rule(&self) -> std::result::Result<JsValue, JsValue> {
        let slot = self.rule.clone();
        self.sync(move |s| {
            let guard = slot.borrow();
            let r = guard.as_ref().ok_or_else(missing)?;
            let changes = rule::label_changes(r, s.dataset())?;
            let labels = s.dataset().labels();
            let values = s.dataset().value_points().to_vec();
            // A point whose label the rule changes is now the rule's line; the others keep their author.
            let author = Origin::Rule { name: r.text().to_string() };
            let mut origins = s.dataset().origins().to_vec();
            let mut changed = 0;
            for &(i, answer) in &changes {
                let i = i as usize;
                let old = values.get(i).map_or(f64::from(labels[i]), |v| v.value);
                if old != answer {
                    changed += 1;
                    origins[i] = author.clone();
                }
            }
            s.set_dataset(s.dataset().relabelled(&changes)?.with_origins(origins)?)?;
            to_js(&LabelReport { labelled: changes.len(), changed })
        })
    }
}

/// What `labelWithRule` did.
#[derive(serde::Serialize)]
struct LabelReport {
    /// Points the rule labelled (all of them).
    labelled: usize,
    /// Of those, points whose label (or value) it changed.
    changed: usize,
}
