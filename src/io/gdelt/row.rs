//! GDELT rows as typed values, parsed field by field so that a bad value is reported with its
//! file, line and the codebook's name for its column.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};

use super::Layout;
use super::layout::{ACTION_GEO, ACTOR1, ACTOR1_GEO, ACTOR2, ACTOR2_GEO};
use super::split::Row;
use crate::Error;
use crate::ErrorKind;
use crate::model::time::ascii_number;
use crate::model::{CameoCode, Coordinates, CountryCode, GdeltCoding, QuadClass};

/// An actor of an event row: CAMEO's actor code, the name GDELT matched, and the code's parts.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Actor {
    /// `ActorNCode`: the whole CAMEO code (`USAGOV`, `IGOUNO`).
    pub code: String,
    /// `ActorNName`: the name as GDELT matched it (`UNITED STATES`).
    pub name: String,
    /// `ActorNCountryCode`: the country part of the code.
    pub country: Option<CountryCode>,
    /// `ActorNKnownGroupCode`: an IGO, NGO or armed group CAMEO knows by name (`UNO`, `NAT`).
    pub known_group: String,
    /// `ActorNEthnicCode`.
    pub ethnic: String,
    /// `ActorNReligion1Code` and `ActorNReligion2Code`.
    pub religions: [String; 2],
    /// `ActorNType1Code` to `ActorNType3Code`: the roles in the code (`GOV`, `MIL`, `MED`).
    pub types: [String; 3],
}

impl Actor {
    /// An actor with this code and name, and nothing else known.
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Self {
        Actor {
            code: code.into(),
            name: name.into(),
            country: None,
            known_group: String::new(),
            ethnic: String::new(),
            religions: Default::default(),
            types: Default::default(),
        }
    }

    /// The role codes that are given, in order.
    pub fn type_codes(&self) -> impl Iterator<Item = &str> {
        self.types
            .iter()
            .map(String::as_str)
            .filter(|t| !t.is_empty())
    }
}

/// A geography block of an event row: where an actor was, or where the action took place.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Geo {
    /// `Geo_Type`: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    pub kind: u8,
    /// `Geo_FullName`: `Kyiv, Kyyiv, Misto, Ukraine`.
    pub full_name: String,
    /// `Geo_CountryCode`: the FIPS 10-4 country code (two letters, not ISO).
    pub country: String,
    /// `Geo_ADM1Code`: the FIPS country code and the first-level division.
    pub adm1: String,
    /// `Geo_ADM2Code` (GDELT 2.0 only).
    pub adm2: String,
    /// `Geo_Lat` and `Geo_Long`.
    pub coordinates: Option<Coordinates>,
    /// `Geo_FeatureID`: the GNS or GNIS feature id, or the ADM1 code for a country or state.
    pub feature_id: String,
}

impl Geo {
    /// The word for [`kind`](Self::kind).
    pub fn kind_name(&self) -> &'static str {
        geo_kind_name(self.kind)
    }
}

/// One row of a GDELT event file, in any of the three event layouts.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct EventRow {
    /// The row's line in its file, counted from 1.
    pub line: u64,
    /// `GLOBALEVENTID`.
    pub id: u64,
    /// `SQLDATE`: the day of the event.
    pub date: NaiveDate,
    /// Actor 1, who acts; `None` where GDELT left the actor blank.
    pub actor1: Option<Actor>,
    /// Actor 2, who is acted upon.
    pub actor2: Option<Actor>,
    /// The CAMEO codes, quad class, Goldstein score, counts, tone and `IsRootEvent`.
    pub coding: GdeltCoding,
    /// Where actor 1 was.
    pub actor1_geo: Option<Geo>,
    /// Where actor 2 was.
    pub actor2_geo: Option<Geo>,
    /// Where the action took place.
    pub action_geo: Option<Geo>,
    /// `DATEADDED`: the day GDELT added the event.
    pub date_added: NaiveDate,
    /// `SOURCEURL`: the first document found to report it (a URL, or a citation for
    /// non-web sources); `None` in the historical layout.
    pub source_url: Option<String>,
}

/// One row of a GDELT 2.0 mentions file: a document that mentions an event.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MentionRow {
    /// The row's line in its file, counted from 1.
    pub line: u64,
    /// `GLOBALEVENTID`: the event mentioned.
    pub event_id: u64,
    /// `EventTimeDate`: when the event was first seen.
    pub event_time: NaiveDateTime,
    /// `MentionTimeDate`: when this document was seen.
    pub mention_time: NaiveDateTime,
    /// `MentionType`: 1 web, 2 citation only, 3 CORE, 4 DTIC, 5 JSTOR, 6 non-textual.
    pub mention_type: u8,
    /// `MentionSourceName`: the outlet (a web domain such as `bbc.co.uk`, or a collection).
    pub source_name: String,
    /// `MentionIdentifier`: the document's URL for web mentions, or its citation or DOI.
    pub identifier: String,
    /// `SentenceID`: the sentence of the document that states the event.
    pub sentence: u32,
    /// `InRawText`: whether the event was found in the document's own text rather than after
    /// GDELT's processing joined pieces of it.
    pub in_raw_text: bool,
    /// `Confidence`: GDELT's confidence in the extraction, 10 to 100 per cent.
    pub confidence: u8,
    /// `MentionDocTone`: the tone of the document.
    pub doc_tone: f64,
}

/// A parsed row of either kind.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Record {
    /// A row of an event file.
    Event(Box<EventRow>),
    /// A row of a mentions file.
    Mention(Box<MentionRow>),
}

/// An actor as its row holds it: what the import reads, without a copy of any text. Its
/// country is read with the row; its columns when asked for. The import finds most actors by
/// the number the reading thread gave them ([`Numbers`]) and reads their text only when one
/// is new to the file: each cell read here is memory the other thread wrote.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ActorRef<'r> {
    record: &'r Row,
    at: usize,
    pub(crate) country: Option<CountryCode>,
}

impl<'r> ActorRef<'r> {
    fn text(&self, i: usize) -> &'r str {
        raw(self.record, self.at + i)
    }

    /// `ActorNCode`.
    pub(crate) fn code(&self) -> &'r str {
        self.text(0)
    }

    /// `ActorNName`.
    pub(crate) fn name(&self) -> &'r str {
        self.text(1)
    }

    /// Writes into `key` what tells the actor apart: its [`actor_key`].
    pub(crate) fn key_into(&self, key: &mut String) {
        actor_key(self.code(), self.name(), key);
    }

    pub(crate) fn known_group(&self) -> &'r str {
        self.text(3)
    }

    pub(crate) fn ethnic(&self) -> &'r str {
        self.text(4)
    }

    pub(crate) fn religions(&self) -> [&'r str; 2] {
        [self.text(5), self.text(6)]
    }

    pub(crate) fn types(&self) -> [&'r str; 3] {
        [self.text(7), self.text(8), self.text(9)]
    }

    fn to_owned(self) -> Actor {
        Actor {
            code: self.code().to_owned(),
            name: self.name().to_owned(),
            country: self.country,
            known_group: self.known_group().to_owned(),
            ethnic: self.ethnic().to_owned(),
            religions: self.religions().map(str::to_owned),
            types: self.types().map(str::to_owned),
        }
    }
}

/// Writes into `key` what tells an actor apart, its code and name (`USAGOV\tUNITED STATES`):
/// the import's one entity for the same actor across rows and files.
pub(crate) fn actor_key(code: &str, name: &str, key: &mut String) {
    key.clear();
    key.push_str(code);
    key.push('\t');
    key.push_str(name);
}

/// A geography block as its row holds it: its type and coordinates read with the row, its
/// name, feature id and codes when asked for (as an actor's, see [`ActorRef`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct GeoRef<'r> {
    record: &'r Row,
    at: usize,
    has_adm2: bool,
    pub(crate) kind: u8,
    pub(crate) coordinates: Option<Coordinates>,
}

impl<'r> GeoRef<'r> {
    /// The geography block at column `at` of `record`, once [checked](Fields::geo_checked).
    fn at(record: &'r Row, at: usize, adm2: bool, place: Place) -> Self {
        GeoRef {
            record,
            at,
            has_adm2: adm2,
            kind: place.kind,
            coordinates: place.coordinates,
        }
    }

    /// `Geo_FullName`.
    pub(crate) fn full_name(&self) -> &'r str {
        raw(self.record, self.at + 1)
    }

    /// `Geo_FeatureID`.
    pub(crate) fn feature_id(&self) -> &'r str {
        raw(self.record, self.at + 6 + usize::from(self.has_adm2))
    }

    /// What tells the place apart: its feature id, else its full name.
    pub(crate) fn key(&self) -> &'r str {
        match self.feature_id() {
            "" => self.full_name(),
            feature => feature,
        }
    }

    /// `Geo_CountryCode`.
    pub(crate) fn country(&self) -> &'r str {
        raw(self.record, self.at + 2)
    }

    /// `Geo_ADM1Code`.
    pub(crate) fn adm1(&self) -> &'r str {
        raw(self.record, self.at + 3)
    }

    /// `Geo_ADM2Code`, empty in the layouts without it.
    pub(crate) fn adm2(&self) -> &'r str {
        match self.has_adm2 {
            true => raw(self.record, self.at + 4),
            false => "",
        }
    }

    fn to_owned(self) -> Geo {
        Geo {
            kind: self.kind,
            full_name: self.full_name().to_owned(),
            country: self.country().to_owned(),
            adm1: self.adm1().to_owned(),
            adm2: self.adm2().to_owned(),
            coordinates: self.coordinates,
            feature_id: self.feature_id().to_owned(),
        }
    }

    pub(crate) fn kind_name(&self) -> &'static str {
        geo_kind_name(self.kind)
    }
}

fn geo_kind_name(kind: u8) -> &'static str {
    match kind {
        1 => "country",
        2 => "us_state",
        3 => "us_city",
        4 => "world_city",
        5 => "world_state",
        _ => "unknown",
    }
}

/// An event row as its row holds it: its checked values where the reading thread left them,
/// its text in the row, each read when asked for. A view of three references rather than a
/// copy: built by value for every row, a copy of every value (about 350 bytes) was moved
/// twice on its way to the graph, a tenth of the building thread's time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EventRef<'r> {
    checked: &'r EventChecked,
    record: &'r Row,
    layout: Layout,
}

impl<'r> EventRef<'r> {
    pub(crate) fn line(&self) -> u64 {
        self.checked.line
    }

    /// `GLOBALEVENTID`.
    pub(crate) fn id(&self) -> u64 {
        self.checked.id
    }

    /// `SQLDATE`.
    pub(crate) fn date(&self) -> NaiveDate {
        self.checked.date
    }

    /// `DATEADDED`.
    pub(crate) fn date_added(&self) -> NaiveDate {
        self.checked.date_added
    }

    pub(crate) fn coding(&self) -> &'r GdeltCoding {
        &self.checked.coding
    }

    /// The row's actors and place as the reading thread numbered them.
    pub(crate) fn numbers(&self) -> Numbers {
        self.checked.numbers
    }

    /// Actor 1 and actor 2, where the row has them.
    pub(crate) fn actors(&self) -> [Option<ActorRef<'r>>; 2] {
        let record = self.record;
        let [actor1, actor2] = self.checked.actors;
        let actor = move |at, country| ActorRef {
            record,
            at,
            country,
        };
        [
            actor1.map(|country| actor(5, country)),
            actor2.map(|country| actor(15, country)),
        ]
    }

    /// Where the action took place.
    pub(crate) fn action_geo(&self) -> Option<GeoRef<'r>> {
        let ([_, _, action], adm2) = self.layout.geo_blocks();
        self.checked.places[2].map(|place| GeoRef::at(self.record, action, adm2, place))
    }

    /// `SOURCEURL`, if the row has one.
    pub(crate) fn source_url(&self) -> Option<&'r str> {
        self.checked
            .has_source_url
            .then(|| raw(self.record, self.layout.columns() - 1))
    }

    /// Where actor 1 and actor 2 were.
    pub(crate) fn actor_geos(&self) -> [Option<GeoRef<'r>>; 2] {
        let ([a1, a2, _], adm2) = self.layout.geo_blocks();
        let [geo1, geo2, _] = self.checked.places;
        [
            geo1.map(|place| GeoRef::at(self.record, a1, adm2, place)),
            geo2.map(|place| GeoRef::at(self.record, a2, adm2, place)),
        ]
    }

    pub(crate) fn to_owned(self) -> EventRow {
        let [actor1_geo, actor2_geo] = self.actor_geos();
        let [actor1, actor2] = self.actors();
        EventRow {
            line: self.line(),
            id: self.id(),
            date: self.date(),
            actor1: actor1.map(ActorRef::to_owned),
            actor2: actor2.map(ActorRef::to_owned),
            coding: self.coding().clone(),
            actor1_geo: actor1_geo.map(GeoRef::to_owned),
            actor2_geo: actor2_geo.map(GeoRef::to_owned),
            action_geo: self.action_geo().map(GeoRef::to_owned),
            date_added: self.date_added(),
            source_url: self.source_url().map(str::to_owned),
        }
    }
}

/// A mention row as its row holds it.
#[derive(Clone, Debug)]
pub(crate) struct MentionRef<'r> {
    pub(crate) line: u64,
    pub(crate) event_id: u64,
    pub(crate) event_time: NaiveDateTime,
    pub(crate) mention_time: NaiveDateTime,
    pub(crate) mention_type: u8,
    pub(crate) source_name: &'r str,
    pub(crate) identifier: &'r str,
    pub(crate) sentence: u32,
    pub(crate) in_raw_text: bool,
    pub(crate) confidence: u8,
    pub(crate) doc_tone: f64,
}

impl MentionRef<'_> {
    pub(crate) fn to_owned(&self) -> MentionRow {
        MentionRow {
            line: self.line,
            event_id: self.event_id,
            event_time: self.event_time,
            mention_time: self.mention_time,
            mention_type: self.mention_type,
            source_name: self.source_name.to_owned(),
            identifier: self.identifier.to_owned(),
            sentence: self.sentence,
            in_raw_text: self.in_raw_text,
            confidence: self.confidence,
            doc_tone: self.doc_tone,
        }
    }
}

/// The text of column `i` (the record is UTF-8, checked as a whole when it was read), empty
/// past the last.
fn raw(record: &Row, i: usize) -> &str {
    record.get(i).unwrap_or_default()
}

/// A number as `text.parse::<f64>()` reads it, read directly in the form GDELT writes its
/// scores, tones and coordinates (`-3.25`, `47.5`): at most 15 digits are exact in an `f64`, as
/// is a power of ten up to 10¹⁵, so one division rounds the value as the parser does. Any other
/// text goes to the parser.
///
/// The digits before the point and after it are read in two loops of one test a digit, and
/// the count checked once at the end: a row holds eight such numbers, and a match on every
/// byte cost a tenth more.
fn decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    // Wrapping: a mantissa of more than 15 digits is thrown away below, for the parser.
    let mut mantissa = 0u64;
    let mut at = 0;
    let mut read = |at: &mut usize| {
        while let Some(digit) = digits
            .get(*at)
            .map(|b| b.wrapping_sub(b'0'))
            .filter(|&d| d < 10)
        {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
            *at += 1;
        }
    };
    read(&mut at);
    let whole = at;
    if digits.get(at) == Some(&b'.') {
        at += 1;
    }
    let point = at;
    read(&mut at);
    let scale = at - point;
    match POWERS.get(scale) {
        // At most 15 digits: the mantissa is below 2⁵³, exact in an `f64`.
        Some(&power) if at == digits.len() && (1..=15).contains(&(whole + scale)) => {
            let value = mantissa as f64 / power;
            Some(if negative { -value } else { value })
        }
        _ => text.parse().ok(),
    }
}

/// A whole number as `text.parse::<T>()` reads it, read directly when it is ASCII digits
/// alone (GDELT's ids, counts, types and classes, eight in an event row): the parser is
/// general over signs, radixes and widths. Any other text, and a number past `u64`, goes to
/// the parser, for its value or its error.
fn whole_number<T: FromStr + TryFrom<u64>>(text: &str) -> Option<T> {
    let bytes = text.as_bytes();
    match ascii_number::<u64>(bytes).filter(|_| !bytes.is_empty()) {
        Some(value) => T::try_from(value).ok(),
        None => text.parse().ok(),
    }
}

/// Whether `text` is empty or white space only, as `text.trim().is_empty()` says, told from
/// its first character for a name: five in an event row, where trimming read both ends.
fn blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// The day of eight ASCII digits `YYYYMMDD`: a day in every row, so read without a format
/// string's interpretation.
fn ymd(digits: &str) -> Option<NaiveDate> {
    let bytes = digits.as_bytes();
    if bytes.len() != 8 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        ascii_number(&bytes[..4])?,
        ascii_number(&bytes[4..6])?,
        ascii_number(&bytes[6..])?,
    )
}

/// A time written `YYYYMMDDHHMMSS`, as chrono's `%Y%m%d%H%M%S` reads it. Read directly in that
/// form, which every mention row has twice: through the format string, the times were nearly a
/// third of the work of reading a mentions file. Any other text (a leap second, a sign) goes to
/// chrono.
fn date_time(text: &str) -> Option<NaiveDateTime> {
    if text.len() != 14 {
        return None;
    }
    let bytes = text.as_bytes();
    let number = |at: usize| ascii_number(&bytes[at..at + 2]);
    let read = || {
        let time = chrono::NaiveTime::from_hms_opt(number(8)?, number(10)?, number(12)?)?;
        Some(ymd(text.get(..8)?)?.and_time(time))
    };
    read().or_else(|| NaiveDateTime::parse_from_str(text, "%Y%m%d%H%M%S").ok())
}

/// A place of a row, checked: its type and coordinates; its text stays in the row.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    kind: u8,
    coordinates: Option<Coordinates>,
}

/// An event row checked, with its typed values, while its text stays in the row: what the
/// reading thread hands to the one that builds the graph.
#[derive(Clone, Debug)]
pub(crate) struct EventChecked {
    line: u64,
    id: u64,
    pub(crate) date: NaiveDate,
    /// Each actor: `None` for none, else its country.
    pub(crate) actors: [Option<Option<CountryCode>>; 2],
    pub(crate) coding: GdeltCoding,
    places: [Option<Place>; 3],
    date_added: NaiveDate,
    has_source_url: bool,
    /// The row's actors and place as numbered on the reading thread, if they were.
    pub(crate) numbers: Numbers,
}

/// A row's actors and the place of its action, each by its number among the distinct actors
/// and places of its file ([`Numbering`](super::numbering::Numbering)), and whether its
/// `SOURCEURL` is the one of the last row that had one.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Numbers {
    pub(crate) actors: [Option<u32>; 2],
    pub(crate) place: Option<u32>,
    pub(crate) source_again: bool,
}

/// The fields of one raw row, with where they came from for errors.
pub(crate) struct Fields<'r, 'f> {
    pub(crate) record: &'r Row,
    pub(crate) file: &'f str,
    pub(crate) line: u64,
}

impl<'r> Fields<'r, '_> {
    fn error(&self, column: &'static str, value: &[u8], reason: impl Into<String>) -> Error {
        Error::located(
            ErrorKind::GdeltRow {
                column,
                value: String::from_utf8_lossy(value).into_owned(),
                reason: reason.into(),
            },
            self.file.to_owned(),
            self.line,
            None,
        )
    }

    fn raw(&self, i: usize) -> &'r str {
        raw(self.record, i)
    }

    fn number<T: FromStr + TryFrom<u64>>(
        &self,
        i: usize,
        column: &'static str,
    ) -> Result<T, Error> {
        let text = self.raw(i);
        whole_number(text).ok_or_else(|| self.error(column, text.as_bytes(), "expected a number"))
    }

    fn float(&self, i: usize, column: &'static str) -> Result<f64, Error> {
        let text = self.raw(i);
        decimal(text).ok_or_else(|| self.error(column, text.as_bytes(), "expected a number"))
    }

    /// A finite decimal number: `NaN` and `inf` parse as floats but are no score or tone.
    fn real(&self, i: usize, column: &'static str) -> Result<f64, Error> {
        let value = self.float(i, column)?;
        if !value.is_finite() {
            let text = self.raw(i);
            return Err(self.error(column, text.as_bytes(), "expected a finite number"));
        }
        Ok(value)
    }

    fn optional_float(&self, i: usize, column: &'static str) -> Result<Option<f64>, Error> {
        match self.raw(i) {
            "" => Ok(None),
            _ => self.float(i, column).map(Some),
        }
    }

    fn flag(&self, i: usize, column: &'static str) -> Result<bool, Error> {
        match self.raw(i) {
            "1" => Ok(true),
            "0" => Ok(false),
            other => Err(self.error(column, other.as_bytes(), "expected 0 or 1")),
        }
    }

    /// A day written `YYYYMMDD`, or the day of a `YYYYMMDDHHMMSS` timestamp.
    fn day(&self, i: usize, column: &'static str) -> Result<NaiveDate, Error> {
        let text = self.raw(i);
        let digits = text
            .get(..8)
            .filter(|_| text.len() == 8 || text.len() == 14);
        digits
            .and_then(ymd)
            .ok_or_else(|| self.error(column, text.as_bytes(), "expected a day as YYYYMMDD"))
    }

    fn timestamp(&self, i: usize, column: &'static str) -> Result<NaiveDateTime, Error> {
        let text = self.raw(i);
        date_time(text)
            .ok_or_else(|| self.error(column, text.as_bytes(), "expected a time as YYYYMMDDHHMMSS"))
    }

    fn cameo(&self, i: usize, column: &'static str) -> Result<CameoCode, Error> {
        let text = self.raw(i);
        CameoCode::new(text).map_err(|_| {
            self.error(
                column,
                text.as_bytes(),
                "expected a CAMEO code of two to four digits",
            )
        })
    }

    /// `text`, if it can name a record: what the graph asks of a name (not blank, no control
    /// characters, a letter or digit, at most [`MAX_NAME_BYTES`](crate::MAX_NAME_BYTES)),
    /// checked here so that a row that breaks it is a bad row like any other.
    fn name(&self, text: &'r str, column: &'static str) -> Result<&'r str, Error> {
        if crate::graph::is_plain_name(text) {
            return Ok(text);
        }
        let reason = if text.len() > crate::MAX_NAME_BYTES {
            "longer than a name may be"
        } else if text.chars().any(char::is_control) {
            "a name must not contain control characters"
        } else if !text.chars().any(char::is_alphanumeric) {
            "a name must contain a letter or digit"
        } else {
            return Ok(text);
        };
        Err(self.error(column, text.as_bytes(), reason))
    }

    /// Checks an actor's columns: `None` for no actor, else its country.
    fn actor_checked(
        &self,
        at: usize,
        columns: &[&'static str; 10],
    ) -> Result<Option<Option<CountryCode>>, Error> {
        let code = self.raw(at);
        let name = self.raw(at + 1);
        if code.is_empty() && name.is_empty() {
            return Ok(None);
        }
        match blank(name) {
            true => self.name(code, columns[0])?,
            false => self.name(name, columns[1])?,
        };
        let country = match self.raw(at + 2) {
            "" => None,
            text => Some(CountryCode::new(text).map_err(|_| {
                self.error(
                    columns[2],
                    text.as_bytes(),
                    "expected a three-letter CAMEO country code",
                )
            })?),
        };
        Ok(Some(country))
    }

    /// Checks a geography block: `None` for no place, else its type and coordinates.
    fn geo_checked(
        &self,
        at: usize,
        adm2: bool,
        columns: &[&'static str; 8],
    ) -> Result<Option<Place>, Error> {
        let kind: u8 = match self.raw(at) {
            "" => 0,
            _ => self.number(at, columns[0])?,
        };
        if kind > 5 {
            let text = self.raw(at);
            return Err(self.error(columns[0], text.as_bytes(), "expected a type from 0 to 5"));
        }
        let shift = usize::from(adm2);
        let (lat_at, lon_at) = (at + 4 + shift, at + 5 + shift);
        let lat = self.optional_float(lat_at, columns[5])?;
        let lon = self.optional_float(lon_at, columns[6])?;
        let coordinates = match (lat, lon) {
            (Some(lat), Some(lon)) => Some(Coordinates::new(lat, lon).map_err(|e| {
                let text = format!("{lat}, {lon}");
                self.error(columns[5], text.as_bytes(), e.to_string())
            })?),
            _ => None,
        };
        let full_name = self.raw(at + 1);
        let feature_id = self.raw(at + 6 + shift);
        if kind == 0 && full_name.is_empty() && coordinates.is_none() {
            return Ok(None);
        }
        match blank(full_name) {
            true => self.name(feature_id, columns[7])?,
            false => self.name(full_name, columns[1])?,
        };
        Ok(Some(Place { kind, coordinates }))
    }

    /// Checks the row as an event of `layout`, and gives its typed values.
    pub(crate) fn event_checked(&self, layout: Layout) -> Result<EventChecked, Error> {
        let quad: u8 = self.number(29, "QuadClass")?;
        let quad_class = QuadClass::from_code(quad).ok_or_else(|| {
            self.error("QuadClass", quad.to_string().as_bytes(), "expected 1 to 4")
        })?;
        let goldstein = self.real(30, "GoldsteinScale")?;
        if !(-10.0..=10.0).contains(&goldstein) {
            let text = self.raw(30);
            return Err(self.error("GoldsteinScale", text.as_bytes(), "expected -10 to 10"));
        }
        let coding = GdeltCoding::new(
            self.cameo(26, "EventCode")?,
            self.cameo(27, "EventBaseCode")?,
            self.cameo(28, "EventRootCode")?,
            quad_class,
        )
        .goldstein(goldstein)
        .counts(
            self.number(31, "NumMentions")?,
            self.number(32, "NumSources")?,
            self.number(33, "NumArticles")?,
        )
        .avg_tone(self.real(34, "AvgTone")?)
        .root_event(self.flag(25, "IsRootEvent")?);
        let ([a1, a2, action], adm2) = layout.geo_blocks();
        let has_source_url = match layout.has_source_url() {
            true => match self.raw(layout.columns() - 1) {
                "" => false,
                url => self.name(url, "SOURCEURL").map(|_| true)?,
            },
            false => false,
        };
        Ok(EventChecked {
            line: self.line,
            id: self.number(0, "GLOBALEVENTID")?,
            date: self.day(1, "SQLDATE")?,
            actors: [
                self.actor_checked(5, &ACTOR1)?,
                self.actor_checked(15, &ACTOR2)?,
            ],
            coding,
            places: [
                self.geo_checked(a1, adm2, &ACTOR1_GEO)?,
                self.geo_checked(a2, adm2, &ACTOR2_GEO)?,
                self.geo_checked(action, adm2, &ACTION_GEO)?,
            ],
            date_added: self.day(layout.date_added(), "DATEADDED")?,
            has_source_url,
            numbers: Numbers::default(),
        })
    }

    /// The row as an event of `layout`, once [checked](Self::event_checked).
    pub(crate) fn event_of(&self, layout: Layout, checked: &'r EventChecked) -> EventRef<'r> {
        EventRef {
            checked,
            record: self.record,
            layout,
        }
    }

    /// The row as a mention.
    /// Checks the row as a mention; its text is left out, to be taken from the row by
    /// [`mention_of`](Self::mention_of).
    pub(crate) fn mention_checked(&self) -> Result<MentionRef<'static>, Error> {
        let mention = self.mention()?;
        Ok(MentionRef {
            source_name: "",
            identifier: "",
            ..mention
        })
    }

    /// The row as a mention, once [checked](Self::mention_checked).
    pub(crate) fn mention_of(&self, checked: &MentionRef<'static>) -> MentionRef<'r> {
        MentionRef {
            source_name: self.raw(4),
            identifier: self.raw(5),
            ..checked.clone()
        }
    }

    fn mention(&self) -> Result<MentionRef<'r>, Error> {
        let mention_type: u8 = self.number(3, "MentionType")?;
        if !(1..=6).contains(&mention_type) {
            let text = self.raw(3);
            return Err(self.error("MentionType", text.as_bytes(), "expected 1 to 6"));
        }
        let confidence: u8 = self.number(11, "Confidence")?;
        if confidence > 100 {
            let text = self.raw(11);
            return Err(self.error("Confidence", text.as_bytes(), "expected 0 to 100"));
        }
        let identifier = self.name(self.raw(5), "MentionIdentifier")?;
        let source_name = match self.raw(4) {
            name if blank(name) => name,
            name => self.name(name, "MentionSourceName")?,
        };
        Ok(MentionRef {
            line: self.line,
            event_id: self.number(0, "GLOBALEVENTID")?,
            event_time: self.timestamp(1, "EventTimeDate")?,
            mention_time: self.timestamp(2, "MentionTimeDate")?,
            mention_type,
            source_name,
            identifier,
            sentence: self.number(6, "SentenceID")?,
            in_raw_text: self.flag(10, "InRawText")?,
            confidence,
            doc_tone: self.real(13, "MentionDocTone")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Read directly or by the parser, every text gives the same number, to the bit.
        #[test]
        fn a_decimal_reads_as_the_parser_reads_it(
            text in "[+-]?[0-9]{0,17}(\\.[0-9]{0,17})?|[+-]?[0-9.eE]{0,8}|\\PC{0,4}"
        ) {
            let parsed = text.parse::<f64>().ok();
            let read = super::decimal(&text);
            prop_assert_eq!(read.map(f64::to_bits), parsed.map(f64::to_bits), "{}", text);
        }

        /// Read directly or by the parser, every text gives the same whole number, or none.
        #[test]
        fn a_whole_number_reads_as_the_parser_reads_it(
            text in "[+-]?[0-9]{0,22}|[0-9]{18,21}|[0-9 +-]{0,6}|\\PC{0,4}"
        ) {
            prop_assert_eq!(super::whole_number::<u8>(&text), text.parse::<u8>().ok(), "{}", text);
            prop_assert_eq!(super::whole_number::<u32>(&text), text.parse::<u32>().ok(), "{}", text);
            prop_assert_eq!(super::whole_number::<u64>(&text), text.parse::<u64>().ok(), "{}", text);
            prop_assert_eq!(super::whole_number::<i64>(&text), text.parse::<i64>().ok(), "{}", text);
        }

        /// Read directly or by chrono, every text gives the same time, or none.
        #[test]
        fn a_time_reads_as_chrono_reads_it(
            text in "[0-9]{14}|(19|20)[0-9]{2}(0[0-9]|1[0-3])([0-3][0-9])([0-2][0-9])([0-6][0-9]){2}|[+ 0-9]{12,15}|\\PC{0,16}"
        ) {
            let parsed = chrono::NaiveDateTime::parse_from_str(&text, "%Y%m%d%H%M%S")
                .ok()
                .filter(|_| text.len() == 14);
            prop_assert_eq!(super::date_time(&text), parsed, "{}", text);
        }
    }

    #[test]
    fn times_in_the_form_gdelt_writes() {
        for (text, read) in [
            ("20240601123456", Some("2024-06-01 12:34:56")),
            ("20240229000000", Some("2024-02-29 00:00:00")),
            ("20230229000000", None),
            ("20241231235959", Some("2024-12-31 23:59:59")),
            ("20240601240000", None),
            ("2024060112345", None),
            ("202406011234567", None),
            ("2024-6-1123456", None),
        ] {
            let expected = read
                .map(|r| chrono::NaiveDateTime::parse_from_str(r, "%Y-%m-%d %H:%M:%S").unwrap());
            assert_eq!(super::date_time(text), expected, "{text}");
        }
        // A leap second is chrono's to read, as it always was.
        let leap = chrono::NaiveDateTime::parse_from_str("20161231235960", "%Y%m%d%H%M%S").ok();
        assert_eq!(super::date_time("20161231235960"), leap);
    }

    #[test]
    fn decimals_in_the_forms_gdelt_writes() {
        let forms = [
            "-3.25", "47.5", "0", "-0", "10", "-10.0", "1.", ".5", "+2.5", "0.1",
        ];
        let others = [
            "2.2250738585072014",
            "1e3",
            "",
            ".",
            "-",
            "1.2.3",
            "1,5",
            "nan",
            "inf",
        ];
        for text in forms.into_iter().chain(others) {
            assert_eq!(
                super::decimal(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{text}"
            );
        }
    }
}
