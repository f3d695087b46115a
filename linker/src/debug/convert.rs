//! One input's DWARF, converted by gimli into the output's.
//!
//! Every input is converted into the same `gimli::write::Dwarf`
//! (`Dwarf::convert_with_filter`, once per input): its units become units
//! of the output, their strings go into the output's one string table, and
//! gimli lays out `.debug_abbrev`, `.debug_str`, ranges and locations anew
//! when the output is written, so no offset of an input survives.
//!
//! What gimli's converter cannot know is done here, DIE by DIE and row by
//! row ([`CodeMap`]): code addresses, high PCs given as lengths, line rows
//! (whose addresses are offsets from their sequence's start), range and
//! location lists (rewritten as absolute ranges, cut where a range spans
//! functions that did not stay together), `DW_OP_WASM_location` globals
//! (renumbered by merging) and `DW_OP_addr` (memory addresses: moved by
//! the region's base in `portable`, gone where the memory is not the
//! output's memory 0).
//!
//! Dead code goes: a DIE whose code was all dropped is filtered out with
//! its children (gimli's filter keeps what live DIEs refer to); one still
//! referred to keeps a tombstone address (`-1`), as wasm-ld writes. Line
//! sequences of dropped functions are left out.

use std::rc::Rc;

use gimli::constants;
use gimli::read::{self, AttributeValue as Value};
use gimli::write::{
    self, Address, AttributeValue, ConvertLineProgram, ConvertResult, ConvertUnit, ConvertUnitEntry, FilterUnitSection,
    Location, LocationList, Range, RangeList,
};
use gimli::Reader;

use super::address::{CodeMap, Mapped, TOMBSTONE};

pub(super) type R = gimli::EndianRcSlice<gimli::LittleEndian>;

/// One input, as its DWARF is converted.
pub(super) struct Source<'a> {
    pub(super) dwarf: read::Dwarf<R>,
    pub(super) code: CodeMap,
    /// Its globals' indices in the output.
    pub(super) globals: &'a [u32],
    /// Where its memory's address 0 is in the output's memory 0, if fixed.
    pub(super) data_base: Option<u64>,
}

/// What could not be carried over correctly, for the warning.
#[derive(Debug, Default)]
pub(super) struct Losses {
    /// The unit being read (its `DW_AT_name`), for [`Losses::misplaced`].
    unit: String,
    /// Where an entry, a range or location list entry, or a lone address
    /// was not at an instruction: (unit, begin, end).
    pub(super) addresses: Vec<Place>,
    /// Where a line sequence had a row (or its end) not at an instruction.
    pub(super) sequences: Vec<Place>,
    /// Location expressions naming a memory address the output cannot express.
    pub(super) statics: usize,
    /// Units that failed to convert, with gimli's reason.
    pub(super) units: Vec<String>,
}

/// Where in an input something did not fit its code: the unit's name and
/// the input's `[begin, end)` (`begin == end` for a lone address).
pub(super) type Place = (String, u64, u64);

impl Losses {
    fn place(&self, begin: u64, end: u64) -> Place {
        (self.unit.clone(), begin, end)
    }

    fn begin_unit(&mut self, unit: read::UnitRef<'_, R>) {
        self.unit =
            unit.name.as_ref().and_then(|n| n.to_string_lossy().ok().map(|n| n.into_owned())).unwrap_or_default();
    }

    fn misplaced(&mut self, begin: u64, end: u64) {
        let place = self.place(begin, end);
        self.addresses.push(place);
    }
}

/// Converts `source` into `dwarf`.
pub(super) fn convert(dwarf: &mut write::Dwarf, source: &Source, losses: &mut Losses) -> ConvertResult<()> {
    let filter = filter(source, losses)?;
    let mut units = dwarf.convert_with_filter(filter)?;
    while let Some((mut unit, root)) = units.read_unit()? {
        losses.begin_unit(unit.read_unit);
        let name = unit.read_unit.name.as_ref().and_then(|n| n.to_string_lossy().ok().map(|n| n.into_owned()));
        if let Err(e) = convert_unit(&mut unit, root, source, losses) {
            unit.skip();
            losses.units.push(format!("unit `{}` ({e})", name.unwrap_or_default()));
        }
    }
    Ok(())
}

/// Which DIEs to keep: those with live code, static variables, and what
/// they refer to; not those whose code was all dropped, nor their children.
/// One whose code is not at the module's instructions goes too, counted.
fn filter<'a>(source: &'a Source<'_>, losses: &mut Losses) -> ConvertResult<FilterUnitSection<'a, R>> {
    let mut filter = FilterUnitSection::new(&source.dwarf)?;
    while let Some(mut unit) = filter.read_unit()? {
        losses.begin_unit(unit.read_unit);
        let mut entry = unit.null_entry();
        let mut dead_below: Option<isize> = None;
        while unit.read_entry(&mut entry)? {
            match dead_below {
                Some(depth) if entry.depth > depth => continue,
                _ => dead_below = None,
            }
            let has_code =
                entry.attr(constants::DW_AT_low_pc).is_some() || entry.attr(constants::DW_AT_ranges).is_some();
            if has_code {
                let mut ranges = unit.read_unit.die_ranges(&entry.read_entry)?;
                let (mut live, mut misplaced) = (false, None);
                while let Some(range) = ranges.next()? {
                    match source.code.range(range.begin, range.end) {
                        Ok(pieces) => live |= !pieces.is_empty(),
                        Err(()) => misplaced = misplaced.or(Some((range.begin, range.end))),
                    }
                }
                if live {
                    unit.require_entry(entry.offset);
                } else {
                    if let Some((begin, end)) = misplaced {
                        losses.misplaced(begin, end);
                    }
                    dead_below = Some(entry.depth);
                }
            } else if is_static(entry.tag, entry.parent_tag) {
                unit.require_entry(entry.offset);
            }
        }
    }
    Ok(filter)
}

/// A variable or constant of a namespace or unit (not of a function).
fn is_static(tag: constants::DwTag, parent: Option<constants::DwTag>) -> bool {
    matches!(tag, constants::DW_TAG_variable | constants::DW_TAG_constant)
        && matches!(parent, None | Some(constants::DW_TAG_namespace) | Some(constants::DW_TAG_module))
}

fn convert_unit<'a>(
    unit: &mut ConvertUnit<'a, R>,
    root: ConvertUnitEntry<'a, R>,
    source: &Source,
    losses: &mut Losses,
) -> ConvertResult<()> {
    if let Some(program) = unit.read_line_program(None, None)? {
        let (program, files) = lines(program, &source.code, losses)?;
        unit.set_line_program(program, files);
    }
    let root_id = unit.unit.root();
    let mut based = false;
    attributes(unit, root_id, &root, source, losses, &mut based)?;
    let mut entry = root;
    while let Some(id) = unit.read_entry(&mut entry)? {
        let Some(id) = id else { continue };
        let id = unit.add_entry(Some(id), &entry);
        attributes(unit, id, &entry, source, losses, &mut based)?;
    }
    Ok(())
}

/// The line program, every row at its instruction's new address; a
/// sequence is cut where its function ends, dropped where its function
/// was, and dropped (counted) where a row is not at an instruction.
fn lines(
    mut program: ConvertLineProgram<'_, R>,
    code: &CodeMap,
    losses: &mut Losses,
) -> ConvertResult<(write::LineProgram, Vec<write::FileId>)> {
    while let Some(sequence) = program.read_sequence()? {
        let start = sequence.start.unwrap_or(0);
        let end = match sequence.end {
            write::ConvertLineSequenceEnd::Length(length) => start + length,
            write::ConvertLineSequenceEnd::Address(address) => address,
        };
        // Rows by function: (function, [(output address, row)]).
        let mut groups: Vec<(usize, Vec<(u64, write::LineRow)>)> = Vec::new();
        let mut bad = false;
        for row in sequence.rows {
            let address = start + row.address_offset;
            let (Some(d), mapped) = (code.function_at(address), code.address(address)) else {
                bad = !super::address::is_tombstone(address);
                break;
            };
            match mapped {
                Mapped::Live(at) => match groups.last_mut() {
                    Some((f, rows)) if *f == d => rows.push((at, row)),
                    _ => groups.push((d, vec![(at, row)])),
                },
                Mapped::Dead => {}
                Mapped::Unmappable => {
                    bad = true;
                    break;
                }
            }
        }
        if bad {
            let place = losses.place(start, end);
            losses.sequences.push(place);
            continue;
        }
        let count = groups.len();
        for (i, (d, rows)) in groups.into_iter().enumerate() {
            let (Some(body_end), Some(&(first, _)), Some(&(last, _))) = (code.end_of(d), rows.first(), rows.last())
            else {
                continue;
            };
            let end = match code.address(end) {
                Mapped::Live(e) if i + 1 == count && e >= last && e <= body_end => e,
                Mapped::Unmappable if i + 1 == count => {
                    let place = losses.place(start, end);
                    losses.sequences.push(place);
                    continue;
                }
                _ => body_end,
            };
            if rows.windows(2).any(|w| w[1].0 < w[0].0) || last > end {
                let place = losses.place(start, end);
                losses.sequences.push(place);
                continue;
            }
            program.begin_sequence(Some(Address::Constant(first)));
            for (at, mut row) in rows {
                row.address_offset = at - first;
                program.generate_row(row);
            }
            program.end_sequence(end - first);
        }
    }
    Ok(program.program())
}

/// Converts every attribute of `entry` into entry `id`.
fn attributes(
    unit: &mut ConvertUnit<'_, R>,
    id: write::UnitEntryId,
    entry: &ConvertUnitEntry<'_, R>,
    source: &Source,
    losses: &mut Losses,
    based: &mut bool,
) -> ConvertResult<()> {
    let read_unit = entry.read_unit;
    let is_root = id == unit.unit.root();
    let address = |value: Value<R>| -> ConvertResult<Option<u64>> {
        Ok(match value {
            Value::Addr(a) => Some(a),
            Value::DebugAddrIndex(index) => Some(read_unit.address(index)?),
            _ => None,
        })
    };
    let low = match entry.attr_value(constants::DW_AT_low_pc) {
        Some(value) => address(value)?,
        None => None,
    };
    let has_ranges = entry.attr(constants::DW_AT_ranges).is_some();
    for attr in &entry.attrs {
        let name = attr.name();
        let value = attr.value();
        let converted = match name {
            constants::DW_AT_GNU_locviews => continue,
            constants::DW_AT_high_pc => continue,
            constants::DW_AT_low_pc => {
                let Some(low) = low else { continue };
                if is_root && (has_ranges || low == 0) {
                    // The unit's base address: ranges are written absolute.
                    AttributeValue::Address(Address::Constant(0))
                } else {
                    let high = match entry.attr_value(constants::DW_AT_high_pc) {
                        Some(Value::Udata(length)) => Some(low + length),
                        Some(value) => address(value)?,
                        None => None,
                    };
                    let kept = code_range(unit, id, low, high, source, losses, *based);
                    if is_root {
                        *based = kept != 0;
                    }
                    continue;
                }
            }
            _ => match address(value.clone())? {
                Some(a) => match source.code.address(a) {
                    Mapped::Live(at) => AttributeValue::Address(Address::Constant(at)),
                    Mapped::Dead => AttributeValue::Address(Address::Constant(TOMBSTONE)),
                    Mapped::Unmappable => {
                        losses.misplaced(a, a);
                        continue;
                    }
                },
                None => match value {
                    Value::RangeListsRef(_) | Value::DebugRngListsIndex(_) => {
                        let Some(ranges) = read_unit.attr_ranges(value)? else { continue };
                        AttributeValue::RangeListRef(unit.unit.ranges.add(ranges_of(ranges, source, losses, *based)?))
                    }
                    Value::LocationListsRef(_) | Value::DebugLocListsIndex(_) => {
                        let Some(offset) = read_unit.attr_locations_offset(value)? else { continue };
                        let list = locations(unit, read_unit, offset, source, losses, *based)?;
                        AttributeValue::LocationListRef(unit.unit.locations.add(list))
                    }
                    Value::Exprloc(expression) => match self::expression(unit, read_unit, expression, source) {
                        Some(expression) => AttributeValue::Exprloc(expression),
                        None => {
                            losses.statics += 1;
                            continue;
                        }
                    },
                    _ => unit.convert_attribute_value(read_unit, attr, &|a| Some(Address::Constant(a)))?,
                },
            },
        };
        unit.unit.get_mut(id).set(name, converted);
    }
    Ok(())
}

/// Sets `DW_AT_low_pc`/`DW_AT_high_pc` of `id` for the input's
/// `[low, high)` (or `low` alone): one range keeps the pair, several become
/// `DW_AT_ranges`, none (dropped code) a tombstone. Returns the low PC written.
fn code_range(
    unit: &mut ConvertUnit<'_, R>,
    id: write::UnitEntryId,
    low: u64,
    high: Option<u64>,
    source: &Source,
    losses: &mut Losses,
    based: bool,
) -> u64 {
    let entry = unit.unit.get_mut(id);
    let Some(high) = high else {
        let at = match source.code.address(low) {
            Mapped::Live(at) => at,
            Mapped::Dead => TOMBSTONE,
            Mapped::Unmappable => {
                losses.misplaced(low, low);
                TOMBSTONE
            }
        };
        entry.set(constants::DW_AT_low_pc, AttributeValue::Address(Address::Constant(at)));
        return at;
    };
    let pieces = match source.code.range(low, high) {
        Ok(pieces) => pieces,
        Err(()) => {
            losses.misplaced(low, high);
            Vec::new()
        }
    };
    match pieces.as_slice() {
        [] => {
            entry.set(constants::DW_AT_low_pc, AttributeValue::Address(Address::Constant(TOMBSTONE)));
            entry.set(constants::DW_AT_high_pc, AttributeValue::Udata(high.saturating_sub(low)));
            TOMBSTONE
        }
        [(begin, end)] => {
            entry.set(constants::DW_AT_low_pc, AttributeValue::Address(Address::Constant(*begin)));
            entry.set(constants::DW_AT_high_pc, AttributeValue::Udata(end - begin));
            *begin
        }
        several => {
            let list = RangeList(list(
                several,
                based,
                |begin, end| Range::OffsetPair { begin, end },
                |begin, end| Range::StartEnd { begin: Address::Constant(begin), end: Address::Constant(end) },
            ));
            let ranges = unit.unit.ranges.add(list);
            unit.unit.get_mut(id).set(constants::DW_AT_ranges, AttributeValue::RangeListRef(ranges));
            0
        }
    }
}

/// Absolute ranges as a list: after a base address of 0 when the unit has
/// a base address of its own (offsets are from it), else start-end pairs.
fn list<T>(
    pieces: &[(u64, u64)],
    based: bool,
    offset: impl Fn(u64, u64) -> T,
    start_end: impl Fn(u64, u64) -> T,
) -> Vec<T>
where
    T: From<BaseZero>,
{
    let mut out = Vec::new();
    if based && !pieces.is_empty() {
        out.push(T::from(BaseZero));
    }
    for &(begin, end) in pieces {
        out.push(if based { offset(begin, end) } else { start_end(begin, end) });
    }
    out
}

/// A base address selection of 0.
pub(super) struct BaseZero;

impl From<BaseZero> for Range {
    fn from(_: BaseZero) -> Range {
        Range::BaseAddress { address: Address::Constant(0) }
    }
}

fn ranges_of(
    mut ranges: read::RngListIter<R>,
    source: &Source,
    losses: &mut Losses,
    based: bool,
) -> ConvertResult<RangeList> {
    let mut pieces = Vec::new();
    while let Some(range) = ranges.next()? {
        match source.code.range(range.begin, range.end) {
            // An empty range covers no code: it is left out.
            Ok(mapped) => pieces.extend(mapped.into_iter().filter(|(begin, end)| begin < end)),
            Err(()) => losses.misplaced(range.begin, range.end),
        }
    }
    Ok(RangeList(list(
        &pieces,
        based,
        |begin, end| Range::OffsetPair { begin, end },
        |begin, end| Range::StartEnd { begin: Address::Constant(begin), end: Address::Constant(end) },
    )))
}

fn locations(
    unit: &ConvertUnit<'_, R>,
    read_unit: read::UnitRef<'_, R>,
    offset: gimli::LocationListsOffset,
    source: &Source,
    losses: &mut Losses,
    based: bool,
) -> ConvertResult<LocationList> {
    let mut iter = read_unit.locations(offset)?;
    let mut out = Vec::new();
    if based {
        out.push(Location::BaseAddress { address: Address::Constant(0) });
    }
    while let Some(entry) = iter.next()? {
        let pieces = match source.code.range(entry.range.begin, entry.range.end) {
            // An empty range covers no code: it is left out.
            Ok(pieces) => pieces.into_iter().filter(|(begin, end)| begin < end).collect::<Vec<_>>(),
            Err(()) => {
                losses.misplaced(entry.range.begin, entry.range.end);
                continue;
            }
        };
        if pieces.is_empty() {
            continue;
        }
        let Some(data) = expression(unit, read_unit, entry.data, source) else {
            losses.statics += 1;
            continue;
        };
        for (begin, end) in pieces {
            out.push(match based {
                true => Location::OffsetPair { begin, end, data: data.clone() },
                false => Location::StartEnd {
                    begin: Address::Constant(begin),
                    end: Address::Constant(end),
                    data: data.clone(),
                },
            });
        }
    }
    Ok(LocationList(out))
}

/// A location expression for the output: `DW_OP_WASM_location` globals
/// renumbered, `DW_OP_addr` moved by the memory's base; `None` where it
/// cannot be (a memory that is not the output's memory 0, a renumbering
/// that changes the length of an expression with branches).
fn expression(
    unit: &ConvertUnit<'_, R>,
    read_unit: read::UnitRef<'_, R>,
    expression: read::Expression<R>,
    source: &Source,
) -> Option<write::Expression> {
    let encoding = read_unit.encoding();
    let raw = expression.0.to_slice().ok()?.into_owned();
    let mut rebuilt = Vec::with_capacity(raw.len());
    let (mut renumbered, mut branches) = (false, false);
    let mut ops = expression.clone().operations(encoding);
    loop {
        let before = ops.offset_from(&expression);
        let Some(op) = ops.next().ok()? else { break };
        let after = ops.offset_from(&expression);
        match op {
            // wasm-ld's tombstone for a global it discarded (`-1`): the
            // input's expression names no global, and neither does the
            // output's, kept as it is.
            read::Operation::WasmGlobal { index: u32::MAX } => rebuilt.extend_from_slice(&raw[before..after]),
            read::Operation::WasmGlobal { index } => {
                let to = *source.globals.get(index as usize)?;
                renumbered |= to != index;
                rebuilt.extend([constants::DW_OP_WASM_location.0, 0x01]);
                leb128(&mut rebuilt, to as u64);
            }
            read::Operation::Bra { .. } | read::Operation::Skip { .. } => {
                branches = true;
                rebuilt.extend_from_slice(&raw[before..after]);
            }
            _ => rebuilt.extend_from_slice(&raw[before..after]),
        }
    }
    let bytes = match renumbered {
        true if branches && rebuilt.len() != raw.len() => return None,
        true => rebuilt,
        false => raw,
    };
    let expression = read::Expression(R::new(Rc::from(bytes.into_boxed_slice()), gimli::LittleEndian));
    let base = source.data_base;
    unit.convert_expression(read_unit, expression, &|a| base.map(|b| Address::Constant(a + b))).ok()
}

fn leb128(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
