//! How well a prompt model runs the programs its prompts name: exact-match accuracy per task on
//! words it never trained on, with the phrasings it knows, with a phrasing it never saw, and on a
//! task it was never taught. Greedy answers, so the table is the same on every run.

use super::complete::greedy_batch;
use super::writing::word_program;
use crate::data::Dataset;
use crate::data::prompts::{Corpus, PromptCase, PromptTask, held_out_cases};
use crate::error::Result;
use crate::train::Program;

/// Right answers out of questions asked.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Score {
    /// Answers that matched exactly.
    pub correct: usize,
    /// Questions asked.
    pub asked: usize,
    /// `correct / asked`.
    pub accuracy: f64,
}

impl Score {
    fn of(hits: impl Iterator<Item = bool>) -> Self {
        let (mut correct, mut asked) = (0, 0);
        for hit in hits {
            asked += 1;
            correct += hit as usize;
        }
        Self { correct, asked, accuracy: if asked == 0 { 0.0 } else { correct as f64 / asked as f64 } }
    }
}

/// One task's row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskScore {
    /// The task.
    pub task: PromptTask,
    /// Whether the corpus teaches it.
    pub trained: bool,
    /// Held-out words asked with the task's trained phrasings (`None` for the unseen task).
    pub trained_phrasings: Option<Score>,
    /// Held-out words asked with a phrasing no training line uses.
    pub held_out_phrasing: Score,
}

/// One question and what the model answered (`None`: the prompt holds a character it never saw).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answered {
    /// The question.
    pub case: PromptCase,
    /// The model's answer after the prompt.
    pub answer: Option<String>,
}

impl Answered {
    /// Whether the answer is exactly the expected one.
    pub fn is_right(&self) -> bool {
        self.answer.as_deref() == Some(self.case.expected.as_str())
    }
}

/// Asks the session's program every held-out question of `corpus` (`per_task` words a task).
pub async fn ask(program: &Program<'_>, data: &Dataset, corpus: &Corpus, per_task: usize, seed: u64) -> Result<Vec<Answered>> {
    ask_cases(program, data, held_out_cases(corpus, per_task, seed)).await
}

/// Asks the session's program `cases`, greedily, all in one batch of completions.
pub async fn ask_cases(program: &Program<'_>, data: &Dataset, cases: Vec<PromptCase>) -> Result<Vec<Answered>> {
    let (net, vocab) = word_program(program, data, "the prompt scores")?;
    let prompts: Vec<String> = cases.iter().map(|c| c.prompt.clone()).collect();
    let longest = cases.iter().map(|c| c.expected.chars().count()).max().unwrap_or(1);
    let answers = greedy_batch(&net, &vocab, data.max_chars(), &prompts, longest + 1, program.device()).await?;
    Ok(cases.into_iter().zip(answers).map(|(case, answer)| Answered { case, answer }).collect())
}

/// The per-task table of `answered`: the trained tasks in order, then the unseen one.
pub fn table(answered: &[Answered]) -> Vec<TaskScore> {
    PromptTask::TRAINED
        .into_iter()
        .chain([PromptTask::UNSEEN])
        .map(|task| {
            let of = |trained: bool| {
                Score::of(answered.iter().filter(|a| a.case.task == task && a.case.phrasing_trained == trained).map(Answered::is_right))
            };
            let trained = task != PromptTask::UNSEEN;
            TaskScore { task, trained, trained_phrasings: trained.then(|| of(true)), held_out_phrasing: of(false) }
        })
        .collect()
}

/// The table as aligned text, one task a line, as `sw2 tasks` prints it and the log keeps it.
pub fn table_text(rows: &[TaskScore]) -> String {
    let pct = |s: &Score| format!("{:>5.1} % ({}/{})", s.accuracy * 100.0, s.correct, s.asked);
    let mut out = format!("{:<14} {:<22} {}\n", "task", "trained phrasings", "held-out phrasing");
    for r in rows {
        let name = if r.trained { r.task.name().to_string() } else { format!("{} (unseen)", r.task.name()) };
        let trained = r.trained_phrasings.as_ref().map_or("–".to_string(), pct);
        out += &format!("{name:<14} {trained:<22} {}\n", pct(&r.held_out_phrasing));
    }
    out
}
