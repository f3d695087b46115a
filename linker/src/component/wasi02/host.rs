//! The WASI host module (`wasmer-link/wasi/host`): the state WASI 0.2's
//! filesystem resources keep beyond a handle's representation, shared by
//! every shim of the link (a handle may move between components, so its
//! representation must mean the same to all of them).
//!
//! - A `descriptor`'s representation is its preview 1 fd, with
//!   [`PREOPEN`] set for the preopened directories `get-directories`
//!   hands out: its destructor (`descriptor.drop`) closes the fd, except
//!   a preopen's, which stays open for the next `get-directories`.
//! - A `directory-entry-stream`'s representation is a slot of this
//!   module's own memory holding the directory's fd and the `fd_readdir`
//!   cookie of the next entry (`dir.*`); its destructor returns the slot
//!   to a free list, so a steady state does not grow.
//!
//! - A `pollable` of a clock (`subscribe-duration`, `subscribe-instant`)
//!   is a slot too, holding the monotonic deadline, marked with
//!   [`CLOCK`]; its destructor frees the slot (a stream's pollable has
//!   nothing to free).
//!
//! The handle tables guarantee that only representations made here reach
//! these functions.

/// The module's name in the link.
pub const MODULE: &str = "wasmer-link/wasi/host";

/// Set in a `descriptor`'s representation for a preopened directory.
pub const PREOPEN: u32 = 0x4000_0000;

/// Set in a `pollable`'s representation for a clock's (the rest is its
/// slot, holding the deadline); a stream's pollable is the stream's fd.
pub const CLOCK: u32 = 0x4000_0000;

/// The destructor this module exports for `res`, if it has one.
pub fn dtor(res: super::table::Res) -> Option<&'static str> {
    match res {
        super::table::Res::Descriptor => Some("descriptor.drop"),
        super::table::Res::DirectoryEntryStream => Some("dir.drop"),
        super::table::Res::Pollable => Some("pollable.drop"),
        _ => None,
    }
}

/// The module's text (WAT). Slot 0 is never handed out; slots are 16
/// bytes: the fd at 0, the cookie at 8 (a free slot links the next at 0).
pub fn module() -> String {
    format!(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (memory 1)
  (global $free (mut i32) (i32.const 0))
  (global $top (mut i32) (i32.const 16))
  (func (export "dir.new") (param $fd i32) (result i32)
    (local $s i32)
    (local.set $s (call $slot))
    (i32.store (local.get $s) (local.get $fd))
    (i64.store offset=8 (local.get $s) (i64.const 0))
    (local.get $s))
  (func $slot (result i32)
    (local $s i32)
    (if (global.get $free)
      (then
        (local.set $s (global.get $free))
        (global.set $free (i32.load (local.get $s))))
      (else
        (local.set $s (global.get $top))
        (if (i32.ge_u (local.get $s) (i32.const 0x3ffffff0)) (then unreachable))
        (if (i32.gt_u (i32.add (local.get $s) (i32.const 16)) (i32.shl (memory.size) (i32.const 16)))
          (then (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))))
        (global.set $top (i32.add (local.get $s) (i32.const 16)))))
    (local.get $s))
  (func (export "dir.fd") (param $s i32) (result i32) (i32.load (local.get $s)))
  (func (export "dir.cookie") (param $s i32) (result i64) (i64.load offset=8 (local.get $s)))
  (func (export "dir.set-cookie") (param $s i32) (param $c i64) (i64.store offset=8 (local.get $s) (local.get $c)))
  (func (export "dir.drop") (param $s i32)
    (i32.store (local.get $s) (global.get $free))
    (global.set $free (local.get $s)))
  (func (export "clock.new") (param $deadline i64) (result i32)
    (local $s i32)
    (local.set $s (call $slot))
    (i64.store offset=8 (local.get $s) (local.get $deadline))
    (i32.or (local.get $s) (i32.const {CLOCK})))
  (func (export "clock.deadline") (param $rep i32) (result i64)
    (i64.load offset=8 (i32.and (local.get $rep) (i32.const 0x3fffffff))))
  (func (export "pollable.drop") (param $rep i32)
    (local $s i32)
    (if (i32.and (local.get $rep) (i32.const {CLOCK}))
      (then
        (local.set $s (i32.and (local.get $rep) (i32.const 0x3fffffff)))
        (i32.store (local.get $s) (global.get $free))
        (global.set $free (local.get $s)))))
  (func (export "descriptor.drop") (param $rep i32)
    (if (i32.eqz (i32.and (local.get $rep) (i32.const {PREOPEN})))
      (then (drop (call $fd_close (local.get $rep))))))
)
"#
    )
}

/// The module as a link input: its `fd_close` goes to the host.
pub fn source() -> Result<crate::ir::input::Source, String> {
    use crate::ir::input::{Binding, FromComponent, Source};
    let bytes = wat::parse_str(module())
        .map_err(|e| format!("the WASI host module does not assemble ({e}): please report this"))?;
    let bindings = vec![Binding {
        module: crate::wasi::MODULE.to_string(),
        field: "fd_close".to_string(),
        to: (crate::wasi::MODULE.to_string(), "fd_close".to_string()),
        canon: None,
        numbers_only: true,
    }];
    Ok(Source {
        name: MODULE.to_string(),
        bytes,
        origin: Some("WASI 0.2's filesystem state".to_string()),
        component: Some(FromComponent {
            component: MODULE.to_string(),
            bindings,
            post_returns: Vec::new(),
            world: None,
        }),
    })
}
