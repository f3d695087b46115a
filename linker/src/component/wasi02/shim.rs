//! One shim's text (WAT): the WASI 0.2 functions one calling core instance
//! imports, served with `wasi_snapshot_preview1` calls.
//!
//! Imports, by module name (the front door binds them, numbers only):
//! `caller` (`memory`, `cabi_realloc`: the instance's own), `main` (the
//! main module's memory and realloc, where preview 1 reads; absent when the
//! caller is the main module: then both are memory 0 and one realloc),
//! `wasi_snapshot_preview1`, and the handle tables' functions.
//!
//! Invariants: every region of the caller's memory the shim reads or
//! writes is checked in 64 bits against that memory's size, and a return
//! area's alignment too (a bad one traps, as the canonical ABI's lowering
//! does); preview 1 is handed addresses in the scratch block only; a count
//! or length a host reports beyond what was asked traps; results are
//! written only after preview 1 answered; a `stream-error` is `closed` for
//! `EPIPE` (and a read of 0 bytes: end of stream), else
//! `last-operation-failed` with an `error` handle whose representation is
//! the errno (`to-debug-string` writes `errno N`).

use std::collections::BTreeSet;
use std::fmt::Write;

use super::table::{Op, Res, WasiTypes, SERVED};
use crate::component::resources::Use;

/// What a shim serves, and where.
pub struct Spec<'a> {
    /// The calling component instance's handle table.
    pub table: usize,
    pub ops: &'a BTreeSet<Op>,
    /// Whether the caller is the main module (its memory is the one
    /// preview 1 reads).
    pub is_main: bool,
    pub wasi: &'a WasiTypes,
    /// Whether any shim of the link serves `wasi:filesystem`: then an
    /// output stream may be a file's, appending.
    pub fs: bool,
    /// Whether any shim of the link makes clocks' pollables: then a
    /// pollable may have a deadline to wait for.
    pub timers: bool,
}

/// The name a shim exports `op` under (the interface without version, `#`,
/// the function).
pub fn export(op: Op) -> String {
    let served = SERVED.iter().find(|s| s.op == op);
    served.map_or_else(String::new, |s| format!("{}#{}", s.interface, s.func))
}

/// What the shim needs of an op.
struct Needs {
    caller_memory: bool,
    caller_realloc: bool,
    scratch: bool,
    wasi: &'static [&'static str],
    new: &'static [Res],
    lend: &'static [Res],
    /// Functions of the WASI host module ([`super::host`]).
    host: &'static [&'static str],
}

fn needs(op: Op) -> Needs {
    let n = |caller_memory, caller_realloc, scratch, wasi, new, lend| Needs {
        caller_memory,
        caller_realloc,
        scratch,
        wasi,
        new,
        lend,
        host: &[],
    };
    // A `wasi:filesystem` function on a borrowed descriptor, answering in
    // a return area, through the scratch block.
    let fs = |wasi: &'static [&'static str]| n(true, false, true, wasi, &[], &[Res::Descriptor]);
    const D: Res = Res::Descriptor;
    match op {
        Op::GetStdin => n(false, false, false, &[], &[Res::InputStream], &[]),
        Op::GetStdout | Op::GetStderr => n(false, false, false, &[], &[Res::OutputStream], &[]),
        Op::CheckWrite | Op::Flush | Op::BlockingFlush => n(true, false, false, &[], &[], &[Res::OutputStream]),
        Op::Write | Op::BlockingWriteAndFlush => {
            n(true, false, true, &["fd_write"], &[Res::Error], &[Res::OutputStream])
        }
        Op::Read | Op::BlockingRead => n(true, true, true, &["fd_read"], &[Res::Error], &[Res::InputStream]),
        Op::ErrorToDebugString => n(true, true, false, &[], &[], &[Res::Error]),
        Op::GetEnvironment => n(true, true, true, &["environ_sizes_get", "environ_get"], &[], &[]),
        Op::GetArguments => n(true, true, true, &["args_sizes_get", "args_get"], &[], &[]),
        Op::InitialCwd | Op::TerminalStdin | Op::TerminalStdout | Op::TerminalStderr => {
            n(true, false, false, &[], &[], &[])
        }
        Op::Exit | Op::ExitWithCode => n(false, false, false, &["proc_exit"], &[], &[]),
        Op::Subscribe => n(false, false, false, &[], &[Res::Pollable], &[Res::OutputStream]),
        Op::PollableBlock | Op::PollableReady => n(false, false, false, &[], &[], &[Res::Pollable]),
        Op::Poll => n(true, true, false, &[], &[], &[Res::Pollable]),
        Op::MonotonicNow => n(false, false, true, &["clock_time_get"], &[], &[]),
        Op::MonotonicResolution => n(false, false, true, &["clock_res_get"], &[], &[]),
        Op::WallNow => n(true, false, true, &["clock_time_get"], &[], &[]),
        Op::WallResolution => n(true, false, true, &["clock_res_get"], &[], &[]),
        Op::RandomU64 | Op::InsecureU64 => n(false, false, true, &["random_get"], &[], &[]),
        Op::InsecureSeed => n(true, false, true, &["random_get"], &[], &[]),
        Op::RandomBytes | Op::InsecureBytes => n(true, true, true, &["random_get"], &[], &[]),
        Op::InputSubscribe => n(false, false, false, &[], &[Res::Pollable], &[Res::InputStream]),
        Op::GetDirectories => n(true, true, true, &["fd_prestat_get", "fd_prestat_dir_name"], &[D], &[]),
        Op::ReadViaStream => n(true, false, true, &["fd_seek"], &[Res::InputStream], &[D]),
        Op::WriteViaStream => n(true, false, true, &["fd_seek"], &[Res::OutputStream], &[D]),
        Op::AppendViaStream => n(true, false, false, &[], &[Res::OutputStream], &[D]),
        Op::GetFlags => fs(&["fd_fdstat_get"]),
        Op::GetType | Op::Stat | Op::MetadataHash => fs(&["fd_filestat_get"]),
        Op::SetSize => n(true, false, false, &["fd_filestat_set_size"], &[], &[D]),
        Op::Sync => n(true, false, false, &["fd_sync"], &[], &[D]),
        Op::SyncData => n(true, false, false, &["fd_datasync"], &[], &[D]),
        Op::ReadDirectory => Needs {
            host: &["dir.new"],
            ..n(true, false, true, &["fd_filestat_get"], &[Res::DirectoryEntryStream], &[D])
        },
        Op::ReadDirectoryEntry => Needs {
            host: &["dir.fd", "dir.cookie", "dir.set-cookie"],
            ..n(true, true, true, &["fd_readdir"], &[], &[Res::DirectoryEntryStream])
        },
        Op::CreateDirectoryAt => fs(&["path_create_directory"]),
        Op::RemoveDirectoryAt => fs(&["path_remove_directory"]),
        Op::UnlinkFileAt => fs(&["path_unlink_file"]),
        Op::StatAt | Op::MetadataHashAt => fs(&["path_filestat_get"]),
        Op::LinkAt => fs(&["path_link"]),
        Op::RenameAt => fs(&["path_rename"]),
        Op::OpenAt => n(true, false, true, &["fd_fdstat_get", "path_open"], &[D], &[D]),
        Op::ReadlinkAt => n(true, true, true, &["path_readlink"], &[], &[D]),
        Op::FilesystemErrorCode => n(true, false, false, &[], &[], &[Res::Error]),
        Op::SubscribeDuration => {
            Needs { host: &["clock.new"], ..n(false, false, true, &["clock_time_get"], &[Res::Pollable], &[]) }
        }
        Op::SubscribeInstant => Needs { host: &["clock.new"], ..n(false, false, false, &[], &[Res::Pollable], &[]) },
    }
}

/// What the shim needs of an op in this link: with clocks' pollables
/// about, waiting on pollables reads the clock and sleeps (`poll_oneoff`).
fn needs_in(spec: &Spec, op: Op) -> Needs {
    let n = needs(op);
    if spec.timers && matches!(op, Op::PollableBlock | Op::PollableReady | Op::Poll) {
        return Needs { scratch: true, wasi: &["clock_time_get", "poll_oneoff"], host: &["clock.deadline"], ..n };
    }
    n
}

/// The core type of a preview 1 function the shims call, as WAT (from
/// [`crate::wasi::SHAPES`], the one table of preview 1's types).
fn wasi_type(name: &str) -> String {
    let Some(shape) = crate::wasi::shape(name) else { return String::new() };
    let ty = shape.ty();
    let list = |types: &[wasmparser::ValType]| types.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" ");
    let mut w = String::new();
    if !ty.params().is_empty() {
        w.push_str(&format!("(param {})", list(ty.params())));
    }
    if !ty.results().is_empty() {
        w.push_str(&format!(" (result {})", list(ty.results())));
    }
    w
}

/// The handle tables' functions a shim imports (the front door adds them
/// to the tables' module).
pub fn uses(spec: &Spec) -> BTreeSet<Use> {
    let mut out = BTreeSet::new();
    for &op in spec.ops {
        let n = needs_in(spec, op);
        for &r in n.new {
            out.insert(Use::New { ty: spec.wasi.of(r), table: spec.table });
        }
        for &r in n.lend {
            out.insert(Use::Lend { ty: spec.wasi.of(r), from: spec.table, to: spec.wasi.host_table, defines: true });
        }
    }
    out
}

/// What the shim imports from `caller` and `main`: `(caller memory, caller
/// realloc, main memory and realloc)`.
pub fn imports(spec: &Spec) -> (bool, bool, bool) {
    let all: Vec<Needs> = spec.ops.iter().map(|&op| needs_in(spec, op)).collect();
    let scratch = all.iter().any(|n| n.scratch);
    // The main module's memory is memory 1 of a dependency's shim, so its
    // caller's memory (0) is imported too, even when no op reads it.
    let memory = all.iter().any(|n| n.caller_memory) || (scratch && !spec.is_main);
    let realloc = all.iter().any(|n| n.caller_realloc) || (scratch && spec.is_main);
    (memory, realloc, scratch && !spec.is_main)
}

fn func_name(r: Res) -> &'static str {
    match r {
        Res::Error => "error",
        Res::InputStream => "in",
        Res::OutputStream => "out",
        Res::TerminalInput => "tin",
        Res::TerminalOutput => "tout",
        Res::Pollable => "poll",
        Res::Descriptor => "desc",
        Res::DirectoryEntryStream => "dirs",
    }
}

/// The shim's text.
pub fn module(spec: &Spec) -> String {
    let (memory, realloc, main) = imports(spec);
    let mut w = String::from("(module\n");
    if memory {
        w.push_str("  (import \"caller\" \"memory\" (memory 0))\n");
    }
    if main {
        w.push_str("  (import \"main\" \"memory\" (memory 0))\n");
    }
    if realloc {
        w.push_str("  (import \"caller\" \"cabi_realloc\" (func $realloc (param i32 i32 i32 i32) (result i32)))\n");
    }
    if main {
        w.push_str("  (import \"main\" \"realloc\" (func $mrealloc (param i32 i32 i32 i32) (result i32)))\n");
    }
    let mut wasi = BTreeSet::new();
    let mut host = BTreeSet::new();
    let mut scratch = false;
    for &op in spec.ops {
        let n = needs_in(spec, op);
        wasi.extend(n.wasi.iter().copied());
        host.extend(n.host.iter().copied());
        scratch |= n.scratch;
    }
    // An appending file stream seeks to the end before each write.
    let append = spec.fs && spec.ops.iter().any(|op| matches!(op, Op::Write | Op::BlockingWriteAndFlush));
    if append {
        wasi.insert("fd_seek");
    }
    for name in &wasi {
        let _ = writeln!(w, "  (import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} {}))", wasi_type(name));
    }
    for name in &host {
        let (params, result) = match *name {
            "dir.new" => ("i32", Some("i32")),
            "dir.fd" => ("i32", Some("i32")),
            "dir.cookie" | "clock.deadline" => ("i32", Some("i64")),
            "clock.new" => ("i64", Some("i32")),
            _ => ("i32 i64", None),
        };
        let result = result.map(|r| format!(" (result {r})")).unwrap_or_default();
        let _ = writeln!(
            w,
            "  (import \"{}\" \"{name}\" (func ${} (param {params}){result}))",
            super::host::MODULE,
            name.replace(['.', '-'], "_")
        );
    }
    for u in uses(spec) {
        let (kind, ty) = match u {
            Use::New { ty, .. } => ("new", ty),
            Use::Lend { ty, .. } => ("lend", ty),
            _ => continue,
        };
        let res = spec.wasi.types.iter().find(|(_, t)| *t == ty).map(|(r, _)| *r).unwrap_or(Res::Error);
        let _ = writeln!(
            w,
            "  (import \"{}\" \"{}\" (func ${kind}_{} (param i32) (result i32)))",
            super::super::resources::MODULE,
            u.export(),
            func_name(res)
        );
    }
    // Memory indices: the caller's is 0; the main module's is 1, or 0
    // when the caller is the main module.
    let m = if main { "1" } else { "0" };
    let mut body = String::new();
    if memory {
        body.push_str(CHECKS);
    }
    if scratch {
        body.push_str(SCRATCH);
    }
    let ops: Vec<Op> = spec.ops.iter().copied().collect();
    if ops.iter().any(|op| matches!(op, Op::Write | Op::BlockingWriteAndFlush | Op::Read | Op::BlockingRead)) {
        body.push_str(STREAM_ERROR);
    }
    if ops.iter().any(|op| matches!(op, Op::Write | Op::BlockingWriteAndFlush)) {
        let (init, seek) = if append { (APPEND_INIT, APPEND_SEEK) } else { ("", "") };
        body.push_str(&WRITE.replace("APPEND_INIT\n", init).replace("APPEND_SEEK\n", seek));
    }
    if ops.iter().any(|op| matches!(op, Op::Read | Op::BlockingRead)) {
        body.push_str(READ);
    }
    if ops.iter().any(|&op| matches!(op, Op::GetEnvironment | Op::GetArguments) || super::fs::copies_out(op)) {
        body.push_str(COPY_OUT);
    }
    body.push_str(&super::fs::helpers(&ops));
    let waits = spec.timers && ops.iter().any(|op| matches!(op, Op::PollableBlock | Op::PollableReady | Op::Poll));
    if waits || ops.contains(&Op::SubscribeDuration) {
        body.push_str(NOW);
    }
    if waits {
        body.push_str(&SLEEP.replace("CLOCK", &super::host::CLOCK.to_string()));
    }
    if ops.contains(&Op::GetEnvironment) {
        let text = STRINGS.replace("$KIND", "$environment").replace("$SIZES", "$environ_sizes_get");
        body.push_str(&text.replace("$GET", "$environ_get").replace("i32.const ENV", "i32.const 1"));
    }
    if ops.contains(&Op::GetArguments) {
        let text = STRINGS.replace("$KIND", "$arguments").replace("$SIZES", "$args_sizes_get");
        body.push_str(&text.replace("$GET", "$args_get").replace("i32.const ENV", "i32.const 0"));
    }
    for op in ops {
        let name = format!("\"{}\"", export(op));
        if let Some(text) = super::fs::function(op, &name) {
            let _ = writeln!(body, "{text}");
            continue;
        }
        let _ = match op {
            Op::GetStdin => writeln!(body, "  (func (export {name}) (result i32) (call $new_in (i32.const 0)))"),
            Op::GetStdout => writeln!(body, "  (func (export {name}) (result i32) (call $new_out (i32.const 1)))"),
            Op::GetStderr => writeln!(body, "  (func (export {name}) (result i32) (call $new_out (i32.const 2)))"),
            Op::CheckWrite => writeln!(
                body,
                "  (func (export {name}) (param i32 i32)\n    (drop (call $lend_out (local.get 0)))\n    (call $area (local.get 1) (i32.const 16) (i32.const 8))\n    (i32.store8 (local.get 1) (i32.const 0))\n    (i64.store offset=8 (local.get 1) (i64.const 4096)))"
            ),
            Op::Write | Op::BlockingWriteAndFlush => writeln!(
                body,
                "  (func (export {name}) (param i32 i32 i32 i32)\n    (local $fd i32)\n    (local.set $fd (call $lend_out (local.get 0)))\n    (call $area (local.get 3) (i32.const 12) (i32.const 4))\n    (call $unit_result (local.get 3) (call $write (local.get $fd) (local.get 1) (local.get 2))))"
            ),
            Op::Flush | Op::BlockingFlush => writeln!(
                body,
                "  (func (export {name}) (param i32 i32)\n    (drop (call $lend_out (local.get 0)))\n    (call $area (local.get 1) (i32.const 12) (i32.const 4))\n    (i32.store8 (local.get 1) (i32.const 0)))"
            ),
            Op::Read | Op::BlockingRead => writeln!(
                body,
                "  (func (export {name}) (param i32 i64 i32)\n    (call $read (call $lend_in (local.get 0)) (local.get 1) (local.get 2)))"
            ),
            Op::ErrorToDebugString => writeln!(body, "{}", DEBUG_STRING.replace("NAME", &name)),
            Op::GetEnvironment => writeln!(
                body,
                "  (func (export {name}) (param i32)\n    (call $environment (local.get 0)))"
            ),
            Op::GetArguments => writeln!(
                body,
                "  (func (export {name}) (param i32)\n    (call $arguments (local.get 0)))"
            ),
            Op::InitialCwd | Op::TerminalStdin | Op::TerminalStdout | Op::TerminalStderr => {
                let (size, align) = if op == Op::InitialCwd { (12, 4) } else { (8, 4) };
                writeln!(
                    body,
                    "  (func (export {name}) (param i32)\n    (call $area (local.get 0) (i32.const {size}) (i32.const {align}))\n    (i32.store8 (local.get 0) (i32.const 0)))"
                )
            }
            Op::Exit => writeln!(
                body,
                "  (func (export {name}) (param i32)\n    (if (i32.gt_u (local.get 0) (i32.const 1)) (then unreachable))\n    (call $proc_exit (local.get 0))\n    unreachable)"
            ),
            // Only output streams have pollables: `fd_write` blocks, so
            // they are always ready.
            Op::Subscribe => writeln!(
                body,
                "  (func (export {name}) (param i32) (result i32)\n    (call $new_poll (call $lend_out (local.get 0))))"
            ),
            Op::PollableBlock if spec.timers => writeln!(body, "{}", TIMED_BLOCK.replace("NAME", &name)),
            Op::PollableReady if spec.timers => writeln!(body, "{}", TIMED_READY.replace("NAME", &name)),
            Op::Poll if spec.timers => writeln!(body, "{}", TIMED_POLL.replace("NAME", &name)),
            Op::SubscribeDuration => writeln!(
                body,
                "  (func (export {name}) (param $d i64) (result i32)\n    (local $t i64)\n    (local.set $t (i64.add (call $now) (local.get $d)))\n    (if (i64.lt_u (local.get $t) (local.get $d)) (then (local.set $t (i64.const -1))))\n    (call $new_poll (call $clock_new (local.get $t))))"
            ),
            Op::SubscribeInstant => writeln!(
                body,
                "  (func (export {name}) (param $t i64) (result i32)\n    (call $new_poll (call $clock_new (local.get $t))))"
            ),
            Op::PollableBlock => writeln!(
                body,
                "  (func (export {name}) (param i32)\n    (drop (call $lend_poll (local.get 0))))"
            ),
            Op::PollableReady => writeln!(
                body,
                "  (func (export {name}) (param i32) (result i32)\n    (drop (call $lend_poll (local.get 0)))\n    (i32.const 1))"
            ),
            Op::Poll => writeln!(body, "{}", POLL.replace("NAME", &name)),
            // Preview 1's clock 1 is monotonic, 0 the wall clock (ns since
            // the epoch, split into the record's seconds and nanoseconds).
            Op::MonotonicNow => writeln!(body, "{}", CLOCK.replace("NAME", &name).replace("CALL", "(call $clock_time_get (i32.const 1) (i64.const 1) (local.get $b))")),
            Op::MonotonicResolution => writeln!(body, "{}", CLOCK.replace("NAME", &name).replace("CALL", "(call $clock_res_get (i32.const 1) (local.get $b))")),
            Op::WallNow => writeln!(body, "{}", DATETIME.replace("NAME", &name).replace("CALL", "(call $clock_time_get (i32.const 0) (i64.const 1) (local.get $b))")),
            Op::WallResolution => writeln!(body, "{}", DATETIME.replace("NAME", &name).replace("CALL", "(call $clock_res_get (i32.const 0) (local.get $b))")),
            Op::RandomU64 | Op::InsecureU64 => writeln!(body, "{}", RANDOM_U64.replace("NAME", &name)),
            Op::InsecureSeed => writeln!(body, "{}", SEED.replace("NAME", &name)),
            Op::RandomBytes | Op::InsecureBytes => writeln!(body, "{}", RANDOM_BYTES.replace("NAME", &name)),
            Op::InputSubscribe => writeln!(
                body,
                "  (func (export {name}) (param i32) (result i32)\n    (call $new_poll (call $lend_in (local.get 0))))"
            ),
            // Served by `super::fs::function`, above.
            Op::GetDirectories
            | Op::ReadViaStream
            | Op::WriteViaStream
            | Op::AppendViaStream
            | Op::GetFlags
            | Op::GetType
            | Op::SetSize
            | Op::Sync
            | Op::SyncData
            | Op::ReadDirectory
            | Op::ReadDirectoryEntry
            | Op::CreateDirectoryAt
            | Op::Stat
            | Op::StatAt
            | Op::LinkAt
            | Op::OpenAt
            | Op::ReadlinkAt
            | Op::RemoveDirectoryAt
            | Op::RenameAt
            | Op::UnlinkFileAt
            | Op::MetadataHash
            | Op::MetadataHashAt
            | Op::FilesystemErrorCode => Ok(()),
            Op::ExitWithCode => writeln!(
                body,
                "  (func (export {name}) (param i32)\n    (call $proc_exit (i32.and (local.get 0) (i32.const 255)))\n    unreachable)"
            ),
        };
    }
    // `M` marks an access to the main module's memory, `C` to the caller's.
    let body = body.replace(" M ", &format!(" {m} ")).replace(" C ", " 0 ");
    let body = if main { body } else { body.replace("$mrealloc", "$realloc") };
    w.push_str(&body);
    w.push_str(")\n");
    w
}

/// Bounds and alignment checks on the caller's memory.
const CHECKS: &str = r#"  (func $in (param $p i32) (param $n i32)
    (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $p)) (i64.extend_i32_u (local.get $n)))
                  (i64.shl (i64.extend_i32_u (memory.size C )) (i64.const 16)))
      (then unreachable)))
  (func $area (param $p i32) (param $n i32) (param $align i32)
    (if (i32.and (local.get $p) (i32.sub (local.get $align) (i32.const 1))) (then unreachable))
    (call $in (local.get $p) (local.get $n)))
"#;

/// The scratch block in the main module's memory: 64 bytes for preview 1's
/// small arguments and results, then `n` bytes of data.
const SCRATCH: &str = r#"  (global $buf (mut i32) (i32.const 0))
  (global $cap (mut i32) (i32.const 0))
  (func $scratch (param $n i32) (result i32)
    (local $want i32)
    (if (i32.gt_u (local.get $n) (i32.const 0x7fff0000)) (then unreachable))
    (local.set $want (i32.add (local.get $n) (i32.const 64)))
    (if (i32.gt_u (local.get $want) (global.get $cap))
      (then
        (if (i32.lt_u (local.get $want) (i32.const 4160)) (then (local.set $want (i32.const 4160))))
        (global.set $buf (call $mrealloc (global.get $buf) (global.get $cap) (i32.const 8) (local.get $want)))
        (global.set $cap (local.get $want))
        (if (i64.gt_u (i64.add (i64.extend_i32_u (global.get $buf)) (i64.extend_i32_u (global.get $cap)))
                      (i64.shl (i64.extend_i32_u (memory.size M )) (i64.const 16)))
          (then unreachable))))
    (global.get $buf))
"#;

/// `stream-error` at `at` for errno `e`; `result<_, stream-error>` at `r`.
const STREAM_ERROR: &str = r#"  (func $stream_error (param $at i32) (param $e i32)
    (if (i32.eq (local.get $e) (i32.const 64))
      (then (i32.store8 C (local.get $at) (i32.const 1)) (return)))
    (i32.store8 C (local.get $at) (i32.const 0))
    (i32.store C offset=4 (local.get $at) (call $new_error (local.get $e))))
  (func $unit_result (param $r i32) (param $e i32)
    (if (i32.eqz (local.get $e)) (then (i32.store8 C (local.get $r) (i32.const 0)) (return)))
    (i32.store8 C (local.get $r) (i32.const 1))
    (call $stream_error (i32.add (local.get $r) (i32.const 4)) (local.get $e)))
"#;

/// Writes all of `[p, p+n)` of the caller's memory to `fd`, 4 KiB at a
/// time through the scratch block: 0, or the errno (`EPIPE` when the host
/// accepts no byte).
const WRITE: &str = r#"  (func $write (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (local $b i32) (local $k i32) (local $e i32) (local $done i32) (local $append i32)
APPEND_INIT
    (call $in (local.get $p) (local.get $n))
    (local.set $b (call $scratch (i32.const 4096)))
    (block $out
      (loop $more
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $k (select (local.get $n) (i32.const 4096) (i32.lt_u (local.get $n) (i32.const 4096))))
        (memory.copy M C (i32.add (local.get $b) (i32.const 64)) (local.get $p) (local.get $k))
        (i32.store M (local.get $b) (i32.add (local.get $b) (i32.const 64)))
        (i32.store M offset=4 (local.get $b) (local.get $k))
APPEND_SEEK
        (local.set $e (call $fd_write (local.get $fd) (local.get $b) (i32.const 1) (i32.add (local.get $b) (i32.const 8))))
        (if (local.get $e) (then (return (local.get $e))))
        (local.set $done (i32.load M offset=8 (local.get $b)))
        (if (i32.gt_u (local.get $done) (local.get $k)) (then unreachable))
        (if (i32.eqz (local.get $done)) (then (return (i32.const 64))))
        (local.set $p (i32.add (local.get $p) (local.get $done)))
        (local.set $n (i32.sub (local.get $n) (local.get $done)))
        (br $more)))
    (i32.const 0))
"#;

/// An appending file stream's representation has the top bit set
/// ([`super::fs::APPEND`]): the fd is the rest.
const APPEND_INIT: &str = "    (local.set $append (i32.lt_s (local.get $fd) (i32.const 0)))\n    (local.set $fd (i32.and (local.get $fd) (i32.const 0x7fffffff)))\n";

/// Before each `fd_write` of an appending stream: to the end (whence 2).
const APPEND_SEEK: &str = "        (if (local.get $append)\n          (then\n            (local.set $e (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 2) (i32.add (local.get $b) (i32.const 16))))\n            (if (local.get $e) (then (return (local.get $e))))))\n";

/// `read(len)` of `fd` into `result<list<u8>, stream-error>` at `r`: at
/// most 4 KiB, the list allocated with the caller's realloc.
const READ: &str = r#"  (func $read (param $fd i32) (param $len i64) (param $r i32)
    (local $n i32) (local $b i32) (local $e i32) (local $got i32) (local $p i32)
    (call $area (local.get $r) (i32.const 12) (i32.const 4))
    (local.set $n (select (i32.wrap_i64 (local.get $len)) (i32.const 4096) (i64.lt_u (local.get $len) (i64.const 4096))))
    (local.set $b (call $scratch (i32.const 4096)))
    (if (local.get $n)
      (then
        (i32.store M (local.get $b) (i32.add (local.get $b) (i32.const 64)))
        (i32.store M offset=4 (local.get $b) (local.get $n))
        (local.set $e (call $fd_read (local.get $fd) (local.get $b) (i32.const 1) (i32.add (local.get $b) (i32.const 8))))
        (if (local.get $e)
          (then
            (i32.store8 C (local.get $r) (i32.const 1))
            (call $stream_error (i32.add (local.get $r) (i32.const 4)) (local.get $e))
            (return)))
        (local.set $got (i32.load M offset=8 (local.get $b)))
        (if (i32.gt_u (local.get $got) (local.get $n)) (then unreachable))
        (if (i32.eqz (local.get $got))
          (then
            (i32.store8 C (local.get $r) (i32.const 1))
            (i32.store8 C offset=4 (local.get $r) (i32.const 1))
            (return)))))
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $got)))
    (call $in (local.get $p) (local.get $got))
    (memory.copy C M (local.get $p) (i32.add (local.get $b) (i32.const 64)) (local.get $got))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store C offset=4 (local.get $r) (local.get $p))
    (i32.store C offset=8 (local.get $r) (local.get $got)))
"#;

/// `$KIND`: `get-environment` (`$env` 1: `list<tuple<string, string>>`, split at
/// the first `=`) or `get-arguments` (0: `list<string>`) into the return
/// area `r`: every string its own allocation, as the canonical ABI's
/// lowering makes them (the receiver frees each).
const COPY_OUT: &str = r#"  (func $copy_out (param $src i32) (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (call $in (local.get $p) (local.get $n))
    (memory.copy C M (local.get $p) (local.get $src) (local.get $n))
    (local.get $p))
"#;

/// Template of [`STRINGS`]' users: `$KIND`, `$SIZES`, `$GET`, `ENV`.
const STRINGS: &str = r#"  (func $KIND (param $r i32)
    (local $env i32) (local $b i32) (local $count i32) (local $size i32) (local $data i32) (local $end i32)
    (local $list i32) (local $i i32) (local $s i32) (local $k i32) (local $eq i32) (local $at i32) (local $c i32)
    (local.set $env (i32.const ENV))
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (local.set $b (call $scratch (i32.const 0)))
    (if (call $SIZES (local.get $b) (i32.add (local.get $b) (i32.const 4))) (then unreachable))
    (local.set $count (i32.load M (local.get $b)))
    (local.set $size (i32.load M offset=4 (local.get $b)))
    (if (i64.gt_u (i64.add (i64.mul (i64.extend_i32_u (local.get $count)) (i64.const 16)) (i64.extend_i32_u (local.get $size)))
                  (i64.const 0x7fff0000))
      (then unreachable))
    (local.set $b (call $scratch (i32.add (i32.shl (local.get $count) (i32.const 2)) (local.get $size))))
    (local.set $data (i32.add (i32.add (local.get $b) (i32.const 64)) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $end (i32.add (local.get $data) (local.get $size)))
    (if (call $GET (i32.add (local.get $b) (i32.const 64)) (local.get $data)) (then unreachable))
    (local.set $list (call $realloc (i32.const 0) (i32.const 0) (i32.const 4)
      (i32.shl (local.get $count) (select (i32.const 4) (i32.const 3) (local.get $env)))))
    (call $area (local.get $list) (i32.shl (local.get $count) (select (i32.const 4) (i32.const 3) (local.get $env))) (i32.const 4))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $s (i32.load M offset=64 (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.or (i32.lt_u (local.get $s) (local.get $data)) (i32.ge_u (local.get $s) (local.get $end)))
          (then unreachable))
        ;; the string's end (its NUL), and its first `=`
        (local.set $k (local.get $s))
        (local.set $eq (i32.const 0))
        (block $nul
          (loop $scan
            (if (i32.ge_u (local.get $k) (local.get $end)) (then unreachable))
            (local.set $c (i32.load8_u M (local.get $k)))
            (br_if $nul (i32.eqz (local.get $c)))
            (if (i32.and (i32.eq (local.get $c) (i32.const 61)) (i32.eqz (local.get $eq)))
              (then (local.set $eq (local.get $k))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $scan)))
        (if (i32.eqz (local.get $env))
          (then
            (local.set $at (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3))))
            (i32.store C offset=4 (local.get $at) (i32.sub (local.get $k) (local.get $s)))
            (i32.store C (local.get $at) (call $copy_out (local.get $s) (i32.sub (local.get $k) (local.get $s)))))
          (else
            (if (i32.eqz (local.get $eq)) (then (local.set $eq (local.get $k))))
            (local.set $at (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 4))))
            (i32.store C offset=4 (local.get $at) (i32.sub (local.get $eq) (local.get $s)))
            (i32.store C (local.get $at) (call $copy_out (local.get $s) (i32.sub (local.get $eq) (local.get $s))))
            (local.set $eq (select (i32.add (local.get $eq) (i32.const 1)) (local.get $k) (i32.lt_u (local.get $eq) (local.get $k))))
            (i32.store C offset=12 (local.get $at) (i32.sub (local.get $k) (local.get $eq)))
            (i32.store C offset=8 (local.get $at) (call $copy_out (local.get $eq) (i32.sub (local.get $k) (local.get $eq))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.store C (local.get $r) (local.get $list))
    (i32.store C offset=4 (local.get $r) (local.get $count)))
"#;

/// `to-debug-string`: `errno N`, allocated with the caller's realloc.
const DEBUG_STRING: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $e i32) (local $digits i32) (local $x i32) (local $p i32) (local $n i32)
    (local.set $e (call $lend_error (local.get $h)))
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (local.set $x (local.get $e))
    (loop $count
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $x (i32.div_u (local.get $x) (i32.const 10)))
      (br_if $count (local.get $x)))
    (local.set $n (i32.add (i32.const 6) (local.get $digits)))
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (call $in (local.get $p) (local.get $n))
    (i32.store C (local.get $p) (i32.const 0x6e727265))
    (i32.store16 C offset=4 (local.get $p) (i32.const 0x206f))
    (local.set $x (local.get $e))
    (loop $digit
      (local.set $digits (i32.sub (local.get $digits) (i32.const 1)))
      (i32.store8 C offset=6 (i32.add (local.get $p) (local.get $digits))
        (i32.add (i32.const 48) (i32.rem_u (local.get $x) (i32.const 10))))
      (local.set $x (i32.div_u (local.get $x) (i32.const 10)))
      (br_if $digit (local.get $digits)))
    (i32.store C (local.get $r) (local.get $p))
    (i32.store C offset=4 (local.get $r) (local.get $n)))"#;

/// `poll`: every pollable is ready, so the result lists every index (an
/// empty list traps, as WASI says).
const POLL: &str = r#"  (func (export NAME) (param $p i32) (param $n i32) (param $r i32)
    (local $i i32) (local $out i32)
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (if (i32.or (i32.eqz (local.get $n)) (i32.gt_u (local.get $n) (i32.const 0x1fffffff))) (then unreachable))
    (call $area (local.get $p) (i32.shl (local.get $n) (i32.const 2)) (i32.const 4))
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.shl (local.get $n) (i32.const 2))))
    (call $area (local.get $out) (i32.shl (local.get $n) (i32.const 2)) (i32.const 4))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (call $lend_poll (i32.load C (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (i32.store C (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.store C (local.get $r) (local.get $out))
    (i32.store C offset=4 (local.get $r) (local.get $n)))"#;

/// `$now`: the monotonic clock (preview 1's clock 1), in ns.
const NOW: &str = r#"  (func $now (result i64)
    (local $b i32)
    (local.set $b (call $scratch (i32.const 0)))
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (local.get $b)) (then unreachable))
    (i64.load M (local.get $b)))
"#;

/// `$deadline`: a pollable's deadline, 0 (always ready) for a stream's;
/// `$sleep_until`: `poll_oneoff` on the monotonic clock (relative) until
/// `now` reaches `t` (an error traps: waiting cannot fail in WASI 0.2).
const SLEEP: &str = r#"  (func $deadline (param $rep i32) (result i64)
    (if (result i64) (i32.and (local.get $rep) (i32.const CLOCK))
      (then (call $clock_deadline (local.get $rep)))
      (else (i64.const 0))))
  (func $sleep_until (param $t i64)
    (local $b i32) (local $now i64)
    (loop $again
      (local.set $now (call $now))
      (if (i64.lt_u (local.get $now) (local.get $t))
        (then
          (local.set $b (call $scratch (i32.const 80)))
          (i64.store M offset=64 (local.get $b) (i64.const 0))
          (i64.store M offset=72 (local.get $b) (i64.const 0))
          (i64.store M offset=80 (local.get $b) (i64.const 1))
          (i64.store M offset=88 (local.get $b) (i64.sub (local.get $t) (local.get $now)))
          (i64.store M offset=96 (local.get $b) (i64.const 0))
          (i64.store M offset=104 (local.get $b) (i64.const 0))
          (if (call $poll_oneoff (i32.add (local.get $b) (i32.const 64)) (i32.add (local.get $b) (i32.const 112))
                (i32.const 1) (local.get $b))
            (then unreachable))
          (br $again)))))
"#;

/// `pollable.block` with clocks about: sleeps until the deadline.
const TIMED_BLOCK: &str = r#"  (func (export NAME) (param $h i32)
    (call $sleep_until (call $deadline (call $lend_poll (local.get $h)))))"#;

/// `pollable.ready` with clocks about: whether the deadline has passed.
const TIMED_READY: &str = r#"  (func (export NAME) (param $h i32) (result i32)
    (i64.ge_u (call $now) (call $deadline (call $lend_poll (local.get $h)))))"#;

/// `poll` with clocks about: the indices of the ready pollables, after
/// sleeping until the earliest deadline when none is (an empty list
/// traps, as WASI says).
const TIMED_POLL: &str = r#"  (func (export NAME) (param $p i32) (param $n i32) (param $r i32)
    (local $i i32) (local $k i32) (local $out i32) (local $now i64) (local $d i64) (local $min i64)
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (if (i32.or (i32.eqz (local.get $n)) (i32.gt_u (local.get $n) (i32.const 0x1fffffff))) (then unreachable))
    (call $area (local.get $p) (i32.shl (local.get $n) (i32.const 2)) (i32.const 4))
    (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.shl (local.get $n) (i32.const 2))))
    (call $area (local.get $out) (i32.shl (local.get $n) (i32.const 2)) (i32.const 4))
    (loop $again
      (local.set $now (call $now))
      (local.set $min (i64.const -1))
      (local.set $k (i32.const 0))
      (local.set $i (i32.const 0))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $d (call $deadline (call $lend_poll (i32.load C (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))))
          (if (i64.ge_u (local.get $now) (local.get $d))
            (then
              (i32.store C (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (local.get $i))
              (local.set $k (i32.add (local.get $k) (i32.const 1))))
            (else
              (if (i64.lt_u (local.get $d) (local.get $min)) (then (local.set $min (local.get $d))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (if (i32.eqz (local.get $k))
        (then
          (call $sleep_until (local.get $min))
          (br $again))))
    (i32.store C (local.get $r) (local.get $out))
    (i32.store C offset=4 (local.get $r) (local.get $k)))"#;

/// A clock's `now` or `resolution` as a `u64` (nanoseconds): `CALL` is the
/// preview 1 call writing it at `$b`; an error traps (WASI 0.2 has none).
const CLOCK: &str = r#"  (func (export NAME) (result i64)
    (local $b i32)
    (local.set $b (call $scratch (i32.const 0)))
    (if CALL (then unreachable))
    (i64.load M (local.get $b)))"#;

/// The wall clock's `now` or `resolution` as a `datetime` (seconds: u64 at
/// 0, nanoseconds: u32 at 8) in the return area `r`.
const DATETIME: &str = r#"  (func (export NAME) (param $r i32)
    (local $b i32) (local $ns i64)
    (call $area (local.get $r) (i32.const 16) (i32.const 8))
    (local.set $b (call $scratch (i32.const 0)))
    (if CALL (then unreachable))
    (local.set $ns (i64.load M (local.get $b)))
    (i64.store C (local.get $r) (i64.div_u (local.get $ns) (i64.const 1000000000)))
    (i32.store C offset=8 (local.get $r) (i32.wrap_i64 (i64.rem_u (local.get $ns) (i64.const 1000000000)))))"#;

/// `get-random-u64` and `get-insecure-random-u64`: eight bytes of
/// `random_get`.
const RANDOM_U64: &str = r#"  (func (export NAME) (result i64)
    (local $b i32)
    (local.set $b (call $scratch (i32.const 0)))
    (if (call $random_get (local.get $b) (i32.const 8)) (then unreachable))
    (i64.load M (local.get $b)))"#;

/// `insecure-seed`: sixteen bytes of `random_get` as `tuple<u64, u64>` in
/// the return area `r`.
const SEED: &str = r#"  (func (export NAME) (param $r i32)
    (local $b i32)
    (call $area (local.get $r) (i32.const 16) (i32.const 8))
    (local.set $b (call $scratch (i32.const 0)))
    (if (call $random_get (local.get $b) (i32.const 16)) (then unreachable))
    (i64.store C (local.get $r) (i64.load M (local.get $b)))
    (i64.store C offset=8 (local.get $r) (i64.load M offset=8 (local.get $b))))"#;

/// `get-random-bytes(len)` and `get-insecure-random-bytes(len)`: a list of
/// `len` bytes allocated with the caller's realloc, filled 4 KiB at a time
/// by `random_get` through the scratch block (a `len` that cannot be
/// allocated traps).
const RANDOM_BYTES: &str = r#"  (func (export NAME) (param $len i64) (param $r i32)
    (local $n i32) (local $p i32) (local $b i32) (local $k i32) (local $at i32)
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (if (i64.gt_u (local.get $len) (i64.const 0x7fff0000)) (then unreachable))
    (local.set $n (i32.wrap_i64 (local.get $len)))
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (call $in (local.get $p) (local.get $n))
    (local.set $b (call $scratch (i32.const 4096)))
    (block $out
      (loop $more
        (br_if $out (i32.ge_u (local.get $at) (local.get $n)))
        (local.set $k (i32.sub (local.get $n) (local.get $at)))
        (local.set $k (select (local.get $k) (i32.const 4096) (i32.lt_u (local.get $k) (i32.const 4096))))
        (if (call $random_get (i32.add (local.get $b) (i32.const 64)) (local.get $k)) (then unreachable))
        (memory.copy C M (i32.add (local.get $p) (local.get $at)) (i32.add (local.get $b) (i32.const 64)) (local.get $k))
        (local.set $at (i32.add (local.get $at) (local.get $k)))
        (br $more)))
    (i32.store C (local.get $r) (local.get $p))
    (i32.store C offset=4 (local.get $r) (local.get $n)))"#;
