//! `sw2` end to end, as a person runs it: project files the core writes (as the page exports
//! them) trained by the binary, opened back, resumed after Ctrl-C, and refused when wrong.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pollster::block_on;
use sw2_playground::data::images::parse_digits_csv;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::model::{Activation, Feature, Network};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Schedule};
use sw2_playground::workspace::Workspace;

fn sw2(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sw2")).args(args).output().expect("sw2 runs")
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sw2-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn workspace(dataset: Dataset, patch: ConfigPatch) -> Workspace {
    let mut ws = Workspace::new();
    ws.session_mut().set_dataset(dataset).unwrap();
    block_on(ws.session_mut().configure(patch)).unwrap();
    ws
}

fn save(ws: &Workspace, path: &Path) {
    std::fs::write(path, block_on(ws.export_project(serde_json::json!({ "names": ["a", "b"] }))).unwrap()).unwrap();
}

fn open(path: &Path) -> Workspace {
    let mut ws = Workspace::new();
    block_on(ws.import_project(&std::fs::read(path).unwrap())).unwrap();
    ws
}

fn params(model: Network) -> Vec<f32> {
    model.named_params().into_iter().flat_map(|(_, t)| t.into_data().convert::<f32>().try_to_vec::<f32>().unwrap()).collect()
}

fn weights(ws: &Workspace) -> Vec<f32> {
    params(ws.session().model().unwrap())
}

fn snapshot(ws: &Workspace, step: u64) -> Vec<f32> {
    params(ws.session().program().model_at(Some(step)).unwrap())
}

fn largest_difference(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

fn spiral() -> Dataset {
    Dataset::new(generate(Preset::Spiral, PresetOptions { n: 200, noise: 0.1, seed: 3 }).unwrap(), 0.2, 1).unwrap()
}

fn points_patch() -> ConfigPatch {
    ConfigPatch {
        hidden: Some(vec![8, 8]),
        activation: Some(Activation::Tanh),
        features: Some(vec![Feature::X, Feature::Y]),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.02),
        batch_size: Some(BatchSize::Size(16)),
        seed: Some(2),
        ..Default::default()
    }
}

fn digits() -> Dataset {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/digits.csv.gz")).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text).unwrap();
    Dataset::from_images(parse_digits_csv(&text).unwrap()[..300].to_vec(), 0.2, 1).unwrap()
}

fn names(n: usize) -> Dataset {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/names.txt")).unwrap();
    Dataset::from_words(text.lines().take(n).map(String::from).collect(), 0.1, 1).unwrap()
}

/// Trains `ws` natively for `steps` and checks the result is the page's own `steps` steps.
fn trains_as_the_page_does(what: &str, ws: Workspace, steps: u64) -> Workspace {
    let dir = folder(what);
    let input = dir.join("experiment.sw2");
    let out = dir.join("trained.sw2");
    save(&ws, &input);
    let run = sw2(&["train", input.to_str().unwrap(), "--steps", &steps.to_string(), "--every", "25", "--out", out.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{what}: sw2 train failed: {}{stdout}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("step 25/"), "{what}: plain progress lines, one per stretch: {stdout}");
    let native = open(&out);
    assert_eq!(native.session().step(), steps);
    let versions = native.session().versions();
    let note = &versions.last().expect("a version records the native run").message;
    assert!(note.starts_with(&format!("trained natively: cpu, 1 device, {steps} steps (step 0 to {steps})")), "{note}");
    assert!(native.session().timeline_steps().len() > 5, "the timeline has snapshots along the way");

    let mut page = open(&input);
    page.session_mut().train_steps(steps).unwrap();
    let difference = largest_difference(&weights(&native), &weights(&page));
    println!("{what}: {steps} steps natively vs in the core's own loop: largest weight difference {difference:e}");
    assert!(difference <= 1e-5, "{what}: native weights differ from the page's by {difference}");
    assert_eq!(native.session().timeline_steps(), page.session().timeline_steps());
    native
}

#[test]
fn points_images_and_words_train_natively_as_the_page_would() {
    // A cosine schedule ending before the run does: burn-train's scheduler takes the page's steps.
    let cosine = ConfigPatch { schedule: Some(Schedule::Cosine { steps: 80 }), ..points_patch() };
    trains_as_the_page_does("points", workspace(spiral(), cosine), 100);
    let cnn = ConfigPatch {
        hidden: Some(vec![16]),
        conv: Some(vec![4]),
        activation: Some(Activation::Relu),
        batch_size: Some(BatchSize::Size(32)),
        learning_rate: Some(0.01),
        seed: Some(1),
        ..Default::default()
    };
    trains_as_the_page_does("images", workspace(digits(), cnn), 50);
    let mlp = ConfigPatch {
        architecture: Some(TextArchitecture::Mlp),
        hidden: Some(vec![32]),
        batch_size: Some(BatchSize::Size(32)),
        learning_rate: Some(0.05),
        optimizer: Some(OptimizerKind::Sgd),
        ..Default::default()
    };
    let words = trains_as_the_page_does("words", workspace(names(300), mlp), 50);
    // A transformer: each batch is cut to its longest word, natively as in the page.
    let gpt = ConfigPatch {
        architecture: Some(TextArchitecture::Transformer),
        embedding: Some(16),
        layers: Some(1),
        heads: Some(2),
        batch_size: Some(BatchSize::Size(8)),
        ..Default::default()
    };
    let dropped = ConfigPatch { dropout: Some(0.2), ..gpt.clone() };
    trains_as_the_page_does("transformer", workspace(names(300), gpt), 50);
    // With dropout: each step's masks follow from the seed and the step, natively as in the page.
    trains_as_the_page_does("transformer-dropout", workspace(names(300), dropped), 50);
    let dir = folder("sample");
    let path = dir.join("names.sw2");
    save(&words, &path);
    let sample = sw2(&["sample", path.to_str().unwrap(), "--count", "5", "--seed", "3"]);
    assert!(sample.status.success());
    let lines = String::from_utf8_lossy(&sample.stdout).lines().count();
    assert_eq!(lines, 5, "five words, one a line");
    assert_eq!(sample.stdout, sw2(&["sample", path.to_str().unwrap(), "--count", "5", "--seed", "3"]).stdout, "a seed repeats its samples");
}

#[test]
fn a_run_stopped_by_ctrl_c_resumes_to_the_weights_of_an_unbroken_run() {
    let dir = folder("resume");
    let input = dir.join("spiral.sw2");
    // Under a schedule, so the checkpoint must carry the scheduler's place too.
    save(&workspace(spiral(), ConfigPatch { schedule: Some(Schedule::Cosine { steps: 2500 }), ..points_patch() }), &input);
    let straight = dir.join("straight.sw2");
    let args = |out: &Path| {
        vec![
            "train".to_string(),
            input.display().to_string(),
            "--steps".into(),
            "3000".into(),
            "--every".into(),
            "100".into(),
            "--out".into(),
            out.display().to_string(),
        ]
    };
    let run = sw2(&args(&straight).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));

    let broken = dir.join("broken.sw2");
    let child = Command::new(env!("CARGO_BIN_EXE_sw2")).args(args(&broken)).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let checkpoint = input.with_file_name("spiral.sw2-run/checkpoint/model-3.bpk");
    while !checkpoint.exists() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let stopped = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&stopped.stdout);
    assert_eq!(stopped.status.code(), Some(130), "Ctrl-C stops with 130: {said}");
    assert!(said.contains("--resume"), "it says how to continue: {said}");
    assert!(!broken.exists(), "a stopped run writes no project");

    let resumed = sw2(&[args(&broken).iter().map(String::as_str).collect::<Vec<_>>(), vec!["--resume"]].concat());
    let said = String::from_utf8_lossy(&resumed.stdout);
    assert!(resumed.status.success(), "{}{said}", String::from_utf8_lossy(&resumed.stderr));
    assert!(said.contains("resuming at step"), "{said}");
    let (a, b) = (open(&straight), open(&broken));
    assert_eq!(b.session().step(), 3000);
    let difference = largest_difference(&weights(&a), &weights(&b));
    println!("resume after Ctrl-C: largest weight difference {difference:e}");
    assert!(difference <= 1e-6, "resumed weights differ by {difference}");
    // The timeline too: the snapshots taken before the stop come back from the run folder.
    let steps = a.session().timeline_steps();
    assert_eq!(b.session().timeline_steps(), steps, "the resumed run's timeline is the unbroken run's");
    for step in steps {
        let at = |ws: &Workspace| snapshot(ws, step);
        let gap = largest_difference(&at(&a), &at(&b));
        assert!(gap <= 1e-6, "the snapshot at step {step} differs by {gap}");
    }
}

#[test]
fn bad_input_gets_one_readable_line_a_failing_exit_and_no_file() {
    let dir = folder("bad");
    let good = dir.join("good.sw2");
    save(&workspace(spiral(), points_patch()), &good);
    let damaged = dir.join("damaged.sw2");
    std::fs::write(&damaged, b"this is not a project").unwrap();
    let bad_gzip = dir.join("bad.sw2.gz");
    std::fs::write(&bad_gzip, [0x1f, 0x8b, 8, 0, 1, 2, 3]).unwrap();
    let out = dir.join("out.sw2");
    let (good, damaged, out_s) = (good.to_str().unwrap(), damaged.to_str().unwrap(), out.to_str().unwrap());
    let missing = dir.join("missing.sw2");
    let nowhere = dir.join("none");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["train", missing.to_str().unwrap(), "--steps", "5", "--out", out_s], "cannot read"),
        (vec!["train", damaged, "--steps", "5", "--out", out_s], "is not a project file"),
        (vec!["train", bad_gzip.to_str().unwrap(), "--steps", "5", "--out", out_s], "is gzipped but does not unzip"),
        (vec!["train", good, "--steps", "5", "--backend", "tpu", "--out", out_s], "unknown backend 'tpu'"),
        (vec!["train", good, "--steps", "5", "--devices", "3", "--out", out_s], "no device 3"),
        (vec!["train", good, "--steps", "5", "--devices", "zero", "--out", out_s], "--devices takes"),
        (vec!["train", good, "--steps", "5", "--ddp", "--out", out_s], "--ddp needs"),
        (vec!["train", good, "--steps", "5", "--epochs", "2", "--out", out_s], "not both"),
        (vec!["train", good, "--out", out_s], "--steps N or --epochs N"),
        (vec!["train", good, "--steps", "many", "--out", out_s], "whole number"),
        (vec!["train", good, "--steps", "5", "--speed", "9", "--out", out_s], "no option --speed"),
        (vec!["train", good, "--resume", "--out", out_s, "--checkpoints", nowhere.to_str().unwrap()], "no run to resume"),
        (vec!["fly", good], "unknown command 'fly'"),
        (vec!["sample", good, "--count", "3"], "word"),
        (vec!["eval"], "needs a project file"),
    ];
    #[cfg(not(feature = "wgpu"))]
    let cases = [cases, vec![(vec!["train", good, "--steps", "5", "--backend", "wgpu", "--out", out_s], "built without wgpu")]].concat();
    for (args, expected) in cases {
        let run = sw2(&args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?} exits 1: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: one line: {stderr}");
        assert!(stderr.starts_with("sw2: ") && stderr.contains(expected), "{args:?}: '{expected}' in: {stderr}");
        assert!(!out.exists(), "{args:?} wrote {out_s}");
    }
}

#[test]
fn info_and_eval_read_the_project_as_the_page_does() {
    let dir = folder("read");
    let path = dir.join("spiral.sw2");
    let mut ws = workspace(spiral(), points_patch());
    ws.session_mut().train_steps(30).unwrap();
    save(&ws, &path);
    let info = String::from_utf8_lossy(&sw2(&["info", path.to_str().unwrap()]).stdout).to_string();
    assert!(info.contains("200 points") && info.contains("30 steps so far"), "{info}");
    let count: usize = ws.session().model().unwrap().named_params().iter().map(|(_, t)| t.shape().num_elements()).sum();
    assert!(info.contains(&format!("weights: {count} parameters")), "{info}");
    let eval = sw2(&["eval", path.to_str().unwrap(), "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let metrics = block_on(sw2_playground::train::evaluate(ws.session())).unwrap();
    assert!((value["metrics"]["trainLoss"].as_f64().unwrap() - metrics.train_loss).abs() < 1e-9);
    let rows: Vec<Vec<f64>> = ws.session().dataset().coordinates().into_iter().map(|(x, y)| vec![x, y]).collect();
    let page = serde_json::to_value(block_on(sw2_playground::inspect::predict_rows(&ws.session().program(), &rows)).unwrap()).unwrap();
    assert_eq!(value["predictions"], page);

    // Gzipped, as the page ships its models: read the same, and a .gz name is written gzipped.
    let gz = dir.join("spiral.sw2.gz");
    let mut zipped = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut zipped, &std::fs::read(&path).unwrap()).unwrap();
    std::fs::write(&gz, zipped.finish().unwrap()).unwrap();
    assert_eq!(String::from_utf8_lossy(&sw2(&["info", gz.to_str().unwrap()]).stdout), info);
    let trained = dir.join("trained.sw2.gz");
    train_into(&gz, &trained, &["--steps", "2"]);
    assert!(std::fs::read(&trained).unwrap().starts_with(&[0x1f, 0x8b]), "written gzipped");
    let back = sw2(&["eval", trained.to_str().unwrap(), "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(value["metrics"]["step"], 32, "{value}");

    // The shipped prompt model, gzipped: its program as the configuration builds it on its data.
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/models/prompts.sw2.gz");
    let info = String::from_utf8_lossy(&sw2(&["info", shipped]).stdout).to_string();
    assert!(info.contains("program: transformer, context 46, width 64, 4 layers of 4 heads\n"), "{info}");
    assert!(info.contains("training: adamw at learning rate 0.002, batch 32, seed 1; 15500 steps so far"), "{info}");
}

/// Trains `input` with `extra` arguments into `out`; panics with sw2's words if it fails.
fn train_into(input: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["train", input.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = sw2(&args);
    let said = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(run.status.success(), "{args:?}: {}{said}", String::from_utf8_lossy(&run.stderr));
    said
}

#[test]
fn two_data_parallel_workers_take_the_steps_one_device_takes() {
    let dir = folder("devices");
    let input = dir.join("spiral.sw2");
    save(&workspace(spiral(), points_patch()), &input);
    let (one, two) = (dir.join("one.sw2"), dir.join("two.sw2"));
    train_into(&input, &one, &["--steps", "200", "--every", "50", "--checkpoints", dir.join("one-run").to_str().unwrap()]);
    let said = train_into(
        &input,
        &two,
        &["--steps", "200", "--every", "50", "--devices", "0,0", "--checkpoints", dir.join("two-run").to_str().unwrap()],
    );
    assert!(said.contains("cpu, 2 devices, 200 steps"), "{said}");
    let difference = largest_difference(&weights(&open(&one)), &weights(&open(&two)));
    println!("2 workers vs 1 device, 200 steps: largest weight difference {difference:e}");
    assert!(difference <= 1e-4, "two workers' weights differ from one device's by {difference}");
}

/// burn's wgpu backend natively (a GPU, or Mesa's lavapipe on a machine without one): the same
/// experiment trains to the CPU's weights up to float rounding. Runs in builds with the `wgpu`
/// feature (`cargo xtask test` builds it where lavapipe is installed).
#[cfg(feature = "wgpu")]
#[test]
fn wgpu_trains_the_program_the_cpu_trains() {
    let dir = folder("wgpu");
    let input = dir.join("spiral.sw2");
    save(&workspace(spiral(), points_patch()), &input);
    let (cpu, gpu) = (dir.join("cpu.sw2"), dir.join("wgpu.sw2"));
    train_into(&input, &cpu, &["--steps", "60", "--every", "20", "--checkpoints", dir.join("cpu-run").to_str().unwrap()]);
    let said = train_into(
        &input,
        &gpu,
        &["--steps", "60", "--every", "20", "--backend", "wgpu", "--checkpoints", dir.join("gpu-run").to_str().unwrap()],
    );
    assert!(said.contains("trained natively: wgpu, 1 device, 60 steps"), "{said}");
    let difference = largest_difference(&weights(&open(&cpu)), &weights(&open(&gpu)));
    println!("wgpu vs cpu, 60 steps: largest weight difference {difference:e}");
    assert!(difference <= 1e-3, "wgpu's weights differ from the CPU's by {difference}");
    let two = dir.join("wgpu-two.sw2");
    let said = train_into(
        &input,
        &two,
        &[
            "--steps",
            "60",
            "--every",
            "20",
            "--backend",
            "wgpu",
            "--devices",
            "0,0",
            "--checkpoints",
            dir.join("two-run").to_str().unwrap(),
        ],
    );
    assert!(said.contains("trained natively: wgpu, 2 devices, 60 steps"), "{said}");
    let difference = largest_difference(&weights(&open(&cpu)), &weights(&open(&two)));
    println!("wgpu, two workers on one adapter, vs cpu: largest weight difference {difference:e}");
    assert!(difference <= 1e-3, "two wgpu workers' weights differ from the CPU's by {difference}");
}
