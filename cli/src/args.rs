//! The command line, read by hand: a command, a project file and `--flags`, each checked with a
//! message that says what was expected.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// A parsed command line.
#[derive(Debug)]
pub struct Args {
    /// `train`, `eval`, `info`, `sample`, `complete`, `corpus`, `tasks` or `pack`.
    pub command: String,
    /// The project file.
    pub file: PathBuf,
    flags: BTreeMap<String, Option<String>>,
}

/// The usage text `sw2 --help` prints.
pub const USAGE: &str = "sw2: train the Software 2.0 Playground's experiments natively, on burn

usage:
  sw2 train EXPERIMENT.sw2 (--steps N | --epochs N) [--backend cpu|wgpu|cuda] [--devices 0,1]
            [--out OUT.sw2] [--checkpoints DIR] [--every N] [--resume] [--learning-rate LR]
  sw2 eval EXPERIMENT.sw2 [--json]
  sw2 info EXPERIMENT.sw2
  sw2 sample EXPERIMENT.sw2 [--count N] [--temperature T] [--prefix P] [--seed S]
  sw2 complete EXPERIMENT.sw2 --prompt P [--max-chars N] [--temperature T] [--seed S] [--json]
  sw2 corpus OUT.sw2 --names NAMES.txt [--lines N] [--seed S] [--more TASK=N,...]
             [--config JSON | --onto TRAINED.sw2]
  sw2 tasks EXPERIMENT.sw2 --names NAMES.txt [--per-task N] [--json]
  sw2 pack EXPERIMENT.sw2 --out OUT.sw2

train writes the trained project over EXPERIMENT.sw2 (or to --out) once training is done, and keeps
burn-train's checkpoints in EXPERIMENT.sw2-run/ (or --checkpoints): Ctrl-C stops after the next
checkpoint, and --resume continues from the last one exactly. --learning-rate trains this run at
another rate than the project's (a slower second stretch, as a schedule would).

corpus writes a new project whose data is the prompt corpus (`reverse: plan => nalp`, eight string
programs, several phrasings each) and whose program is an untrained transformer; --more adds lines
for the tasks named (sort=4000,remove-vowels=4000) after the even share, and --onto keeps the
trained program of another prompt project to train on from (a data engine's round); tasks asks a
trained one every held-out question and prints exact-match accuracy per task. pack writes the
project for shipping: data, configuration and weights, without versions, timeline or optimizer state.

Every command reads a gzipped project too (www/models/prompts.sw2.gz, as the page ships it), and a
file written to a name ending in .gz is gzipped.";

/// Flags each command takes, and whether the flag takes a value.
fn known(command: &str) -> Option<&'static [(&'static str, bool)]> {
    Some(match command {
        "train" => &[
            ("steps", true),
            ("epochs", true),
            ("backend", true),
            ("devices", true),
            ("ddp", false),
            ("out", true),
            ("checkpoints", true),
            ("every", true),
            ("resume", false),
            ("learning-rate", true),
        ],
        "eval" => &[("json", false)],
        "info" => &[],
        "sample" => &[("count", true), ("temperature", true), ("prefix", true), ("seed", true), ("top-k", true)],
        "complete" => &[("prompt", true), ("max-chars", true), ("temperature", true), ("seed", true), ("json", false)],
        "corpus" => &[("names", true), ("lines", true), ("seed", true), ("config", true), ("more", true), ("onto", true)],
        "tasks" => &[("names", true), ("per-task", true), ("json", false)],
        "pack" => &[("out", true)],
        _ => return None,
    })
}

impl Args {
    /// Reads `args` (without the program name).
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let command = args.first().ok_or("no command: run sw2 --help")?.clone();
        let flags_known = known(&command).ok_or_else(|| {
            format!("unknown command '{command}': choose train, eval, info, sample, complete, corpus, tasks or pack (sw2 --help)")
        })?;
        let mut file = None;
        let mut flags = BTreeMap::new();
        let mut rest = args[1..].iter();
        while let Some(arg) = rest.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                let &(_, takes) = flags_known
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or_else(|| format!("sw2 {command} has no option --{name} (sw2 --help)"))?;
                let value = if takes {
                    Some(inline.or_else(|| rest.next().cloned()).ok_or_else(|| format!("--{name} needs a value"))?)
                } else {
                    None
                };
                if flags.insert(name.to_string(), value).is_some() {
                    return Err(format!("--{name} is given twice"));
                }
            } else if file.is_none() {
                file = Some(PathBuf::from(arg));
            } else {
                return Err(format!("one project file at a time: '{arg}' is one too many"));
            }
        }
        let file = file.ok_or_else(|| format!("sw2 {command} needs a project file: sw2 {command} EXPERIMENT.sw2"))?;
        Ok(Self { command, file, flags })
    }

    /// Whether `--name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.contains_key(name)
    }

    /// The value of `--name`, if given.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.flags.get(name).and_then(|v| v.as_deref())
    }

    /// `--name` as a whole number, if given.
    pub fn number(&self, name: &str) -> Result<Option<u64>, String> {
        self.text(name).map(|t| t.parse::<u64>().map_err(|_| format!("--{name} takes a whole number, not '{t}'"))).transpose()
    }

    /// `--name` as a decimal number, if given.
    pub fn decimal(&self, name: &str) -> Result<Option<f64>, String> {
        self.text(name)
            .map(|t| t.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| format!("--{name} takes a number, not '{t}'")))
            .transpose()
    }
}
