//! The web face of Software 1.0: set a rule, draw it, score it, and label the data with it.
//! The workspace keeps the rule beside the session; computing stays in `crate::rule`.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{boundary, to_js};
use super::{Playground, with_workspace};
use crate::error::PlaygroundError;
use crate::rule::{self, RuleView};

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
        self.sync_workspace(|ws| {
            match ws.set_rule(&text) {
                Ok(r) => {
                    set("ok", true.into());
                    set("rule", r.map_or(Ok(JsValue::NULL), |r| to_js(&RuleView::from(r)))?);
                }
                Err(e) => {
                    set("ok", false.into());
                    set("error", e.to_string().into());
                    set("column", e.column.into());
                }
            }
            Ok(())
        })?;
        Ok(out.into())
    }

    /// `{ text, kind }` of the rule in force, or `null`.
    pub fn rule(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync_workspace(|ws| ws.rule().map_or(Ok(JsValue::NULL), |r| to_js(&RuleView::from(r))))
    }

    /// The rule's boundary on a `size × size` grid, laid out like `boundary`.
    #[wasm_bindgen(js_name = ruleBoundary)]
    pub fn rule_boundary(&self, size: usize) -> std::result::Result<JsValue, JsValue> {
        self.sync_workspace(|ws| {
            let r = ws.rule().ok_or_else(missing)?;
            rule::rule_grid(r, ws.session().dataset(), size).map(|g| boundary(&g))
        })
    }

    /// `{ task, count, answered, accuracy, trainAccuracy, testAccuracy, mse, trainMse, testMse,
    /// agreement, gridAgreement }`: the rule on the dataset, and how often the network agrees.
    #[wasm_bindgen(js_name = ruleMetrics)]
    pub fn rule_metrics(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let r = ws.rule().ok_or_else(missing)?;
            let mut m = rule::rule_metrics(r, ws.session().dataset())?;
            if let Some((points, grid)) = rule::agreement(&ws.session().program(), ws.session().dataset(), r).await? {
                m.agreement = Some(points);
                m.grid_agreement = Some(grid);
            }
            to_js(&m)
        })
    }

    /// Relabels every point with the rule's answer as one undoable step (a point it changes is
    /// credited to the rule): `{ labelled, changed }`.
    #[wasm_bindgen(js_name = labelWithRule)]
    pub fn label_with_rule(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync_workspace(|ws| to_js(&ws.label_with_rule()?))
    }
}
