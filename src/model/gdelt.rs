//! What a GDELT row says of an event and a place beyond the crate's own fields, kept typed so
//! that counts, scales and tones can be summed and compared without parsing text again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::QuadClass;
use crate::Error;
use crate::ErrorKind;

/// A CAMEO event code: two to four digits, the root code first (`04`, `043`, `0431`).
///
/// It is kept as the digits GDELT wrote, leading zero and all, in five bytes.
///
/// ```
/// use eventkg::CameoCode;
/// let code: CameoCode = "0431".parse()?;
/// assert_eq!(code.as_str(), "0431");
/// assert_eq!(code.root(), 4);
/// assert!("4".parse::<CameoCode>().is_err());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// The code, if `code` is two to four ASCII digits.
    pub fn new(code: &str) -> Result<Self, Error> {
        let bytes = code.as_bytes();
        if !(2..=4).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(ErrorKind::InvalidValue {
                what: "CAMEO event code",
                value: code.to_owned(),
                reason: "expected two to four digits (`04`, `043`, `0431`)".into(),
            }
            .into());
        }
        let mut digits = [0; 4];
        digits[..bytes.len()].copy_from_slice(bytes);
        Ok(CameoCode {
            digits,
            len: bytes.len() as u8,
        })
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or("")
    }

    /// The root code, 1 to 20 for CAMEO's codes: the first two digits.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl FromStr for CameoCode {
    type Err = Error;
    fn from_str(code: &str) -> Result<Self, Error> {
        CameoCode::new(code)
    }
}

impl Serialize for CameoCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::from_text::from_text(
            deserializer,
            "a CAMEO code of two to four digits",
            CameoCode::new,
        )
    }
}

/// How GDELT coded an event: its CAMEO codes at three levels, its quad class and Goldstein
/// score, how often it was reported, and the tone of those reports.
///
/// The crate's [`EventKind`](crate::EventKind) is coarser than CAMEO (it follows PLOVER), so
/// the codes are kept beside it, as GDELT wrote them; [`Event::gdelt`](crate::Event::gdelt)
/// holds this for events read from GDELT files (`docs/gdelt.md`).
///
/// ```
/// use eventkg::{GdeltCoding, QuadClass};
/// let coding = GdeltCoding::new("0431".parse()?, "043".parse()?, "04".parse()?, QuadClass::VerbalCooperation)
///     .goldstein(2.8)
///     .counts(6, 1, 6)
///     .avg_tone(-1.25);
/// assert_eq!(coding.root_code.root(), 4);
/// assert_eq!(coding.num_mentions, 6);
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GdeltCoding {
    /// `EventCode`: the full CAMEO code.
    pub event_code: CameoCode,
    /// `EventBaseCode`: the code at the second level.
    pub base_code: CameoCode,
    /// `EventRootCode`: the code at the first level.
    pub root_code: CameoCode,
    /// `QuadClass`: verbal or material cooperation or conflict.
    pub quad_class: QuadClass,
    /// `GoldsteinScale`: the code's theoretical effect on a country's stability, -10 to +10.
    pub goldstein: f64,
    /// `NumMentions`: mentions of the event in the source documents of its first 15 minutes
    /// (GDELT 2.0) or day (1.0).
    pub num_mentions: u32,
    /// `NumSources`: distinct information sources among those mentions.
    pub num_sources: u32,
    /// `NumArticles`: distinct documents among those mentions.
    pub num_articles: u32,
    /// `AvgTone`: the mean tone of those documents, -100 to +100, mostly between -10 and +10.
    pub avg_tone: f64,
    /// `IsRootEvent`: whether the event was found in a document's lead paragraph.
    pub is_root_event: bool,
}

impl GdeltCoding {
    /// A coding with these codes and quad class, a Goldstein score and tone of 0, no counts,
    /// and not a root event.
    pub fn new(
        event_code: CameoCode,
        base_code: CameoCode,
        root_code: CameoCode,
        quad_class: QuadClass,
    ) -> Self {
        GdeltCoding {
            event_code,
            base_code,
            root_code,
            quad_class,
            goldstein: 0.0,
            num_mentions: 0,
            num_sources: 0,
            num_articles: 0,
            avg_tone: 0.0,
            is_root_event: false,
        }
    }

    /// Sets the Goldstein score.
    pub fn goldstein(mut self, score: f64) -> Self {
        self.goldstein = score;
        self
    }

    /// Sets the mention, source and article counts.
    pub fn counts(mut self, mentions: u32, sources: u32, articles: u32) -> Self {
        (self.num_mentions, self.num_sources, self.num_articles) = (mentions, sources, articles);
        self
    }

    /// Sets the average tone.
    pub fn avg_tone(mut self, tone: f64) -> Self {
        self.avg_tone = tone;
        self
    }

    /// Sets whether the event was found in a lead paragraph.
    pub fn root_event(mut self, is_root: bool) -> Self {
        self.is_root_event = is_root;
        self
    }
}

/// A point on the earth, in decimal degrees (WGS 84), as gazetteers and GDELT give places.
///
/// ```
/// use eventkg::Coordinates;
/// let kyiv = Coordinates::new(50.4333, 30.5167)?;
/// assert_eq!(kyiv.lat(), 50.4333);
/// assert!(Coordinates::new(91.0, 0.0).is_err());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "[f64; 2]", into = "[f64; 2]")]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

impl Coordinates {
    /// The point, if the latitude is within ±90 and the longitude within ±180.
    pub fn new(lat: f64, lon: f64) -> Result<Self, Error> {
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(ErrorKind::InvalidValue {
                what: "coordinates",
                value: format!("{lat}, {lon}"),
                reason: "the latitude must be within ±90 and the longitude within ±180".into(),
            }
            .into());
        }
        Ok(Coordinates { lat, lon })
    }

    /// The latitude, north positive.
    pub fn lat(&self) -> f64 {
        self.lat
    }

    /// The longitude, east positive.
    pub fn lon(&self) -> f64 {
        self.lon
    }
}

impl TryFrom<[f64; 2]> for Coordinates {
    type Error = Error;
    fn try_from([lat, lon]: [f64; 2]) -> Result<Self, Error> {
        Coordinates::new(lat, lon)
    }
}

impl From<Coordinates> for [f64; 2] {
    fn from(point: Coordinates) -> [f64; 2] {
        [point.lat, point.lon]
    }
}
