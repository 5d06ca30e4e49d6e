//! Where a training step's time goes, natively on the CPU backend: the cost of single ops and of
//! whole W1a and W1b steps. A profile, not a test: `cargo run -p sw2-playground --example profile_step`.
//! `profile_step w1b 1000` takes just 1,000 W1b steps, for counting instructions on a noisy machine:
//! `valgrind --tool=callgrind target/debug/examples/profile_step w1b 1000` (minus a run with 0 steps).
#[cfg(target_family = "wasm")]
fn main() {}

#[cfg(not(target_family = "wasm"))]
fn main() {
    use burn::prelude::*;
    use std::time::Instant;
    use sw2_playground::data::presets::generate;
    use sw2_playground::data::{Dataset, Preset, PresetOptions};
    use sw2_playground::model::{Activation, Feature};
    use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session};

    // W1b: TF Playground's defaults (circle, 250 train, 2-4-2 tanh, SGD 0.03, batch 10).
    let mut w1b = Session::new();
    let circle = generate(Preset::Circle, PresetOptions { n: 500, noise: 0.0, seed: 1 }).unwrap();
    w1b.set_dataset(Dataset::new(circle, 0.5, 1).unwrap()).unwrap();
    let config = ConfigPatch {
        hidden: Some(vec![4]),
        activation: Some(Activation::Tanh),
        features: Some(vec![Feature::X, Feature::Y]),
        optimizer: Some(OptimizerKind::Sgd),
        learning_rate: Some(0.03),
        batch_size: Some(BatchSize::Size(10)),
        ..Default::default()
    };
    pollster::block_on(w1b.configure(config)).unwrap();
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("w1b") {
        w1b.train_steps(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1000)).unwrap();
        return;
    }
    w1b.train_steps(500).unwrap();
    let t = Instant::now();
    w1b.train_steps(4000).unwrap();
    println!("W1b step (SGD, batch 10, 2-4-2 tanh): {:.1} us/step", t.elapsed().as_secs_f64() * 1e6 / 4000.0);

    let device = sw2_playground::train::backend::cpu_device();
    let a = Tensor::<2>::ones([1, 16], &device);
    let b = Tensor::<2>::ones([1, 16], &device);
    let n = 20000;
    let t = Instant::now();
    let mut c = a.clone();
    for _ in 0..n {
        c = c + b.clone();
    }
    let _ = c.into_data();
    println!("plain add [1,16]: {:.2} us/op", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let big = Tensor::<2>::ones([500, 16], &device) * 0.3;
    let t = Instant::now();
    for _ in 0..2000 {
        let _ = big.clone().tanh();
    }
    println!("plain tanh [500,16]: {:.2} us/op", t.elapsed().as_secs_f64() * 1e6 / 2000.0);
    let t = Instant::now();
    for _ in 0..2000 {
        let _ = big.clone() * big.clone();
    }
    println!("plain mul [500,16]: {:.2} us/op", t.elapsed().as_secs_f64() * 1e6 / 2000.0);
    let w = Tensor::<2>::ones([16, 16], &device);
    let t = Instant::now();
    for _ in 0..2000 {
        let _ = big.clone().matmul(w.clone());
    }
    println!("plain matmul [500,16]x[16,16]: {:.2} us/op", t.elapsed().as_secs_f64() * 1e6 / 2000.0);
    let ad = device.clone().autodiff();
    let x = Tensor::<2>::ones([500, 16], &ad).require_grad();
    let t = Instant::now();
    for _ in 0..2000 {
        let y = x.clone().tanh().sum();
        let _g = y.backward();
    }
    println!("autodiff tanh+sum+backward [500,16]: {:.2} us/iter", t.elapsed().as_secs_f64() * 1e6 / 2000.0);
    let mut s = Session::new();
    let pts = generate(Preset::Spiral, PresetOptions { n: 500, noise: 0.1, seed: 1 }).unwrap();
    s.set_dataset(Dataset::new(pts, 0.0, 1).unwrap()).unwrap();
    pollster::block_on(s.configure(ConfigPatch {
        hidden: Some(vec![16, 16]),
        batch_size: Some(BatchSize::Size(0)),
        learning_rate: Some(0.02),
        ..Default::default()
    }))
    .unwrap();
    s.train_steps(50).unwrap();
    let t = Instant::now();
    s.train_steps(1000).unwrap();
    println!("W1a step (Adam, full batch 500): {:.1} us/step", t.elapsed().as_secs_f64() * 1e6 / 1000.0);
    pollster::block_on(s.configure(ConfigPatch { optimizer: Some(sw2_playground::train::OptimizerKind::Sgd), ..Default::default() }))
        .unwrap();
    s.train_steps(50).unwrap();
    let t = Instant::now();
    s.train_steps(1000).unwrap();
    println!("W1a step (SGD, full batch 500): {:.1} us/step", t.elapsed().as_secs_f64() * 1e6 / 1000.0);
}
