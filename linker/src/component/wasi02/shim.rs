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
use super::text::*;
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
