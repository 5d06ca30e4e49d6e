//! The prompt corpus: lines `PROMPT => ANSWER` for eight string programs, each named by several
//! English phrasings (`reverse: plan => nalp`, `write it backwards: plan => nalp`). A small
//! transformer trained on it runs a different program for each prompt — Software 3.0 in
//! miniature. Everything is seeded: the same names and seed give the same corpus, and the words
//! and phrasings held out for testing never appear in a training line.

use super::rng::SeededRng;
use super::words::{parse_text, word_key};
use crate::error::{PlaygroundError, Result};

/// A string program the corpus teaches, or the one it never shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PromptTask {
    /// `plan` → `nalp`.
    Reverse,
    /// `dcab` → `abcd`.
    Sort,
    /// `plan` → `p`.
    FirstLetter,
    /// `plan` → `n`.
    LastLetter,
    /// `plan` → `4`.
    Count,
    /// `ab` → `aabb`.
    Double,
    /// `plant` → `plnt`.
    RemoveVowels,
    /// `plan` → `Plan`.
    Capitalise,
    /// `plan` → `PLAN`: never in the corpus, asked only to see what an unseen task gets.
    Uppercase,
}

impl PromptTask {
    /// The eight tasks the corpus teaches, in the order tables list them.
    pub const TRAINED: [PromptTask; 8] = [
        PromptTask::Reverse,
        PromptTask::Sort,
        PromptTask::FirstLetter,
        PromptTask::LastLetter,
        PromptTask::Count,
        PromptTask::Double,
        PromptTask::RemoveVowels,
        PromptTask::Capitalise,
    ];

    /// The task the corpus never shows.
    pub const UNSEEN: PromptTask = PromptTask::Uppercase;

    /// The task's name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            PromptTask::Reverse => "reverse",
            PromptTask::Sort => "sort",
            PromptTask::FirstLetter => "first letter",
            PromptTask::LastLetter => "last letter",
            PromptTask::Count => "count",
            PromptTask::Double => "double",
            PromptTask::RemoveVowels => "remove vowels",
            PromptTask::Capitalise => "capitalise",
            PromptTask::Uppercase => "uppercase",
        }
    }

    /// The phrasings training lines use.
    pub fn phrasings(self) -> &'static [&'static str] {
        match self {
            PromptTask::Reverse => &["reverse", "write it backwards", "spell it backwards", "backwards"],
            PromptTask::Sort => &["sort the letters", "letters in order", "alphabetise", "sort"],
            PromptTask::FirstLetter => &["first letter of", "first letter", "initial of", "starts with"],
            PromptTask::LastLetter => &["last letter of", "last letter", "final letter of", "ends with"],
            PromptTask::Count => &["how many letters in", "length of", "count the letters", "letters in"],
            PromptTask::Double => &["double each letter", "double the letters", "say each letter twice", "stutter"],
            PromptTask::RemoveVowels => &["remove the vowels", "drop the vowels", "no vowels", "without vowels"],
            PromptTask::Capitalise => &["capitalise", "capitalize", "capital first letter", "as a name"],
            PromptTask::Uppercase => &["uppercase"],
        }
    }

    /// A phrasing no training line uses: asked only to measure how far the phrasings carry.
    pub fn held_out_phrasing(self) -> &'static str {
        match self {
            PromptTask::Reverse => "turn it around",
            PromptTask::Sort => "put the letters in order",
            PromptTask::FirstLetter => "the first letter",
            PromptTask::LastLetter => "the last letter",
            PromptTask::Count => "how long is",
            PromptTask::Double => "each letter twice",
            PromptTask::RemoveVowels => "strip the vowels",
            PromptTask::Capitalise => "capital letter first",
            PromptTask::Uppercase => "all capitals",
        }
    }

    /// The right answer for `word` (lowercase letters a–z).
    pub fn answer(self, word: &str) -> String {
        match self {
            PromptTask::Reverse => word.chars().rev().collect(),
            PromptTask::Sort => {
                let mut c: Vec<char> = word.chars().collect();
                c.sort_unstable();
                c.into_iter().collect()
            }
            PromptTask::FirstLetter => word.chars().take(1).collect(),
            PromptTask::LastLetter => word.chars().last().map(String::from).unwrap_or_default(),
            PromptTask::Count => word.chars().count().to_string(),
            PromptTask::Double => word.chars().flat_map(|c| [c, c]).collect(),
            PromptTask::RemoveVowels => word.chars().filter(|c| !is_vowel(*c)).collect(),
            PromptTask::Capitalise => {
                let mut c = word.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
            PromptTask::Uppercase => word.to_uppercase(),
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// What a person types to ask `phrase` of `word`: `reverse: plan =>`. The answer follows after a
/// space.
pub fn prompt(phrase: &str, word: &str) -> String {
    format!("{phrase}: {word} =>")
}

/// Shortest and longest word the corpus uses.
pub const WORD_LENGTHS: (usize, usize) = (3, 6);

/// Common English words the corpus uses beside the names (3–6 letters, a–z).
pub const ENGLISH: &[&str] = &[
    "plan", "plant", "apple", "river", "stone", "cloud", "bread", "chair", "table", "house", "water", "light", "green", "music", "paper",
    "world", "dream", "smile", "sugar", "tiger", "zebra", "robot", "pixel", "train", "model", "data", "code", "loss", "graph", "word",
    "letter", "night", "storm", "beach", "field", "grape", "lemon", "melon", "honey", "candle", "garden", "window", "bottle", "button",
    "pencil", "rocket", "planet", "forest", "bridge", "castle", "dragon", "winter", "summer", "spring", "autumn", "yellow", "purple",
    "orange", "silver", "mirror", "basket", "cat", "dog", "sun", "sky", "sea", "map", "box", "cup", "hat", "pen", "key", "bus", "car",
    "owl", "fox", "bee", "ant", "egg", "ice", "ink", "jam", "tree", "bird", "fish", "frog", "lamp", "door", "book", "ship", "milk", "rain",
    "snow", "wind", "fire", "gold", "salt", "song", "moon", "star", "hill", "lake", "road", "farm", "town", "king", "wolf", "bear", "duck",
    "goat", "crab", "kite", "ring", "bell", "coin", "nest", "leaf", "root", "seed", "rose", "tulip", "daisy", "piano", "drum", "flute",
    "violin", "cookie", "butter", "cheese", "pepper", "carrot", "potato", "tomato",
];

/// How a corpus is made: how many training lines, from what seed, holding out what share of the
/// words, and which tasks got more lines afterwards.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CorpusSpec {
    /// Training lines, shared evenly by the eight tasks.
    pub lines: usize,
    /// Seeds the held-out words and every draw.
    pub seed: u64,
    /// Share of the words never used in a training line.
    pub held_out: f64,
    /// Lines added after the even share, task by task: the data a data engine collects where the
    /// trained model is weak. The even share stays as it was, so this corpus holds the smaller one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<MoreLines>,
}

/// More training lines for one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoreLines {
    /// The task the lines teach.
    pub task: PromptTask,
    /// How many.
    pub lines: usize,
}

impl Default for CorpusSpec {
    fn default() -> Self {
        Self { lines: 16_000, seed: 1, held_out: 0.1, more: Vec::new() }
    }
}

impl CorpusSpec {
    /// Every training line: the even share and the added ones.
    pub fn total_lines(&self) -> usize {
        self.lines + self.more.iter().map(|m| m.lines).sum::<usize>()
    }
}

/// The trained task `name` means, read loosely: `sort`, `remove-vowels`, `remove vowels` and
/// `removeVowels` all name one. The unseen task is refused: no line may teach it.
pub fn trained_task(name: &str) -> Result<PromptTask> {
    let key = |s: &str| s.chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect::<String>();
    PromptTask::TRAINED.into_iter().find(|t| key(t.name()) == key(name)).ok_or_else(|| {
        let names: Vec<&str> = PromptTask::TRAINED.iter().map(|t| t.name()).collect();
        PlaygroundError::InvalidConfig(format!("'{name}' is not a task the corpus teaches: choose among {}", names.join(", ")))
    })
}

/// A generated corpus: the training lines and the words kept out of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// `PROMPT => ANSWER` lines, tasks in turn, phrasings and words drawn.
    pub lines: Vec<String>,
    /// The words training lines use.
    pub training_words: Vec<String>,
    /// The words no training line uses.
    pub held_out_words: Vec<String>,
}

/// The words the corpus draws from: the names of `names_text` (one a line) and [`ENGLISH`], of
/// 3–6 letters a–z with at least one consonant (so no answer is empty), sorted and distinct.
pub fn word_pool(names_text: &str) -> Vec<String> {
    let (lo, hi) = WORD_LENGTHS;
    let mut pool: Vec<String> = parse_text(names_text)
        .into_iter()
        .chain(ENGLISH.iter().map(|w| w.to_string()))
        .filter(|w| (lo..=hi).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase()) && w.chars().any(|c| !is_vowel(c)))
        .collect();
    pool.sort_unstable();
    pool.dedup();
    pool
}

/// The corpus `spec` makes from `names_text`.
pub fn generate(names_text: &str, spec: &CorpusSpec) -> Result<Corpus> {
    if spec.lines == 0 || spec.total_lines() > 200_000 {
        return Err(PlaygroundError::InvalidConfig(format!("lines = {} must be 1 to 200000 in all", spec.total_lines())));
    }
    if let Some(m) = spec.more.iter().find(|m| m.task == PromptTask::UNSEEN) {
        return Err(PlaygroundError::InvalidConfig(format!("no line may teach '{}': it is the task the model never sees", m.task.name())));
    }
    if !(spec.held_out > 0.0 && spec.held_out < 0.5) {
        return Err(PlaygroundError::InvalidConfig(format!("heldOut = {} must be above 0 and below 0.5", spec.held_out)));
    }
    let pool = word_pool(names_text);
    if pool.len() < 20 {
        return Err(PlaygroundError::InvalidData(format!("only {} usable words: the corpus needs at least 20", pool.len())));
    }
    let (training_words, held_out_words) = hold_out(pool, spec.held_out, spec.seed);
    let mut rng = SeededRng::new(spec.seed);
    let even = (0..spec.lines).map(|i| PromptTask::TRAINED[i % PromptTask::TRAINED.len()]);
    let more = spec.more.iter().flat_map(|m| std::iter::repeat_n(m.task, m.lines));
    let lines = even
        .chain(more)
        .map(|task| {
            let phrase = task.phrasings()[rng.index(task.phrasings().len())];
            let word = &training_words[rng.index(training_words.len())];
            format!("{} {}", prompt(phrase, word), task.answer(word))
        })
        .collect();
    Ok(Corpus { lines, training_words, held_out_words })
}

/// `pool` split into training and held-out words: the `share` whose seeded hash ranks first are
/// held out, so the split depends on each word alone.
fn hold_out(pool: Vec<String>, share: f64, seed: u64) -> (Vec<String>, Vec<String>) {
    let n = ((pool.len() as f64 * share).round() as usize).max(1);
    let mut ranked: Vec<(u64, String)> = pool.into_iter().map(|w| (SeededRng::new(seed ^ word_key(&w)).next_u64(), w)).collect();
    ranked.sort_unstable();
    let mut held: Vec<String> = ranked.drain(..n).map(|(_, w)| w).collect();
    let mut train: Vec<String> = ranked.into_iter().map(|(_, w)| w).collect();
    held.sort_unstable();
    train.sort_unstable();
    (train, held)
}

/// One question asked of a trained model: a prompt and the answer it should write.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptCase {
    /// The task asked.
    pub task: PromptTask,
    /// The phrasing used.
    pub phrase: String,
    /// Whether training lines use that phrasing.
    pub phrasing_trained: bool,
    /// `phrase: word =>`.
    pub prompt: String,
    /// What should follow the prompt: a space and the answer.
    pub expected: String,
}

/// The questions that measure a trained model, all on held-out words: every trained task with
/// its trained phrasings in turn, then with its held-out phrasing, then the unseen task; at most
/// `per_task` words each, drawn with `seed`.
pub fn held_out_cases(corpus: &Corpus, per_task: usize, seed: u64) -> Vec<PromptCase> {
    let mut rng = SeededRng::new(seed);
    let mut words = corpus.held_out_words.clone();
    rng.shuffle(&mut words);
    let words = &words[..per_task.min(words.len())];
    let case = |task: PromptTask, phrase: &str, trained: bool, word: &str| PromptCase {
        task,
        phrase: phrase.to_string(),
        phrasing_trained: trained,
        prompt: prompt(phrase, word),
        expected: format!(" {}", task.answer(word)),
    };
    let mut cases = Vec::new();
    for task in PromptTask::TRAINED {
        for (i, w) in words.iter().enumerate() {
            cases.push(case(task, task.phrasings()[i % task.phrasings().len()], true, w));
        }
    }
    for task in PromptTask::TRAINED.into_iter().chain([PromptTask::UNSEEN]) {
        for w in words {
            cases.push(case(task, task.held_out_phrasing(), false, w));
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &str = "emma\nolivia\nava\nisabella\nsophia\nmia\namelia\nharper\nevelyn\nabigail\nella\nliam\nnoah\naei\n";

    #[test]
    fn answers_are_the_string_programs() {
        let w = "plant";
        let got: Vec<String> = PromptTask::TRAINED.iter().chain([&PromptTask::UNSEEN]).map(|t| t.answer(w)).collect();
        assert_eq!(got, ["tnalp", "alnpt", "p", "t", "5", "ppllaanntt", "plnt", "Plant", "PLANT"]);
    }

    #[test]
    fn the_same_seed_makes_the_same_corpus_and_held_out_words_stay_out() {
        let spec = CorpusSpec { lines: 800, seed: 7, held_out: 0.1, more: Vec::new() };
        let a = generate(NAMES, &spec).unwrap();
        assert_eq!(a, generate(NAMES, &spec).unwrap());
        assert_ne!(a.lines, generate(NAMES, &CorpusSpec { seed: 8, ..spec.clone() }).unwrap().lines);
        assert!(!a.training_words.iter().any(|w| w == "aei"), "all-vowel words are left out");
        for held in &a.held_out_words {
            assert!(!a.lines.iter().any(|l| l.contains(&format!(": {held} =>"))), "{held} is in a training line");
        }
        for task in PromptTask::TRAINED {
            assert!(!a.lines.iter().any(|l| l.starts_with(&format!("{}:", task.held_out_phrasing()))));
        }
        crate::data::words::validate_lines(&a.lines).unwrap();
        assert!(a.lines.iter().any(|l| l.starts_with("reverse: ")));
    }

    #[test]
    fn more_lines_for_a_task_come_after_the_even_share_it_keeps() {
        let base = CorpusSpec { lines: 80, seed: 3, held_out: 0.1, more: Vec::new() };
        let more = CorpusSpec { more: vec![MoreLines { task: PromptTask::Sort, lines: 30 }], ..base.clone() };
        let (a, b) = (generate(NAMES, &base).unwrap(), generate(NAMES, &more).unwrap());
        assert_eq!(b.lines.len(), 110);
        assert_eq!(&b.lines[..80], &a.lines[..], "the corpus grows: the even share is unchanged");
        let sorts =
            |c: &Corpus| c.lines.iter().filter(|l| PromptTask::Sort.phrasings().iter().any(|p| l.starts_with(&format!("{p}: ")))).count();
        assert_eq!(sorts(&b), sorts(&a) + 30);
        assert_eq!(trained_task("remove-vowels").unwrap(), PromptTask::RemoveVowels);
        assert_eq!(trained_task("removeVowels").unwrap(), PromptTask::RemoveVowels);
        assert!(trained_task("uppercase").unwrap_err().to_string().contains("not a task the corpus teaches"));
        let unseen = CorpusSpec { more: vec![MoreLines { task: PromptTask::Uppercase, lines: 1 }], ..base };
        assert!(generate(NAMES, &unseen).unwrap_err().to_string().contains("never sees"));
    }
}
