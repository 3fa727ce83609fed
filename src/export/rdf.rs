//! RDF: [`RdfWriter`], on SEM, PROV-O and the vocabularies they build on.

use crate::EventRef;
use std::io::{self, Write};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedNode, Term, Triple};
use oxttl::{NTriplesSerializer, TurtleSerializer};

use crate::graph::View;
use crate::model::{
    Confidence, EntityKind, FieldValue, FuzzyDate, NodeId, Polarity, RelationKind, Source,
};
use crate::{Error, ErrorKind};

/// The crate's own namespace, for what the established vocabularies lack.
pub const NS: &str = "https://w3id.org/eventkg/ns#";

const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
const PROV: &str = "http://www.w3.org/ns/prov#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const SCHEMA: &str = "https://schema.org/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const WGS84: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";

/// The RDF syntax written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RdfFormat {
    /// Turtle, with the vocabularies' usual prefixes: for people and most tools.
    #[default]
    Turtle,
    /// N-Triples, one triple a line: for bulk loaders.
    NTriples,
}

/// Writes a graph, or a [`View`] of a part of it, as RDF.
///
/// A part is written with the graph's own ids: its nodes, the facts between them and the
/// documents they cite.
///
/// RDF, as Turtle or N-Triples, on established vocabularies: SEM for events, actors, places and
/// roles, PROV-O for sources and attribution, SKOS, FOAF, schema.org and Dublin Core for names
/// and documents; the crate's namespace ([`NS`]) only for what they lack. `docs/rdf.md` gives
/// the mapping in full.
///
/// Negated facts are kept, but never as a plain triple: "Germany was not invited" must not
/// become `?invitation sem:hasActor ?germany` for a SPARQL query that ignores qualifiers.
///
/// ```
/// use eventkg::*;
/// use eventkg::export::{RdfFormat, RdfWriter};
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// let mut out = Vec::new();
/// RdfWriter::new(&graph).write(&mut out)?;
/// let turtle = String::from_utf8(out).unwrap();
/// assert!(turtle.contains("sem:Event"));
///
/// let mut out = Vec::new();
/// RdfWriter::new(&graph)
///     .base("https://data.example.org/kg/")?
///     .format(RdfFormat::NTriples)
///     .write(&mut out)?;
/// assert!(String::from_utf8(out).unwrap().starts_with("<https://data.example.org/kg/"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RdfWriter<'g> {
    view: View<'g>,
    base: String,
    format: RdfFormat,
}

impl<'g> RdfWriter<'g> {
    /// A writer for a graph or a view, as Turtle, minting IRIs under `urn:eventkg:`.
    pub fn new(view: impl Into<View<'g>>) -> Self {
        RdfWriter {
            view: view.into(),
            base: "urn:eventkg:".into(),
            format: RdfFormat::Turtle,
        }
    }

    /// Mints every record's IRI under `base`: `{base}entity-3`, `{base}event-5`, …. A base
    /// that does not make IRIs is refused here, not half-way through the output.
    pub fn base(mut self, base: impl Into<String>) -> Result<Self, Error> {
        let base = base.into();
        NamedNode::new(format!("{base}entity-0")).map_err(|e| ErrorKind::InvalidValue {
            what: "base IRI",
            value: base.clone(),
            reason: e.to_string(),
        })?;
        self.base = base;
        Ok(self)
    }

    /// Writes `format` rather than Turtle.
    pub fn format(mut self, format: RdfFormat) -> Self {
        self.format = format;
        self
    }

    /// Writes the triples to `out`, streaming.
    pub fn write(&self, out: impl Write) -> Result<(), Error> {
        match self.format {
            RdfFormat::Turtle => write_turtle(&self.view, &self.base, out)?,
            RdfFormat::NTriples => write_ntriples(&self.view, &self.base, out)?,
        }
        Ok(())
    }
}

fn iri(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

fn text(value: &str) -> Term {
    Literal::new_simple_literal(value).into()
}

fn typed(value: impl Into<String>, datatype: oxrdf::NamedNodeRef<'_>) -> Term {
    Literal::new_typed_literal(value, datatype).into()
}

/// Makes triples from a graph and hands them to a serializer.
struct Mapper<'v, 'g, F: FnMut(Triple) -> io::Result<()>> {
    view: &'v View<'g>,
    base: String,
    emit: F,
}

impl<F: FnMut(Triple) -> io::Result<()>> Mapper<'_, '_, F> {
    fn mint(&self, local: String) -> io::Result<NamedNode> {
        NamedNode::new(format!("{}{local}", self.base))
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("base IRI: {e}")))
    }

    fn node(&self, node: NodeId) -> io::Result<NamedNode> {
        match node {
            NodeId::Entity(id) => self.mint(format!("entity-{}", id.index())),
            NodeId::Event(id) => self.mint(format!("event-{}", id.index())),
        }
    }

    fn triple(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) -> io::Result<()> {
        (self.emit)(Triple::new(s.clone(), p, o))
    }

    fn a(&mut self, s: &NamedNode, class: NamedNode) -> io::Result<()> {
        self.triple(s, rdf::TYPE.into_owned(), class)
    }

    fn confidence(&mut self, s: &NamedNode, confidence: Confidence) -> io::Result<()> {
        if !confidence.is_certain() {
            self.triple(
                s,
                iri(NS, "confidence"),
                typed(confidence.value().to_string(), xsd::DECIMAL),
            )?;
        }
        Ok(())
    }

    /// An event's GDELT coding, each value typed.
    fn coding(&mut self, s: &NamedNode, coding: &crate::GdeltCoding) -> io::Result<()> {
        self.triple(s, iri(NS, "cameoCode"), text(coding.event_code.as_str()))?;
        for (name, value, datatype) in [
            ("goldstein", coding.goldstein.to_string(), xsd::DOUBLE),
            ("numMentions", coding.num_mentions.to_string(), xsd::INTEGER),
            ("numSources", coding.num_sources.to_string(), xsd::INTEGER),
            ("numArticles", coding.num_articles.to_string(), xsd::INTEGER),
            ("avgTone", coding.avg_tone.to_string(), xsd::DOUBLE),
            (
                "isRootEvent",
                coding.is_root_event.to_string(),
                xsd::BOOLEAN,
            ),
        ] {
            self.triple(s, iri(NS, name), typed(value, datatype))?;
        }
        Ok(())
    }

    fn date(&mut self, s: &NamedNode, date: &FuzzyDate) -> io::Result<()> {
        let (start, end) = date.bounds();
        self.triple(
            s,
            iri(SEM, "hasEarliestBeginTimeStamp"),
            typed(start.to_string(), xsd::DATE),
        )?;
        self.triple(
            s,
            iri(SEM, "hasLatestEndTimeStamp"),
            typed(end.to_string(), xsd::DATE),
        )?;
        self.triple(s, iri(NS, "edtf"), text(&date.to_edtf()))?;
        self.triple(s, iri(NS, "precision"), text(date.precision().as_str()))
    }

    /// The sources of `record`, minted as `{record}-source-{n}`.
    fn sources(&mut self, record: &NamedNode, sources: &[Source]) -> io::Result<()> {
        let mut cited = Vec::new();
        for (n, source) in sources.iter().enumerate() {
            let document = self.mint(format!("document-{}", source.document.index()))?;
            if !cited.contains(&source.document) {
                cited.push(source.document);
                self.triple(record, iri(PROV, "wasDerivedFrom"), document.clone())?;
            }
            let node = NamedNode::new_unchecked(format!("{}-source-{n}", record.as_str()));
            self.triple(record, iri(NS, "source"), node.clone())?;
            self.a(&node, iri(PROV, "Entity"))?;
            match &source.quote {
                Some(quote) => {
                    self.triple(&node, iri(PROV, "wasQuotedFrom"), document)?;
                    self.triple(&node, iri(PROV, "value"), text(quote))?;
                }
                None => self.triple(&node, iri(PROV, "wasDerivedFrom"), document)?,
            }
            if let Some(speaker) = source.attributed_to {
                let speaker = self.node(speaker.into())?;
                self.triple(&node, iri(PROV, "wasAttributedTo"), speaker)?;
            }
            if let Some(&first) = source.reported_via.first() {
                let first = self.node(first.into())?;
                self.triple(&node, iri(PROV, "hadPrimarySource"), first)?;
            }
            for (position, &outlet) in source.reported_via.iter().enumerate() {
                let outlet = self.node(outlet.into())?;
                let step = NamedNode::new_unchecked(format!("{}-via-{position}", node.as_str()));
                self.triple(&node, iri(NS, "reportedVia"), step.clone())?;
                self.triple(&step, iri(NS, "outlet"), outlet)?;
                self.triple(
                    &step,
                    iri(NS, "position"),
                    typed(position.to_string(), xsd::INTEGER),
                )?;
            }
        }
        Ok(())
    }

    /// A disputed event's attributes, `ekg:disputed "date"`, and every value reports gave
    /// them, each a node `{event}-value-K` of its own with its sources, so that no value
    /// stands as the event's own property while another report denies it.
    fn disputes(&mut self, event_node: &NamedNode, event: EventRef<'_>) -> io::Result<()> {
        let mut count = 0;
        for field in event.disputed() {
            self.triple(event_node, iri(NS, "disputed"), text(field.as_str()))?;
            for (value, sources) in event.stated(field) {
                let node =
                    NamedNode::new_unchecked(format!("{}-value-{count}", event_node.as_str()));
                count += 1;
                self.triple(event_node, iri(NS, "statedValue"), node.clone())?;
                self.a(&node, iri(NS, "StatedValue"))?;
                self.triple(&node, iri(NS, "field"), text(field.as_str()))?;
                match &value {
                    FieldValue::Date(date) => self.date(&node, date)?,
                    FieldValue::Location(place) => {
                        let place = self.node((*place).into())?;
                        self.triple(&node, iri(SEM, "hasPlace"), place)?;
                    }
                    other => {
                        self.triple(&node, rdf::VALUE.into_owned(), text(&other.to_string()))?
                    }
                }
                self.sources(&node, sources)?;
            }
        }
        Ok(())
    }

    fn classes(kind: &EntityKind) -> Vec<NamedNode> {
        let mut classes = vec![if kind.is_actor() {
            iri(SEM, "Actor")
        } else {
            iri(SEM, "Place")
        }];
        if kind.is_actor() {
            classes.push(iri(PROV, "Agent"));
        }
        classes.push(match kind {
            EntityKind::Person => iri(FOAF, "Person"),
            EntityKind::State => iri(SCHEMA, "Country"),
            EntityKind::GovernmentBody | EntityKind::ArmedForce => {
                iri(SCHEMA, "GovernmentOrganization")
            }
            EntityKind::Intergovernmental | EntityKind::Organisation => iri(FOAF, "Organization"),
            EntityKind::Mission => iri(NS, "Mission"),
            EntityKind::MediaOutlet => iri(SCHEMA, "NewsMediaOrganization"),
            EntityKind::Group => iri(FOAF, "Group"),
            EntityKind::Place => iri(SCHEMA, "Place"),
            EntityKind::Other(_) => iri(NS, "Entity"),
        });
        classes
    }

    fn relation_property(kind: &RelationKind, between_events: bool) -> NamedNode {
        match kind {
            RelationKind::MemberOf => iri(SCHEMA, "memberOf"),
            RelationKind::PartOf if between_events => iri(SEM, "subEventOf"),
            RelationKind::PartOf => iri(DCTERMS, "isPartOf"),
            RelationKind::LocatedIn => iri(SCHEMA, "location"),
            RelationKind::About => iri(SCHEMA, "about"),
            RelationKind::Leads => iri(NS, "leads"),
            RelationKind::HoldsRole => iri(NS, "holdsRole"),
            RelationKind::SpeaksFor => iri(NS, "speaksFor"),
            RelationKind::AlliedWith => iri(NS, "alliedWith"),
            RelationKind::Requires => iri(NS, "requires"),
            RelationKind::MotivatedBy => iri(NS, "motivatedBy"),
            RelationKind::RespondsTo => iri(NS, "respondsTo"),
            RelationKind::Other(_) => iri(NS, "related"),
        }
    }

    fn write(&mut self) -> io::Result<()> {
        for (id, document) in self.view.documents() {
            let s = self.mint(format!("document-{}", id.index()))?;
            self.a(&s, iri(PROV, "Entity"))?;
            self.a(&s, iri(SCHEMA, "NewsArticle"))?;
            self.triple(&s, iri(DCTERMS, "identifier"), text(document.key()))?;
            if let Some(title) = &document.title() {
                self.triple(&s, iri(DCTERMS, "title"), text(title))?;
            }
            if let Some(publisher) = document.publisher() {
                let publisher = self.node(publisher.into())?;
                self.triple(&s, iri(DCTERMS, "publisher"), publisher.clone())?;
                self.triple(&s, iri(PROV, "wasAttributedTo"), publisher)?;
            }
            if let Some(day) = document.published() {
                self.triple(
                    &s,
                    iri(DCTERMS, "issued"),
                    typed(day.to_string(), xsd::DATE),
                )?;
            }
            if let Some(url) = document.url() {
                self.triple(&s, iri(SCHEMA, "url"), typed(url, xsd::ANY_URI))?;
            }
            if let Some(language) = &document.language() {
                self.triple(&s, iri(DCTERMS, "language"), text(language))?;
            }
            if let Some(body) = &document.text() {
                self.triple(&s, iri(SCHEMA, "text"), text(body))?;
            }
        }
        for (id, entity) in self.view.entities() {
            let s = self.node(id.into())?;
            for class in Self::classes(entity.kind()) {
                self.a(&s, class)?;
            }
            self.triple(&s, rdfs::LABEL.into_owned(), text(entity.name()))?;
            self.triple(&s, iri(SKOS, "prefLabel"), text(entity.name()))?;
            for alias in entity.aliases() {
                self.triple(&s, iri(SKOS, "altLabel"), text(alias))?;
            }
            self.triple(&s, iri(NS, "entityKind"), text(&entity.kind().to_string()))?;
            if let Some(country) = entity.country() {
                self.triple(&s, iri(NS, "country"), text(country.as_str()))?;
            }
            if let Some(point) = entity.coordinates() {
                self.triple(
                    &s,
                    iri(WGS84, "lat"),
                    typed(point.lat().to_string(), xsd::DOUBLE),
                )?;
                self.triple(
                    &s,
                    iri(WGS84, "long"),
                    typed(point.lon().to_string(), xsd::DOUBLE),
                )?;
            }
            self.sources(&s, entity.sources())?;
        }
        for (id, event) in self.view.events() {
            let s = self.node(id.into())?;
            self.a(&s, iri(SEM, "Event"))?;
            if let Some(key) = &event.key() {
                self.triple(&s, iri(DCTERMS, "identifier"), text(key))?;
            }
            self.triple(&s, iri(NS, "eventKind"), text(&event.kind().to_string()))?;
            if let Some(plover) = event.kind().plover() {
                self.triple(&s, iri(NS, "ploverType"), text(plover))?;
            }
            if let Some(root) = event.cameo_root() {
                self.triple(
                    &s,
                    iri(NS, "cameoRoot"),
                    typed(root.to_string(), xsd::INTEGER),
                )?;
            }
            if let Some(class) = event.quad_class() {
                self.triple(
                    &s,
                    iri(NS, "quadClass"),
                    typed(class.code().to_string(), xsd::INTEGER),
                )?;
            }
            if let Some(coding) = event.gdelt() {
                self.coding(&s, coding)?;
            }
            self.triple(&s, iri(NS, "status"), text(event.status().as_str()))?;
            if let Some(description) = &event.description() {
                self.triple(&s, rdfs::LABEL.into_owned(), text(description))?;
            }
            if let Some(date) = &event.date() {
                self.date(&s, date)?;
            }
            if let Some(place) = event.location() {
                let place = self.node(place.into())?;
                self.triple(&s, iri(SEM, "hasPlace"), place)?;
            }
            self.confidence(&s, event.confidence())?;
            self.sources(&s, event.sources())?;
            self.disputes(&s, event)?;
        }
        for (id, p) in self.view.participations() {
            let role = self.mint(format!("participation-{}", id.index()))?;
            let event = self.node(p.event().into())?;
            let actor = self.node(p.entity().into())?;
            let link = match p.polarity() {
                Polarity::Affirmed => iri(SEM, "hasActor"),
                Polarity::Negated => iri(NS, "deniedActor"),
            };
            self.triple(&event, link, role.clone())?;
            self.a(&role, iri(SEM, "Role"))?;
            self.triple(&role, rdf::VALUE.into_owned(), actor)?;
            self.triple(
                &role,
                iri(SEM, "roleType"),
                iri(NS, &format!("role-{}", p.role().as_str())),
            )?;
            if p.polarity() == Polarity::Negated {
                self.triple(&role, iri(NS, "negated"), typed("true", xsd::BOOLEAN))?;
            }
            self.confidence(&role, p.confidence())?;
            self.sources(&role, p.sources())?;
        }
        for (id, r) in self.view.relations() {
            let statement = self.mint(format!("relation-{}", id.index()))?;
            let from = self.node(r.from())?;
            let to = self.node(r.to())?;
            let between_events = matches!((r.from(), r.to()), (NodeId::Event(_), NodeId::Event(_)));
            let property = Self::relation_property(r.kind(), between_events);
            if r.polarity() == Polarity::Affirmed {
                self.triple(&from, property.clone(), to.clone())?;
            } else {
                self.triple(&statement, iri(NS, "negated"), typed("true", xsd::BOOLEAN))?;
            }
            self.a(&statement, rdf::STATEMENT.into_owned())?;
            self.triple(&statement, rdf::SUBJECT.into_owned(), from)?;
            self.triple(&statement, rdf::PREDICATE.into_owned(), property)?;
            self.triple(&statement, rdf::OBJECT.into_owned(), to)?;
            self.triple(
                &statement,
                iri(NS, "relationKind"),
                text(&r.kind().to_string()),
            )?;
            if let Some(title) = &r.title() {
                self.triple(&statement, iri(NS, "title"), text(title))?;
            }
            if let Some(date) = &r.valid_from() {
                self.triple(&statement, iri(NS, "validFrom"), text(&date.to_edtf()))?;
            }
            if let Some(date) = &r.valid_until() {
                self.triple(&statement, iri(NS, "validUntil"), text(&date.to_edtf()))?;
            }
            self.confidence(&statement, r.confidence())?;
            self.sources(&statement, r.sources())?;
        }
        Ok(())
    }
}

fn write_turtle(view: &View<'_>, base: &str, out: impl Write) -> io::Result<()> {
    let mut serializer = TurtleSerializer::new();
    for (prefix, namespace) in [
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("sem", SEM),
        ("prov", PROV),
        ("skos", SKOS),
        ("foaf", FOAF),
        ("schema", SCHEMA),
        ("dcterms", DCTERMS),
        ("ekg", NS),
    ] {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    }
    let mut writer = serializer.for_writer(io::BufWriter::new(out));
    Mapper {
        view,
        base: base.to_owned(),
        emit: |triple: Triple| writer.serialize_triple(&triple),
    }
    .write()?;
    writer.finish()?.flush()
}

fn write_ntriples(view: &View<'_>, base: &str, out: impl Write) -> io::Result<()> {
    let mut writer = NTriplesSerializer::new().for_writer(io::BufWriter::new(out));
    Mapper {
        view,
        base: base.to_owned(),
        emit: |triple: Triple| writer.serialize_triple(&triple),
    }
    .write()?;
    writer.finish().flush()
}
