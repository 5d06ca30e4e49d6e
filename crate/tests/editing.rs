//! Editing the dataset like source code: undo/redo, CSV round trips, commits, checkout and diffs.
#![cfg(not(target_family = "wasm"))]

use sw2_playground::data::presets::generate;
use sw2_playground::data::versions::{DiffExample, Target};
use sw2_playground::data::{Dataset, Image, Point, Preset, PresetOptions};
use sw2_playground::train::Session;

fn points(list: &[(f64, f64, u8)]) -> Dataset {
    Dataset::new(list.iter().map(|&(x, y, label)| Point { x, y, label }).collect(), 0.25, 3).unwrap()
}

#[test]
fn every_dataset_change_is_one_undoable_step() {
    let mut s = Session::new();
    let a = points(&[(0.1, 0.1, 0), (0.2, 0.2, 1)]);
    let b = points(&[(0.1, 0.1, 0), (0.2, 0.2, 1), (0.3, 0.3, 1)]);
    s.set_dataset(a.clone()).unwrap();
    s.set_dataset(b.clone()).unwrap();
    s.import_csv("x,y,label\n0.5,0.5,0\n-0.5,-0.5,1\n").unwrap();
    assert_eq!(s.dataset().len(), 2);
    assert!(s.undo().unwrap());
    assert_eq!(s.dataset(), &b);
    assert!(s.undo().unwrap());
    assert_eq!(s.dataset(), &a);
    assert!(s.redo().unwrap());
    assert_eq!(s.dataset(), &b);
    // A new change drops the redo list.
    s.set_dataset(a.clone()).unwrap();
    assert!(!s.redo().unwrap());
    assert_eq!(s.undo_depth(), (3, 0));
    while s.undo().unwrap() {}
    assert!(s.dataset().is_empty(), "undo goes back to the empty start");
}

#[test]
fn a_failed_import_changes_nothing_and_records_no_step() {
    let mut s = Session::new();
    s.set_dataset(points(&[(0.1, 0.1, 0), (0.2, 0.2, 1)])).unwrap();
    let before = s.dataset().clone();
    let err = s.import_csv("x,y,label\n0.1,0.2,0\n0.3,oops,1\n").unwrap_err().to_string();
    assert!(err.contains("line 3: column 2 (y): 'oops' is not a number"), "{err}");
    assert!(s.import_csv("x,y,label\n").unwrap_err().to_string().contains("no rows"));
    assert_eq!(s.dataset(), &before);
    assert_eq!(s.undo_depth(), (1, 0));
}

#[test]
fn csv_round_trips_points_and_images_through_the_session() {
    let mut s = Session::new();
    let spiral = generate(Preset::Spiral, PresetOptions { n: 120, noise: 0.2, seed: 5 }).unwrap();
    s.set_dataset(Dataset::new(spiral.clone(), 0.3, 1).unwrap()).unwrap();
    let text = s.export_csv();
    assert!(text.starts_with("x,y,label\n"));
    let mut t = Session::new();
    t.import_csv(&text).unwrap();
    assert_eq!(t.dataset().points(), spiral.as_slice());
    assert_eq!(t.dataset_hash(), s.dataset_hash());

    let images: Vec<Image> = (0..6)
        .map(|i| Image { pixels: (0..16).map(|p| ((p * i) % 7) as f32 / 7.0).collect(), width: 4, height: 4, label: (i % 3) as u8 })
        .collect();
    s.set_dataset(Dataset::from_images(images.clone(), 0.3, 1).unwrap()).unwrap();
    t.import_csv(&s.export_csv()).unwrap();
    assert_eq!(t.dataset().images(), images.as_slice());
}

#[test]
fn commits_checkout_and_diff_like_version_control() {
    let mut s = Session::new();
    s.set_dataset(points(&[(0.1, 0.1, 0), (0.2, 0.2, 0), (0.3, 0.3, 1)])).unwrap();
    let v1 = s.commit("three points").unwrap();
    // Relabel one, remove one, add one.
    s.set_dataset(points(&[(0.1, 0.1, 1), (0.3, 0.3, 1), (0.9, -0.9, 2)])).unwrap();
    let v2 = s.commit("fix a label, drop an outlier, add a class").unwrap();
    let listed = s.versions();
    assert_eq!(listed.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), [v1.as_str(), v2.as_str()]);
    assert!(listed[1].current && !listed[0].current);
    assert_eq!(listed[1].examples, 3);

    let d = s.diff(&v1, &v2).unwrap();
    assert_eq!(d.added, vec![DiffExample::Point(Point { x: 0.9, y: -0.9, label: 2 })]);
    assert_eq!(d.removed, vec![DiffExample::Point(Point { x: 0.2, y: 0.2, label: 0 })]);
    assert_eq!(d.relabelled.len(), 1);
    assert_eq!((d.relabelled[0].from, d.relabelled[0].to), (Target::Label(0), Target::Label(1)));
    let back = s.diff(&v2, &v1).unwrap();
    assert_eq!((back.added.len(), back.removed.len(), back.relabelled.len()), (1, 1, 1));

    s.checkout(&v1).unwrap();
    assert_eq!(s.dataset().len(), 3);
    assert!(s.versions()[0].current);
    assert!(s.diff(&v1, "current").unwrap().added.is_empty());
    assert!(s.undo().unwrap(), "checkout is undoable");
    assert!(s.versions()[1].current);
    let err = s.checkout("v9-nothere").unwrap_err().to_string();
    assert!(err.contains("v9-nothere") && err.contains(&v1), "{err}");
    assert!(s.commit("").is_err());
}

#[test]
fn training_records_the_hash_of_the_data_it_compiled() {
    let mut s = Session::new();
    let circle = generate(Preset::Circle, PresetOptions { n: 60, noise: 0.1, seed: 2 }).unwrap();
    s.set_dataset(Dataset::new(circle, 0.3, 1).unwrap()).unwrap();
    assert_eq!(s.trained_on(), None);
    let v = s.commit("circle").unwrap();
    s.train_steps(3).unwrap();
    assert_eq!(s.trained_on(), Some(s.dataset_hash()));
    assert!(s.versions().iter().any(|x| x.id == v && x.trained));
    let trained = s.dataset_hash().to_string();
    s.import_csv("x,y,label\n0.5,0.5,0\n-0.5,-0.5,1\n").unwrap();
    assert_ne!(s.dataset_hash(), trained);
    assert_eq!(s.trained_on(), Some(trained.as_str()), "still the old data until trained again");
}

#[test]
fn two_versions_train_side_by_side_without_touching_the_session() {
    use pollster::block_on;
    use sw2_playground::inspect::compare_versions;
    let mut s = Session::new();
    let circle = generate(Preset::Circle, PresetOptions { n: 200, noise: 0.05, seed: 2 }).unwrap();
    s.set_dataset(Dataset::new(circle.clone(), 0.3, 1).unwrap()).unwrap();
    let a = s.commit("circle").unwrap();
    // Relabel the right half: the boundary has to move.
    let edited: Vec<Point> = circle.iter().map(|p| if p.x > 0.3 { Point { label: 1, ..*p } } else { *p }).collect();
    s.set_dataset(Dataset::new(edited, 0.3, 1).unwrap()).unwrap();
    let b = s.commit("right side is class 1").unwrap();
    s.train_steps(7).unwrap();
    let [ta, tb] = block_on(compare_versions(&s.program(), s.repo(), &a, &b, 150, 16)).unwrap();
    assert_eq!((ta.version.as_str(), tb.version.as_str()), (a.as_str(), b.as_str()));
    assert_eq!((ta.metrics.step, tb.metrics.step), (150, 150));
    assert_eq!(ta.points.len(), 200);
    let (ga, gb) = (ta.boundary.unwrap(), tb.boundary.unwrap());
    let moved = ga.probabilities.iter().zip(&gb.probabilities).filter(|(x, y)| (*x - *y).abs() > 0.5).count();
    assert!(moved > 10, "the relabel moved the boundary ({moved} cells changed side)");
    assert_eq!(s.step(), 7, "the session's own network is untouched");
    assert!(block_on(compare_versions(&s.program(), s.repo(), &a, "nope", 10, 16)).is_err());
    assert!(block_on(compare_versions(&s.program(), s.repo(), &a, &b, 0, 16)).is_err());
}
