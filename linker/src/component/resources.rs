//! The handle tables of resources, as a core module the link includes
//! (`wasmer-link/resources`, with a memory of its own: a region in the
//! `portable` profile). Each component instance has one table; a handle is
//! an index into it (0 is never one), an entry `(rep, tag)` of 8 bytes, the
//! tag `type + 1` for an own handle, with the top bit set for a borrowed
//! one, 0 for a free slot (whose `rep` links the free list). Tables double
//! when full; freed slots are reused, so a steady state does not grow.
//!
//! The module exports one small function per use, named for what it does
//! (the component's built-ins `resource.new`/`rep`/`drop` of a type in a
//! table, and the adapters' moves of handles between two tables), and
//! imports the destructors of the resource types that have one from the
//! instances that define them. Traps are the component model's: a handle
//! that is not in the table, of another type, an own handle where a borrow
//! will not do (`resource.rep`, moving ownership), a borrow still held when
//! the call that lent it returns (the adapter asks [`BORROWS`] before and
//! after). Lending is not counted: a synchronous call cannot reach its
//! caller again (the component model forbids re-entering an instance), so
//! no lent handle can be dropped while it is lent.

use std::collections::BTreeSet;
use std::fmt::Write;

/// The module's name in the link.
pub const MODULE: &str = "wasmer-link/resources";
/// The export that counts the borrowed handles alive.
pub use crate::ir::input::BORROWS;

/// One function the module exports.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Use {
    New {
        ty: usize,
        table: usize,
    },
    Rep {
        ty: usize,
        table: usize,
    },
    Drop {
        ty: usize,
        table: usize,
    },
    /// An own handle of table `from` becomes one of table `to`.
    MoveOwn {
        ty: usize,
        from: usize,
        to: usize,
    },
    /// A handle of table `from` lent to table `to`: as its representation
    /// when `to` defines the type, else as a borrowed handle there.
    Lend {
        ty: usize,
        from: usize,
        to: usize,
        defines: bool,
    },
}

impl Use {
    pub fn export(&self) -> String {
        match self {
            Use::New { ty, table } => format!("resource.new r{ty} in t{table}"),
            Use::Rep { ty, table } => format!("resource.rep r{ty} in t{table}"),
            Use::Drop { ty, table } => format!("resource.drop r{ty} in t{table}"),
            Use::MoveOwn { ty, from, to } => format!("move own r{ty} from t{from} to t{to}"),
            Use::Lend { ty, from, to, .. } => format!("lend r{ty} from t{from} to t{to}"),
        }
    }
}

/// A resource type's destructor: `(module, export)` of the instance that
/// defines it.
pub type Dtor = Option<(String, String)>;

/// The module's text (WAT) for `tables` tables, the types' destructors,
/// and the functions `uses` asks for.
pub fn module(tables: usize, dtors: &[Dtor], uses: &BTreeSet<Use>) -> String {
    let heap = (tables * 16).next_multiple_of(8).max(8);
    let pages = heap / 65536 + 1;
    let mut w = String::new();
    w.push_str("(module\n");
    for (ty, dtor) in dtors.iter().enumerate() {
        if let Some((module, name)) = dtor {
            let _ = writeln!(w, "  (import {} {} (func $dtor{ty} (param i32)))", quote(module), quote(name));
        }
    }
    let _ = writeln!(w, "  (memory {pages})");
    let _ = writeln!(w, "  (global $top (mut i32) (i32.const {heap}))");
    w.push_str(CORE);
    for u in uses {
        let name = quote(&u.export());
        let _ = match u {
            Use::New { ty, table } => writeln!(
                w,
                "  (func (export {name}) (param i32) (result i32) (call $new (i32.const {table}) (i32.const {}) (local.get 0)))",
                ty + 1
            ),
            Use::Rep { ty, table } => writeln!(
                w,
                "  (func (export {name}) (param i32) (result i32) (call $rep (i32.const {table}) (i32.const {}) (local.get 0)))",
                ty + 1
            ),
            Use::Drop { ty, table } => {
                let dtor = match dtors.get(*ty) {
                    Some(Some(_)) => format!("(then (call $dtor{ty} (global.get $last)))"),
                    _ => "(then)".to_string(),
                };
                writeln!(
                    w,
                    "  (func (export {name}) (param i32) (if (call $drop (i32.const {table}) (i32.const {}) (local.get 0)) {dtor}))",
                    ty + 1
                )
            }
            Use::MoveOwn { ty, from, to } => writeln!(
                w,
                "  (func (export {name}) (param i32) (result i32) (call $new (i32.const {to}) (i32.const {tag}) (call $take_own (i32.const {from}) (i32.const {tag}) (local.get 0))))",
                tag = ty + 1
            ),
            Use::Lend { ty, from, defines: true, .. } => writeln!(
                w,
                "  (func (export {name}) (param i32) (result i32) (call $lend (i32.const {from}) (i32.const {}) (local.get 0)))",
                ty + 1
            ),
            Use::Lend { ty, from, to, defines: false } => writeln!(
                w,
                "  (func (export {name}) (param i32) (result i32) (call $new (i32.const {to}) (i32.const {borrowed}) (call $lend (i32.const {from}) (i32.const {tag}) (local.get 0))))",
                tag = ty + 1,
                borrowed = ((ty + 1) as u32 | 0x8000_0000) as i32
            ),
        };
    }
    let _ = writeln!(w, "  (func (export {}) (result i32) (global.get $borrows))", quote(BORROWS));
    w.push_str(")\n");
    w
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:02x}");
            }
        }
    }
    out.push('"');
    out
}

/// The tables themselves. Table `t`'s descriptor is at `t * 16`: the
/// entries' address, capacity, the next fresh index, the free list's head.
const CORE: &str = r#"  (global $borrows (mut i32) (i32.const 0))
  (global $last (mut i32) (i32.const 0))
  (func $reach (param $end i32)
    (local $pages i32)
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (local.set $pages (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
        (if (i32.eq (memory.grow (local.get $pages)) (i32.const -1)) (then unreachable)))))
  (func $alloc (param $t i32) (result i32)
    (local $d i32) (local $h i32) (local $cap i32) (local $new i32) (local $old i32) (local $i i32)
    (local.set $d (i32.shl (local.get $t) (i32.const 4)))
    (local.set $h (i32.load offset=12 (local.get $d)))
    (if (local.get $h)
      (then
        (i32.store offset=12 (local.get $d)
          (i32.load (i32.add (i32.load (local.get $d)) (i32.shl (local.get $h) (i32.const 3)))))
        (return (local.get $h))))
    (local.set $h (i32.load offset=8 (local.get $d)))
    (if (i32.eqz (local.get $h)) (then (local.set $h (i32.const 1))))
    (local.set $cap (i32.load offset=4 (local.get $d)))
    (if (i32.ge_u (local.get $h) (local.get $cap))
      (then
        (local.set $cap (select (i32.shl (local.get $cap) (i32.const 1)) (i32.const 16) (local.get $cap)))
        (if (i32.gt_u (local.get $cap) (i32.const 0x4000000)) (then unreachable))
        (local.set $new (global.get $top))
        (global.set $top (i32.add (local.get $new) (i32.shl (local.get $cap) (i32.const 3))))
        (call $reach (global.get $top))
        (local.set $old (i32.load (local.get $d)))
        (block $done
          (loop $copy
            (br_if $done (i32.ge_u (local.get $i) (i32.shl (i32.load offset=4 (local.get $d)) (i32.const 3))))
            (i32.store (i32.add (local.get $new) (local.get $i)) (i32.load (i32.add (local.get $old) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $copy)))
        (i32.store (local.get $d) (local.get $new))
        (i32.store offset=4 (local.get $d) (local.get $cap))))
    (i32.store offset=8 (local.get $d) (i32.add (local.get $h) (i32.const 1)))
    (local.get $h))
  (func $entry (param $t i32) (param $h i32) (result i32)
    (local $d i32) (local $a i32)
    (local.set $d (i32.shl (local.get $t) (i32.const 4)))
    (if (i32.or (i32.eqz (local.get $h)) (i32.ge_u (local.get $h) (i32.load offset=8 (local.get $d))))
      (then unreachable))
    (local.set $a (i32.add (i32.load (local.get $d)) (i32.shl (local.get $h) (i32.const 3))))
    (if (i32.eqz (i32.load offset=4 (local.get $a))) (then unreachable))
    (local.get $a))
  (func $free (param $t i32) (param $h i32) (param $a i32)
    (local $d i32)
    (local.set $d (i32.shl (local.get $t) (i32.const 4)))
    (i32.store offset=4 (local.get $a) (i32.const 0))
    (i32.store (local.get $a) (i32.load offset=12 (local.get $d)))
    (i32.store offset=12 (local.get $d) (local.get $h)))
  (func $new (param $t i32) (param $tag i32) (param $rep i32) (result i32)
    (local $h i32) (local $a i32)
    (local.set $h (call $alloc (local.get $t)))
    (local.set $a (i32.add (i32.load (i32.shl (local.get $t) (i32.const 4))) (i32.shl (local.get $h) (i32.const 3))))
    (i32.store (local.get $a) (local.get $rep))
    (i32.store offset=4 (local.get $a) (local.get $tag))
    (if (i32.lt_s (local.get $tag) (i32.const 0))
      (then (global.set $borrows (i32.add (global.get $borrows) (i32.const 1)))))
    (local.get $h))
  (func $take_own (param $t i32) (param $tag i32) (param $h i32) (result i32)
    (local $a i32) (local $rep i32)
    (local.set $a (call $entry (local.get $t) (local.get $h)))
    (if (i32.ne (i32.load offset=4 (local.get $a)) (local.get $tag)) (then unreachable))
    (local.set $rep (i32.load (local.get $a)))
    (call $free (local.get $t) (local.get $h) (local.get $a))
    (local.get $rep))
  (func $lend (param $t i32) (param $tag i32) (param $h i32) (result i32)
    (local $a i32)
    (local.set $a (call $entry (local.get $t) (local.get $h)))
    (if (i32.ne (i32.and (i32.load offset=4 (local.get $a)) (i32.const 0x7fffffff)) (local.get $tag))
      (then unreachable))
    (i32.load (local.get $a)))
  (func $rep (param $t i32) (param $tag i32) (param $h i32) (result i32)
    (local $a i32)
    (local.set $a (call $entry (local.get $t) (local.get $h)))
    (if (i32.ne (i32.load offset=4 (local.get $a)) (local.get $tag)) (then unreachable))
    (i32.load (local.get $a)))
  (func $drop (param $t i32) (param $tag i32) (param $h i32) (result i32)
    (local $a i32) (local $k i32)
    (local.set $a (call $entry (local.get $t) (local.get $h)))
    (local.set $k (i32.load offset=4 (local.get $a)))
    (if (i32.ne (i32.and (local.get $k) (i32.const 0x7fffffff)) (local.get $tag)) (then unreachable))
    (global.set $last (i32.load (local.get $a)))
    (call $free (local.get $t) (local.get $h) (local.get $a))
    (if (i32.lt_s (local.get $k) (i32.const 0))
      (then
        (global.set $borrows (i32.sub (global.get $borrows) (i32.const 1)))
        (return (i32.const 0))))
    (i32.const 1))
"#;
