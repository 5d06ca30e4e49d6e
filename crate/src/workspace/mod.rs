//! The whole experiment as one value: the training session (data, undo, versions, configuration,
//! network, timeline), the data engine when the program is deployed, the hand-written rule
//! beside it, and the one long job running on them — with the rules of how they interact:
//!
//! - a data change made while a job runs stops the job: the job keeps the content hash of the
//!   dataset it started on (with its train/test split), and refuses to finish on other data;
//! - opening a project file installs the deployment it carries (or none); opening a link drops the
//!   deployment (a link carries none); both bring the rule saved with them (or clear it);
//! - labelling with the rule is one undoable data change, credited to the rule.
//!
//! Every face (the browser's wasm face, tests, a native program) holds one `Workspace` and only
//! converts values; nothing about how these parts meet is decided anywhere else.

mod job;

use crate::debug::{InfluenceJob, InfluenceOptions, LabelIssueOptions, LabelIssuesJob, WordInfluenceJob};
use crate::engine::{CurveOptions, Engine, EngineCurveJob, FlagJob, FoldInJob, TriggerSpec, World};
use crate::error::{PlaygroundError, Result};
use crate::inspect::CompareVersionsJob;
use crate::project::{self, Beside, Contents};
use crate::rule::{self, LabelReport, Rule, RuleError};
use crate::train::Session;
use crate::train::progress::{Advance, Budget};
use job::RunningJob;
pub use job::{Job, JobOutput};

/// One playground's experiment: session, engine, rule and the running job.
#[derive(Default)]
pub struct Workspace {
    session: Session,
    engine: Option<Engine>,
    rule: Option<Rule>,
    job: Option<RunningJob>,
}

/// What one slice of the running job ended with, and which job it was.
pub struct JobSlice {
    /// The job's kind (`labelIssues`, `influence`, `engineCurve`).
    pub kind: &'static str,
    /// Progress, or the finished result.
    pub advance: Advance<JobOutput>,
}

fn not_deployed() -> PlaygroundError {
    PlaygroundError::MissingData("nothing is deployed: call deploy({ world }) first".into())
}

fn no_rule() -> PlaygroundError {
    PlaygroundError::MissingData("There is no rule yet: write one with setRule(text) first.".into())
}

impl Workspace {
    /// An empty workspace: no data, the default configuration on the CPU, nothing deployed.
    pub fn new() -> Self {
        Self::default()
    }

    /// The training session: data, configuration, network and timeline.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, to change. A data change made through it stops the running job at its next
    /// slice (see [`Workspace::advance_job`]).
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// Takes up to `max_steps` training steps within `budget_ms`; returns how many it took.
    pub fn train_for(&mut self, max_steps: u64, budget_ms: f64) -> Result<u64> {
        self.session.train_within(max_steps, &Budget::new(budget_ms))
    }

    // ---- the data engine -------------------------------------------------------------------

    /// The data engine, when the program is deployed.
    pub fn engine(&self) -> Option<&Engine> {
        self.engine.as_ref()
    }

    /// The session and the deployed engine together (flag, label, fold in), or an error saying to
    /// deploy first.
    pub fn deployed(&mut self) -> Result<(&mut Session, &mut Engine)> {
        let engine = self.engine.as_mut().ok_or_else(not_deployed)?;
        Ok((&mut self.session, engine))
    }

    /// Puts the current network on the road in `world`, replacing any earlier deployment.
    pub async fn deploy(&mut self, world: World, seed: u64) -> Result<&Engine> {
        let engine = Engine::deploy(&self.session.program(), self.session.dataset(), world, seed).await?;
        Ok(self.engine.insert(engine))
    }

    /// Takes the program off the road; `true` when it was deployed.
    pub fn undeploy(&mut self) -> bool {
        self.engine.take().is_some()
    }

    // ---- Software 1.0 beside it ------------------------------------------------------------

    /// The hand-written rule, when one is set.
    pub fn rule(&self) -> Option<&Rule> {
        self.rule.as_ref()
    }

    /// Reads `text` as the rule (blank text clears it); a rule that does not parse is refused with
    /// its column and the previous rule stays.
    pub fn set_rule(&mut self, text: &str) -> std::result::Result<Option<&Rule>, RuleError> {
        self.rule = if text.trim().is_empty() { None } else { Some(Rule::parse(text)?) };
        Ok(self.rule.as_ref())
    }

    /// Relabels every point with the rule's answer, as one undoable step credited to the rule.
    pub fn label_with_rule(&mut self) -> Result<LabelReport> {
        let r = self.rule.as_ref().ok_or_else(no_rule)?;
        let (next, report) = rule::labelled_by_rule(r, self.session.dataset())?;
        self.session.set_dataset(next)?;
        Ok(report)
    }

    // ---- the project -----------------------------------------------------------------------

    /// The whole experiment as a project file, the deployment and the rule included; `page` is
    /// the page's own state.
    pub async fn export_project(&self, page: serde_json::Value) -> Result<Vec<u8>> {
        let beside = Beside { engine: self.engine.as_ref().map(Engine::record), rule: self.rule_text() };
        project::export_project_with(&self.session, page, Contents::ALL, beside).await
    }

    /// The experiment as a link fragment with its rule (no deployment, no timeline; versions
    /// when they fit).
    pub async fn export_link(&self, page: serde_json::Value) -> Result<String> {
        project::export_link(&self.session, page, self.rule_text()).await
    }

    fn rule_text(&self) -> Option<String> {
        self.rule.as_ref().map(|r| r.text().to_string())
    }

    /// Replaces the whole experiment with a project read and checked (`bytes`), keeping its
    /// deployment only when `with_engine`. The rule's text is parsed before anything changes: its
    /// absence clears the rule, text that does not read refuses the file. Returns the page's part.
    async fn open(&mut self, bytes: &[u8], with_engine: bool) -> Result<serde_json::Value> {
        let read = project::read_project(bytes).await?;
        let rule = read
            .rule
            .as_deref()
            .map(|text| Rule::parse(text).map_err(|e| PlaygroundError::InvalidData(format!("the project's rule does not read: {e}"))))
            .transpose()?;
        self.session.install_project(read.state)?;
        self.engine = if with_engine { read.engine } else { None };
        self.rule = rule;
        Ok(read.page)
    }

    /// Opens a project file: its data, versions, network and timeline, and its deployment (or
    /// none). Everything is checked first; a bad file changes nothing. Returns the page's part.
    pub async fn import_project(&mut self, bytes: &[u8]) -> Result<serde_json::Value> {
        self.open(bytes, true).await
    }

    /// Opens a share link (a whole URL or its `#project=…` fragment); the deployment is dropped,
    /// since a link carries none. Returns the page's part.
    pub async fn import_link(&mut self, link: &str) -> Result<serde_json::Value> {
        self.open(&project::from_link(link)?, false).await
    }

    // ---- the running job -------------------------------------------------------------------

    /// Makes `job` the running job (replacing any other), on the data as it is now (for a job that
    /// changes the data as it starts, like folding a round in, the data after that change).
    pub fn start_job(&mut self, job: Job) {
        self.job = Some(RunningJob { job, started_on: self.data_fingerprint() });
    }

    /// Starts the k-fold label check on the current data and network settings.
    pub fn start_label_issues(&mut self, options: LabelIssueOptions) -> Result<()> {
        let job = LabelIssuesJob::new(&self.session.program(), self.session.dataset(), options)?;
        self.start_job(Job::LabelIssues(job));
        Ok(())
    }

    /// Starts explaining the prediction at `input` by the training examples (TracIn).
    pub async fn start_influence(&mut self, input: &[f64], options: InfluenceOptions) -> Result<()> {
        let job = InfluenceJob::new(&self.session.program(), self.session.dataset(), input, options).await?;
        self.start_job(Job::Influence(job));
        Ok(())
    }

    /// Starts explaining why the word program writes `word`, by the training words (TracIn).
    pub fn start_word_influence(&mut self, word: &str, options: InfluenceOptions) -> Result<()> {
        let job = WordInfluenceJob::new(&self.session.program(), self.session.dataset(), word, options)?;
        self.start_job(Job::WordInfluence(job));
        Ok(())
    }

    /// Starts the data engine's curve (curating against random) in the deployed world.
    pub fn start_engine_curve(&mut self, options: CurveOptions) -> Result<()> {
        let world = self.engine.as_ref().ok_or_else(not_deployed)?.world().clone();
        let job = EngineCurveJob::new(&self.session.program(), self.session.dataset(), world, options)?;
        self.start_job(Job::EngineCurve(job));
        Ok(())
    }

    /// Starts training the current configuration on versions `a` and `b` side by side.
    pub fn start_compare_versions(&mut self, a: &str, b: &str, steps: u64, size: usize) -> Result<()> {
        let job = CompareVersionsJob::new(&self.session.program(), self.session.repo(), a, b, steps, size)?;
        self.start_job(Job::CompareVersions(job));
        Ok(())
    }

    /// Folds the labelled examples in (one undo step, one version) and starts training on them.
    pub async fn start_fold_in(&mut self, steps: u64) -> Result<()> {
        let (session, engine) = self.deployed()?;
        let job = FoldInJob::start(engine, session, steps).await?;
        self.start_job(Job::FoldIn(job));
        Ok(())
    }

    /// Starts flagging: the fleet meets the next `window` stream examples and `spec`'s trigger
    /// picks up to `count` (a committee trains first, for `disagreement`).
    pub fn start_flag(&mut self, spec: &TriggerSpec, count: usize, window: usize) -> Result<()> {
        let engine = self.engine.as_ref().ok_or_else(not_deployed)?;
        let job = FlagJob::start(engine, &self.session.program(), self.session.dataset(), spec, count, window)?;
        self.start_job(Job::Flag(job));
        Ok(())
    }

    /// The running job's kind, if one runs.
    pub fn job_kind(&self) -> Option<&'static str> {
        self.job.as_ref().map(|r| r.job.kind())
    }

    /// Works on the running job for about `budget_ms`. A finished job is removed; so is one whose
    /// data changed since it started, which is refused with a readable reason instead of
    /// finishing on data it never saw; so is one that fails.
    pub async fn advance_job(&mut self, budget_ms: f64) -> Result<JobSlice> {
        let mut running = self.job.take().ok_or_else(|| PlaygroundError::MissingData("no background job is running".into()))?;
        let kind = running.job.kind();
        if running.started_on != self.data_fingerprint() {
            return Err(PlaygroundError::MissingData(format!(
                "{kind} was cancelled: the dataset changed while it ran; run it again on the new data"
            )));
        }
        let advance = running.job.advance(&mut self.session, self.engine.as_mut(), budget_ms).await?;
        if matches!(advance, Advance::Working(_)) {
            self.job = Some(running);
        }
        Ok(JobSlice { kind, advance })
    }

    /// What a job checks to know it still works on the data it started on: the content hash and
    /// the split (a new test fraction moves examples between train and test without changing
    /// the content).
    fn data_fingerprint(&self) -> String {
        let d = self.session.dataset();
        format!("{}/{}/{}", self.session.dataset_hash(), d.test_fraction(), d.split_seed())
    }

    /// Drops the running job; `true` when one was running.
    pub fn cancel_job(&mut self) -> bool {
        self.job.take().is_some()
    }
}
