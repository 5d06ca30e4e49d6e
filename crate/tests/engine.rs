//! The data engine on real training: curating (blindspot, uncertainty) beats collecting at random by more
//! than the seeds' spread on the spiral and the digits; a round folds in exactly what was
//! labelled, as given, as one undo step and one version; bad input changes nothing.
#![cfg(not(target_family = "wasm"))]

mod common;

use pollster::block_on;
use sw2_playground::data::images::parse_digits_csv;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::engine::curve::StrategyArg;
use sw2_playground::engine::{CurveOptions, CurveResult, Engine, EngineCurveJob, Target, TriggerSpec, World, WorldSource};
use sw2_playground::model::{Activation, Feature};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session};

use common::session;

fn spiral_session(n: usize) -> Session {
    let start = generate(Preset::Spiral, PresetOptions { n, noise: 0.1, seed: 21 }).unwrap();
    session(
        Dataset::new(start, 0.0, 1).unwrap(),
        ConfigPatch {
            hidden: Some(vec![16, 16]),
            activation: Some(Activation::Tanh),
            features: Some(vec![Feature::X, Feature::Y, Feature::SinX, Feature::SinY]),
            optimizer: Some(OptimizerKind::Adam),
            learning_rate: Some(0.03),
            batch_size: Some(BatchSize::Size(0)),
            seed: Some(1),
            ..Default::default()
        },
    )
}

use common::run_curve as run;

fn names(list: &[&str]) -> Vec<StrategyArg> {
    list.iter().map(|s| StrategyArg::Name(s.to_string())).collect()
}

/// The curating strategy (the first) must beat random (the last) at some budget by more than
/// either curve's spread, and not lose on average over the rounds.
fn assert_curating_wins(r: &CurveResult, what: &str) {
    let (u, rnd) = (&r.strategies[0], &r.strategies[r.strategies.len() - 1]);
    println!("{what}: labels {:?}", r.labels);
    for c in &r.strategies {
        let fmt = |v: &[f64]| v.iter().map(|x| format!("{:.3}", x)).collect::<Vec<_>>().join(" ");
        println!("{what}: {:12} mean {}  spread {}", c.strategy, fmt(&c.mean), fmt(&c.spread));
    }
    println!("{what}: {}", r.summary);
    let wins = (1..r.labels.len()).filter(|&k| u.mean[k] - rnd.mean[k] > u.spread[k].max(rnd.spread[k])).count();
    let area = |c: &sw2_playground::engine::curve::StrategyCurve| c.mean[1..].iter().sum::<f64>();
    assert!(wins >= 1, "{what}: {} never beats random by more than the spread", u.strategy);
    assert!(area(u) >= area(rnd), "{what}: {} loses on average", u.strategy);
}

/// Each strategy's world accuracy after the last round is the README's figure, within 0.02.
fn assert_ends_at(r: &CurveResult, stated: &[f64], what: &str) {
    for (c, want) in r.strategies.iter().zip(stated) {
        let got = *c.mean.last().unwrap();
        assert!((got - want).abs() <= 0.02, "{what}: {} ends at {got:.3}; the README says {want}", c.strategy);
    }
}

#[test]
fn curating_beats_random_on_the_spiral() {
    let s = spiral_session(20);
    let world = World::from_source(&WorldSource::Preset("spiral".into()), s.dataset(), 5, 2000, None).unwrap();
    let options = CurveOptions {
        strategies: names(&["blindspot", "uncertainty", "random"]),
        rounds: 8,
        budget: 10,
        steps: 200,
        seeds: 3,
        window: 400,
    };
    let r = run(EngineCurveJob::new(&s.program(), s.dataset(), world, options).unwrap());
    assert_eq!(r.labels, vec![0, 10, 20, 30, 40, 50, 60, 70, 80]);
    assert_eq!(r.strategies[0].runs.len(), 3);
    assert_curating_wins(&r, "spiral");
    assert_ends_at(&r, &[0.918, 0.869, 0.832], "spiral");
    assert_eq!(s.step(), 0, "the person's network was not touched");
    assert_eq!(s.dataset().len(), 20, "nor the dataset");
}

#[test]
fn curating_beats_random_on_the_digits() {
    let text = common::digits_csv();
    let images = parse_digits_csv(&text).unwrap();
    let start = Dataset::from_images(images[..50].to_vec(), 0.0, 1).unwrap();
    let s = session(
        start,
        ConfigPatch {
            hidden: Some(vec![64]),
            activation: Some(Activation::Relu),
            optimizer: Some(OptimizerKind::Adam),
            learning_rate: Some(0.01),
            batch_size: Some(BatchSize::Size(64)),
            seed: Some(1),
            ..Default::default()
        },
    );
    let world = World::from_source(&WorldSource::Preset("digits".into()), s.dataset(), 5, 2000, Some(&text)).unwrap();
    let options = CurveOptions { strategies: names(&["uncertainty", "random"]), rounds: 6, budget: 20, steps: 150, seeds: 3, window: 400 };
    let r = run(EngineCurveJob::new(&s.program(), s.dataset(), world, options).unwrap());
    assert_curating_wins(&r, "digits");
    assert_ends_at(&r, &[0.946, 0.907], "digits");
}

#[test]
fn a_round_folds_in_what_was_labelled_as_one_undo_step_and_one_version() {
    let mut s = spiral_session(40);
    s.train_steps(100).unwrap();
    let before = s.commit("start").unwrap();
    let world = World::from_source(&WorldSource::Preset("spiral".into()), s.dataset(), 5, 1000, None).unwrap();
    let mut engine = block_on(Engine::deploy(&s.program(), s.dataset(), world, 3)).unwrap();
    let round0 = engine.history()[0].clone();
    assert!(round0.world_accuracy.unwrap() > 0.0 && round0.labels_spent == 0);

    let spec = TriggerSpec { trigger: "uncertainty".into(), threshold: Some(0.2), ..Default::default() };
    let flagged = block_on(engine.flag(&s.program(), s.dataset(), &spec, 10, 300)).unwrap();
    assert_eq!(flagged.len(), 10);
    assert!(flagged.windows(2).all(|w| w[0].score >= w[1].score), "most uncertain first");
    let status = engine.status();
    assert_eq!((status.flagged, status.labelled, status.stream_seen), (10, 0, 300));
    let (fired, window) = (status.last_flag.as_ref().unwrap().1, status.last_flag.as_ref().unwrap().2);
    assert!(fired >= 10 && window == 300);
    // Every trigger's count on that window: the predicted classes share it, random takes it all.
    let count = |t: &str| status.triggers.iter().filter(|c| c.trigger == t).map(|c| c.fired).sum::<usize>();
    assert_eq!(count("class"), 300);
    assert_eq!(count("random"), 300);
    assert!(count("uncertainty") <= 300);
    assert!(status.triggers.iter().all(|c| c.window == 300));

    // Two by hand — the second deliberately against the world — the rest by the world.
    let ids: Vec<usize> = flagged.iter().map(|f| f.id).collect();
    let world = engine.world().clone();
    let truth = |id: usize| world.label(id);
    let wrong = 1 - truth(ids[1]);
    engine.label(&ids[..2], &[Target::Label(truth(ids[0])), Target::Label(wrong)], s.task()).unwrap();
    engine.label_with_world(&ids[2..], s.task()).unwrap();
    assert_eq!(engine.status().labelled, 10);
    let record = block_on(engine.fold_in(&mut s, 50)).unwrap();
    assert_eq!((record.round, record.added, record.by_person, record.by_world, record.labels_spent), (1, 10, 2, 8, 10));
    assert_eq!(s.dataset().len(), 50);
    let version = record.version.clone().unwrap();
    let diff = s.diff(&before, &version).unwrap();
    assert_eq!((diff.added.len(), diff.removed.len(), diff.relabelled.len()), (10, 0, 0), "the version holds exactly the round");
    let points = s.dataset().points();
    let find = |id: usize| {
        let (x, y) = world.position(id).unwrap();
        points.iter().find(|p| p.x == x && p.y == y).unwrap().label
    };
    assert_eq!(find(ids[1]), wrong, "a person's label goes in as given, even when wrong");
    assert_eq!(find(ids[5]), truth(ids[5]));
    assert!(s.versions().iter().any(|v| v.message.starts_with("round 1: +10 from uncertainty (2 labelled by hand)")));
    assert_eq!(engine.history().len(), 2);
    assert_eq!(engine.status().flagged, 0);

    assert!(s.undo().unwrap());
    assert_eq!(s.dataset().len(), 40, "one undo removes the whole round");
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let mut s = spiral_session(40);
    s.train_steps(20).unwrap();
    let world = World::from_source(&WorldSource::Preset("moons".into()), s.dataset(), 5, 500, None).unwrap();
    let mut engine = block_on(Engine::deploy(&s.program(), s.dataset(), world, 3)).unwrap();
    let err = |e: sw2_playground::PlaygroundError| e.to_string();
    let unknown = TriggerSpec { trigger: "gut feeling".into(), ..Default::default() };
    assert!(err(block_on(engine.flag(&s.program(), s.dataset(), &unknown, 5, 100)).unwrap_err()).contains("unknown trigger 'gut feeling'"));
    let class = TriggerSpec { trigger: "class".into(), class: Some(1.0), ..Default::default() };
    let flagged = block_on(engine.flag(&s.program(), s.dataset(), &class, 5, 100)).unwrap();
    assert!(flagged.iter().all(|f| f.predicted == Some(1.0)), "the class trigger sends back what the model calls class 1");
    let id = flagged[0].id;
    assert!(err(engine.label(&[id], &[Target::Label(9)], s.task()).unwrap_err()).contains("not a class (0 to 7)"));
    assert!(err(engine.label(&[99_999], &[Target::Label(0)], s.task()).unwrap_err()).contains("not waiting in the queue"));
    assert_eq!(engine.status().labelled, 0, "nothing was labelled");
    assert!(err(block_on(engine.fold_in(&mut s, 10)).unwrap_err()).contains("nothing to fold in"));
    assert_eq!(s.dataset().len(), 40);
    assert!(
        err(block_on(engine.flag(&s.program(), s.dataset(), &class, 1_000_000, 100)).unwrap_err())
            .contains("count 1000000 must be between 1 and 1000")
    );
    // The data changed kind after the deployment: the engine refuses instead of feeding it the wrong inputs.
    let mut values = Session::new();
    values.set_dataset(Dataset::from_raw_values(&[(0.1, 0.2, 1.0), (0.3, -0.4, 2.0), (-0.5, 0.6, 0.5)], 0.0, 1).unwrap()).unwrap();
    let e =
        block_on(engine.flag(&values.program(), values.dataset(), &TriggerSpec { trigger: "random".into(), ..Default::default() }, 3, 50))
            .unwrap_err();
    assert!(err(e).contains("the world holds labelled points but the dataset holds points with values"));

    let one_class: Vec<serde_json::Value> = (0..20).map(|i| serde_json::json!({ "x": i as f64 / 20.0, "y": 0.0, "label": 1 })).collect();
    let e = World::from_source(&WorldSource::Points { points: one_class }, s.dataset(), 1, 100, None).unwrap_err();
    assert!(err(e).contains("only one class"));
    let e = World::from_source(&WorldSource::Preset("digits".into()), s.dataset(), 1, 100, Some(&common::digits_csv())).unwrap_err();
    assert!(err(e).contains("8×8 images but the dataset holds labelled points"));
    let e = World::from_source(&WorldSource::Preset("wave".into()), s.dataset(), 1, 100, None).unwrap_err();
    assert!(err(e).contains("points with values"));
}

#[test]
fn a_project_file_keeps_the_deployment_its_queue_and_its_rounds() {
    use sw2_playground::project::{Contents, engine_in, export_project, export_project_with_engine, import_project};
    let mut s = spiral_session(40);
    s.train_steps(60).unwrap();
    let world = World::from_source(&WorldSource::Preset("spiral".into()), s.dataset(), 5, 600, None).unwrap();
    let mut engine = block_on(Engine::deploy(&s.program(), s.dataset(), world, 3)).unwrap();
    let spec = TriggerSpec { trigger: "uncertainty".into(), threshold: Some(0.0), ..Default::default() };
    let first = block_on(engine.flag(&s.program(), s.dataset(), &spec, 5, 100)).unwrap();
    engine.label_with_world(&first.iter().map(|f| f.id).collect::<Vec<_>>(), s.task()).unwrap();
    block_on(engine.fold_in(&mut s, 20)).unwrap();
    let second = block_on(engine.flag(&s.program(), s.dataset(), &spec, 4, 100)).unwrap();
    engine.label(&[second[0].id], &[Target::Label(1)], s.task()).unwrap();

    let bytes = block_on(export_project_with_engine(&s, serde_json::Value::Null, Contents::ALL, Some(engine.record()))).unwrap();
    let back = engine_in(&bytes).unwrap().expect("the deployment is in the file");
    assert_eq!(back.status(), engine.status());
    assert_eq!(back.history(), engine.history());
    assert_eq!(back.queue(), engine.queue());
    let mut t = Session::new();
    block_on(import_project(&mut t, &bytes)).unwrap();
    assert_eq!(t.dataset(), s.dataset());

    // A file without a deployment has none; a record pointing outside its world is refused.
    let plain = block_on(export_project(&s, serde_json::Value::Null, Contents::ALL)).unwrap();
    assert!(engine_in(&plain).unwrap().is_none());
    let mut broken = engine.record();
    broken.queue[0].id = 99_999;
    let bytes = block_on(export_project_with_engine(&s, serde_json::Value::Null, Contents::ALL, Some(broken))).unwrap();
    let err = engine_in(&bytes).unwrap_err().to_string();
    assert!(err.contains("outside its world of 600 examples"), "{err}");
}
