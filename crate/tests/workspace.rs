//! The workspace's rules of how session, engine, rule and the running job meet: a data change
//! stops a running job, opening a project or a link decides the deployment, siblings carry no
//! history, and every long operation runs as a job that reports progress and stops when cancelled.
#![cfg(not(target_family = "wasm"))]

use pollster::block_on;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::debug::{InfluenceOptions, LabelIssueOptions};
use sw2_playground::engine::{CurveOptions, World, WorldSource};
use sw2_playground::model::Activation;
use sw2_playground::train::progress::Advance;
use sw2_playground::train::{ConfigPatch, OptimizerKind};
use sw2_playground::workspace::{JobOutput, Workspace};

/// A workspace with `n` spiral points, a small tanh network trained `steps` steps.
fn trained_spiral(n: usize, steps: u64) -> Workspace {
    let mut ws = Workspace::new();
    let points = generate(Preset::Spiral, PresetOptions { n, noise: 0.05, seed: 4 }).unwrap();
    ws.session_mut().set_dataset(Dataset::new(points, 0.3, 1).unwrap()).unwrap();
    let patch = ConfigPatch {
        hidden: Some(vec![8, 8]),
        activation: Some(Activation::Tanh),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.03),
        seed: Some(1),
        ..Default::default()
    };
    block_on(ws.session_mut().configure(patch)).unwrap();
    ws.session_mut().train_steps(steps).unwrap();
    ws
}

/// Advances the running job until it finishes, counting slices.
fn finish(ws: &mut Workspace) -> (JobOutput, usize) {
    for slice in 1..10_000 {
        match block_on(ws.advance_job(5.0)).unwrap().advance {
            Advance::Working(p) => assert!((0.0..=1.0).contains(&p.done), "progress {}", p.done),
            Advance::Done(out) => return (out, slice),
        }
    }
    panic!("the job never finished");
}

#[test]
fn a_data_change_while_a_job_runs_stops_the_job_with_a_reason() {
    let mut ws = trained_spiral(120, 100);
    ws.start_label_issues(LabelIssueOptions { folds: 3, steps: 400 }).unwrap();
    let first = block_on(ws.advance_job(1.0)).unwrap();
    assert_eq!(first.kind, "labelIssues");
    assert!(matches!(first.advance, Advance::Working(_)), "400 steps × 3 folds take more than one 1 ms slice");
    // A person relabels one point meanwhile: the job must not finish on data it never saw.
    let label = ws.session().dataset().labels()[0];
    ws.session_mut().relabel(&[(0.0, f64::from(1 - label))]).unwrap();
    let e = block_on(ws.advance_job(1.0)).err().expect("the job refuses to go on");
    assert!(e.to_string().contains("labelIssues was cancelled: the dataset changed while it ran"), "{e}");
    assert_eq!(ws.job_kind(), None, "the stale job is gone");
    // A new split of the same examples is a change too: train and test are not what they were.
    ws.start_label_issues(LabelIssueOptions { folds: 3, steps: 400 }).unwrap();
    let fraction = ws.session().dataset().test_fraction();
    let moved = ws.session().dataset().subset(&(0..120).collect::<Vec<_>>(), fraction + 0.1).unwrap();
    ws.session_mut().set_dataset(moved).unwrap();
    let e = block_on(ws.advance_job(1.0)).err().expect("a new split stops the job");
    assert!(e.to_string().contains("the dataset changed while it ran"), "{e}");
    // Undoing the change does not bring it back, and a new job on the data as it is now finishes.
    ws.start_label_issues(LabelIssueOptions { folds: 2, steps: 50 }).unwrap();
    let (out, _) = finish(&mut ws);
    assert!(matches!(out, JobOutput::LabelIssues(_)));
    assert_eq!(ws.job_kind(), None);
}

#[test]
fn every_long_operation_reports_progress_and_stops_within_one_slice_when_cancelled() {
    let mut ws = trained_spiral(120, 200);
    let world = World::from_source(&WorldSource::Preset("spiral".into()), ws.session().dataset(), 7, 400, None).unwrap();
    block_on(ws.deploy(world, 3)).unwrap();
    let starts: Vec<(&str, Box<dyn Fn(&mut Workspace)>)> = vec![
        ("labelIssues", Box::new(|ws: &mut Workspace| ws.start_label_issues(LabelIssueOptions { folds: 5, steps: 2_000 }).unwrap())),
        ("influence", Box::new(|ws: &mut Workspace| block_on(ws.start_influence(&[0.2, 0.3], InfluenceOptions::default())).unwrap())),
        (
            "engineCurve",
            Box::new(|ws: &mut Workspace| {
                let options: CurveOptions = serde_json::from_str(r#"{ "rounds": 4, "steps": 2000, "seeds": 2 }"#).unwrap();
                ws.start_engine_curve(options).unwrap()
            }),
        ),
    ];
    for (kind, start) in starts {
        start(&mut ws);
        assert_eq!(ws.job_kind(), Some(kind));
        let slice = block_on(ws.advance_job(1.0)).unwrap();
        assert_eq!(slice.kind, kind);
        if let Advance::Working(p) = &slice.advance {
            assert!((0.0..1.0).contains(&p.done) && !p.message.is_empty(), "{kind}: {p:?}");
            assert!(ws.cancel_job(), "{kind} was running");
        }
        assert!(!ws.cancel_job(), "{kind}: nothing is left to cancel");
        let e = block_on(ws.advance_job(1.0)).err().expect("no job runs after a cancel");
        assert!(e.to_string().contains("no background job"), "{e}");
    }
}

#[test]
fn opening_a_file_restores_its_deployment_and_opening_a_link_drops_it() {
    let mut ws = trained_spiral(120, 50);
    let world = World::from_source(&WorldSource::Preset("spiral".into()), ws.session().dataset(), 7, 400, None).unwrap();
    block_on(ws.deploy(world, 3)).unwrap();
    let file = block_on(ws.export_project(serde_json::Value::Null)).unwrap();
    let link = block_on(ws.export_link(serde_json::Value::Null)).unwrap();

    let mut opened = Workspace::new();
    block_on(opened.import_project(&file)).unwrap();
    let status = opened.engine().expect("the file carries the deployment").status();
    assert_eq!(status, ws.engine().unwrap().status());

    // The deployed workspace opens a link: the link carries no deployment, so none is left.
    block_on(ws.import_link(&link)).unwrap();
    assert!(ws.engine().is_none());
    // A damaged file changes nothing, the deployment included.
    let e = block_on(opened.import_project(&file[..file.len() / 2])).err().expect("a truncated file is refused");
    assert!(!e.to_string().is_empty());
    assert!(opened.engine().is_some());
}

#[test]
fn siblings_for_k_fold_and_comparisons_carry_no_undo_history_or_versions() {
    let mut ws = trained_spiral(100, 10);
    let s = ws.session_mut();
    let points = s.dataset().points().to_vec();
    s.set_dataset(Dataset::new(points[..60].to_vec(), 0.3, 1).unwrap()).unwrap();
    s.commit("sixty points").unwrap();
    assert!(s.undo_depth().0 >= 2);
    let sibling = s.sibling(s.dataset().clone()).unwrap();
    assert_eq!(sibling.undo_depth(), (0, 0));
    assert!(sibling.versions().is_empty());
    assert_eq!(sibling.step(), 0);
    assert_eq!(sibling.dataset_hash(), s.dataset_hash());
}

#[test]
fn labelling_with_the_rule_is_one_undo_step_credited_to_the_rule() {
    let mut ws = trained_spiral(100, 0);
    assert!(ws.label_with_rule().is_err(), "no rule yet");
    assert!(ws.set_rule("x >").is_err());
    ws.set_rule("x > 0").unwrap();
    let before = ws.session().dataset().clone();
    let depth = ws.session().undo_depth().0;
    let report = ws.label_with_rule().unwrap();
    let after = ws.session().dataset().clone();
    assert_eq!(report.labelled, 100);
    let changed = (0..100).filter(|&i| before.labels()[i] != after.labels()[i]).count();
    assert_eq!(report.changed, changed);
    assert!(changed > 0);
    assert!(after.points().iter().all(|p| p.label == u8::from(p.x > 0.0)));
    let credited = after.origins().iter().filter(|o| o.text().starts_with("rule:")).count();
    assert_eq!(credited, changed, "exactly the changed points are the rule's");
    assert_eq!(ws.session().undo_depth().0, depth + 1);
    assert!(ws.session_mut().undo().unwrap());
    assert_eq!(ws.session().dataset(), &before);
    // Blank text clears the rule.
    assert!(ws.set_rule("  ").unwrap().is_none());
    assert!(ws.rule().is_none());
}

#[test]
fn the_rule_travels_in_project_files_and_share_links() {
    let mut ws = trained_spiral(80, 20);
    ws.set_rule("x*x + y*y < 0.3").unwrap();
    let file = block_on(ws.export_project(serde_json::Value::Null)).unwrap();
    let link = block_on(ws.export_link(serde_json::Value::Null)).unwrap();
    for opened in [
        {
            let mut w = Workspace::new();
            block_on(w.import_project(&file)).unwrap();
            w
        },
        {
            let mut w = Workspace::new();
            w.set_rule("y > 0").unwrap();
            block_on(w.import_link(&link)).unwrap();
            w
        },
    ] {
        assert_eq!(opened.rule().map(|r| r.text()), Some("x*x + y*y < 0.3"));
    }
    // A project saved without a rule clears the one in force: the whole experiment is replaced.
    ws.set_rule("").unwrap();
    let bare = block_on(ws.export_project(serde_json::Value::Null)).unwrap();
    let mut w = Workspace::new();
    w.set_rule("y > 0").unwrap();
    block_on(w.import_project(&bare)).unwrap();
    assert!(w.rule().is_none());
}
