//! Software 3.0 in miniature: the prompt corpus is reproducible and keeps its held-out words and
//! phrasings out of training; `complete` is deterministic when greedy and reproducible with a
//! seed; lines of text train like words.

use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::data::prompts::{CorpusSpec, PromptTask, generate, held_out_cases, word_pool};
use sw2_playground::inspect::complete::{CompleteOptions, Stop, program_complete};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::train::{BatchSize, ConfigPatch, Session};

/// makemore's `names.txt`, as the page ships it.
fn names_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/names.txt");
    std::fs::read_to_string(path).expect("www/data/names.txt is shipped")
}

#[test]
fn the_corpus_is_reproducible_and_keeps_held_out_words_and_phrasings_out() {
    let names = names_text();
    let spec = CorpusSpec::default();
    let a = generate(&names, &spec).unwrap();
    assert_eq!(a, generate(&names, &spec).unwrap(), "the same names and seed, the same corpus");
    assert_eq!(a.lines.len(), spec.lines);
    let pool = word_pool(&names);
    assert_eq!(a.training_words.len() + a.held_out_words.len(), pool.len());
    println!("{} words: {} to train on, {} held out", pool.len(), a.training_words.len(), a.held_out_words.len());

    // Every training line parses back into a trained phrasing, a training word and the right answer.
    let training: std::collections::HashSet<&str> = a.training_words.iter().map(String::as_str).collect();
    for line in &a.lines {
        let (prompt, answer) = line.split_once(" => ").expect("PROMPT => ANSWER");
        let (phrase, word) = prompt.rsplit_once(": ").expect("phrase: word");
        assert!(training.contains(word), "{word} is not a training word");
        let task = PromptTask::TRAINED.into_iter().find(|t| t.phrasings().contains(&phrase)).expect("a trained phrasing");
        assert_eq!(task.answer(word), answer, "{line}");
        for t in PromptTask::TRAINED.into_iter().chain([PromptTask::UNSEEN]) {
            assert_ne!(phrase, t.held_out_phrasing(), "a held-out phrasing in {line}");
        }
    }
    for task in PromptTask::TRAINED {
        let share = a.lines.iter().filter(|l| task.phrasings().iter().any(|p| l.starts_with(&format!("{p}: ")))).count();
        assert!(share >= spec.lines / 8, "{:?} has {share} lines", task);
    }
    let longest = a.lines.iter().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 48, "the longest line has {longest} characters");

    // The questions are asked on held-out words only, with both kinds of phrasing.
    let cases = held_out_cases(&a, 50, 1);
    assert_eq!(cases.len(), 8 * 50 + 9 * 50);
    assert!(cases.iter().all(|c| a.held_out_words.iter().any(|w| c.prompt.ends_with(&format!(": {w} =>")))));
    assert!(cases.iter().any(|c| c.task == PromptTask::UNSEEN && !c.phrasing_trained));
}

/// A session holding `lines` as text, configured with a small transformer.
fn text_session(lines: Vec<String>, steps: u64) -> Session {
    let mut s = Session::new();
    s.set_dataset(Dataset::from_lines(lines, 0.0, 1).unwrap()).unwrap();
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Transformer),
        embedding: Some(32),
        layers: Some(2),
        heads: Some(4),
        learning_rate: Some(3e-3),
        batch_size: Some(BatchSize::Size(16)),
        ..Default::default()
    };
    block_on(s.configure(patch)).unwrap();
    s.train_steps(steps).unwrap();
    s
}

#[test]
fn complete_is_deterministic_when_greedy_and_reproducible_with_a_seed() {
    let lines: Vec<String> = ["reverse: ab => ba", "reverse: abc => cba", "double: ab => aabb", "double: abc => aabbcc"]
        .iter()
        .flat_map(|l| std::iter::repeat_n(l.to_string(), 8))
        .collect();
    let s = text_session(lines, 250);
    let ask = |prompt: &str, options: CompleteOptions| block_on(program_complete(&s.program(), s.dataset(), prompt, &options)).unwrap();

    // Learned by heart: the same weights run two programs, picked by the prompt.
    let reversed = ask("reverse: abc =>", CompleteOptions::default());
    assert_eq!(reversed.text, " cba");
    assert_eq!(reversed.stopped, Stop::End);
    assert_eq!(ask("double: abc =>", CompleteOptions::default()).text, " aabbcc");
    assert_eq!(reversed.steps.iter().map(|c| c.char.as_str()).collect::<String>(), reversed.text, "one step per character");
    for step in &reversed.steps {
        assert!(step.probability > 0.0 && step.probability <= 1.0);
        assert_eq!(step.alternatives.len(), 4);
        assert!(step.alternatives.iter().all(|a| a.char != step.char && a.probability <= step.probability + 1e-9));
    }
    assert!(reversed.end_probability.unwrap() > 0.5);

    // Greedy is the same every time; a seed draws the same text again.
    assert_eq!(ask("double: ab", CompleteOptions::default()), ask("double: ab", CompleteOptions::default()));
    let hot = CompleteOptions { temperature: 1.5, seed: 3, ..Default::default() };
    assert_eq!(ask("re", hot.clone()), ask("re", hot.clone()));
    let texts: std::collections::HashSet<String> =
        (0..12).map(|seed| ask("", CompleteOptions { temperature: 2.0, seed, ..Default::default() }).text).collect();
    assert!(texts.len() > 1, "different seeds draw different texts at a high temperature");
    let short = ask("", CompleteOptions { max_chars: 3, ..Default::default() });
    assert_eq!((short.text.chars().count(), short.stopped), (3, Stop::MaxChars));

    let err = |prompt: &str, o: CompleteOptions| block_on(program_complete(&s.program(), s.dataset(), prompt, &o)).unwrap_err().to_string();
    assert!(err("reverse: xyz =>", CompleteOptions::default()).contains("'x'"), "a character never seen is named");
    assert!(err("ab", CompleteOptions { temperature: -1.0, ..Default::default() }).contains("temperature"));
    assert!(err("ab", CompleteOptions { max_chars: 0, ..Default::default() }).contains("maxChars"));
}
