//! `git blame` for data: every example keeps who wrote it — a preset, a hand, a file, an engine
//! round — through edits, relabels, CSV round trips, versions and project files.
#![cfg(not(target_family = "wasm"))]

use pollster::block_on;
use sw2_playground::data::origin::inherit;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Origin, Point, Preset, PresetOptions, blame};
use sw2_playground::engine::{Engine, TriggerSpec, World, WorldSource};
use sw2_playground::project::{Contents, export_project, import_project};
use sw2_playground::train::Session;

fn preset() -> Origin {
    Origin::Preset { name: "moons".into(), seed: 4 }
}

#[test]
fn authors_survive_edits_relabels_csv_versions_projects_and_engine_rounds() {
    let mut s = Session::new();
    let points = generate(Preset::Moons, PresetOptions { n: 60, noise: 0.1, seed: 4 }).unwrap();
    s.set_dataset(Dataset::new(points.clone(), 0.2, 1).unwrap().with_origin(preset())).unwrap();

    // A person paints two points: the page sends the whole list; what was there keeps its author.
    let mut edited = points.clone();
    edited.push(Point { x: 0.9, y: 0.9, label: 0 });
    edited.insert(3, Point { x: -0.9, y: 0.9, label: 1 });
    let next = inherit(Dataset::new(edited, 0.2, 1).unwrap(), s.dataset(), Origin::Hand);
    s.set_dataset(next).unwrap();
    let b = blame(s.dataset());
    assert_eq!(b.origins[3], Origin::Hand);
    assert_eq!(b.origins[4], preset(), "the point pushed along keeps its author");
    assert_eq!(b.counts.iter().map(|c| (c.text.as_str(), c.count)).collect::<Vec<_>>(), [("preset:moons:4", 60), ("hand", 2)]);

    // A relabel keeps the author; a version keeps them all.
    s.relabel(&[(0.0, 1.0 - s.dataset().labels()[0] as f64)]).unwrap();
    assert_eq!(s.dataset().origins()[0], preset());
    let v = s.commit("painted two").unwrap();

    // CSV with a source column reads back with the same authors; without one, it is an import.
    let csv = s.export_csv_with_sources();
    assert!(csv.starts_with("x,y,label,source\n") && csv.contains(",hand\n") && csv.contains(",preset:moons:4\n"), "{}", &csv[..80]);
    let before = s.dataset().origins().to_vec();
    s.import_csv(&csv).unwrap();
    assert_eq!(s.dataset().origins(), before);
    assert!(!s.export_csv().contains("source"), "the plain CSV stays x,y,label");
    s.import_csv(&s.export_csv()).unwrap();
    assert!(s.dataset().origins().iter().all(|o| *o == Origin::Import { source: "CSV".into() }));
    s.checkout(&v).unwrap();
    assert_eq!(s.dataset().origins(), before, "checking a version out brings its authors back");

    // An engine round credits its examples to the round, the trigger and the labeller.
    s.train_steps(50).unwrap();
    let world = World::from_source(&WorldSource::Preset("moons".into()), s.dataset(), 9, 500, None).unwrap();
    let mut engine = block_on(Engine::deploy(&s.program(), s.dataset(), world, 2)).unwrap();
    let flagged =
        block_on(engine.flag(&s.program(), s.dataset(), &TriggerSpec { trigger: "random".into(), ..Default::default() }, 4, 100)).unwrap();
    let ids: Vec<usize> = flagged.iter().map(|f| f.id).collect();
    engine.label(&ids[..1], &[sw2_playground::engine::Target::Label(1)], s.task()).unwrap();
    engine.label_with_world(&ids[1..], s.task()).unwrap();
    block_on(engine.fold_in(&mut s, 10)).unwrap();
    let b = blame(s.dataset());
    let engine_texts: Vec<String> = b.counts.iter().filter(|c| c.kind == "engine").map(|c| format!("{} {}", c.text, c.count)).collect();
    assert_eq!(engine_texts, ["engine:1:random:world 3", "engine:1:random:person 1"]);

    // A project file keeps every author, in the dataset and in its versions.
    let bytes = block_on(export_project(&s, serde_json::Value::Null, Contents::ALL)).unwrap();
    let mut t = Session::new();
    block_on(import_project(&mut t, &bytes)).unwrap();
    assert_eq!(t.dataset().origins(), s.dataset().origins());
    t.checkout(&v).unwrap();
    assert_eq!(t.dataset().origins(), before);
}
