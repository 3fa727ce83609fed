//! How names are read for resolution: folded as the name index folds them, written in Latin
//! letters, split into words, titles and filler words set aside, and compared word by word.

use smallvec::SmallVec;

use crate::graph::normalize_name;

/// Words that stand before a name without being part of it ("President Macron"). Folded
/// forms; a name made of nothing else keeps them, so that "the President" is still a name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "secretary",
    "general",
    "admiral",
    "colonel",
    "commander",
    "ambassador",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "foreign",
    "defence",
    "defense",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "state",
    "deputy",
    "chief",
    "premier",
    "sheikh",
    "herr",
    "frau",
    "monsieur",
    "madame",
];

/// Words that join the words of a name without telling names apart.
const FILLERS: &[&str] = &[
    "the", "of", "and", "for", "in", "on", "at", "a", "an", "de", "der", "die", "das", "am", "la",
    "le", "les", "el", "al", "du", "des", "von", "van", "und", "et", "y",
];

/// A word of a name with the keys it is compared by, worked out once per name rather than
/// once per comparison.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Word {
    pub(super) text: String,
    /// [`skeleton`] of the text.
    pub(super) skeleton: String,
    /// [`sound_key`] of the text.
    pub(super) sound: Option<String>,
    /// Its length in characters.
    chars: usize,
    /// Which of the letters a–z it has, one bit each.
    letters: u32,
    /// Whether it holds a digit: a number or a code ("2334", "g7", "1st"), which names one
    /// thing and not another however alike it is written ("Resolution 2334" and "Resolution
    /// 2234", "G7" and "G8", "Route 66" and "Route 6").
    numbered: bool,
}

impl Word {
    fn new(text: &str) -> Word {
        Word {
            text: text.to_owned(),
            skeleton: skeleton(text),
            sound: sound_key(text),
            chars: text.chars().count(),
            letters: text
                .bytes()
                .filter(u8::is_ascii_lowercase)
                .fold(0, |set, b| set | 1 << (b - b'a')),
            numbered: text.chars().any(char::is_numeric),
        }
    }

    /// Whether the word is a single letter, as an initial is.
    pub(super) fn is_initial(&self) -> bool {
        self.chars == 1
    }
}

/// One of an entity's names as resolution reads it.
#[derive(Clone, Debug)]
pub(crate) struct NameForm {
    /// The words that tell the name apart, in order.
    pub(super) words: SmallVec<[Word; 4]>,
    /// The titles set aside.
    pub(super) titles: SmallVec<[String; 1]>,
}

impl NameForm {
    /// The name folded (case, diacritics, punctuation), written in Latin letters, and split.
    /// Titles are set aside from a person's name only: in "Ministry of Defence" or "State
    /// Department" the same words tell bodies apart.
    pub(crate) fn of(name: &str, person: bool) -> NameForm {
        let folded = latin(&normalize_name(name));
        let all: SmallVec<[&str; 6]> = folded
            .split(' ')
            .filter(|w| !w.is_empty() && !FILLERS.contains(w))
            .collect();
        let (mut words, mut titles) = (SmallVec::new(), SmallVec::new());
        for word in &all {
            if person && TITLES.contains(word) {
                titles.push((*word).to_owned());
            } else {
                words.push(Word::new(word));
            }
        }
        if words.is_empty() {
            // A name of titles alone ("the Foreign Minister") is its own words.
            words = all.iter().map(|w| Word::new(w)).collect();
            titles.clear();
        }
        NameForm { words, titles }
    }
}

/// `folded` (already lower-case and spaced by [`normalize_name`]) with every letter of another
/// script written in Latin letters ("зеленский" as "zelenskii"), folded again, so that a name
/// transliterated by one outlet meets the original another outlet printed.
fn latin(folded: &str) -> String {
    if folded.is_ascii() {
        return folded.to_owned();
    }
    normalize_name(&deunicode::deunicode(folded))
}

/// A key that spellings of one word by ear share ("zelensky", "zelenskyy", "selenskyj" are
/// not all one key, but the first two are): the primary Double Metaphone code, for words of
/// three letters or more.
#[cfg(feature = "phonetic")]
pub(super) fn sound_key(word: &str) -> Option<String> {
    use rphonetic::Encoder;
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let code = rphonetic::DoubleMetaphone::new(Some(6)).encode(word);
    (code.len() >= 2).then_some(code)
}

/// Without the `phonetic` feature no word has a sound key; spelling alone is compared.
#[cfg(not(feature = "phonetic"))]
pub(super) fn sound_key(_word: &str) -> Option<String> {
    None
}

/// The word with the letters that transliterations swap folded together, and doubled letters
/// and inner vowels dropped: "quist" and "kvist", "tolminsky" and "tolminskiy", "khallvard"
/// and "hallvard" share one. Romanisation schemes differ in a few known places (Cyrillic х
/// as `kh` or `h`, в as `v` or `w`, й as `y`, `i` or `j`), which a sound key for English
/// names does not fold.
pub(super) fn skeleton(word: &str) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("qu", "kv"),
        ("kh", "h"),
        ("ph", "f"),
        ("ck", "k"),
        ("ch", "c"),
        ("sh", "s"),
        ("zh", "z"),
        ("ts", "c"),
        ("tz", "c"),
        ("q", "k"),
        ("w", "v"),
        ("x", "ks"),
        ("j", "i"),
        ("y", "i"),
    ];
    let mut folded = word.to_owned();
    for (from, to) in SWAPS {
        if folded.contains(from) {
            folded = folded.replace(from, to);
        }
    }
    let mut out = String::with_capacity(folded.len());
    let mut last = None;
    for (i, c) in folded.chars().enumerate() {
        if Some(c) == last {
            continue;
        }
        last = Some(c);
        if i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            continue;
        }
        out.push(c);
    }
    out
}

/// How one word of a name meets a word of the other.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum WordMatch {
    Same,
    /// Spelled differently, alike letter by letter (Jaro–Winkler similarity).
    Spelling(f64),
    /// Spelled differently, alike by ear.
    Sound,
    /// An initial standing for the word ("J." for "John").
    Initial,
}

impl WordMatch {
    pub(super) fn weight(&self) -> f64 {
        match self {
            WordMatch::Same => 1.0,
            WordMatch::Spelling(similarity) => *similarity,
            WordMatch::Sound => 0.9,
            WordMatch::Initial => 0.85,
        }
    }
}

/// The similarity above which two words are one spelled differently.
const ALIKE: f64 = 0.9;

/// Whether word `a` may be word `b` spelled another way.
pub(super) fn match_words(a: &Word, b: &Word) -> Option<WordMatch> {
    if a.text == b.text {
        return Some(WordMatch::Same);
    }
    // A number is not spelled another way, nor an initial of a longer one.
    if a.numbered || b.numbered {
        return None;
    }
    let (short, long) = if a.chars <= b.chars { (a, b) } else { (b, a) };
    if short.is_initial() {
        let stands_for =
            long.text.starts_with(&short.text) || long.skeleton.starts_with(&short.skeleton);
        return stands_for.then_some(WordMatch::Initial);
    }
    // Short words differ by one letter too easily to be called one ("kim" and "kin").
    if short.chars < 4 {
        return None;
    }
    // Jaro similarity is at most (m / |a| + m / |b| + 1) / 3 for m letters in common, and
    // Winkler's bonus adds at most a tenth of what is left per letter of common prefix (up to
    // four): pairs that cannot reach the bar are not compared letter by letter. m is at most
    // the letters of the shorter word found anywhere in the longer.
    let common = if short.text.is_ascii() && long.text.is_ascii() {
        short
            .text
            .bytes()
            .filter(|b| !b.is_ascii_lowercase() || long.letters & 1 << (b - b'a') != 0)
            .count()
    } else {
        short.chars
    };
    let jaro_bound =
        (common as f64 / short.chars as f64 + common as f64 / long.chars as f64 + 1.0) / 3.0;
    let prefix = short
        .text
        .bytes()
        .zip(long.text.bytes())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count();
    if jaro_bound + 0.1 * prefix as f64 * (1.0 - jaro_bound) >= ALIKE {
        let similarity = strsim::jaro_winkler(&a.text, &b.text);
        if similarity >= ALIKE {
            return Some(WordMatch::Spelling(similarity));
        }
    }
    if a.skeleton == b.skeleton {
        return Some(WordMatch::Sound);
    }
    match (&a.sound, &b.sound) {
        (Some(x), Some(y)) if x == y && a.text.as_bytes()[0] == b.text.as_bytes()[0] => {
            Some(WordMatch::Sound)
        }
        _ => None,
    }
}

/// How two names meet: each word of the shorter matched to its own word of the longer, in
/// any order ("Defence Ministry", "Ministry of Defence"), or not at all.
#[derive(Clone, Debug)]
pub(super) struct NameMatch {
    /// Each word of the shorter name, the word of the longer it met, and how.
    pub(super) pairs: SmallVec<[(String, String, WordMatch); 4]>,
    /// The longer name's words that met none: a first name added, an edition's words.
    pub(super) extra: SmallVec<[String; 2]>,
    /// Titles either name had that the other did not.
    pub(super) titles: SmallVec<[String; 1]>,
    /// From 0 to 1.
    pub(super) score: f64,
}

/// The score of two names, every word of the shorter met: a base for a shared core, raised
/// by how alike the met words are and how much of the longer they cover. "Kirby" and "John
/// Kirby" score 0.86; "Zelensky" and "Zelenskyy" 0.99; the same words 1.
const BASE: f64 = 0.72;

/// Each word of the shorter name (by index) with the word of the longer it meets, and the
/// score; the shorter first.
type Alignment = (SmallVec<[(usize, usize, WordMatch); 4]>, f64);

fn align<'n>(a: &'n NameForm, b: &'n NameForm) -> Option<(&'n NameForm, &'n NameForm, Alignment)> {
    let (short, long) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    // A name of initials alone meets nothing: "J." is not a name.
    if short.words.iter().all(Word::is_initial) {
        return None;
    }
    let mut used: SmallVec<[bool; 6]> = SmallVec::from_elem(false, long.words.len());
    let mut pairs: SmallVec<[(usize, usize, WordMatch); 4]> = SmallVec::new();
    for (at, word) in short.words.iter().enumerate() {
        let best = long
            .words
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .filter_map(|(i, other)| match_words(word, other).map(|m| (i, m)))
            .max_by(|x, y| x.1.weight().total_cmp(&y.1.weight()).then(y.0.cmp(&x.0)))?;
        used[best.0] = true;
        pairs.push((at, best.0, best.1));
    }
    let mean = pairs.iter().map(|p| p.2.weight()).sum::<f64>() / pairs.len() as f64;
    let all_same = pairs.iter().all(|p| p.2 == WordMatch::Same);
    let score = if all_same && short.words.len() == long.words.len() {
        1.0
    } else {
        BASE + (1.0 - BASE) * mean * short.words.len() as f64 / long.words.len() as f64
    };
    Some((short, long, (pairs, score)))
}

/// The score of two names, or `None` if they do not meet: [`match_names`] without the
/// words it names, for comparing many pairs.
pub(crate) fn score_names(a: &NameForm, b: &NameForm) -> Option<f64> {
    align(a, b).map(|(_, _, (_, score))| score)
}

/// How two names meet, word by word, for explaining a candidate.
pub(super) fn match_names(a: &NameForm, b: &NameForm) -> Option<NameMatch> {
    let (short, long, (aligned, score)) = align(a, b)?;
    let pairs = aligned
        .iter()
        .map(|(i, j, m)| {
            (
                short.words[*i].text.clone(),
                long.words[*j].text.clone(),
                m.clone(),
            )
        })
        .collect();
    let extra = long
        .words
        .iter()
        .enumerate()
        .filter(|(j, _)| !aligned.iter().any(|p| p.1 == *j))
        .map(|(_, w)| w.text.clone())
        .collect();
    let mut titles: SmallVec<[String; 1]> = SmallVec::new();
    for title in a.titles.iter().chain(&b.titles) {
        let on_both = a.titles.contains(title) && b.titles.contains(title);
        if !on_both && !titles.contains(title) {
            titles.push(title.clone());
        }
    }
    Some(NameMatch {
        pairs,
        extra,
        titles,
        score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(a: &str, b: &str) -> Option<f64> {
        let person = !a.contains("Ministry");
        match_names(&NameForm::of(a, person), &NameForm::of(b, person))
            .map(|m| (m.score * 100.0).round() / 100.0)
    }

    #[test]
    fn names_meet_on_their_words_not_their_letters() {
        assert_eq!(score("Kirby", "John Kirby"), Some(0.86));
        assert_eq!(score("President Macron", "Emmanuel Macron"), Some(0.86));
        assert_eq!(score("Defence Ministry", "Ministry of Defence"), Some(1.0));
        assert_eq!(
            score("Ministry of Defence", "Ministry of Foreign Affairs"),
            None
        );
        assert!(score("Zelensky", "Volodymyr Zelenskyy").unwrap() > 0.85);
        assert!(score("Зеленский", "Zelenskii").unwrap() > 0.99);
        assert_eq!(score("John Kirby", "John Kerry"), None);
        assert_eq!(score("Anna Kirby", "John Kirby"), None);
        assert_eq!(score("J.", "John Kirby"), None);
        assert!(score("J. Kirby", "John Kirby").unwrap() > 0.9);
        assert!(score("Халлвард Квист", "Hallvard Quist").unwrap() > 0.9);
        assert_eq!(skeleton("tolminskiy"), skeleton("tolminsky"));
        assert_ne!(skeleton("kirby"), skeleton("kerry"));
    }

    #[test]
    fn numbers_meet_only_themselves() {
        assert_eq!(score("Resolution 2334", "Resolution 2234"), None);
        assert_eq!(score("Route 66", "Route 6"), None);
        assert_eq!(score("Brigade 27732", "Brigade 27332"), None);
        assert_eq!(score("G7", "G8"), None);
        assert_eq!(score("Unit 1", "Unit 12"), None);
        assert_eq!(score("1st Brigade", "2nd Brigade"), None);
        assert!(score("Resolution 2334", "UN Resolution 2334").unwrap() > 0.85);
        assert!(score("Brigade 93 Kholodny Yar", "Brigade 93 Holodnyi Yar").unwrap() > 0.9);
    }
}
