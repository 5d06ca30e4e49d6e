//! The project file and the share link: a whole experiment round-trips bit for bit, and broken or
//! hostile files and links are refused with their reason while the session stays as it was.
#![cfg(not(target_family = "wasm"))]

use pollster::block_on;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::inspect::{boundary, weights};
use sw2_playground::project::container::{self, MAGIC};
use sw2_playground::project::manifest::Manifest;
use sw2_playground::project::{Contents, export_project, from_link, import_project, to_link};
use sw2_playground::train::{ConfigPatch, Session};

/// A trained spiral with two commits, a relabel in between, and a timeline.
fn experiment() -> Session {
    let mut s = Session::new();
    let points = generate(Preset::Spiral, PresetOptions { n: 200, noise: 0.1, seed: 2 }).unwrap();
    s.set_dataset(Dataset::new(points, 0.3, 4).unwrap()).unwrap();
    block_on(s.configure(ConfigPatch { hidden: Some(vec![8, 8]), seed: Some(5), ..Default::default() })).unwrap();
    s.commit("the spiral").unwrap();
    s.relabel(&[(3.0, 1.0), (10.0, 0.0)]).unwrap();
    s.commit("two labels fixed").unwrap();
    s.train_steps(120).unwrap();
    s
}

/// Everything a person would notice: predictions on a grid, weights, steps, versions.
fn fingerprint(s: &Session) -> (Vec<f32>, Vec<Vec<f32>>, Vec<u64>, Vec<(String, String, String)>, Option<String>, u64) {
    let grid = block_on(boundary(&s.program(), s.dataset(), 32, None)).unwrap().probabilities;
    let w = block_on(weights(&s.program(), None)).unwrap().into_iter().map(|t| t.values).collect();
    let versions = s.versions().into_iter().map(|v| (v.id, v.message, v.hash)).collect();
    (grid, w, s.timeline_steps(), versions, s.trained_on().map(str::to_string), s.step())
}

#[test]
fn a_project_file_restores_predictions_versions_diffs_and_history_bit_for_bit() {
    let s = experiment();
    let page = serde_json::json!({ "names": ["left arm", "right arm"] });
    let bytes = block_on(export_project(&s, page.clone(), Contents::ALL)).unwrap();
    let mut t = Session::new();
    let back = block_on(import_project(&mut t, &bytes)).unwrap();
    assert_eq!(back, page);
    assert_eq!(fingerprint(&t), fingerprint(&s));
    let ids: Vec<String> = s.versions().into_iter().map(|v| v.id).collect();
    assert_eq!(t.diff(&ids[0], &ids[1]).unwrap(), s.diff(&ids[0], &ids[1]).unwrap());
    for step in s.timeline_steps() {
        let a = block_on(boundary(&s.program(), s.dataset(), 16, Some(step))).unwrap();
        let b = block_on(boundary(&t.program(), t.dataset(), 16, Some(step))).unwrap();
        assert_eq!(a, b, "the boundary at step {step}");
    }
    assert_eq!(t.dataset(), s.dataset());
    // Training goes on from the restored weights.
    t.train_steps(5).unwrap();
    assert_eq!(t.step(), s.step() + 5);
}

#[test]
fn a_share_link_restores_the_experiment_and_drops_what_does_not_fit() {
    let s = experiment();
    let bytes =
        block_on(export_project(&s, serde_json::Value::Null, Contents { versions: true, timeline: false, training: false })).unwrap();
    let link = to_link(&bytes).unwrap();
    assert!(link.len() < 64 * 1024, "{} characters", link.len());
    let mut t = Session::new();
    block_on(import_project(&mut t, &from_link(&format!("https://example.org/x{link}")).unwrap())).unwrap();
    let (a, b) = (fingerprint(&s), fingerprint(&t));
    assert_eq!((a.0, a.1, a.3, a.5), (b.0, b.1, b.3, b.5), "same predictions, weights, versions and step");
    assert_eq!(t.timeline_steps(), vec![s.step()], "a link carries no timeline: it starts at the current step");
}

/// Rewrites the manifest of a valid file with `edit`, keeping the container valid.
fn with_manifest(bytes: &[u8], edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let parts = container::read(bytes).unwrap();
    let mut m: serde_json::Value = serde_json::from_slice(parts.manifest).unwrap();
    edit(&mut m);
    container::write(&serde_json::to_vec(&m).unwrap(), &[parts.blobs.to_vec()])
}

#[test]
fn broken_and_hostile_files_are_refused_with_their_reason_and_change_nothing() {
    let s = experiment();
    let good = block_on(export_project(&s, serde_json::Value::Null, Contents::ALL)).unwrap();
    assert!(Manifest::parse(container::read(&good).unwrap().manifest).is_ok());
    let mut newer = good.clone();
    newer[MAGIC.len()] = 2;
    let mut flipped = good.clone();
    let middle = good.len() / 2;
    flipped[middle] ^= 0x40;
    // The last float of the last blob (the optimizer's moments) made NaN, the checksum made right again.
    let nan_weights = {
        let mut body = good[..good.len() - 8].to_vec();
        let at = body.len() - 4;
        body[at..].copy_from_slice(&f32::NAN.to_le_bytes());
        let sum = container::checksum(&body);
        [body, sum.to_le_bytes().to_vec()].concat()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "too short"),
        ("a PNG", b"\x89PNG\r\n\x1a\n and so on, an image not a project".to_vec(), "SW2PROJ"),
        ("truncated", good[..good.len() / 3].to_vec(), "checksum"),
        ("a flipped byte", flipped, "damaged"),
        ("a newer container", newer, "newer playground"),
        ("a newer manifest", with_manifest(&good, |m| m["version"] = 7.into()), "version 7, made by a newer playground"),
        ("another format", with_manifest(&good, |m| m["format"] = "something-else".into()), "format is 'something-else'"),
        (
            "a version whose data does not match its hash",
            with_manifest(&good, |m| m["versions"][0]["hash"] = "0123456789abcdef".into()),
            "parts disagree",
        ),
        (
            "a network the configuration would not build",
            with_manifest(&good, |m| m["config"]["hidden"] = serde_json::json!([4])),
            "parts disagree",
        ),
        ("a point outside the square", with_manifest(&good, |m| m["dataset"]["examples"]["points"][0]["x"] = 7.into()), "x = 7"),
        ("blob lengths that do not add up", with_manifest(&good, |m| m["blobs"][0]["length"] = 3.into()), "parts disagree"),
        ("a network too big for a tab", with_manifest(&good, |m| m["config"]["hidden"] = serde_json::json!([100000, 100000])), "GB"),
        ("a non-finite optimizer state", nan_weights, "non-finite"),
        ("a manifest that is not JSON", container::write(b"{ not json", &[]), "not valid JSON"),
    ];
    let mut t = experiment();
    let before = fingerprint(&t);
    for (what, bytes, needle) in cases {
        let e = block_on(import_project(&mut t, &bytes)).expect_err(what).to_string();
        assert!(e.contains(needle), "{what}: {e}");
        assert_eq!(fingerprint(&t), before, "{what} changed the session");
    }
}
