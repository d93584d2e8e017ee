//! Time per question on the real fact base (English and Chinese) and on synthetic
//! bases of 10,000 and 100,000 facts, and the load + index time of the real base with
//! both languages.
//!
//! Run: `cargo bench --bench matcher`. Each `ask/*` benchmark answers a batch of
//! questions per iteration; criterion's throughput line gives the time per question.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ipwest::facts::{AsOf, FactBase, SourceText};
use ipwest::{Engine, data};

const SYNONYMS: &str = include_str!("../data/synonyms.toml");
const EVAL: &str = include_str!("../tests/eval/questions.jsonl");
const CHINESE_EVAL: &str = include_str!("../tests/eval/zh_questions.jsonl");

/// The day the questions are asked on.
fn today() -> AsOf {
    "2026-12-01".parse().expect("a date")
}

/// The evaluation questions: every kind, answerable or not.
fn eval_questions() -> Vec<String> {
    questions_of(EVAL)
}

/// The questions of an evaluation set.
fn questions_of(set: &str) -> Vec<String> {
    set.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["question"].as_str().map(str::to_owned))
        .collect()
}

/// A small deterministic generator, so that every run benchmarks the same base.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Made-up words, so that a synthetic base has a vocabulary that grows with it.
fn word(n: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "sho", "ta", "vu", "zen", "pra", "dul", "fe", "gor", "hin", "jas",
        "qui", "wex",
    ];
    let mut w = String::new();
    let mut n = n + 16;
    while n > 0 {
        w.push_str(SYLLABLES[n % 16]);
        n /= 16;
    }
    w
}

/// A fact base of `n` facts: the real facts' texts with made-up words mixed in, so
/// common real words have long postings and each fact has rare words of its own.
fn synthetic_base(n: usize) -> FactBase {
    let real = data::bundled().unwrap();
    let vocabulary = n / 2;
    let mut rng = XorShift(0x5eed);
    let mut toml = String::from("[sources.s]\ntitle = \"Synthetic\"\n");
    for i in 0..n {
        let template = &real.facts()[i % real.facts().len()];
        let mut made_up = |k: usize| {
            (0..k)
                .map(|_| word(rng.below(vocabulary)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (title, answer, keywords) = (made_up(2), made_up(8), made_up(3));
        let places = template
            .places
            .iter()
            .map(|p| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            toml,
            "[[facts]]\nid = \"fact-{i}\"\ntitle = \"{} {title}\"\ntopic = \"{}\"\nanswer = \"{} {answer}\"\n\
             figures = [{{ label = \"Amount\", value = \"{}\", unit = \"widgets\", kind = \"count\" }}]\n\
             as_of = \"2024\"\nplaces = [{places}]\nkeywords = [\"{keywords}\"]\nsource = \"s\"\n",
            template.title.replace('"', "'"),
            template.topic,
            template.answer.replace('"', "'"),
            rng.below(1_000_000),
        );
    }
    FactBase::parse(
        &SourceText::new("synthetic.toml", &toml),
        &SourceText::new("synonyms.toml", SYNONYMS),
        None,
    )
    .unwrap()
}

fn ask(c: &mut Criterion) {
    let questions = eval_questions();
    let mut group = c.benchmark_group("ask");
    group.throughput(Throughput::Elements(questions.len() as u64));
    let real = Engine::new(data::bundled().unwrap());
    group.bench_function("real", |b| {
        b.iter(|| {
            questions
                .iter()
                .map(|q| real.ask(black_box(q), today()).confidence())
                .sum::<f32>()
        })
    });
    let chinese = questions_of(CHINESE_EVAL);
    group.throughput(Throughput::Elements(chinese.len() as u64));
    group.bench_function("real_chinese", |b| {
        b.iter(|| {
            chinese
                .iter()
                .map(|q| real.ask(black_box(q), today()).confidence())
                .sum::<f32>()
        })
    });
    for n in [10_000, 100_000] {
        let engine = Engine::new(synthetic_base(n));
        let mut rng = XorShift(7);
        let mut mixed: Vec<String> = questions.clone();
        mixed.extend((0..questions.len()).map(|_| {
            format!(
                "how many {} {} in {}",
                word(rng.below(n / 2)),
                word(rng.below(n / 2)),
                "Guangxi"
            )
        }));
        group.throughput(Throughput::Elements(mixed.len() as u64));
        group.bench_function(format!("synthetic_{n}"), |b| {
            b.iter(|| {
                mixed
                    .iter()
                    .map(|q| engine.ask(black_box(q), today()).confidence())
                    .sum::<f32>()
            })
        });
    }
    group.finish();
}

fn single_questions(c: &mut Criterion) {
    let engine = Engine::new(data::bundled().unwrap());
    let mut group = c.benchmark_group("question");
    let cases = [
        (
            "paraphrase",
            "How many valid invention patents does western China have?",
        ),
        ("keywords", "guangxi gi jobs"),
        (
            "typos",
            "how many geografical indication prodcts in westren china",
        ),
        ("near_domain", "How many patents does eastern China have?"),
        ("unrelated", "What's the weather like in Paris today?"),
        ("chinese", "截至九月末，西部地区有效发明专利一共有多少件？"),
        ("chinese_typo", "中欧地理标致协定保护了多少个中国地标？"),
        (
            "chinese_traditional",
            "廣西的地理標誌產品帶動了多少人就業？",
        ),
        ("chinese_mixed", "guangxi 有多少个 GI"),
        ("chinese_near", "西部地区注册商标总量是多少件？"),
    ];
    for (name, question) in cases {
        group.bench_function(name, |b| {
            b.iter(|| engine.ask(black_box(question), today()).confidence())
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    c.bench_function("load_and_index/real", |b| {
        b.iter(|| Engine::new(data::bundled().unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = single_questions, ask, load
}
criterion_main!(benches);
