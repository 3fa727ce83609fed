//! The seed article, built statement by statement through the public API. Shared by the tests
//! and the examples, so that all of them speak of the same graph.

#![allow(dead_code)]

use eventkg::export::DotWriter;
use eventkg::*;

pub const ARTICLE: &str = include_str!("../../seeds/000_404871ae4e9fadb6.txt");

/// The states France's letters invited, in the order the article names them.
pub const INVITED: [&str; 9] = [
    "United States",
    "United Kingdom",
    "Poland",
    "Netherlands",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Denmark",
    "Sweden",
];

pub struct Seed {
    pub graph: EventGraph,
    pub doc: DocumentId,
    pub letter: EventId,
    pub mission: EventId,
    pub opposition: EventId,
    pub kirby_statement: EventId,
    pub meeting: EventId,
    pub macron_statement: EventId,
    pub coalition_plan: EventId,
    pub german_refusal: EventId,
    pub escalation: EventId,
    pub eumam_plan: EventId,
}

pub fn id(graph: &EventGraph, name: &str) -> EntityId {
    graph
        .find_entity(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn build() -> Result<Seed, Error> {
    let mut g = EventGraph::new();
    let state = |name: &str, code: &str| -> Result<Entity, Error> {
        Ok(Entity::new(EntityKind::State, name).country(code.parse()?))
    };

    // Outlets and the document: UNN publishes what Welt reported.
    let unn = g.add_entity(
        Entity::new(EntityKind::MediaOutlet, "UNN")
            .alias("Ukrainian National News")
            .country("UKR".parse()?),
    )?;
    let welt = g.add_entity(
        Entity::new(EntityKind::MediaOutlet, "Welt")
            .alias("Die Welt")
            .country("DEU".parse()?),
    )?;
    let first_line = ARTICLE.lines().next().unwrap_or_default();
    let published: NaiveDate = first_line
        .split_whitespace()
        .nth(1)
        .and_then(|d| d.parse().ok())
        .expect("the first line carries the date");
    let doc = g.add_document(
        Document::new("000_404871ae4e9fadb6")
            .publisher(unn)
            .published(published)
            .language("en")
            .text(ARTICLE),
    )?;
    let told = |quote: &str| Source::new(doc).via(welt).quote(quote);
    let said = |speaker: EntityId, quote: &str| told(quote).attributed_to(speaker);

    // States, with the metonyms the article uses.
    let france = g.add_entity(state("France", "FRA")?.alias("Paris"))?;
    let us = g.add_entity(
        state("United States", "USA")?
            .alias("US")
            .alias("Washington")
            .alias("the Americans"),
    )?;
    let germany = g.add_entity(state("Germany", "DEU")?)?;
    let italy = g.add_entity(state("Italy", "ITA")?)?;
    let spain = g.add_entity(state("Spain", "ESP")?)?;
    let mut invited = vec![us];
    for (name, code, alias) in [
        ("United Kingdom", "GBR", "UK"),
        ("Poland", "POL", "Polska"),
        ("Netherlands", "NLD", "The Netherlands"),
        ("Estonia", "EST", "Eesti"),
        ("Latvia", "LVA", "Latvija"),
        ("Lithuania", "LTU", "Lietuva"),
        ("Denmark", "DNK", "Danmark"),
        ("Sweden", "SWE", "Sverige"),
    ] {
        invited.push(g.add_entity(state(name, code)?.alias(alias))?);
    }
    let hungary = g.add_entity(state("Hungary", "HUN")?)?;
    let ukraine = g.add_entity(state("Ukraine", "UKR")?)?;
    let berlin = g.add_entity(Entity::new(EntityKind::Place, "Berlin").country("DEU".parse()?))?;
    g.add_relation(Relation::new(berlin, RelationKind::PartOf, germany))?;

    // Alliances, missions and the proposed coalition.
    let eu = g.add_entity(
        Entity::new(EntityKind::Intergovernmental, "European Union")
            .alias("EU")
            .alias("Brussels"),
    )?;
    let eumam = g.add_entity(
        Entity::new(EntityKind::Mission, "EUMAM")
            .alias("EU Military Assistance Mission in support of Ukraine")
            .alias("EU training mission in Ukraine")
            .source(told("the existing EU training mission in Ukraine (EUMAM)")),
    )?;
    g.add_relation(
        Relation::new(eumam, RelationKind::PartOf, eu)
            .source(told("the existing EU training mission in Ukraine (EUMAM)")),
    )?;
    let coalition = g.add_entity(
        Entity::new(EntityKind::Intergovernmental, "coalition of applicants")
            .alias("coalition of comers")
            .attribute("status", "proposed")
            .source(told(
                "as part of a multinational \"coalition of applicants\"",
            ))
            .source(told("as part of a multinational \"coalition of comers\"")),
    )?;

    // Bodies and people, with their titles.
    let general_staff = g.add_entity(
        Entity::new(EntityKind::ArmedForce, "French General Staff").country("FRA".parse()?),
    )?;
    g.add_relation(Relation::new(general_staff, RelationKind::PartOf, france))?;
    let us_government = g.add_entity(
        Entity::new(EntityKind::GovernmentBody, "US government").country("USA".parse()?),
    )?;
    g.add_relation(Relation::new(us_government, RelationKind::PartOf, us))?;
    let nsc = g.add_entity(
        Entity::new(EntityKind::GovernmentBody, "National Security Council")
            .alias("NSC")
            .country("USA".parse()?),
    )?;
    g.add_relation(Relation::new(nsc, RelationKind::PartOf, us_government))?;
    let german_government = g.add_entity(
        Entity::new(EntityKind::GovernmentBody, "German government")
            .alias("German coalition government")
            .country("DEU".parse()?),
    )?;
    g.add_relation(Relation::new(
        german_government,
        RelationKind::PartOf,
        germany,
    ))?;
    let ministry = g.add_entity(
        Entity::new(EntityKind::GovernmentBody, "German Ministry of Defence")
            .alias("Ministry of defense in Berlin")
            .country("DEU".parse()?),
    )?;
    g.add_relation(Relation::new(
        ministry,
        RelationKind::PartOf,
        german_government,
    ))?;
    g.add_relation(
        Relation::new(ministry, RelationKind::LocatedIn, berlin)
            .source(told("the Ministry of defense in Berlin")),
    )?;
    let bundeswehr = g.add_entity(
        Entity::new(EntityKind::ArmedForce, "Bundeswehr")
            .alias("German armed forces")
            .country("DEU".parse()?),
    )?;
    g.add_relation(Relation::new(bundeswehr, RelationKind::PartOf, germany))?;
    let italian_government = g.add_entity(
        Entity::new(EntityKind::GovernmentBody, "Italian government").country("ITA".parse()?),
    )?;
    g.add_relation(Relation::new(
        italian_government,
        RelationKind::PartOf,
        italy,
    ))?;
    let spanish_government = g.add_entity(
        Entity::new(EntityKind::GovernmentBody, "Spanish government").country("ESP".parse()?),
    )?;
    g.add_relation(Relation::new(
        spanish_government,
        RelationKind::PartOf,
        spain,
    ))?;

    let person = |name: &str, alias: &str, code: &str| -> Result<Entity, Error> {
        Ok(Entity::new(EntityKind::Person, name)
            .alias(alias)
            .country(code.parse()?))
    };
    let macron = g.add_entity(person("Emmanuel Macron", "Macron", "FRA")?)?;
    g.add_relation(
        Relation::new(macron, RelationKind::HoldsRole, france)
            .title("President")
            .source(told("French President Emmanuel Macron")),
    )?;
    let biden = g.add_entity(person("Joe Biden", "Biden", "USA")?)?;
    g.add_relation(
        Relation::new(biden, RelationKind::HoldsRole, us)
            .title("President")
            .source(told("US President Joe Biden")),
    )?;
    let kirby = g.add_entity(person("John Kirby", "Kirby", "USA")?)?;
    g.add_relation(
        Relation::new(kirby, RelationKind::HoldsRole, nsc)
            .title("communications director")
            .source(told(
                "National Security Council communications director John Kirby",
            )),
    )?;
    g.add_relation(Relation::new(kirby, RelationKind::SpeaksFor, us_government))?;
    let burkhardt = g.add_entity(person("Thierry Burkhardt", "Burkhard", "FRA")?)?;
    g.add_relation(
        Relation::new(burkhardt, RelationKind::HoldsRole, general_staff)
            .title("chief of the General Staff")
            .source(told(
                "the chief of the French General Staff, Thierry Burkhardt",
            )),
    )?;

    // The unnamed voices the article quotes or counts.
    let group = |name: &str| Entity::new(EntityKind::Group, name);
    let partners = g.add_entity(group("several partners"))?;
    let brussels_diplomats = g.add_entity(group("Brussels diplomats"))?;
    let eu_diplomats = g.add_entity(group("EU diplomats"))?;
    let diplomatic_circles = g.add_entity(group("EU diplomatic circles"))?;
    let most_eu_countries = g.add_entity(group("most EU countries"))?;
    let defence_ministers =
        g.add_entity(group("EU defence ministers").alias("EU defense ministers"))?;

    // The invitation letters, last week, from France through its chief of staff.
    let letter = g.add_event(
        Event::new(EventKind::Invitation)
            .date(g.resolve_date(doc, "last week")?)
            .description("letters inviting allies to a training mission in Ukraine")
            .attribute(
                "recipients",
                "the United States and about ten European countries",
            )
            .source(told(
                "last week the chief of the French General Staff, Thierry Burkhardt, sent a letter",
            )),
    )?;
    let letter_quote =
        "France has sent letters to the United States and about ten European countries";
    g.add_participation(
        Participation::new(france, Role::Initiator, letter).source(told(letter_quote)),
    )?;
    g.add_participation(
        Participation::new(burkhardt, Role::Agent, letter).source(told(
            "Thierry Burkhardt, sent a letter to the United States",
        )),
    )?;
    for &state in &invited {
        let quote = if state == us {
            "sent a letter to the United States"
        } else {
            "including the United Kingdom, Poland, The Netherlands, the three Baltic States, Denmark and Sweden"
        };
        g.add_participation(Participation::new(state, Role::Target, letter).source(told(quote)))?;
    }
    g.add_participation(Participation::new(us, Role::Target, letter).source(told(
        "the Americans have done this before-and still received an invitation",
    )))?;
    g.add_participation(
        Participation::new(ministry, Role::Target, letter)
            .negated()
            .source(told(
                "the Ministry of defense in Berlin did not receive an invitation letter",
            )),
    )?;
    g.add_participation(
        Participation::new(german_government, Role::Target, letter)
            .negated()
            .source(told("Paris bypassed the German government")),
    )?;

    // The proposed mission, who stands where on it, and why.
    let mission = g.add_event(
        Event::new(EventKind::Cooperate)
            .status(EventStatus::Proposed)
            .location(ukraine)
            .description("multinational training mission for Ukrainian soldiers in Ukraine")
            .source(told(
                "a proposal to take part in a training mission in Ukraine",
            )),
    )?;
    g.add_relation(Relation::new(letter, RelationKind::About, mission))?;
    g.add_relation(Relation::new(mission, RelationKind::About, coalition))?;
    g.add_participation(
        Participation::new(france, Role::Initiator, mission).source(told(
            "a proposal to take part in a training mission in Ukraine",
        )),
    )?;
    g.add_participation(
        Participation::new(ukraine, Role::Beneficiary, mission)
            .source(told("to train their fighters")),
    )?;
    let opposed = "the United States, Germany, Italy and Spain opposed the exercise in Ukraine";
    for state in [us, germany, italy, spain] {
        g.add_participation(
            Participation::new(state, Role::Opponent, mission).source(told(opposed)),
        )?;
    }
    g.add_participation(
        Participation::new(most_eu_countries, Role::Opponent, mission).source(said(
            eu_diplomats,
            "Most EU countries oppose holding exercises in Ukraine",
        )),
    )?;
    g.add_participation(
        Participation::new(partners, Role::Supporter, mission)
            .source(said(macron, "Several partners have already agreed")),
    )?;
    g.add_participation(
        Participation::new(diplomatic_circles, Role::Supporter, mission)
            .confidence(Confidence::new(0.6)?)
            .source(said(
                diplomatic_circles,
                "from a military point of view, there are good reasons for training Ukrainian soldiers in their own country",
            )),
    )?;
    g.add_participation(
        Participation::new(bundeswehr, Role::Participant, mission)
            .negated()
            .source(said(
                german_government,
                "German soldiers will not take part in the training mission",
            )),
    )?;

    let opposition = g.add_event(
        Event::new(EventKind::Reject)
            .description("opposition to exercises in Ukraine")
            .source(told(opposed)),
    )?;
    for state in [us, germany, italy, spain] {
        g.add_participation(
            Participation::new(state, Role::Initiator, opposition).source(told(opposed)),
        )?;
    }
    g.add_participation(Participation::new(france, Role::Target, opposition))?;
    g.add_relation(Relation::new(opposition, RelationKind::About, mission))?;
    g.add_relation(Relation::new(opposition, RelationKind::RespondsTo, letter))?;

    let fear = "fear that training on the ground could create a significant risk of escalation and further draw the West into the war in Ukraine";
    let escalation = g.add_event(
        Event::new(EventKind::Other("escalation".into()))
            .status(EventStatus::Hypothetical)
            .description("escalation drawing the West into the war in Ukraine")
            .source(told(fear)),
    )?;
    for government in [german_government, italian_government, spanish_government] {
        g.add_participation(
            Participation::new(government, Role::Concerned, escalation).source(told(fear)),
        )?;
    }
    g.add_relation(
        Relation::new(opposition, RelationKind::MotivatedBy, escalation).source(told(fear)),
    )?;

    // Macron's plan and his weekend statement.
    let coalition_plan = g.add_event(
        Event::new(EventKind::Cooperate)
            .status(EventStatus::Planned)
            .date(g.resolve_date(doc, "within a few days")?)
            .description("form a coalition to send Western military instructors to Ukraine")
            .source(told("Emmanuel Macron plans to form a coalition within a few days to send Western military instructors to Ukraine")),
    )?;
    g.add_participation(Participation::new(macron, Role::Initiator, coalition_plan))?;
    g.add_relation(Relation::new(
        coalition_plan,
        RelationKind::About,
        coalition,
    ))?;
    let macron_statement = g.add_event(
        Event::new(EventKind::Statement)
            .date(g.resolve_date(doc, "over the weekend")?)
            .source(said(
                macron,
                "We are not alone, and we will form this coalition in the coming days",
            )),
    )?;
    g.add_participation(
        Participation::new(macron, Role::Speaker, macron_statement)
            .source(told("Macron said over the weekend")),
    )?;
    g.add_relation(Relation::new(
        macron_statement,
        RelationKind::About,
        coalition_plan,
    ))?;
    let agreement = g.add_event(
        Event::new(EventKind::Agree).source(said(macron, "Several partners have already agreed")),
    )?;
    g.add_participation(Participation::new(partners, Role::Initiator, agreement))?;
    g.add_relation(Relation::new(agreement, RelationKind::RespondsTo, letter))?;
    g.add_relation(Relation::new(
        macron_statement,
        RelationKind::About,
        agreement,
    ))?;

    // Washington's refusal, through Kirby, on the sidelines of Biden's visit.
    let visit = g.add_event(
        Event::new(EventKind::Visit)
            .location(france)
            .source(told("US President Joe Biden's visit to France")),
    )?;
    g.add_participation(Participation::new(biden, Role::Initiator, visit))?;
    g.add_participation(Participation::new(france, Role::Host, visit))?;
    let us_refusal = g.add_event(
        Event::new(EventKind::Reject)
            .description("refuses to send American soldiers to Ukraine")
            .source(told(
                "The US government does not want to participate in this initiative",
            )),
    )?;
    g.add_participation(Participation::new(
        us_government,
        Role::Initiator,
        us_refusal,
    ))?;
    g.add_relation(Relation::new(us_refusal, RelationKind::About, mission))?;
    let kirby_statement = g.add_event(
        Event::new(EventKind::Statement)
            .date(g.resolve_date(doc, "on Friday evening")?)
            .location(france)
            .source(said(kirby, "Washington had made it clear from the very beginning that it did not want to send American soldiers to Ukraine"))
            .source(said(kirby, "This has been the case so far, and it will continue to be the case in the future")),
    )?;
    g.add_participation(
        Participation::new(kirby, Role::Speaker, kirby_statement)
            .source(told("John Kirby said on Friday evening")),
    )?;
    g.add_relation(Relation::new(
        kirby_statement,
        RelationKind::About,
        us_refusal,
    ))?;
    g.add_relation(
        Relation::new(kirby_statement, RelationKind::PartOf, visit).source(told(
            "on the sidelines of US President Joe Biden's visit to France",
        )),
    )?;

    // Berlin's refusal in recent weeks, by Welt's account.
    let german_refusal = g.add_event(
        Event::new(EventKind::Reject)
            .date(g.resolve_date(doc, "in recent weeks")?)
            .description("German soldiers will not take part")
            .source(told("the coalition government has made it clear several times during internal negotiations in recent weeks")),
    )?;
    g.add_participation(Participation::new(
        german_government,
        Role::Initiator,
        german_refusal,
    ))?;
    g.add_relation(Relation::new(german_refusal, RelationKind::About, mission))?;

    // EUMAM: Macron's alternative, what it would need, and its calendar.
    let eumam_plan = g.add_event(
        Event::new(EventKind::Cooperate)
            .status(EventStatus::Planned)
            .description("training mission under the auspices of EUMAM")
            .source(said(brussels_diplomats, "Macron is still trying to organize a training mission under the auspices of the existing EU training mission in Ukraine (EUMAM)")),
    )?;
    g.add_participation(Participation::new(macron, Role::Initiator, eumam_plan))?;
    g.add_participation(Participation::new(eumam, Role::Participant, eumam_plan))?;
    g.add_relation(Relation::new(eumam_plan, RelationKind::About, mission))?;
    let mandate_change = g.add_event(
        Event::new(EventKind::Other("mandate change".into()))
            .status(EventStatus::Hypothetical)
            .source(told("This will require a change in the mission's mandate")),
    )?;
    g.add_relation(Relation::new(mandate_change, RelationKind::About, eumam))?;
    g.add_relation(
        Relation::new(eumam_plan, RelationKind::Requires, mandate_change)
            .source(told("This will require a change in the mission's mandate")),
    )?;
    let review = g.add_event(
        Event::new(EventKind::Other("review".into()))
            .status(EventStatus::Planned)
            .date(g.resolve_date(doc, "in the summer")?)
            .source(told("the mission will be reviewed in the summer")),
    )?;
    g.add_relation(Relation::new(review, RelationKind::About, eumam))?;
    let continuation = g.add_event(
        Event::new(EventKind::Other("continuation".into()))
            .status(EventStatus::Planned)
            .date(g.resolve_date(doc, "in November")?)
            .source(told("should continue in November")),
    )?;
    g.add_participation(Participation::new(eumam, Role::Participant, continuation))?;
    let resistance = g.add_event(
        Event::new(EventKind::Reject)
            .status(EventStatus::Ongoing)
            .source(said(
                eu_diplomats,
                "Brussels is resisting the ideas of Paris",
            )),
    )?;
    g.add_participation(Participation::new(eu, Role::Initiator, resistance))?;
    g.add_participation(Participation::new(france, Role::Target, resistance))?;
    g.add_relation(Relation::new(resistance, RelationKind::About, eumam_plan))?;

    // The defence ministers' meeting in late May, and Hungary's word there.
    let meeting = g.add_event(
        Event::new(EventKind::Meeting)
            .date(g.resolve_date(doc, "in late May")?)
            .description("meeting of EU defence ministers")
            .source(told("a meeting of EU defense ministers in late May")),
    )?;
    g.add_participation(Participation::new(
        defence_ministers,
        Role::Participant,
        meeting,
    ))?;
    g.add_participation(Participation::new(hungary, Role::Participant, meeting))?;
    g.add_participation(Participation::new(eu, Role::Host, meeting))?;
    let hungary_statement = g.add_event(
        Event::new(EventKind::Statement)
            .date(g.resolve_date(doc, "late May")?)
            .source(said(
                hungary,
                "stressed that Ukraine no longer has a real chance of winning the war",
            )),
    )?;
    g.add_participation(Participation::new(
        hungary,
        Role::Speaker,
        hungary_statement,
    ))?;
    g.add_relation(Relation::new(
        hungary_statement,
        RelationKind::PartOf,
        meeting,
    ))?;

    let diplomats_statement = g.add_event(Event::new(EventKind::Statement).source(said(
        diplomatic_circles,
        "there are good reasons for training Ukrainian soldiers in their own country",
    )))?;
    g.add_participation(Participation::new(
        diplomatic_circles,
        Role::Speaker,
        diplomats_statement,
    ))?;
    g.add_relation(Relation::new(
        diplomats_statement,
        RelationKind::About,
        mission,
    ))?;

    Ok(Seed {
        graph: g,
        doc,
        letter,
        mission,
        opposition,
        kirby_statement,
        meeting,
        macron_statement,
        coalition_plan,
        german_refusal,
        escalation,
        eumam_plan,
    })
}

pub fn seed() -> Seed {
    build().unwrap_or_else(|e| panic!("the seed must build: {e}"))
}

/// The seed as its graph file in `seeds/` encodes it.
pub fn load_file() -> EventGraph {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_404871ae4e9fadb6.toml"
    );
    io::read_files([file]).unwrap_or_else(|e| panic!("the seed file must load: {e}"))
}

/// The seed's diagram as the README shows it: a caption naming the story and its reporting
/// chain, and a legend.
pub fn diagram(graph: &EventGraph) -> DotWriter<'_> {
    DotWriter::new(graph)
        .title(
            "France invites allies to a training mission in Ukraine; the US, Germany, Italy and \
             Spain oppose it. UNN, 9 June 2024, reporting Welt.",
        )
        .legend(true)
}
