//! `cargo xtask prompts-model`: rebuilds the shipped prompt model, `www/models/prompts.sw2.gz`, and its
//! training log, with `sw2` alone — the corpus from `www/data/names.txt`, the training, then every
//! held-out question — so anyone can check the shipped file's numbers by making it again.

use std::process::Command;

use crate::tools::{root, target_dir};
use crate::{Result, say};

/// Optimizer steps the shipped model trains for at the project's learning rate (2e-3)…
pub const STEPS: u64 = 8000;
/// …then at a tenth of it: the answers settle (a schedule in two steps).
pub const SLOW_STEPS: u64 = 3000;
/// The second stretch's learning rate.
pub const SLOW_RATE: &str = "2e-4";

/// Runs `sw2 ARGS`, returning what it printed. The dev-profile build, the one `cargo xtask test`
/// builds: burn itself is optimised there (opt-level 3), and a release build (LTO) costs about 20
/// minutes on 2 cores to train perhaps a fifth faster.
fn sw2(args: &[&str]) -> Result<String> {
    let bin = target_dir()?.join("debug").join("sw2");
    let out = Command::new(&bin).args(args).current_dir(root()).output().map_err(|e| format!("could not start {}: {e}", bin.display()))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!("sw2 {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(text)
}

/// Builds sw2, makes the corpus, trains, asks the held-out questions, and writes the
/// model and its log under `www/models/`.
pub fn run(args: &[String]) -> Result<()> {
    if !args.is_empty() {
        return Err("usage: cargo xtask prompts-model (it takes no options: the recipe is the shipped one)".into());
    }
    say("building sw2");
    crate::tools::run(Command::new("cargo").args(["build", "-p", "sw2-cli"]))?;
    let work = target_dir()?.join("prompts");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let file = work.join("prompts.sw2");
    let file = file.to_str().ok_or("the target folder's path is not UTF-8")?;
    let names = "www/data/names.txt";
    let _ = std::fs::remove_dir_all(work.join("prompts.sw2-run"));

    say("the corpus");
    let mut log = String::from("# The prompt model's training log (cargo xtask prompts-model)\n\n");
    log += &sw2(&["corpus", file, "--names", names])?;
    log += &sw2(&["info", file])?;
    // sw2 says how long each stretch took; `--every` only sets where the checkpoints fall.
    for (steps, every, rate) in [(STEPS, STEPS / 6, None), (SLOW_STEPS, SLOW_STEPS / 3, Some(SLOW_RATE))] {
        say(&format!("training {steps} steps (sw2 train, CPU)"));
        let (steps, every) = (steps.to_string(), every.to_string());
        let mut args = vec!["train", file, "--steps", &steps, "--every", &every];
        if let Some(rate) = rate {
            args.extend(["--learning-rate", rate]);
        }
        log += &format!("\n$ sw2 {}\n", args.join(" ").replace(file, "prompts.sw2"));
        log += &sw2(&args)?;
    }
    log += &sw2(&["eval", file])?;
    say("every held-out question");
    log += "\n$ sw2 tasks prompts.sw2 --names www/data/names.txt\n";
    log += &sw2(&["tasks", file, "--names", names])?;
    let models = root().join("www").join("models");
    std::fs::create_dir_all(&models).map_err(|e| format!("cannot create {}: {e}", models.display()))?;
    // Shipped without the timeline and the optimizer's state, gzipped: the corpus compresses ten-fold.
    let packed = work.join("prompts-packed.sw2");
    let packed = packed.to_str().ok_or("the target folder's path is not UTF-8")?;
    log += &sw2(&["pack", file, "--out", packed])?;
    let gz = Command::new("gzip").args(["-9", "-n", "-c", packed]).output().map_err(|e| format!("could not start gzip: {e}"))?;
    if !gz.status.success() {
        return Err(format!("gzip failed: {}", String::from_utf8_lossy(&gz.stderr).trim()));
    }
    log += &format!("shipped as www/models/prompts.sw2.gz: {} bytes\n", gz.stdout.len());
    std::fs::write(models.join("prompts.sw2.gz"), &gz.stdout).map_err(|e| format!("cannot write the model: {e}"))?;
    // Paths of this machine's target folder say nothing to a reader of the log.
    let log = log.replace(&format!("{}/", work.display()), "");
    std::fs::write(models.join("prompts-log.txt"), &log).map_err(|e| format!("cannot write the log: {e}"))?;
    println!("{log}");
    say("wrote www/models/prompts.sw2.gz and www/models/prompts-log.txt");
    Ok(())
}
