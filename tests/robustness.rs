//! Whatever a user feeds the readers, they answer with a graph or a typed error, and never panic:
//! arbitrary text, and the seed's own file with random damage.

use eventkg::*;
use proptest::prelude::*;

const SEED: &str = include_str!("../seeds/000_404871ae4e9fadb6.toml");

/// Replaces `len` bytes at `at` with `with`, keeping the text valid UTF-8.
fn damage(text: &str, at: usize, len: usize, with: &str) -> String {
    let mut start = at % text.len().max(1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{with}{}", &text[..start], &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = io::from_str(&text, "any.toml");
        let _ = io::check_str(&text, "any.toml");
        let _ = io::json::from_str(&text);
        let _ = text.parse::<FuzzyDate>();
        let _ = text.parse::<EntityKind>();
        let _ = text.parse::<EntityId>();
        let _ = normalize_name(&text);
    }

    #[test]
    fn a_damaged_seed_loads_or_says_where(at in 0usize..20_000, len in 0usize..40, with in "[\\[\\]{}=\"#\n a-z0-9._~-]{0,12}") {
        let seed = SEED.replace("text_file = \"000_404871ae4e9fadb6.txt\"", "");
        let text = damage(&seed, at, len, &with);
        match io::from_str(&text, "damaged.toml") {
            Ok(graph) => prop_assert!(graph.entity_count() > 0),
            Err(error) => match (error.location(), error.kind()) {
                (Some(at), _) => {
                    prop_assert!(at.line() >= 1 && at.column().is_some_and(|c| c >= 1));
                    prop_assert!(at.line() <= text.lines().count() + 1);
                }
                // A damaged `text_file` path, or a file loaded without a folder to read it from.
                (None, ErrorKind::Io { .. }) => {}
                (None, _) => prop_assert!(false, "an unlocated error: {error}"),
            },
        }
        // The collecting checker agrees: no problems exactly when the file loads.
        let problems = io::check_str(&text, "damaged.toml");
        let loads = io::from_str(&text, "damaged.toml").is_ok();
        prop_assert_eq!(problems.is_empty(), loads);
    }

    #[test]
    fn damaged_json_is_refused_or_loaded(at in 0usize..60_000, len in 0usize..20, with in "[\\[\\]{}:,\"0-9a-z ]{0,8}") {
        let graph = io::from_str(&SEED.replace("text_file = \"000_404871ae4e9fadb6.txt\"", ""), "seed.toml").unwrap();
        let json = io::json::to_string(&graph, false).unwrap();
        let text = damage(&json, at, len, &with);
        let loaded = io::json::from_str(&text);
        if let Ok(back) = &loaded {
            // Whatever loads is a valid graph: it survives its own round trip.
            let again = io::json::from_str(&io::json::to_string(back, false).unwrap()).unwrap();
            prop_assert_eq!(&again, back);
        }
        // Streamed, the same text gives the same graph or the same error, on the same line (a
        // stream has read a byte further when a record is refused, so a column may be one on).
        match (loaded, io::json::from_reader(text.as_bytes())) {
            (Ok(whole), Ok(streamed)) => prop_assert_eq!(whole, streamed),
            (Err(whole), Err(streamed)) => {
                let (a, b) = (whole.location().unwrap(), streamed.location().unwrap());
                prop_assert_eq!(std::mem::discriminant(whole.kind()), std::mem::discriminant(streamed.kind()));
                prop_assert_eq!(a.line(), b.line());
                prop_assert!(a.column().unwrap().abs_diff(b.column().unwrap()) <= 1, "{} and {}", whole, streamed);
            }
            (whole, streamed) => prop_assert!(false, "{:?} read whole, {:?} streamed", whole.err(), streamed.err()),
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("a = {}1{}", "[".repeat(50_000), "]".repeat(50_000));
    assert!(io::from_str(&deep, "deep.toml").is_err());
    let deep_json = format!(
        "{{\"format\":\"eventkg\",\"format_version\":1,\"graph\":{}{}}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    assert!(io::json::from_str(&deep_json).is_err());
}

#[test]
fn an_oversized_value_is_refused_by_name_wherever_it_comes_from() {
    let long_name = "N".repeat(MAX_NAME_BYTES + 1);
    let mut graph = EventGraph::new();
    let refused = graph.add_entity(Entity::new(EntityKind::Person, long_name.clone()));
    match refused.map_err(Error::into_kind) {
        Err(ErrorKind::InvalidValue {
            what,
            value,
            reason,
        }) => {
            assert_eq!(what, "entity name");
            assert!(
                value.len() < 100,
                "the message shows the start, not the whole value"
            );
            assert!(
                reason.contains("1025 bytes") && reason.contains("1024"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    let name = "N".repeat(MAX_NAME_BYTES);
    assert!(
        graph
            .add_entity(Entity::new(EntityKind::Person, name))
            .is_ok()
    );

    // The same bound in a graph file, located, and in JSON.
    let file = format!("[[entity]]\nkind = \"person\"\nname = \"{long_name}\"\n");
    match io::from_str(&file, "long.toml") {
        Err(error) => {
            assert_eq!(error.location().map(Location::line), Some(3));
            assert!(
                error
                    .kind()
                    .to_string()
                    .contains("more than the 1024 bytes"),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
    let ok = EventGraph::new();
    let json = io::json::to_string(&ok, false).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["graph"]["documents"] =
        serde_json::json!([{ "key": "doc", "text": "x".repeat(MAX_TEXT_BYTES + 1) }]);
    let error = io::json::from_str(&value.to_string()).unwrap_err();
    assert!(error.to_string().contains("document text"), "{error}");
    assert!(error.to_string().len() < 400);
}
