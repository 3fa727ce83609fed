//! From CAMEO's codes to the crate's vocabulary: event codes to PLOVER kinds, actor codes to
//! entity kinds. `docs/gdelt.md` gives the same tables for readers.

use super::Actor;
use crate::model::{CameoCode, EntityKind, EventKind};

/// The event kind a CAMEO event code codes as, following PLOVER's reading of CAMEO.
///
/// Root codes map one to one where PLOVER has the type; CAMEO's roots that PLOVER folds into
/// others go where PLOVER puts them: 09 investigate and 11 disapprove to
/// [`Accuse`](EventKind::Accuse), 10 demand to [`Request`](EventKind::Request), 19 fight and
/// 20 mass violence to [`Assault`](EventKind::Assault). A few base codes are closer to a kind
/// of their own: 036 and 043–046 (meetings, visits), 057 (sign an agreement) and 087
/// (de-escalate militarily). The code itself stays on the event
/// ([`GdeltCoding`](crate::GdeltCoding)), so nothing CAMEO says is lost by the coarser kind.
///
/// ```
/// use eventkg::{CameoCode, EventKind};
/// use eventkg::io::gdelt::event_kind;
/// assert_eq!(event_kind("0431".parse::<CameoCode>()?), EventKind::Visit);
/// assert_eq!(event_kind("1041".parse::<CameoCode>()?), EventKind::Request);
/// assert_eq!(event_kind("190".parse::<CameoCode>()?), EventKind::Assault);
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn event_kind(code: CameoCode) -> EventKind {
    let base = code.as_str().get(..3).unwrap_or_default();
    match base {
        "036" | "044" | "046" => return EventKind::Meeting,
        "042" | "043" => return EventKind::Visit,
        "057" => return EventKind::Agree,
        "087" => return EventKind::Retreat,
        _ => {}
    }
    match code.root() {
        1 => EventKind::Statement,
        2 | 10 => EventKind::Request,
        3 => EventKind::Agree,
        4 => EventKind::Consult,
        5 => EventKind::Support,
        6 => EventKind::Cooperate,
        7 => EventKind::Aid,
        8 => EventKind::Concede,
        9 | 11 => EventKind::Accuse,
        12 => EventKind::Reject,
        13 => EventKind::Threaten,
        14 => EventKind::Protest,
        15 => EventKind::Mobilize,
        16 => EventKind::Sanction,
        17 => EventKind::Coerce,
        18..=20 => EventKind::Assault,
        _ => EventKind::Other(format!("cameo_{}", code.as_str())),
    }
}

/// The entity kind of a CAMEO role code (`GOV`, `MIL`, `MED`, …), where it decides one.
fn kind_of_role(role: &str) -> Option<EntityKind> {
    Some(match role {
        "GOV" | "LEG" | "JUD" | "COP" | "SPY" => EntityKind::GovernmentBody,
        "MIL" | "REB" | "INS" | "SEP" | "UAF" => EntityKind::ArmedForce,
        "MED" => EntityKind::MediaOutlet,
        "IGO" => EntityKind::Intergovernmental,
        "NGO" | "NGM" | "BUS" | "MNC" | "EDU" | "HLH" | "OPP" | "PTY" | "CRM" => {
            EntityKind::Organisation
        }
        "CVL" | "REF" | "ELI" | "LAB" | "AGR" | "MOD" | "RAD" | "SET" | "UIS" | "REL" | "AMN" => {
            EntityKind::Group
        }
        _ => return None,
    })
}

/// The entity kind an actor codes as: its first role code that decides one; a country code
/// alone is the [`State`](EntityKind::State); a known group alone is an
/// [`Organisation`](EntityKind::Organisation), as are codes with neither; an actor with
/// only undecided role codes is a [`Group`](EntityKind::Group).
///
/// ```
/// use eventkg::EntityKind;
/// use eventkg::io::gdelt::{actor_kind, Actor};
/// # fn actor(code: &str, country: &str, types: [&str; 3]) -> Actor {
/// #     let mut a = eventkg::io::gdelt::Actor::new(code, code);
/// #     a.country = (!country.is_empty()).then(|| country.parse().unwrap());
/// #     a.types = types.map(str::to_owned);
/// #     a
/// # }
/// assert_eq!(actor_kind(&actor("FRA", "FRA", ["", "", ""])), EntityKind::State);
/// assert_eq!(actor_kind(&actor("FRAMIL", "FRA", ["MIL", "", ""])), EntityKind::ArmedForce);
/// assert_eq!(actor_kind(&actor("USAMEDGOV", "USA", ["MED", "GOV", ""])), EntityKind::MediaOutlet);
/// ```
pub fn actor_kind(actor: &Actor) -> EntityKind {
    let types = actor.types.each_ref().map(String::as_str);
    kind_of(types, actor.country.is_some(), &actor.known_group)
}

/// [`actor_kind`] from the parts of an actor's code.
pub(crate) fn kind_of(types: [&str; 3], has_country: bool, known_group: &str) -> EntityKind {
    let mut given = types.into_iter().filter(|t| !t.is_empty()).peekable();
    if given.peek().is_none() {
        return match has_country && known_group.is_empty() {
            true => EntityKind::State,
            false => EntityKind::Organisation,
        };
    }
    given.find_map(kind_of_role).unwrap_or(EntityKind::Group)
}
