//! `cargo xtask prompts-model`: rebuilds the shipped prompt model, `www/models/prompts.sw2.gz`, and its
//! training log, with `sw2` alone, so anyone can check the shipped file's numbers by making it again.
//! Two rounds, as a data engine runs: the corpus from `www/data/names.txt` is trained and every
//! held-out question asked; then the tasks it was weakest on get more lines, and the packed
//! round-one program trains on over the larger corpus and is asked again.

use std::process::Command;

use crate::tools::{root, target_dir};
use crate::{Result, say};

/// A stretch of training: steps, checkpoint spacing, and the learning rate if not the project's.
type Stretch = (u64, u64, Option<&'static str>);

/// Round one: 8000 steps at the project's learning rate (2e-3), then 3000 at a tenth of it, so
/// the answers settle (a schedule in two steps).
pub const ROUND_ONE: [Stretch; 2] = [(8000, 1333, None), (3000, 1000, Some("2e-4"))];

/// What round two adds where round one was weakest (its table is in the log): sorting and
/// removing the vowels.
pub const MORE: &str = "sort=6000,remove-vowels=4000";

/// Round two: the packed round-one program, a fresh optimizer, on the larger corpus.
pub const ROUND_TWO: [Stretch; 2] = [(3000, 1000, Some("5e-4")), (1500, 750, Some("1e-4"))];

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

/// Trains `file` stretch by stretch, each command and what it printed going into the log.
fn train(log: &mut String, file: &str, stretches: &[Stretch]) -> Result<()> {
    // sw2 says how long each stretch took; `--every` only sets where the checkpoints fall.
    for &(steps, every, rate) in stretches {
        say(&format!("training {steps} steps (sw2 train, CPU)"));
        let (steps, every) = (steps.to_string(), every.to_string());
        let mut args = vec!["train", file, "--steps", &steps, "--every", &every];
        if let Some(rate) = rate {
            args.extend(["--learning-rate", rate]);
        }
        *log += &format!("\n$ sw2 {}\n", args.join(" "));
        *log += &sw2(&args)?;
    }
    *log += &sw2(&["eval", file])?;
    Ok(())
}

/// Asks `file` every held-out question and packs it for shipping as `packed`.
fn ask_and_pack(log: &mut String, file: &str, packed: &str) -> Result<()> {
    say("every held-out question");
    *log += &format!("\n$ sw2 tasks {file} --names {NAMES}\n");
    *log += &sw2(&["tasks", file, "--names", NAMES])?;
    *log += &sw2(&["pack", file, "--out", packed])?;
    Ok(())
}

/// The word list the corpus draws from.
const NAMES: &str = "www/data/names.txt";

/// Builds sw2, runs both rounds, and writes the model and its log under `www/models/`.
pub fn run(args: &[String]) -> Result<()> {
    if !args.is_empty() {
        return Err("usage: cargo xtask prompts-model (it takes no options: the recipe is the shipped one)".into());
    }
    say("building sw2");
    crate::tools::run(Command::new("cargo").args(["build", "-p", "sw2-cli"]))?;
    let work = target_dir()?.join("prompts");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let path = |name: &str| work.join(name).to_str().map(str::to_string).ok_or("the target folder's path is not UTF-8");
    let (one, one_packed, two, two_packed) =
        (path("prompts.sw2")?, path("prompts-packed.sw2")?, path("prompts2.sw2")?, path("prompts2-packed.sw2")?);
    for run in [&one, &two] {
        let _ = std::fs::remove_dir_all(format!("{run}-run"));
    }

    say("round one: the corpus");
    let mut log = String::from("# The prompt model's training log (cargo xtask prompts-model)\n\n## Round one\n\n");
    log += &sw2(&["corpus", &one, "--names", NAMES])?;
    log += &sw2(&["info", &one])?;
    train(&mut log, &one, &ROUND_ONE)?;
    ask_and_pack(&mut log, &one, &one_packed)?;

    say("round two: more lines where round one was weakest");
    log += "\n## Round two: more data where round one was weakest\n\n";
    log += &format!("$ sw2 corpus {two} --names {NAMES} --more {MORE} --onto {one_packed}\n");
    log += &sw2(&["corpus", &two, "--names", NAMES, "--more", MORE, "--onto", &one_packed])?;
    log += &sw2(&["info", &two])?;
    train(&mut log, &two, &ROUND_TWO)?;
    ask_and_pack(&mut log, &two, &two_packed)?;

    // Shipped without the timeline and the optimizer's state, gzipped: the corpus compresses ten-fold.
    let gz = Command::new("gzip").args(["-9", "-n", "-c", &two_packed]).output().map_err(|e| format!("could not start gzip: {e}"))?;
    if !gz.status.success() {
        return Err(format!("gzip failed: {}", String::from_utf8_lossy(&gz.stderr).trim()));
    }
    log += &format!("shipped as www/models/prompts.sw2.gz: {} bytes\n", gz.stdout.len());
    let models = root().join("www").join("models");
    std::fs::create_dir_all(&models).map_err(|e| format!("cannot create {}: {e}", models.display()))?;
    std::fs::write(models.join("prompts.sw2.gz"), &gz.stdout).map_err(|e| format!("cannot write the model: {e}"))?;
    // Paths of this machine's target folder say nothing to a reader of the log.
    let log = log.replace(&format!("{}/", work.display()), "");
    std::fs::write(models.join("prompts-log.txt"), &log).map_err(|e| format!("cannot write the log: {e}"))?;
    println!("{log}");
    say("wrote www/models/prompts.sw2.gz and www/models/prompts-log.txt");
    Ok(())
}
