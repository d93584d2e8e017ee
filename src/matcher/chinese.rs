//! Reading a Chinese question in the English matcher's words, so that one index and
//! one set of checks (place, kind of quantity, time) serve both languages.
//!
//! Traditional characters are folded to Simplified (zhconv) and full-width forms to
//! ASCII (NFKC); a character typed for another of the same sound (专力 for 专利, 地里
//! for 地理) is put right by its pinyin, as the English side corrects by edit
//! distance; the text is segmented by jieba over the vocabulary of
//! `data/synonyms.zh.toml` alone (the 350,000-word dictionary jieba ships would cost
//! 30 MB and 100 ms at load for words that read as nothing here; unknown runs are
//! still cut into words by jieba's HMM). Each known word becomes its English, stop
//! words are dropped, English and numbers in a mixed question stay as they are, and
//! an unknown word stays in Chinese, where the matcher weighs it as a subject it does
//! not know. The words that ask ("多少", "哪个") come first, where an English question
//! puts them.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use jieba_rs::Jieba;
use pinyin::{ToPinyin, ToPinyinMulti};
use unicode_normalization::UnicodeNormalization;

use crate::facts::{Ask, ChineseWords};

/// Common words that are wording, not a subject (已经, 提到, 相比), from jieba's
/// dictionary by `scripts/chinese-wording.py`: dropped when the vocabulary does not
/// know them.
static WORDING: &str = include_str!("../../data/model/zh-wording.txt");

/// How much likelier jieba takes a known word than a stop word or wording of the
/// same length, so that "中有效" is 中 + 有效, not 中有 + 效.
const CONTENT_WEIGHT: usize = 10;
const STOP_WEIGHT: usize = 1;
/// Words longer than this weigh as this long in segmentation.
const MAX_WEIGHED_CHARS: u32 = 4;
/// Shortest pinyin read as the word it spells: "xibu" is 西部, but "bu" is no word.
const MIN_PINYIN_LETTERS: usize = 4;
/// Longest known word corrected by its sound, in characters.
const MAX_SOUND_CHARS: usize = 6;

/// Whether `c` is a CJK ideograph: a question holding one is read as Chinese.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Whether a text is Chinese: it holds a CJK ideograph.
pub fn is_chinese(text: &str) -> bool {
    text.chars().any(is_han)
}

/// The Chinese reader, built once per fact base.
pub(crate) struct Reader {
    segmenter: Jieba,
    /// Each known word and the English it reads as; `None`: a stop word or wording.
    words: HashMap<String, Option<String>>,
    /// Known words of two characters or more (not stop words) by their sound:
    /// toneless pinyin, syllables joined by spaces.
    by_sound: HashMap<String, Vec<String>>,
    /// Every sound a known word's sound starts with ("zhuan", "zhuan li").
    sound_prefixes: HashSet<String>,
    /// The same words by their pinyin written as one word ("xibu"), as a mixed
    /// question may spell them.
    by_pinyin: HashMap<String, String>,
    /// The longest known word, in characters.
    longest: usize,
    /// English cues ("how many"), lower case: a reading that starts with one asks.
    cues: Vec<String>,
}

impl Reader {
    /// Compiles the Chinese vocabulary; `asks` are the English cues it may read as.
    pub(crate) fn new(vocabulary: &ChineseWords, asks: &[Ask]) -> Reader {
        let mut segmenter = Jieba::empty();
        let mut words: HashMap<String, Option<String>> = HashMap::new();
        let mut by_sound: HashMap<String, Vec<String>> = HashMap::new();
        for reading in vocabulary.terms.iter().chain(&vocabulary.places) {
            let word = fold(&reading.chinese);
            segmenter.add_word(&word, Some(frequency(&word, CONTENT_WEIGHT)), None);
            let chars = word.chars().count();
            if (2..=MAX_SOUND_CHARS).contains(&chars)
                && let Some(sound) = sound(&word)
            {
                let same = by_sound.entry(sound).or_default();
                if !same.contains(&word) {
                    same.push(word.clone());
                }
            }
            words.insert(word, Some(reading.english.to_lowercase()));
        }
        let stop_words = vocabulary.stop_words.iter().map(|w| fold(w));
        // Wording that holds a known word ("万平方公里") would swallow it. The file
        // is Simplified already: folding 13,000 words would only slow loading.
        let wording = WORDING
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter(|word| !holds_a_known_word(word, &words))
            .map(str::to_owned);
        for word in stop_words.chain(wording.collect::<Vec<_>>()) {
            if let Entry::Vacant(entry) = words.entry(word) {
                segmenter.add_word(entry.key(), Some(frequency(entry.key(), STOP_WEIGHT)), None);
                entry.insert(None);
            }
        }
        let by_pinyin = by_sound
            .iter()
            .filter(|(_, same)| same.len() == 1)
            .map(|(sound, same)| (sound.replace(' ', ""), same[0].clone()))
            .filter(|(pinyin, _)| pinyin.len() >= MIN_PINYIN_LETTERS && !words.contains_key(pinyin))
            .collect();
        let sound_prefixes = by_sound
            .keys()
            .flat_map(|sound| {
                let ends = sound.match_indices(' ').map(|(at, _)| at);
                ends.chain([sound.len()]).map(|end| sound[..end].to_owned())
            })
            .collect();
        let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(1);
        let cues = asks.iter().map(|a| a.cue.to_lowercase()).collect();
        Reader {
            segmenter,
            words,
            by_sound,
            sound_prefixes,
            by_pinyin,
            longest,
            cues,
        }
    }

    /// The question in the matcher's words, or `None` when it is not Chinese.
    pub(crate) fn read(&self, question: &str) -> Option<String> {
        if !is_chinese(question) {
            return None;
        }
        let text = self.correct_sounds(&fold(question));
        let words = self.words_of(&text);
        let sentences: Vec<&[&str]> = words
            .split_inclusive(|word| sentence_end(word).is_some())
            .collect();
        let mut out: Vec<&str> = Vec::new();
        for sentence in &sentences {
            let read = self.read_sentence(sentence);
            // In a message of several sentences, one with no word the vocabulary
            // knows is chat ("感觉应该挺少的"), not the question.
            let chat = !read
                .iter()
                .any(|w| matches!(w, Word::Cue(_) | Word::Plain(_)));
            if sentences.len() == 1 || !chat {
                english_order(read, &mut out);
            }
            out.extend(sentence.last().copied().and_then(sentence_end));
        }
        Some(out.join(" "))
    }

    /// A sentence's words as the vocabulary reads them, stop words and marks left out.
    fn read_sentence<'a>(&'a self, words: &[&'a str]) -> Vec<Word<'a>> {
        let mut read = Vec::new();
        let mut i = 0;
        while let Some(&word) = words.get(i) {
            i += 1;
            if sentence_end(word).is_some() || matches!(word, "，" | "、" | ",") {
                continue;
            }
            let known = self.words.get(word).or_else(|| {
                let chinese = self.by_pinyin.get(word)?;
                self.words.get(chinese.as_str())
            });
            read.push(match known {
                Some(Some(english)) if self.asks(english) => Word::Cue(english),
                Some(Some(english)) => Word::Plain(english),
                Some(None) => continue,
                None => match (month(word), words.get(i)) {
                    (Some(month), Some(&"月")) => {
                        i += 1;
                        Word::Plain(month)
                    }
                    _ => Word::Unknown(word),
                },
            });
        }
        read
    }

    /// The known words that sound like the start of a run of characters, with how
    /// many characters each spans: each character is tried in each of its readings
    /// (曾 is zeng or ceng), a sound dropped as soon as no known word starts so.
    fn sounding(&self, readings: &[Vec<&str>]) -> Vec<(usize, &[String])> {
        let mut found = Vec::new();
        let mut partial = vec![String::new()];
        for (at, options) in readings.iter().enumerate() {
            partial = partial
                .iter()
                .flat_map(|sound| {
                    options.iter().map(move |reading| match sound.is_empty() {
                        true => (*reading).to_owned(),
                        false => format!("{sound} {reading}"),
                    })
                })
                .filter(|sound| self.sound_prefixes.contains(sound))
                .take(MAX_SOUNDS)
                .collect();
            if partial.is_empty() {
                break;
            }
            let words = partial.iter().filter_map(|sound| self.by_sound.get(sound));
            found.extend(words.map(|words| (at + 1, words.as_slice())));
        }
        found
    }

    /// The words of a text: its runs of Chinese characters segmented by jieba, and
    /// between them, words of letters and digits ("gi", "16.7") and single marks.
    fn words_of<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut words = Vec::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let run = if is_han(c) {
                rest.find(|c: char| !is_han(c)).unwrap_or(rest.len())
            } else if c.is_alphanumeric() {
                let inner = |c: char| c.is_alphanumeric() && !is_han(c) || "'.-".contains(c);
                rest.find(|c: char| !inner(c)).unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            let (piece, after) = rest.split_at(run);
            if is_han(c) {
                words.extend(self.segmenter.cut(piece, true).into_iter().map(|t| t.word));
            } else if !c.is_whitespace() {
                words.push(piece.trim_end_matches(['.', '-', '\'']));
            }
            rest = after;
        }
        words
    }

    fn asks(&self, english: &str) -> bool {
        self.cues.iter().any(|cue| {
            english
                .strip_prefix(cue.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    }

    /// The text with each run of characters that sounds like a known word it is not
    /// (and shares at least half its characters with it) replaced by that word.
    /// A known word found where it stands is kept unless a longer one sounds there.
    fn correct_sounds(&self, text: &str) -> String {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
        let readings: Vec<Vec<&str>> = chars.iter().map(|&(_, c)| readings(c)).collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let most = self.longest.min(chars.len() - i);
            let known = (1..=most)
                .rev()
                .find(|&len| self.words.contains_key(&text[end_of(i)..end_of(i + len)]))
                .unwrap_or(0);
            let longest = most.min(MAX_SOUND_CHARS);
            let found = self.sounding(&readings[i..i + longest]);
            let sounded = (known.max(1) + 1..=longest).rev().find_map(|len| {
                let run = &text[end_of(i)..end_of(i + len)];
                let word = found
                    .iter()
                    .filter(|(sounded, _)| *sounded == len)
                    .flat_map(|(_, words)| words.iter())
                    .max_by_key(|w| shared(w, run))?;
                // Of two characters, a particle is not read as a typo: 的国 is not a
                // misspelt 德国, though 曾长 is 增长 and 地里 地理.
                let first = &run[..run.chars().next().map_or(0, char::len_utf8)];
                let particle = self.words.get(first) == Some(&None);
                let first_kept = word.starts_with(first);
                // Nor is a run that would cut a known word in two (多少有|效).
                let cuts = (i + 1..i + len).any(|start| {
                    (i + len + 1..=(start + self.longest).min(chars.len())).any(|end| {
                        let word = &text[end_of(start)..end_of(end)];
                        self.words.get(word).is_some_and(Option::is_some)
                    })
                });
                let plausible = (len > 2 || first_kept || !particle) && !cuts;
                (2 * shared(word, run) >= len && plausible).then_some((len, word))
            });
            match sounded {
                Some((len, word)) => {
                    out.push_str(word);
                    i += len;
                }
                None => {
                    let len = known.max(1);
                    out.push_str(&text[end_of(i)..end_of(i + len)]);
                    i += len;
                }
            }
        }
        out
    }
}

/// Simplified characters, full-width forms as ASCII, lower case.
fn fold(text: &str) -> String {
    let simplified = zhconv::zhconv(text, zhconv::Variant::ZhHans);
    simplified.nfkc().flat_map(char::to_lowercase).collect()
}

/// Most sounds a run of characters is tried as at once, over the readings of its
/// characters.
const MAX_SOUNDS: usize = 16;

/// The toneless readings of a character; none for one that is not Chinese.
fn readings(c: char) -> Vec<&'static str> {
    let mut readings: Vec<&str> = c
        .to_pinyin_multi()
        .into_iter()
        .flatten()
        .map(|p| p.plain())
        .collect();
    readings.dedup();
    readings
}

/// A word's sound: the toneless pinyin of each character, or `None` when one has none.
fn sound(word: &str) -> Option<String> {
    let syllables: Option<Vec<&str>> = word.to_pinyin().map(|p| p.map(|p| p.plain())).collect();
    syllables.map(|s| s.join(" "))
}

/// Whether a known word of two characters or more is part of `word`.
fn holds_a_known_word(word: &str, known: &HashMap<String, Option<String>>) -> bool {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(at, _)| at)
        .chain([word.len()])
        .collect();
    (0..bounds.len()).any(|i| {
        bounds[i + 2.min(bounds.len() - i)..].iter().any(|&end| {
            known
                .get(&word[bounds[i]..end])
                .is_some_and(Option::is_some)
        })
    })
}

/// How many characters two words share in the same places.
fn shared(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).filter(|(x, y)| x == y).count()
}

/// "9" before 月 is September.
fn month(number: &str) -> Option<&'static str> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let n: usize = number.parse().ok()?;
    MONTHS.get(n.checked_sub(1)?).copied()
}

/// A word of a sentence being read.
#[derive(Clone, Copy)]
enum Word<'a> {
    /// It asks ("how many").
    Cue(&'a str),
    /// A known word, in English.
    Plain(&'a str),
    /// A word the vocabulary does not know, as it was written.
    Unknown(&'a str),
}

/// Moves a sentence's words to `out` in English order: the first word that asks
/// comes first, then what follows it, then what went before. "广西有多少个地理标志"
/// reads "how many geographical indications guangxi", as an English asker puts it.
/// When nothing follows, the thing asked about is the last word before it
/// ("专利有几项": "how many patents"), which then comes first.
fn english_order<'a>(sentence: Vec<Word<'a>>, out: &mut Vec<&'a str>) {
    let text = |w: &Word<'a>| match *w {
        Word::Cue(t) | Word::Plain(t) | Word::Unknown(t) => t,
    };
    match sentence.iter().position(|w| matches!(w, Word::Cue(_))) {
        Some(at) => {
            let (before, after) = sentence.split_at(at);
            out.push(text(&after[0]));
            let after = &after[1..];
            match before.split_last() {
                Some((last, rest)) if after.is_empty() => {
                    out.push(text(last));
                    out.extend(rest.iter().map(text));
                }
                _ => {
                    out.extend(after.iter().map(text));
                    out.extend(before.iter().map(text));
                }
            }
        }
        None => out.extend(sentence.iter().map(text)),
    }
}

/// How likely jieba takes a word: longer words far likelier, so that a longer known
/// word wins over two shorter ones (在 + 哪一年, not 在哪 + 一年).
fn frequency(word: &str, weight: usize) -> usize {
    let chars = (word.chars().count() as u32).min(MAX_WEIGHED_CHARS);
    weight * 4usize.pow(chars * chars)
}

/// Chinese and ASCII sentence ends, as the English the matcher splits sentences on.
fn sentence_end(word: &str) -> Option<&'static str> {
    match word {
        "。" | "." => Some("."),
        "?" => Some("?"),
        "!" => Some("!"),
        ";" | "；" => Some(";"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Reading;

    fn reader() -> Reader {
        let reading = |chinese: &str, english: &str| Reading {
            chinese: chinese.into(),
            english: english.into(),
        };
        let words = ChineseWords {
            stop_words: vec![
                "的".into(),
                "有".into(),
                "个".into(),
                "地".into(),
                "里".into(),
            ],
            terms: vec![
                reading("专利", "patents"),
                reading("地理标志", "geographical indications"),
                reading("多少", "how many"),
                reading("发明", "invention"),
                reading("增长", "growth"),
                reading("有效", "valid"),
                reading("多少位", "how many people"),
                reading("平方公里", "square kilometers"),
            ],
            places: vec![
                reading("广西", "Guangxi"),
                reading("西部", "western China"),
                reading("德国", "Germany"),
            ],
        };
        let asks = [Ask {
            cue: "how many".into(),
            kinds: vec![],
            place: false,
            part: false,
            opens: false,
            before_noun: false,
            role: false,
        }];
        Reader::new(&words, &asks)
    }

    #[test]
    fn reads_known_words_in_english_with_the_cue_first() {
        let reader = reader();
        assert_eq!(
            reader.read("广西有多少个地理标志？").as_deref(),
            Some("how many geographical indications guangxi ?")
        );
        assert_eq!(
            reader.read("广西的专利有多少个").as_deref(),
            Some("how many patents guangxi"),
            "the thing asked about comes first"
        );
        assert_eq!(reader.read("how many patents"), None, "not Chinese");
    }

    #[test]
    fn traditional_full_width_and_mixed_questions_read_the_same() {
        let reader = reader();
        let simplified = reader.read("西部的发明专利有多少？");
        assert_eq!(reader.read("西部的發明專利有多少？"), simplified);
        assert_eq!(reader.read("西部的发明专利有多少?"), simplified);
        assert_eq!(
            reader.read("guangxi 有多少个 GI").as_deref(),
            Some("how many gi guangxi")
        );
    }

    #[test]
    fn a_wrong_character_of_the_same_sound_is_corrected() {
        let reader = reader();
        assert_eq!(reader.read("专力").as_deref(), Some("patents"));
        assert_eq!(
            reader.read("广西的地里标志").as_deref(),
            Some("guangxi geographical indications")
        );
        assert_eq!(
            reader.read("西部曾长").as_deref(),
            Some("western china growth")
        );
        // Same sound, but no character in common: another word, not a typo.
        assert_eq!(reader.read("砖栗").as_deref(), Some("砖栗"));
        // A particle is not a typo: 的国 is not 德国.
        assert!(!reader.read("西部的国土").unwrap().contains("germany"));
        // Nor is a run that would cut a known word: 多少有|效 is not 多少位.
        assert_eq!(
            reader.read("多少有效专利").as_deref(),
            Some("how many valid patents")
        );
    }

    #[test]
    fn pinyin_in_a_mixed_question_reads_as_its_word() {
        assert_eq!(
            reader().read("xibu 的 zhuanli 多少").as_deref(),
            Some("how many patents western china")
        );
    }

    #[test]
    fn a_sentence_of_chat_only_is_left_out_of_a_longer_message() {
        let reader = reader();
        assert_eq!(
            reader.read("广西有多少专利？感觉挺少的").as_deref(),
            Some("how many patents guangxi ?")
        );
        // Alone, the same words are the question, unknown as they are.
        assert!(reader.read("感觉挺少的").unwrap().contains("感觉"));
    }

    #[test]
    fn common_wording_is_dropped_unless_it_holds_a_known_word() {
        let reader = reader();
        // 已经 and 提到 are wording in jieba's dictionary; 万平方公里 holds a known unit.
        assert_eq!(
            reader.read("已经提到的西部专利").as_deref(),
            Some("western china patents")
        );
        assert!(
            reader
                .read("多少万平方公里")
                .unwrap()
                .ends_with("square kilometers")
        );
    }

    #[test]
    fn unknown_words_stay_and_months_are_named() {
        let reader = reader();
        let read = reader.read("9月西部地铁").unwrap();
        assert!(read.starts_with("september western china"), "{read}");
        assert!(read.contains('地'), "the unknown word stays: {read}");
    }
}
