//! `sw2`: the playground's experiments, trained natively on burn's backends with burn-train and
//! handed back to the page as project files. Every failure is one readable line and a non-zero
//! exit code, and nothing is written.

mod args;
mod devices;
mod experiment;
mod loader;
mod plain_renderer;
mod prompts;
mod report;
mod run_dir;
mod terminal;
mod timeline_store;
mod train;
mod trainee;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use args::{Args, USAGE};
use devices::BackendName;
use experiment::Experiment;
use sw2_playground::data::prompts::CorpusSpec;
use sw2_playground::inspect::complete::CompleteOptions;
use sw2_playground::inspect::prompt_scores::table_text;
use sw2_playground::inspect::writing::SampleOptions;
use train::TrainOptions;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return if args.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    // A panic anywhere (burn, a backend, a bug here) becomes one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let what =
            info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned());
        *PANIC.lock().unwrap_or_else(|p| p.into_inner()) = Some(what.unwrap_or_else(|| "unknown".into()));
    }));
    let outcome = std::panic::catch_unwind(|| run(&args)).unwrap_or_else(|_| {
        let what = PANIC.lock().unwrap_or_else(|p| p.into_inner()).take().unwrap_or_default();
        Err(format!("stopped by an internal error: {}", what.lines().next().unwrap_or_default()))
    });
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("sw2: {message}");
            ExitCode::from(1)
        }
    }
}

/// The message of the last panic, for the one line `sw2` prints about it.
static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn run(raw: &[String]) -> Result<u8, String> {
    let args = Args::parse(raw)?;
    match args.command.as_str() {
        "train" => {
            let options = TrainOptions {
                steps: args.number("steps")?,
                epochs: args.number("epochs")?,
                backend: BackendName::parse(args.text("backend").unwrap_or("cpu"))?,
                devices: devices::parse_devices(args.text("devices").unwrap_or("0"))?,
                ddp: args.has("ddp"),
                out: args.text("out").map(Into::into),
                checkpoints: args.text("checkpoints").map(Into::into),
                resume: args.has("resume"),
                every: args.number("every")?.map(|e| e.max(1) as usize),
                learning_rate: args.decimal("learning-rate")?,
            };
            let stop = Arc::new(AtomicBool::new(false));
            let flag = stop.clone();
            // The first Ctrl-C lets the stretch under way finish and checkpoint; a second quits now.
            let _ = ctrlc::set_handler(move || {
                if flag.swap(true, Ordering::SeqCst) {
                    std::process::exit(130);
                }
                eprintln!("sw2: stopping after the next checkpoint (Ctrl-C again to quit at once)");
            });
            train::run(&args.file, &options, stop).map(|code| code as u8)
        }
        "eval" => {
            let experiment = Experiment::open(&args.file)?;
            let metrics = report::metrics(&experiment.workspace)?;
            if args.has("json") {
                let predictions = report::predictions(&experiment.workspace)?;
                println!("{}", serde_json::json!({ "metrics": metrics, "predictions": predictions }));
            } else {
                println!("{}", report::metrics_line(&metrics));
            }
            Ok(0)
        }
        "info" => {
            let experiment = Experiment::open(&args.file)?;
            for line in report::info(&experiment.workspace) {
                println!("{line}");
            }
            Ok(0)
        }
        "sample" => {
            let experiment = Experiment::open(&args.file)?;
            let defaults = SampleOptions::default();
            let options = SampleOptions {
                count: args.number("count")?.map_or(defaults.count, |c| c as usize),
                temperature: args.decimal("temperature")?.unwrap_or(defaults.temperature),
                top_k: args.number("top-k")?.map(|k| k as usize),
                prefix: args.text("prefix").unwrap_or_default().to_string(),
                seed: args.number("seed")?.unwrap_or(defaults.seed),
            };
            for line in report::sample(&experiment.workspace, &options)? {
                println!("{line}");
            }
            Ok(0)
        }
        "complete" => {
            let experiment = Experiment::open(&args.file)?;
            let defaults = CompleteOptions::default();
            let options = CompleteOptions {
                max_chars: args.number("max-chars")?.map_or(defaults.max_chars, |n| n as usize),
                temperature: args.decimal("temperature")?.unwrap_or(defaults.temperature),
                seed: args.number("seed")?.unwrap_or(defaults.seed),
            };
            let prompt = args.text("prompt").ok_or("--prompt P is needed: the text to complete")?;
            let done = prompts::complete(&experiment, prompt, &options)?;
            if args.has("json") {
                println!("{}", serde_json::to_string(&done).map_err(|e| e.to_string())?);
            } else {
                println!("{prompt}{}", done.text);
                for step in &done.steps {
                    let others: Vec<String> =
                        step.alternatives.iter().map(|a| format!("{} {:.1} %", a.char, a.probability * 100.0)).collect();
                    println!("  {:?} {:.1} %   (else {})", step.char, step.probability * 100.0, others.join(", "));
                }
            }
            Ok(0)
        }
        "corpus" => {
            let defaults = CorpusSpec::default();
            let spec = CorpusSpec {
                lines: args.number("lines")?.map_or(defaults.lines, |n| n as usize),
                seed: args.number("seed")?.unwrap_or(defaults.seed),
                more: args.text("more").map(prompts::more_lines).transpose()?.unwrap_or_default(),
                ..defaults
            };
            let onto = args.text("onto").map(std::path::Path::new);
            println!("{}", prompts::corpus(&args.file, args.text("names"), spec, args.text("config"), onto)?);
            Ok(0)
        }
        "tasks" => {
            let experiment = Experiment::open(&args.file)?;
            let per_task = args.number("per-task")?.map_or(200, |n| n.max(1) as usize);
            let (rows, answered) = prompts::tasks(&experiment, args.text("names"), per_task)?;
            if args.has("json") {
                println!("{}", serde_json::json!({ "tasks": rows, "answers": answered }));
            } else {
                print!("{}", table_text(&rows));
            }
            Ok(0)
        }
        "pack" => {
            let experiment = Experiment::open(&args.file)?;
            let out = args.text("out").ok_or("--out OUT.sw2 is needed: pack writes a new file beside the project")?;
            // Evaluated first: a text program's file then carries its metrics (see `metrics_memo`).
            report::metrics(&experiment.workspace)?;
            let bytes = experiment.packed()?;
            experiment::write_whole(std::path::Path::new(out), &bytes)?;
            println!("{out}: {} bytes (data, configuration and weights)", bytes.len());
            Ok(0)
        }
        _ => unreachable!("Args::parse knows the commands"),
    }
}
