//! Who wrote a page and who published it, as its metadata gives them: the people in an author
//! field, without the outlet, the agency desk, a dateline, credentials or a date glued on; and
//! the outlet without a web address or a tagline.

/// Month names and their abbreviations in English and French, as they end a byline glued to a
/// date ("Carrie Arnold November 12").
const MONTHS: [&str; 33] = [
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "octobre",
];

/// Words that end a byline without being part of a name ("… Published", "… Updated").
const STAMPS: [&str; 5] = ["published", "updated", "posted", "publié", "mis"];

/// Words of a job in the press: a part that ends with one names a desk, not a person ("AP
/// National Security Writer").
const ROLES: [&str; 10] = [
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "columnist",
    "contributor",
    "staff",
    "reports",
    "journaliste",
    "rédaction",
];

/// Words that end an organisation's name: a part with one is not a person ("NJ Advance Media",
/// "National Trade Productions", "Associated Press").
const BODIES: [&str; 14] = [
    "media",
    "press",
    "news",
    "service",
    "services",
    "agency",
    "productions",
    "shows",
    "network",
    "international",
    "business",
    "inc",
    "ltd",
    "group",
];

/// The people an author field names, joined by "; ", or the field cleaned when it names none.
/// `outlet` is the page's outlet: a part that repeats it goes.
pub fn clean_author(raw: &str, outlet: &str) -> String {
    // Credentials follow a name ("Rachael Link; MS; RD"); an agency's acronym may come first.
    let parts: Vec<String> = raw
        .split(';')
        .map(without_trailing_stamps)
        .map(|part| without_glued_body(&part))
        .enumerate()
        .filter(|(index, part)| !(part.is_empty() || *index > 0 && is_credential(part)))
        .map(|(_, part)| part)
        .collect();
    let outlet = comparable(outlet);
    let repeats_outlet = |part: &str| {
        let part = comparable(part);
        !outlet.is_empty()
            && !part.is_empty()
            && (part == outlet || outlet.contains(&part) || part.contains(&outlet))
    };
    let people: Vec<&String> = parts
        .iter()
        .filter(|part| looks_like_a_person(part) && !repeats_outlet(part))
        .collect();
    if people.is_empty() {
        // A site's account ("Admin", "webmaster") or its own staff ("JERUSALEM POST STAFF")
        // names nobody: no author is better than a false one. An agency ("PTI") stays.
        return parts
            .into_iter()
            .next()
            .filter(|part| {
                let newsroom = part
                    .rsplit_once(' ')
                    .map_or(part.as_str(), |(newsroom, _)| newsroom);
                !(is_account(part) || is_staff(part) && repeats_outlet(newsroom))
            })
            .unwrap_or_default();
    }
    people
        .into_iter()
        .map(|part| title_case_if_shouted(part))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The outlet a page's site name gives: not a web address, and without a tagline after a bar
/// ("The Jerusalem Post | JPost.com", "LinkNaija | Nigeria's popular news platform").
/// `hostname` stands in for an address.
pub fn clean_outlet(site_name: &str, hostname: &str) -> String {
    let first = site_name
        .split([';', '|'])
        .map(str::trim)
        .find(|part| !part.is_empty())
        .unwrap_or("");
    if first.starts_with("http://") || first.starts_with("https://") || first.is_empty() {
        return hostname.trim().trim_start_matches("www.").to_owned();
    }
    first.to_owned()
}

/// A part without the month names, day numbers and stamps that trail it ("Carrie Arnold
/// November" → "Carrie Arnold", "Detroit News wire services Published" → "Detroit News wire
/// services").
///
/// A month that is also a name ("Theresa May", "Brian August") goes only after a day number,
/// and only a name of three words or more loses a month.
fn without_trailing_stamps(part: &str) -> String {
    const ALSO_NAMES: [&str; 6] = ["may", "june", "april", "august", "mai", "juin"];
    let mut words: Vec<&str> = part.split_whitespace().collect();
    let mut after_a_day = false;
    while words.len() > 1 {
        let last = words[words.len() - 1]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let number = !last.is_empty() && last.chars().all(|c| c.is_ascii_digit());
        let month = MONTHS.contains(&last.as_str())
            && words.len() >= 3
            && (after_a_day || !ALSO_NAMES.contains(&last.as_str()));
        if number || month || STAMPS.contains(&last.as_str()) {
            after_a_day |= number;
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// A person's name with an organisation's glued after it ("Finian Cunningham Sputnik
/// International", "JILL LAWLESS Associated Press"): the two words before it.
fn without_glued_body(part: &str) -> String {
    let words: Vec<&str> = part.split_whitespace().collect();
    let ends_in_body = words
        .last()
        .is_some_and(|word| BODIES.contains(&word.to_lowercase().as_str()));
    if words.len() >= 4 && ends_in_body && looks_like_a_person(&words[..2].join(" ")) {
        return words[..2].join(" ");
    }
    words.join(" ")
}

/// "MS", "RD", "RDN", "PhD": letters after a name, not a name.
fn is_credential(part: &str) -> bool {
    let letters = part.trim_matches('.');
    !letters.contains(' ')
        && (2..=4).contains(&letters.chars().count())
        && letters.chars().all(char::is_alphabetic)
        && letters.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Two to four capitalised words with no word of an organisation or a job in the press.
fn looks_like_a_person(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && !word.chars().any(|c| c.is_ascii_digit())
        })
        && !words.iter().any(|word| {
            let word = word.to_lowercase();
            BODIES.contains(&word.as_str()) || ROLES.contains(&word.as_str())
        })
}

/// Whether a credit is a site's account rather than a name: "Admin", "Jdadmin", "webmaster",
/// "Guest".
fn is_account(part: &str) -> bool {
    const ACCOUNTS: [&str; 12] = [
        "admin",
        "administrator",
        "administrateur",
        "webmaster",
        "user",
        "guest",
        "anonymous",
        "anonyme",
        "unknown",
        "inconnu",
        "root",
        "moderator",
    ];
    let word = part.trim().to_lowercase();
    // One word made on an account's name: "Jdadmin", "siteadmin", "admin2".
    let one_word = !word.contains(char::is_whitespace);
    ACCOUNTS.contains(&word.as_str())
        || one_word && (word.ends_with("admin") || word.starts_with("admin"))
}

/// Whether a credit ends with a word for a newsroom's staff: "Jerusalem Post Staff", "AFP
/// desk", "La rédaction".
fn is_staff(part: &str) -> bool {
    part.split_whitespace().last().is_some_and(|word| {
        matches!(
            word.to_lowercase().as_str(),
            "staff" | "desk" | "team" | "newsroom" | "rédaction" | "redaction" | "staffers"
        )
    })
}

/// "DANICA KIRKA" → "Danica Kirka"; a name in mixed case stays as written.
fn title_case_if_shouted(part: &str) -> String {
    if part.chars().any(char::is_lowercase) {
        return part.to_owned();
    }
    part.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letters and digits only, lower case: "Cleveland.com" and "Cleveland com" compare equal.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_field_gives_its_people_only() {
        for (raw, outlet, expected) in [
            ("Carrie Arnold November", "Quanta Magazine", "Carrie Arnold"),
            ("Amy Kuperinsky; NJ Advance Media", "Nj", "Amy Kuperinsky"),
            ("Jill Disis; CNN Business", "CNN", "Jill Disis"),
            (
                "ROBERT BURNS; AP National Security Writer",
                "Houston Chronicle",
                "Robert Burns",
            ),
            ("Rachael Link; MS; RD", "Healthline Media", "Rachael Link"),
            (
                "Jeff Foust; Smarter Shows; National Trade Productions",
                "SpaceNews.com",
                "Jeff Foust",
            ),
            (
                "DANICA KIRKA; JILL LAWLESS Associated Press",
                "Hosted",
                "Danica Kirka; Jill Lawless",
            ),
            (
                "Finian Cunningham Sputnik International",
                "SputnikInt",
                "Finian Cunningham",
            ),
            (
                "Lia Eustachewich; Yaron Steinbuch",
                "New York Post",
                "Lia Eustachewich; Yaron Steinbuch",
            ),
            ("Troy L Smith; Cleveland com", "Cleveland", "Troy L Smith"),
            // No person in it: the field's first part, cleaned.
            ("PTI; Washington; Nov", "DH News Service", "PTI"),
            (
                "Detroit News wire services Published",
                "The Detroit News",
                "Detroit News wire services",
            ),
            ("The Associated Press", "CTV News", "The Associated Press"),
            ("Editorial", "The Guardian", "Editorial"),
            // A site's account or its own staff is no author.
            ("Admin", "LinkNaija", ""),
            ("Jdadmin", "Jewish Daily", ""),
            ("webmaster", "Kabul Now", ""),
            ("JERUSALEM POST STAFF", "The Jerusalem Post", ""),
            // Another newsroom's staff says where the copy came from.
            ("Reuters Staff", "The Jerusalem Post", "Reuters Staff"),
            ("", "The Guardian", ""),
            ("Theresa May", "BBC News", "Theresa May"),
            ("Mary Ann May 12", "BBC News", "Mary Ann"),
        ] {
            assert_eq!(clean_author(raw, outlet), expected, "{raw}");
        }
    }

    #[test]
    fn an_outlet_is_a_name_not_an_address_or_a_tagline() {
        assert_eq!(
            clean_outlet("The Jerusalem Post | JPost.com", "www.jpost.com"),
            "The Jerusalem Post"
        );
        assert_eq!(
            clean_outlet("https://www.facebook.com/CBSNews", "www.cbsnews.com"),
            "cbsnews.com"
        );
        assert_eq!(clean_outlet("", "www.example.org"), "example.org");
        assert_eq!(clean_outlet("Le Monde", "www.lemonde.fr"), "Le Monde");
    }
}
