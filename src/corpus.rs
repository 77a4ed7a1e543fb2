//! A generator of test corpora: deterministic reports in English and French about one event,
//! with what real ones carry — transliteration variants of names, dates in both languages,
//! publisher furniture, a wire passage that outlets copy, and quoted claims.
//!
//! Filler sentences are made of pseudo-words between real function words, so the language is
//! detectable and unrelated reports share no passage by chance. Used by the benchmarks and by
//! `triangulate generate-corpus`.

use std::fmt::Write as _;

/// Spellings of the same people, as different outlets transliterate them.
const PEOPLE: [&str; 10] = [
    "Ahmad Massoud",
    "Ahmed Massoud",
    "Amrullah Saleh",
    "Zabihullah Mujahid",
    "Zabihullah Moudjahid",
    "Fahim Dashti",
    "Ali Maisam Nazary",
    "Ahmad Shah Massoud",
    "Hamid Karzai",
    "Abdullah Abdullah",
];

/// Spellings of the same places, in English and French forms.
const PLACES: [&str; 10] = [
    "Panjshir", "Panjsher", "Panshir", "Panchir", "Kabul", "Kaboul", "Bazarak", "Charikar",
    "Parwan", "Rukha",
];

/// The passage a wire agency sends and outlets copy word for word.
pub const WIRE: &str = "Taliban fighters were moving towards the valley on Sunday, the group said, as the last pocket of armed opposition to the new rulers refused to lay down its weapons a week after the fall of the capital.";

/// Syllables that pseudo-words are made of, with each language's usual letter groups so that
/// the language is recognised.
const SYLLABLES_EN: [&str; 24] = [
    "th", "ing", "er", "ed", "ly", "ow", "an", "st", "ea", "re", "nd", "ght", "wh", "ck", "ay",
    "ka", "ro", "mi", "ten", "dal", "sur", "lo", "tor", "mek",
];
const SYLLABLES_FR: [&str; 24] = [
    "eau", "oi", "ent", "ion", "que", "ai", "ou", "eur", "ille", "ette", "on", "re", "es", "ais",
    "ée", "au", "ka", "ro", "mi", "ten", "dal", "sur", "lo", "tor",
];

const MONTHS_EN: [&str; 2] = ["August", "September"];
const MONTHS_FR: [&str; 2] = ["août", "septembre"];

/// A language the generator writes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// English.
    English,
    /// French.
    French,
}

/// A claim the generator planted: who says what, in which file, in which words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlantedClaim {
    /// The quoted words, exactly as in the text.
    pub quote: String,
    /// The speaker.
    pub speaker: String,
    /// "surrender rumors" or "propaganda denial".
    pub code: &'static str,
    /// "asserts" or "denies".
    pub stance: &'static str,
}

/// One generated report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// A file name for it.
    pub file: String,
    /// The text, with a leading date line.
    pub text: String,
    /// Its language.
    pub language: Language,
    /// The claims it quotes.
    pub claims: Vec<PlantedClaim>,
}

/// A small, fast, deterministic generator (xorshift), so a seed always gives the same corpus.
struct Dice(u64);

impl Dice {
    fn new(seed: u64) -> Self {
        Self(
            seed.wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407)
                | 1,
        )
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n.max(1) as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The report for `seed`: about 5 KB; every third in French; every tenth carries the wire
/// passage; each quotes a claim or a denial.
pub fn report(seed: u64) -> Report {
    let mut dice = Dice::new(seed);
    let language = if seed % 3 == 2 {
        Language::French
    } else {
        Language::English
    };
    let (month, day) = (dice.below(2), 1 + dice.below(28));
    let mut text = format!(" date 2021-{:02}-{day:02}\n", 8 + month);
    let place = dice.pick(&PLACES);
    let _ = match language {
        Language::English => writeln!(text, "Report {seed}: fighting around {place}\n"),
        Language::French => writeln!(text, "Dépêche {seed} : combats autour du {place}\n"),
    };
    let syllables: &[&str] = match language {
        Language::English => &SYLLABLES_EN,
        Language::French => &SYLLABLES_FR,
    };
    let (function_words, months): (&[&str], &[&str]) = match language {
        Language::English => (
            &[
                "the", "of", "and", "in", "with", "was", "for", "that", "they", "said", "were",
                "from", "had", "after", "would", "which", "their", "this",
            ],
            &MONTHS_EN,
        ),
        Language::French => (
            &[
                "le", "la", "les", "de", "des", "et", "dans", "avec", "était", "pour", "que",
                "ils", "ont", "après", "selon", "qui", "leur", "cette",
            ],
            &MONTHS_FR,
        ),
    };
    let speaker = dice.pick(&PEOPLE);
    let (quote, code, stance) = match (language, dice.below(2)) {
        (Language::English, 0) => (
            format!("Talks on the surrender of {place} are under way, report {seed} says"),
            "surrender rumors",
            "asserts",
        ),
        (Language::English, _) => (
            format!("There is no surrender in {place}; report {seed} repeats propaganda"),
            "propaganda denial",
            "denies",
        ),
        (Language::French, 0) => (
            format!("La reddition du {place} se négocie, selon la dépêche {seed}"),
            "surrender rumors",
            "asserts",
        ),
        (Language::French, _) => (
            format!(
                "Il n'y a aucune reddition au {place}, la dépêche {seed} relaie une propagande"
            ),
            "propaganda denial",
            "denies",
        ),
    };
    let quote_paragraph = 1 + dice.below(5);
    let mut paragraph = 0;
    let mut quoted = false;
    while text.len() < 5_000 {
        let length = 8 + dice.below(14);
        for index in 0..length {
            match dice.below(12) {
                0 => text.push_str(dice.pick(&PEOPLE)),
                1 => text.push_str(dice.pick(&PLACES)),
                2 if index > 0 => {
                    let day = 1 + dice.below(28);
                    let month = months[dice.below(months.len())];
                    let _ = match language {
                        Language::English => write!(text, "on {month} {day}"),
                        Language::French => write!(text, "le {day} {month}"),
                    };
                }
                3..=6 => text.push_str(function_words[dice.below(function_words.len())]),
                _ => {
                    for _ in 0..1 + dice.below(3) {
                        text.push_str(syllables[dice.below(syllables.len())]);
                    }
                }
            }
            text.push(if index + 1 == length { '.' } else { ' ' });
        }
        text.push(' ');
        if dice.below(5) == 0 {
            text.push_str("\n\n");
            paragraph += 1;
            if paragraph == quote_paragraph {
                quoted = true;
                let _ = match language {
                    Language::English => write!(text, "“{quote},” {speaker} said.\n\n"),
                    Language::French => write!(text, "« {quote} », a déclaré {speaker}.\n\n"),
                };
            }
        }
    }
    if !quoted {
        let _ = match language {
            Language::English => write!(text, "\n\n“{quote},” {speaker} said."),
            Language::French => write!(text, "\n\n« {quote} », a déclaré {speaker}."),
        };
    }
    if seed.is_multiple_of(10) {
        let _ = write!(text, "\n\n{WIRE}\n");
    }
    text.push_str(match language {
        Language::English => "\n\nRead also: ten photos of the week\n",
        Language::French => "\n\nÀ lire aussi : dix photos de la semaine\n",
    });
    if seed % 4 == 1 {
        text.push_str(match language {
            Language::English => "\nDownload our app on the App Store and Google Play\n",
            Language::French => "\nTéléchargez l'application sur l'App Store et Google Play\n",
        });
    }
    Report {
        file: format!("report-{seed:05}.txt"),
        text,
        language,
        claims: vec![PlantedClaim {
            quote,
            speaker: speaker.to_owned(),
            code,
            stance,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_always_gives_the_same_report_and_seeds_differ() {
        assert_eq!(report(7), report(7));
        assert_ne!(report(7).text, report(8).text);
    }

    #[test]
    fn reports_read_as_their_language_and_carry_what_was_planted() {
        for seed in 0..12 {
            let generated = report(seed);
            let imported =
                crate::import::document_from_bytes(generated.text.as_bytes(), &generated.file)
                    .expect("a generated report imports")
                    .document;
            let code = match generated.language {
                Language::English => "en",
                Language::French => "fr",
            };
            assert_eq!(imported.language.as_deref(), Some(code), "seed {seed}");
            assert!(imported.date.is_some(), "the date line is read");
            for claim in &generated.claims {
                assert!(generated.text.contains(&claim.quote), "seed {seed}");
            }
            assert_eq!(generated.text.contains(WIRE), seed.is_multiple_of(10));
            assert!(
                !imported.boilerplate.is_empty(),
                "the furniture lines are set aside: seed {seed}"
            );
        }
    }
}
