//! The registry: units, their exclusive areas and their owners of record.

use crate::area::Area;
use crate::error::{err, ErrorCode, Result};
use crate::hash::{HashMap, HashSet};
use crate::json::{obj, Node, Obj};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Most units one community may register.
pub const MAX_UNITS: usize = 1_000_000;

/// Where a unit's exclusive area comes from (Interp. Art. 8 order of precedence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaBasis {
    /// 不动产登记簿.
    Registry,
    /// 测绘实测.
    Survey,
    /// 买卖合同.
    Contract,
}

/// What a unit is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Use {
    /// Housing.
    Residential,
    /// Shops and offices.
    Commercial,
    /// A parking space.
    Parking,
    /// Anything else.
    Other,
}

/// One exclusive part (专有部分).
///
/// Ids are held inline (no heap allocation up to 24 bytes): a registry of
/// 100,000 units is read without an allocation per string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    id: CompactString,
    #[serde(skip_serializing_if = "Option::is_none")]
    building: Option<CompactString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    floor: Option<i64>,
    area: Area,
    area_basis: AreaBasis,
    #[serde(rename = "use")]
    usage: Use,
    owner: CompactString,
    /// The index of the owner's voter key (see [`Registry::voter_index`]).
    #[serde(skip)]
    pub(crate) voter: u32,
}

impl Unit {
    /// The unit's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its building, if given.
    pub fn building(&self) -> Option<&str> {
        self.building.as_deref()
    }

    /// Its floor, if given (negative below ground).
    pub fn floor(&self) -> Option<i64> {
        self.floor
    }

    /// Its exclusive area.
    pub fn area(&self) -> Area {
        self.area
    }

    /// Where the area comes from.
    pub fn area_basis(&self) -> AreaBasis {
        self.area_basis
    }

    /// Its use.
    pub fn usage(&self) -> Use {
        self.usage
    }

    /// The owner of record.
    pub fn owner(&self) -> &str {
        &self.owner
    }
}

/// A selector picks units (spec §2): every key given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    units: Option<HashSet<String>>,
    buildings: Option<HashSet<String>>,
    floor_min: Option<i64>,
    floor_max: Option<i64>,
    has_floors: bool,
    uses: Option<Vec<Use>>,
}

impl Selector {
    pub(crate) fn of_buildings(buildings: HashSet<String>) -> Selector {
        Selector {
            buildings: Some(buildings),
            ..Selector::default()
        }
    }

    pub(crate) fn parse(v: &Node<'_>, what: &str) -> Result<Selector> {
        let o = obj(v, what)?;
        o.allow(&["units", "buildings", "floors", "uses"])?;
        let set = |k: &str| -> Result<Option<HashSet<String>>> {
            if !o.has(k) {
                return Ok(None);
            }
            Ok(Some(o.ids(k)?.into_iter().map(str::to_owned).collect()))
        };
        let mut s = Selector {
            units: set("units")?,
            buildings: set("buildings")?,
            ..Selector::default()
        };
        if let Some(f) = o.opt_sub("floors")? {
            f.allow(&["min", "max"])?;
            s.floor_min = f.opt_i64("min")?;
            s.floor_max = f.opt_i64("max")?;
            s.has_floors = true;
        }
        if o.has("uses") {
            // Each use once, in the order first given: a list repeating
            // them (a hostile record's million entries) would otherwise be
            // scanned for every unit.
            let mut uses = Vec::new();
            for u in o.ids("uses")? {
                let u = parse_use(u)?;
                if !uses.contains(&u) {
                    uses.push(u);
                }
            }
            s.uses = Some(uses);
        }
        Ok(s)
    }

    /// The selector in words, Chinese and English, e.g. `("3号楼，3层及以下", "building 3, floors ≤ 3")`.
    pub fn describe(&self) -> (String, String) {
        fn sorted(set: &HashSet<String>) -> Vec<&str> {
            let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
            crate::order::sort_by(&mut v, |a, b| a.cmp(b));
            v
        }
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        if let Some(b) = &self.buildings {
            let v = sorted(b);
            let named: Vec<String> = v.iter().map(|b| format!("{b}号楼")).collect();
            zh.push(crate::order::join(&named, "、"));
            en.push(format!(
                "building{} {}",
                if v.len() == 1 { "" } else { "s" },
                crate::order::join(&v, ", ")
            ));
        }
        if let Some(u) = &self.units {
            let v = sorted(u);
            let show = |sep| {
                if v.len() > 6 {
                    format!("{}…", crate::order::join(&v[..6], sep))
                } else {
                    crate::order::join(&v, sep)
                }
            };
            let shown = show(", ");
            zh.push(format!("单元 {}，共 {} 个", show("、"), v.len()));
            en.push(format!(
                "unit{} {shown}",
                if v.len() == 1 { "" } else { "s" }
            ));
        }
        if self.has_floors {
            match (self.floor_min, self.floor_max) {
                (Some(a), Some(b)) => {
                    zh.push(format!("{a}至{b}层"));
                    en.push(format!("floors {a} to {b}"));
                }
                (None, Some(b)) => {
                    zh.push(format!("{b}层及以下"));
                    en.push(format!("floors ≤ {b}"));
                }
                (Some(a), None) => {
                    zh.push(format!("{a}层及以上"));
                    en.push(format!("floors ≥ {a}"));
                }
                (None, None) => {
                    zh.push("已登记楼层".into());
                    en.push("units with a floor".into());
                }
            }
        }
        if let Some(us) = &self.uses {
            let names: Vec<&str> = us
                .iter()
                .map(|u| match u {
                    Use::Residential => "residential",
                    Use::Commercial => "commercial",
                    Use::Parking => "parking",
                    Use::Other => "other",
                })
                .collect();
            zh.push(format!("用途 {}", crate::order::join(&names, "、")));
            en.push(format!("use {}", crate::order::join(&names, ", ")));
        }
        if zh.is_empty() {
            return ("全体业主".into(), "all owners".into());
        }
        (crate::order::join(&zh, "，"), crate::order::join(&en, ", "))
    }

    /// Whether `unit` is selected.
    pub fn matches(&self, unit: &Unit) -> bool {
        if let Some(u) = &self.units {
            if !u.contains(unit.id.as_str()) {
                return false;
            }
        }
        if let Some(b) = &self.buildings {
            match unit.building.as_deref() {
                Some(x) if b.contains(x) => {}
                _ => return false,
            }
        }
        if self.has_floors {
            let Some(f) = unit.floor else { return false };
            if self.floor_min.is_some_and(|m| f < m) || self.floor_max.is_some_and(|m| f > m) {
                return false;
            }
        }
        if let Some(us) = &self.uses {
            if !us.contains(&unit.usage) {
                return false;
            }
        }
        true
    }

    /// The first key given as an empty list, if any.
    fn empty_list(&self) -> Option<&'static str> {
        if self.units.as_ref().is_some_and(HashSet::is_empty) {
            Some("units")
        } else if self.buildings.as_ref().is_some_and(HashSet::is_empty) {
            Some("buildings")
        } else if self.uses.as_ref().is_some_and(Vec::is_empty) {
            Some("uses")
        } else {
            None
        }
    }

    /// Unit ids named by the selector (to check they exist).
    pub(crate) fn named_units(&self) -> impl Iterator<Item = &String> {
        self.units.iter().flatten()
    }
}

fn parse_use(u: &str) -> Result<Use> {
    Ok(match u {
        "residential" => Use::Residential,
        "commercial" => Use::Commercial,
        "parking" => Use::Parking,
        "other" => Use::Other,
        _ => {
            return Err(err(
                ErrorCode::EventInvalid,
                format!("use must be residential, commercial, parking or other, not \"{u}\""),
            ))
        }
    })
}

/// An owner's dense index, and the index it votes under.
#[derive(Debug, Clone, Copy)]
struct Indices {
    own: u32,
    voter: u32,
}

/// The community's registry.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The community's id.
    pub community: String,
    /// Its name.
    pub name: Option<String>,
    units: Vec<Unit>,
    index: HashMap<CompactString, usize>,
    developers: HashSet<String>,
    /// Owner ids known to the registry (listed, or owning a unit now or
    /// before), each with a dense index.
    /// Short ids (up to 24 bytes) sit inside the table, so a lookup costs
    /// one cache miss, not two. The value is the owner's dense index and
    /// the index it votes under (its own, or the shared developer index).
    ids: HashMap<CompactString, Indices>,
    /// How many units each owner (by its own dense index) holds now: whether
    /// an id is an owner *now* (§2: the buyer of record of its units) in O(1).
    held: Vec<u32>,
    /// The voter key all developer owners share.
    developer_key: Option<String>,
}

impl Registry {
    pub(crate) fn from_event(d: Obj<'_, '_>) -> Result<Registry> {
        d.allow(&["community", "name", "owners", "units"])?;
        let mut r = Registry {
            community: d.id("community")?.to_owned(),
            name: d.opt_str("name")?.map(str::to_owned),
            ..Registry::default()
        };
        if let Some(owners) = d.opt_arr("owners")? {
            for o in owners {
                let o = obj(o, "owner")?;
                o.allow(&["id", "developer", "name"])?;
                let id = o.id("id")?;
                o.opt_str("name")?;
                if r.ids.contains_key(id) {
                    return Err(err(
                        ErrorCode::OwnerDuplicate,
                        format!("owner \"{id}\" is listed twice"),
                    ));
                }
                r.intern(id);
                if o.opt_bool("developer")? == Some(true) {
                    r.developers.insert(id.to_owned());
                    match &r.developer_key {
                        None => r.developer_key = Some(id.to_owned()),
                        Some(first) => {
                            let shared = r.ids[first.as_str()].own;
                            if let Some(x) = r.ids.get_mut(id) {
                                x.voter = shared;
                            }
                        }
                    }
                }
            }
        }
        let units = d.arr("units")?;
        if units.len() > MAX_UNITS {
            return Err(err(
                ErrorCode::RecordTooLarge,
                format!("{} units; the limit is {MAX_UNITS}", units.len()),
            ));
        }
        r.units.reserve(units.len());
        r.index.reserve(units.len());
        r.ids.reserve(units.len());
        for u in units {
            let u = obj(u, "unit")?;
            u.allow(&[
                "id",
                "building",
                "floor",
                "area",
                "area_basis",
                "use",
                "owner",
            ])?;
            let id = u.id("id")?;
            let area = match u.get("area") {
                Some(Node::Str(s)) => s.parse::<Area>().map_err(|e| {
                    err(
                        ErrorCode::UnitAreaInvalid,
                        format!("unit \"{id}\": area \"{s}\": {e}"),
                    )
                })?,
                Some(other) => {
                    return Err(err(
                        ErrorCode::UnitAreaInvalid,
                        format!(
                        "unit \"{id}\": area must be a decimal string such as \"89.37\", not {other}"
                    ),
                    ))
                }
                None => {
                    return Err(err(
                        ErrorCode::UnitAreaInvalid,
                        format!("unit \"{id}\" has no area"),
                    ))
                }
            };
            if area.is_zero() {
                return Err(err(
                    ErrorCode::UnitAreaInvalid,
                    format!("unit \"{id}\": an exclusive part has a positive area"),
                ));
            }
            let area_basis = match u.opt_str("area_basis")? {
                None | Some("registry") => AreaBasis::Registry,
                Some("survey") => AreaBasis::Survey,
                Some("contract") => AreaBasis::Contract,
                Some(x) => {
                    return Err(err(
                        ErrorCode::EventInvalid,
                        format!("area_basis must be registry, survey or contract, not \"{x}\""),
                    ))
                }
            };
            let usage = match u.opt_str("use")? {
                None => Use::Residential,
                Some(x) => parse_use(x)?,
            };
            let owner = u.id("owner")?;
            if r.index.insert(id.into(), r.units.len()).is_some() {
                return Err(err(
                    ErrorCode::UnitDuplicate,
                    format!("unit \"{id}\" is registered twice"),
                ));
            }
            let voter = r.intern(owner);
            r.hold(owner, 1);
            r.units.push(Unit {
                id: id.into(),
                building: u.opt_id("building")?.map(CompactString::from),
                floor: u.opt_i64("floor")?,
                area,
                area_basis,
                usage,
                owner: owner.into(),
                voter,
            });
        }
        Ok(r)
    }

    /// The index an owner id votes under (see [`Registry::voter_index`]),
    /// adding the id when new.
    fn intern(&mut self, id: &str) -> u32 {
        if let Some(x) = self.ids.get(id) {
            return x.voter;
        }
        let i = self.ids.len() as u32;
        self.ids
            .insert(CompactString::from(id), Indices { own: i, voter: i });
        i
    }

    /// The index under which an owner votes and counts: the owner's own,
    /// except that all developer owners share the first developer's (Interp.
    /// Art. 9). `None` for an id the registry does not know.
    pub(crate) fn voter_index(&self, owner: &str) -> Option<u32> {
        self.ids.get(owner).map(|x| x.voter)
    }

    /// The owner's own dense index (no developer sharing), for committee members.
    pub(crate) fn owner_index(&self, owner: &str) -> Option<u32> {
        self.ids.get(owner).map(|x| x.own)
    }

    /// How many owner ids the registry knows.
    pub(crate) fn owner_count(&self) -> usize {
        self.ids.len()
    }

    /// All units, in registration order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.index.get(id).map(|&i| &self.units[i])
    }

    /// The units `owner` is the owner of record of now, in registration
    /// order (a scan of every unit).
    pub fn units_of<'a>(&'a self, owner: &'a str) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units.iter().filter(move |u| u.owner() == owner)
    }

    /// Whether the id is a known owner (listed, or owner of record of some unit at some time).
    pub fn is_owner(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// Whether the owner is marked as the developer.
    pub fn is_developer(&self, id: &str) -> bool {
        self.developers.contains(id)
    }

    /// The key under which an owner votes: the owner's id, except that all
    /// developer owners vote and count together as one person (Interp. Art. 9).
    pub fn voter_key<'a>(&'a self, owner: &'a str) -> &'a str {
        if !self.developers.is_empty() && self.developers.contains(owner) {
            self.developer_key.as_deref().unwrap_or(owner)
        } else {
            owner
        }
    }

    pub(crate) fn check_transfer(&self, unit: &str) -> Result<()> {
        if !self.index.contains_key(unit) {
            return Err(err(
                ErrorCode::UnitUnknown,
                format!("unit \"{unit}\" is not registered"),
            ));
        }
        Ok(())
    }

    pub(crate) fn transfer(&mut self, unit: &str, to: &str) {
        let i = self.index[unit];
        let from = std::mem::replace(&mut self.units[i].owner, to.into());
        self.hold(&from, -1);
        self.units[i].voter = self.intern(to);
        self.hold(to, 1);
    }

    /// Adds `by` to the count of units a known owner holds.
    fn hold(&mut self, owner: &str, by: i32) {
        let own = self.ids[owner].own as usize;
        if self.held.len() <= own {
            self.held.resize(own + 1, 0);
        }
        self.held[own] = self.held[own].wrapping_add_signed(by);
    }

    /// Whether `owner` holds a unit now (an id that sold every unit, or was
    /// only listed, holds none).
    pub fn holds_units(&self, owner: &str) -> bool {
        self.ids
            .get(owner)
            .and_then(|x| self.held.get(x.own as usize))
            .is_some_and(|&n| n > 0)
    }

    /// A selector may only name what the registry holds: an unknown unit
    /// (`unit.unknown`) or building, an empty list or an empty floor range
    /// (`event.invalid`) would select nobody by mistake, and a protected
    /// group that selects nobody protects nobody.
    pub(crate) fn check_selector(&self, s: &Selector) -> Result<()> {
        if let Some(empty) = s.empty_list() {
            return Err(err(
                ErrorCode::EventInvalid,
                format!("a selector's \"{empty}\" is empty"),
            ));
        }
        if let (Some(a), Some(b)) = (s.floor_min, s.floor_max) {
            if a > b {
                return Err(err(
                    ErrorCode::EventInvalid,
                    format!("a selector's floors {a} to {b} are empty"),
                ));
            }
        }
        if let Some(named) = &s.buildings {
            let known: HashSet<&str> = self.units.iter().filter_map(Unit::building).collect();
            let unknown = named.iter().filter(|b| !known.contains(b.as_str())).min();
            if let Some(b) = unknown {
                return Err(err(
                    ErrorCode::EventInvalid,
                    format!("selector names building \"{b}\", which has no unit"),
                ));
            }
        }
        // The least unknown id, as for buildings: the selector's set has no
        // order, and the message must not depend on a hash seed.
        let mut unknown: Option<&str> = None;
        for u in s.named_units() {
            if !self.index.contains_key(u.as_str()) && unknown.is_none_or(|m| u.as_str() < m) {
                unknown = Some(u);
            }
        }
        if let Some(u) = unknown {
            return Err(err(
                ErrorCode::UnitUnknown,
                format!("selector names unit \"{u}\", which is not registered"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Ledger;
    use serde_json::json;

    /// A use named again in a selector's list is kept once: a list of a
    /// million repeats is not scanned for every unit.
    #[test]
    fn repeated_uses_are_kept_once() {
        let v = json!({"uses": ["parking", "residential", "parking", "residential", "parking"]});
        let arena = crate::json::Arena::default();
        let node = crate::json::Node::from_value(&v, &arena).unwrap();
        let s = super::Selector::parse(&node, "scope").unwrap();
        assert_eq!(
            s.uses.as_deref(),
            Some(&[super::Use::Parking, super::Use::Residential][..])
        );
        assert_eq!(s.describe().1, "use parking, residential");
    }

    #[test]
    fn holding_follows_transfers() {
        let mut l = Ledger::new();
        l.apply(&json!({"at": "2026-01-01T09:00:00+08:00", "kind": "community.registered",
            "data": {"community": "c", "owners": [{"id": "listed"}], "units": [
                {"id": "u1", "area": "50", "owner": "a"}, {"id": "u2", "area": "50", "owner": "a"}]}}))
        .unwrap();
        let holds = |l: &Ledger, who: &str| l.registry().unwrap().holds_units(who);
        assert!(holds(&l, "a") && !holds(&l, "listed") && !holds(&l, "nobody"));
        let mut minute = 0;
        let mut transfer = |l: &mut Ledger, unit: &str, to: &str| {
            minute += 1;
            l.apply(&json!({"at": format!("2026-01-01T10:{minute:02}:00+08:00"),
                "kind": "unit.transferred", "data": {"unit": unit, "to": to}}))
                .unwrap();
        };
        transfer(&mut l, "u1", "b");
        assert!(holds(&l, "a") && holds(&l, "b"));
        transfer(&mut l, "u2", "b");
        assert!(!holds(&l, "a") && holds(&l, "b"));
        transfer(&mut l, "u2", "listed");
        assert!(holds(&l, "listed") && holds(&l, "b") && !holds(&l, "a"));
        // A unit transferred to its own owner changes nothing.
        transfer(&mut l, "u1", "b");
        assert!(holds(&l, "b"));
        transfer(&mut l, "u1", "a");
        assert!(holds(&l, "a") && !holds(&l, "b"));
    }

    #[test]
    fn units_read_back_as_registered() {
        let mut l = Ledger::new();
        let long = "一个很长的单元编号，超过二十四个字节的那种";
        l.apply(
            &json!({"at": "2026-01-01T09:00:00+08:00", "kind": "community.registered",
            "data": {"community": "c", "units": [
                {"id": "1-101", "building": "1", "floor": -1, "area": "89.37",
                 "area_basis": "survey", "use": "parking", "owner": "a"},
                {"id": long, "area": "0.01", "owner": long}]}}),
        )
        .unwrap();
        let reg = l.registry().unwrap();
        let [u, v] = reg.units() else {
            panic!("two units: {:?}", reg.units())
        };
        assert_eq!(
            (u.id(), u.building(), u.floor(), u.owner()),
            ("1-101", Some("1"), Some(-1), "a")
        );
        assert_eq!(u.area().to_string(), "89.37");
        assert_eq!(u.area_basis(), super::AreaBasis::Survey);
        assert_eq!(u.usage(), super::Use::Parking);
        assert_eq!(
            (v.id(), v.building(), v.floor(), v.owner()),
            (long, None, None, long)
        );
        assert_eq!(reg.unit(long), Some(v));
        // Serialised in the record's own shape.
        assert_eq!(
            serde_json::to_value(u).unwrap(),
            json!({"id": "1-101", "building": "1", "floor": -1, "area": "89.37",
                   "area_basis": "survey", "use": "parking", "owner": "a"})
        );
        assert_eq!(
            serde_json::to_value(v).unwrap(),
            json!({"id": long, "area": "0.01", "area_basis": "registry",
                   "use": "residential", "owner": long})
        );
    }
}
