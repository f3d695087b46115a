//! The shims' `wasi:filesystem` functions (WAT, with the markers of
//! [`super::shim`]: `M` the main module's memory, `C` the caller's), on
//! preview 1's `fd_*` and `path_*` calls.
//!
//! - A `descriptor` is a preview 1 fd ([`super::host`]); an `input-stream`
//!   or `output-stream` made from one is that fd too, read or written at
//!   preview 1's one file position, which `read-via-stream` and
//!   `write-via-stream` set (`fd_seek`); an appending stream has the top
//!   bit set and seeks to the end before every write.
//! - `open-at` asks preview 1 for the rights the directory hands down
//!   (`fd_fdstat_get`'s inheriting rights), without `fd_read` or
//!   `fd_write` unless the flags ask for reading or writing.
//! - A directory stream reads one entry per `fd_readdir` call from its
//!   cookie (kept in the host module), skipping `.` and `..` (WASI 0.2
//!   lists neither).
//! - Paths are copied into the scratch block; names and link targets are
//!   copied out into blocks of the caller's `cabi_realloc`.
//! - An errno becomes the `error-code` with the same meaning ([`ERRNO`]);
//!   one WASI 0.2 has no name for becomes `io`.

use super::table::Op;

/// The bit of an `output-stream`'s representation that marks appending.
pub const APPEND: u32 = 0x8000_0000;

/// `error-code` by preview 1 errno (its index), `io` where none matches.
const ERRNO: [u8; 77] = {
    let mut t = [13u8; 77];
    let pairs: [(usize, u8); 38] = [
        (2, 0),   // acces: access
        (6, 1),   // again: would-block
        (7, 2),   // already
        (8, 3),   // badf: bad-descriptor
        (10, 4),  // busy
        (16, 5),  // deadlk: deadlock
        (19, 6),  // dquot: quota
        (20, 7),  // exist
        (22, 8),  // fbig: file-too-large
        (25, 9),  // ilseq: illegal-byte-sequence
        (26, 10), // inprogress
        (27, 11), // intr: interrupted
        (28, 12), // inval: invalid
        (29, 13), // io
        (31, 14), // isdir: is-directory
        (32, 15), // loop
        (34, 16), // mlink: too-many-links
        (35, 17), // msgsize: message-size
        (37, 18), // nametoolong
        (43, 19), // nodev: no-device
        (44, 20), // noent: no-entry
        (46, 21), // nolck: no-lock
        (48, 22), // nomem: insufficient-memory
        (51, 23), // nospc: insufficient-space
        (52, 27), // nosys: unsupported
        (54, 24), // notdir: not-directory
        (55, 25), // notempty
        (56, 26), // notrecoverable
        (58, 27), // notsup: unsupported
        (59, 28), // notty: no-tty
        (60, 29), // nxio: no-such-device
        (61, 30), // overflow
        (63, 31), // perm: not-permitted
        (64, 32), // pipe
        (69, 33), // rofs: read-only
        (70, 34), // spipe: invalid-seek
        (74, 35), // txtbsy: text-file-busy
        (75, 36), // xdev: cross-device
    ];
    let mut i = 0;
    while i < pairs.len() {
        t[pairs[i].0] = pairs[i].1;
        i += 1;
    }
    t[76] = 0; // notcapable: access
    t
};

/// The `error-code` of preview 1's errno `e`, in Rust (tests compare the
/// generated function with it).
#[cfg(test)]
fn error_code(errno: u32) -> u8 {
    ERRNO.get(errno as usize).copied().unwrap_or(13)
}

/// `$code`: [`ERRNO`] as ten 6-bit entries per `i64` constant.
fn code_function() -> String {
    let mut w = String::from(
        "  (func $code (param $e i32) (result i32)\n    (local $word i64)\n    (if (i32.ge_u (local.get $e) (i32.const 77)) (then (return (i32.const 13))))\n",
    );
    for (k, chunk) in ERRNO.chunks(10).enumerate() {
        let word = chunk.iter().enumerate().fold(0u64, |acc, (i, &c)| acc | (u64::from(c) << (6 * i)));
        w.push_str(&format!(
            "    (if (i32.eq (i32.div_u (local.get $e) (i32.const 10)) (i32.const {k})) (then (local.set $word (i64.const {word}))))\n"
        ));
    }
    w.push_str(
        "    (i32.wrap_i64 (i64.and (i64.shr_u (local.get $word) (i64.extend_i32_u (i32.mul (i32.rem_u (local.get $e) (i32.const 10)) (i32.const 6)))) (i64.const 63))))\n",
    );
    w
}

/// The helpers the filesystem functions share.
pub fn helpers(ops: &[Op]) -> String {
    let mut w = String::new();
    if ops.iter().any(|op| op.filesystem()) {
        w.push_str(&code_function());
        w.push_str(COMMON);
    }
    if ops.iter().any(|op| matches!(op, Op::Stat | Op::StatAt | Op::GetType | Op::ReadDirectoryEntry)) {
        w.push_str(DTYPE);
    }
    if ops.iter().any(|op| matches!(op, Op::Stat | Op::StatAt)) {
        w.push_str(STAT_OUT);
    }
    w
}

/// Whether `op` needs the shim's `$copy_out` (a string into the caller's
/// memory).
pub fn copies_out(op: Op) -> bool {
    matches!(op, Op::GetDirectories | Op::ReadDirectoryEntry | Op::ReadlinkAt)
}

/// The exported function serving `op` under `name` (quoted), if it is a
/// filesystem op.
pub fn function(op: Op, name: &str) -> Option<String> {
    let fd = "(local.set $fd (call $fd_of (local.get $h)))";
    let text = match op {
        Op::GetDirectories => GET_DIRECTORIES.replace("PREOPEN", &super::host::PREOPEN.to_string()),
        Op::ReadViaStream => VIA_STREAM.replace("NEW", "$new_in"),
        Op::WriteViaStream => VIA_STREAM.replace("NEW", "$new_out"),
        Op::AppendViaStream => APPEND_STREAM.replace("APPEND", &APPEND.to_string()),
        Op::GetFlags => GET_FLAGS.to_string(),
        Op::GetType => GET_TYPE.to_string(),
        Op::SetSize => format!(
            "  (func (export NAME) (param $h i32) (param $size i64) (param $r i32)\n    (local $fd i32)\n    {fd}\n    (call $area (local.get $r) (i32.const 2) (i32.const 1))\n    (call $unit (local.get $r) (call $fd_filestat_set_size (local.get $fd) (local.get $size))))"
        ),
        Op::Sync | Op::SyncData => {
            let call = if op == Op::Sync { "$fd_sync" } else { "$fd_datasync" };
            format!(
                "  (func (export NAME) (param $h i32) (param $r i32)\n    (local $fd i32)\n    {fd}\n    (call $area (local.get $r) (i32.const 2) (i32.const 1))\n    (call $unit (local.get $r) (call {call} (local.get $fd))))"
            )
        }
        Op::ReadDirectory => READ_DIRECTORY.to_string(),
        Op::ReadDirectoryEntry => READ_DIRECTORY_ENTRY.to_string(),
        Op::CreateDirectoryAt => PATH_UNIT.replace("CALL", "$path_create_directory"),
        Op::RemoveDirectoryAt => PATH_UNIT.replace("CALL", "$path_remove_directory"),
        Op::UnlinkFileAt => PATH_UNIT.replace("CALL", "$path_unlink_file"),
        Op::Stat => filestat(false, false),
        Op::StatAt => filestat(true, false),
        Op::MetadataHash => filestat(false, true),
        Op::MetadataHashAt => filestat(true, true),
        Op::LinkAt => LINK_AT.to_string(),
        Op::RenameAt => RENAME_AT.to_string(),
        Op::OpenAt => OPEN_AT.replace("PREOPEN", &super::host::PREOPEN.to_string()),
        Op::ReadlinkAt => READLINK_AT.to_string(),
        Op::FilesystemErrorCode => ERROR_CODE.to_string(),
        _ => return None,
    };
    Some(text.replace("NAME", name))
}

/// `$fd_of` (a descriptor handle's fd), `$fs_error` (`err(code)` of a
/// result whose payload is at `off`), `$unit` (`result<_, error-code>`),
/// `$path` (a path of the caller's into the scratch block).
const COMMON: &str = r#"  (func $fd_of (param $h i32) (result i32)
    (i32.and (call $lend_desc (local.get $h)) (i32.const 0x3fffffff)))
  (func $fs_error (param $r i32) (param $off i32) (param $e i32)
    (i32.store8 C (local.get $r) (i32.const 1))
    (i32.store8 C (i32.add (local.get $r) (local.get $off)) (call $code (local.get $e))))
  (func $unit (param $r i32) (param $e i32)
    (if (local.get $e)
      (then (call $fs_error (local.get $r) (i32.const 1) (local.get $e)))
      (else (i32.store8 C (local.get $r) (i32.const 0)))))
  (func $path (param $p i32) (param $n i32) (param $at i32)
    (call $in (local.get $p) (local.get $n))
    (memory.copy M C (local.get $at) (local.get $p) (local.get $n)))
"#;

/// `$dtype`: preview 1's `filetype` as WASI 0.2's `descriptor-type`.
const DTYPE: &str = r#"  (func $dtype (param $t i32) (result i32)
    (if (i32.gt_u (local.get $t) (i32.const 7)) (then (return (i32.const 0))))
    (i32.wrap_i64 (i64.and (i64.shr_u (i64.const 0x0507070603020100) (i64.extend_i32_u (i32.shl (local.get $t) (i32.const 3))))
                           (i64.const 255))))
"#;

/// `$stat_out`: preview 1's `filestat` at `b` (main memory) as a
/// `descriptor-stat` at `s` (the caller's, checked); a timestamp of 0 is
/// `none`.
const STAT_OUT: &str = r#"  (func $time (param $at i32) (param $ns i64)
    (if (i64.eqz (local.get $ns))
      (then (i32.store8 C (local.get $at) (i32.const 0)))
      (else
        (i32.store8 C (local.get $at) (i32.const 1))
        (i64.store C offset=8 (local.get $at) (i64.div_u (local.get $ns) (i64.const 1000000000)))
        (i32.store C offset=16 (local.get $at) (i32.wrap_i64 (i64.rem_u (local.get $ns) (i64.const 1000000000)))))))
  (func $stat_out (param $b i32) (param $s i32)
    (i32.store8 C (local.get $s) (call $dtype (i32.load8_u M offset=16 (local.get $b))))
    (i64.store C offset=8 (local.get $s) (i64.load M offset=24 (local.get $b)))
    (i64.store C offset=16 (local.get $s) (i64.load M offset=32 (local.get $b)))
    (call $time (i32.add (local.get $s) (i32.const 24)) (i64.load M offset=40 (local.get $b)))
    (call $time (i32.add (local.get $s) (i32.const 48)) (i64.load M offset=48 (local.get $b)))
    (call $time (i32.add (local.get $s) (i32.const 72)) (i64.load M offset=56 (local.get $b))))
"#;

/// `get-directories`: preview 1's preopens are fds 3, 4, ... up to the
/// first that `fd_prestat_get` refuses; each becomes a descriptor (marked
/// as a preopen: dropping it does not close the fd) with its name.
const GET_DIRECTORIES: &str = r#"  (func (export NAME) (param $r i32)
    (local $b i32) (local $fd i32) (local $count i32) (local $list i32) (local $at i32) (local $n i32) (local $i i32)
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (local.set $b (call $scratch (i32.const 0)))
    (local.set $fd (i32.const 3))
    (block $end
      (loop $next
        (br_if $end (call $fd_prestat_get (local.get $fd) (local.get $b)))
        (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $fd) (i32.const 0x10000)))))
    (local.set $count (i32.sub (local.get $fd) (i32.const 3)))
    (local.set $list (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.mul (local.get $count) (i32.const 12))))
    (call $area (local.get $list) (i32.mul (local.get $count) (i32.const 12)) (i32.const 4))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $fd (i32.add (local.get $i) (i32.const 3)))
        (local.set $b (call $scratch (i32.const 0)))
        (if (call $fd_prestat_get (local.get $fd) (local.get $b)) (then unreachable))
        (local.set $n (i32.load M offset=4 (local.get $b)))
        (local.set $b (call $scratch (local.get $n)))
        (if (call $fd_prestat_dir_name (local.get $fd) (i32.add (local.get $b) (i32.const 64)) (local.get $n)) (then unreachable))
        (local.set $at (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 12))))
        (i32.store C (local.get $at) (call $new_desc (i32.or (local.get $fd) (i32.const PREOPEN))))
        (i32.store C offset=8 (local.get $at) (local.get $n))
        (i32.store C offset=4 (local.get $at) (call $copy_out (i32.add (local.get $b) (i32.const 64)) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.store C (local.get $r) (local.get $list))
    (i32.store C offset=4 (local.get $r) (local.get $count)))"#;

/// `read-via-stream(offset)` and `write-via-stream(offset)`: the fd,
/// positioned at `offset`, as a stream (`NEW`).
const VIA_STREAM: &str = r#"  (func (export NAME) (param $h i32) (param $off i64) (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (local.set $b (call $scratch (i32.const 0)))
    (local.set $e (call $fd_seek (local.get $fd) (local.get $off) (i32.const 0) (local.get $b)))
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 4) (local.get $e)) (return)))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store C offset=4 (local.get $r) (call NEW (local.get $fd))))"#;

/// `append-via-stream`: the fd with [`APPEND`] set (writes seek to the
/// end first).
const APPEND_STREAM: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $fd i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store C offset=4 (local.get $r) (call $new_out (i32.or (local.get $fd) (i32.const APPEND)))))"#;

/// `get-flags`: read and write from the fd's rights, the sync flags from
/// its fdflags, `mutate-directory` for a directory that may create files.
const GET_FLAGS: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32) (local $rights i64) (local $fl i32) (local $out i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 2) (i32.const 1))
    (local.set $b (call $scratch (i32.const 0)))
    (local.set $e (call $fd_fdstat_get (local.get $fd) (local.get $b)))
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 1) (local.get $e)) (return)))
    (local.set $rights (i64.load M offset=8 (local.get $b)))
    (local.set $fl (i32.load16_u M offset=2 (local.get $b)))
    (if (i64.ne (i64.and (local.get $rights) (i64.const 2)) (i64.const 0)) (then (local.set $out (i32.or (local.get $out) (i32.const 1)))))
    (if (i64.ne (i64.and (local.get $rights) (i64.const 64)) (i64.const 0)) (then (local.set $out (i32.or (local.get $out) (i32.const 2)))))
    (if (i32.and (local.get $fl) (i32.const 16)) (then (local.set $out (i32.or (local.get $out) (i32.const 4)))))
    (if (i32.and (local.get $fl) (i32.const 2)) (then (local.set $out (i32.or (local.get $out) (i32.const 8)))))
    (if (i32.and (local.get $fl) (i32.const 8)) (then (local.set $out (i32.or (local.get $out) (i32.const 16)))))
    (if (i32.and (i32.eq (i32.load8_u M (local.get $b)) (i32.const 3))
                 (i64.ne (i64.and (local.get $rights) (i64.const 0x400)) (i64.const 0)))
      (then (local.set $out (i32.or (local.get $out) (i32.const 32)))))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store8 C offset=1 (local.get $r) (local.get $out)))"#;

/// `get-type`: `fd_filestat_get`'s filetype.
const GET_TYPE: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 2) (i32.const 1))
    (local.set $b (call $scratch (i32.const 0)))
    (local.set $e (call $fd_filestat_get (local.get $fd) (local.get $b)))
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 1) (local.get $e)) (return)))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store8 C offset=1 (local.get $r) (call $dtype (i32.load8_u M offset=16 (local.get $b)))))"#;

/// `stat`, `stat-at`, `metadata-hash`, `metadata-hash-at`: preview 1's
/// `filestat` of the descriptor or of a path under it (`FETCH`: [`OF_FD`],
/// [`OF_PATH`] with `PARAMS` [`PATH_PARAMS`]) at `$b`, written into the
/// return area (`SIZE` bytes, the payload at 8) by `OUT`.
const FILESTAT: &str = r#"  (func (export NAME) (param $h i32)PARAMS (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const SIZE) (i32.const 8))
FETCH
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 8) (local.get $e)) (return)))
    (i32.store8 C (local.get $r) (i32.const 0))
OUT)"#;

/// The descriptor's own `filestat`: `fd_filestat_get`.
const OF_FD: &str = r#"    (local.set $b (call $scratch (i32.const 0)))
    (local.set $e (call $fd_filestat_get (local.get $fd) (local.get $b)))"#;

/// The `-at` variants' parameters: `path-flags` and the path.
const PATH_PARAMS: &str = " (param $flags i32) (param $p i32) (param $n i32)";

/// A path's `filestat`: `path_filestat_get`, the path copied into the
/// scratch block after the 64 bytes it writes.
const OF_PATH: &str = r#"    (local.set $b (call $scratch (local.get $n)))
    (call $path (local.get $p) (local.get $n) (i32.add (local.get $b) (i32.const 64)))
    (local.set $e (call $path_filestat_get (local.get $fd) (i32.and (local.get $flags) (i32.const 1))
      (i32.add (local.get $b) (i32.const 64)) (local.get $n) (local.get $b)))"#;

/// A `descriptor-stat`.
const STAT_RESULT: &str = "    (call $stat_out (local.get $b) (i32.add (local.get $r) (i32.const 8)))";

/// A `metadata-hash-value`: the file's inode as `lower`, its device as
/// `upper`.
const HASH_RESULT: &str = r#"    (i64.store C offset=8 (local.get $r) (i64.load M offset=8 (local.get $b)))
    (i64.store C offset=16 (local.get $r) (i64.load M (local.get $b)))"#;

/// [`FILESTAT`] of a path (`at`) or the descriptor, as a hash or a stat.
fn filestat(at: bool, hash: bool) -> String {
    let (params, fetch) = if at { (PATH_PARAMS, OF_PATH) } else { ("", OF_FD) };
    let (size, out) = if hash { ("24", HASH_RESULT) } else { ("104", STAT_RESULT) };
    FILESTAT.replace("PARAMS", params).replace("SIZE", size).replace("FETCH", fetch).replace("OUT", out)
}

/// `read-directory`: a directory stream from the first entry (the fd must
/// be a directory: `not-directory` otherwise, as WASI 0.2 says).
const READ_DIRECTORY: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (local.set $b (call $scratch (i32.const 0)))
    (local.set $e (call $fd_filestat_get (local.get $fd) (local.get $b)))
    (if (i32.and (i32.eqz (local.get $e)) (i32.ne (i32.load8_u M offset=16 (local.get $b)) (i32.const 3)))
      (then (local.set $e (i32.const 54))))
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 4) (local.get $e)) (return)))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store C offset=4 (local.get $r) (call $new_dirs (call $dir_new (local.get $fd)))))"#;

/// `read-directory-entry`: the entry at the stream's cookie (one
/// `fd_readdir`, with a buffer grown for a long name), `none` at the end;
/// `.` and `..` are skipped.
const READ_DIRECTORY_ENTRY: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $s i32) (local $fd i32) (local $size i32) (local $b i32) (local $e i32) (local $used i32) (local $n i32)
    (local.set $s (call $lend_dirs (local.get $h)))
    (local.set $fd (call $dir_fd (local.get $s)))
    (call $area (local.get $r) (i32.const 20) (i32.const 4))
    (local.set $size (i32.const 4096))
    (loop $again
      (local.set $b (call $scratch (local.get $size)))
      (local.set $e (call $fd_readdir (local.get $fd) (i32.add (local.get $b) (i32.const 64)) (local.get $size)
        (call $dir_cookie (local.get $s)) (local.get $b)))
      (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 4) (local.get $e)) (return)))
      (local.set $used (i32.load M (local.get $b)))
      (if (i32.gt_u (local.get $used) (local.get $size)) (then unreachable))
      (if (i32.lt_u (local.get $used) (i32.const 24))
        (then
          (i32.store8 C (local.get $r) (i32.const 0))
          (i32.store8 C offset=4 (local.get $r) (i32.const 0))
          (return)))
      (local.set $n (i32.load M offset=80 (local.get $b)))
      (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $n)) (i64.const 24)) (i64.extend_i32_u (local.get $used)))
        (then
          ;; the name did not fit: only a full buffer may cut an entry short
          (if (i32.or (i32.lt_u (local.get $used) (local.get $size)) (i32.gt_u (local.get $n) (i32.const 0x100000)))
            (then unreachable))
          (local.set $size (i32.add (local.get $n) (i32.const 24)))
          (br $again)))
      (call $dir_set_cookie (local.get $s) (i64.load M offset=64 (local.get $b)))
      (br_if $again (i32.and (i32.eq (local.get $n) (i32.const 1)) (i32.eq (i32.load8_u M offset=88 (local.get $b)) (i32.const 46))))
      (br_if $again (i32.and (i32.eq (local.get $n) (i32.const 2)) (i32.eq (i32.load16_u M offset=88 (local.get $b)) (i32.const 0x2e2e)))))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store8 C offset=4 (local.get $r) (i32.const 1))
    (i32.store8 C offset=8 (local.get $r) (call $dtype (i32.load8_u M offset=84 (local.get $b))))
    (i32.store C offset=16 (local.get $r) (local.get $n))
    (i32.store C offset=12 (local.get $r) (call $copy_out (i32.add (local.get $b) (i32.const 88)) (local.get $n))))"#;

/// `create-directory-at`, `remove-directory-at`, `unlink-file-at`: `CALL`
/// with the directory's fd and the path.
const PATH_UNIT: &str = r#"  (func (export NAME) (param $h i32) (param $p i32) (param $n i32) (param $r i32)
    (local $fd i32) (local $b i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 2) (i32.const 1))
    (local.set $b (call $scratch (local.get $n)))
    (call $path (local.get $p) (local.get $n) (i32.add (local.get $b) (i32.const 64)))
    (call $unit (local.get $r) (call CALL (local.get $fd) (i32.add (local.get $b) (i32.const 64)) (local.get $n))))"#;

/// `link-at(old-path-flags, old-path, new-descriptor, new-path)`:
/// `path_link`.
const LINK_AT: &str = r#"  (func (export NAME) (param $h i32) (param $flags i32) (param $op i32) (param $on i32) (param $nh i32) (param $np i32) (param $nn i32) (param $r i32)
    (local $fd i32) (local $nfd i32) (local $b i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (local.set $nfd (call $fd_of (local.get $nh)))
    (call $area (local.get $r) (i32.const 2) (i32.const 1))
    (if (i32.or (i32.gt_u (local.get $on) (i32.const 0x3fff0000)) (i32.gt_u (local.get $nn) (i32.const 0x3fff0000))) (then unreachable))
    (local.set $b (call $scratch (i32.add (local.get $on) (local.get $nn))))
    (call $path (local.get $op) (local.get $on) (i32.add (local.get $b) (i32.const 64)))
    (call $path (local.get $np) (local.get $nn) (i32.add (i32.add (local.get $b) (i32.const 64)) (local.get $on)))
    (call $unit (local.get $r) (call $path_link (local.get $fd) (i32.and (local.get $flags) (i32.const 1))
      (i32.add (local.get $b) (i32.const 64)) (local.get $on)
      (local.get $nfd) (i32.add (i32.add (local.get $b) (i32.const 64)) (local.get $on)) (local.get $nn))))"#;

/// `rename-at(old-path, new-descriptor, new-path)`: `path_rename`.
const RENAME_AT: &str = r#"  (func (export NAME) (param $h i32) (param $op i32) (param $on i32) (param $nh i32) (param $np i32) (param $nn i32) (param $r i32)
    (local $fd i32) (local $nfd i32) (local $b i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (local.set $nfd (call $fd_of (local.get $nh)))
    (call $area (local.get $r) (i32.const 2) (i32.const 1))
    (if (i32.or (i32.gt_u (local.get $on) (i32.const 0x3fff0000)) (i32.gt_u (local.get $nn) (i32.const 0x3fff0000))) (then unreachable))
    (local.set $b (call $scratch (i32.add (local.get $on) (local.get $nn))))
    (call $path (local.get $op) (local.get $on) (i32.add (local.get $b) (i32.const 64)))
    (call $path (local.get $np) (local.get $nn) (i32.add (i32.add (local.get $b) (i32.const 64)) (local.get $on)))
    (call $unit (local.get $r) (call $path_rename (local.get $fd)
      (i32.add (local.get $b) (i32.const 64)) (local.get $on)
      (local.get $nfd) (i32.add (i32.add (local.get $b) (i32.const 64)) (local.get $on)) (local.get $nn))))"#;

/// `open-at(path-flags, path, open-flags, flags)`: `path_open` with the
/// directory's inheriting rights, less `fd_read`/`fd_write` unless asked
/// (open-flags are preview 1's oflags bit for bit; the sync flags become
/// fdflags).
const OPEN_AT: &str = r#"  (func (export NAME) (param $h i32) (param $pflags i32) (param $p i32) (param $n i32) (param $oflags i32) (param $dflags i32) (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32) (local $inherit i64) (local $want i64) (local $fdflags i32) (local $new i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 8) (i32.const 4))
    (local.set $b (call $scratch (local.get $n)))
    (local.set $e (call $fd_fdstat_get (local.get $fd) (local.get $b)))
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 4) (local.get $e)) (return)))
    (local.set $inherit (i64.load M offset=16 (local.get $b)))
    (if (i32.and (local.get $dflags) (i32.const 1)) (then (local.set $want (i64.or (local.get $want) (i64.const 2)))))
    (if (i32.and (local.get $dflags) (i32.const 2)) (then (local.set $want (i64.or (local.get $want) (i64.const 64)))))
    (if (i32.and (local.get $dflags) (i32.const 4)) (then (local.set $fdflags (i32.or (local.get $fdflags) (i32.const 16)))))
    (if (i32.and (local.get $dflags) (i32.const 8)) (then (local.set $fdflags (i32.or (local.get $fdflags) (i32.const 2)))))
    (if (i32.and (local.get $dflags) (i32.const 16)) (then (local.set $fdflags (i32.or (local.get $fdflags) (i32.const 8)))))
    (call $path (local.get $p) (local.get $n) (i32.add (local.get $b) (i32.const 64)))
    (local.set $e (call $path_open (local.get $fd) (i32.and (local.get $pflags) (i32.const 1))
      (i32.add (local.get $b) (i32.const 64)) (local.get $n) (i32.and (local.get $oflags) (i32.const 15))
      (i64.and (local.get $inherit) (i64.or (i64.const 0xffffffffffffffbd) (local.get $want)))
      (local.get $inherit) (local.get $fdflags) (i32.add (local.get $b) (i32.const 32))))
    (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 4) (local.get $e)) (return)))
    (local.set $new (i32.load M offset=32 (local.get $b)))
    (if (i32.ge_u (local.get $new) (i32.const PREOPEN)) (then unreachable))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store C offset=4 (local.get $r) (call $new_desc (local.get $new))))"#;

/// `readlink-at(path)`: `path_readlink` into a buffer doubled until the
/// target fits (up to 1 MiB).
const READLINK_AT: &str = r#"  (func (export NAME) (param $h i32) (param $p i32) (param $n i32) (param $r i32)
    (local $fd i32) (local $b i32) (local $e i32) (local $size i32) (local $used i32)
    (local.set $fd (call $fd_of (local.get $h)))
    (call $area (local.get $r) (i32.const 12) (i32.const 4))
    (if (i32.gt_u (local.get $n) (i32.const 0x3fff0000)) (then unreachable))
    (local.set $size (i32.const 4096))
    (loop $again
      (local.set $b (call $scratch (i32.add (local.get $n) (local.get $size))))
      (call $path (local.get $p) (local.get $n) (i32.add (local.get $b) (i32.const 64)))
      (local.set $e (call $path_readlink (local.get $fd) (i32.add (local.get $b) (i32.const 64)) (local.get $n)
        (i32.add (i32.add (local.get $b) (i32.const 64)) (local.get $n)) (local.get $size) (local.get $b)))
      (if (local.get $e) (then (call $fs_error (local.get $r) (i32.const 4) (local.get $e)) (return)))
      (local.set $used (i32.load M (local.get $b)))
      (if (i32.gt_u (local.get $used) (local.get $size)) (then unreachable))
      (if (i32.and (i32.eq (local.get $used) (local.get $size)) (i32.lt_u (local.get $size) (i32.const 0x100000)))
        (then
          (local.set $size (i32.shl (local.get $size) (i32.const 1)))
          (br $again))))
    (i32.store8 C (local.get $r) (i32.const 0))
    (i32.store C offset=8 (local.get $r) (local.get $used))
    (i32.store C offset=4 (local.get $r)
      (call $copy_out (i32.add (i32.add (local.get $b) (i32.const 64)) (local.get $n)) (local.get $used))))"#;

/// `filesystem-error-code(err)`: the `error-code` of the error's errno.
const ERROR_CODE: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
    (local $e i32)
    (local.set $e (call $lend_error (local.get $h)))
    (call $area (local.get $r) (i32.const 2) (i32.const 1))
    (i32.store8 C (local.get $r) (i32.const 1))
    (i32.store8 C offset=1 (local.get $r) (call $code (local.get $e))))"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated `$code` answers what [`error_code`] does, for every
    /// errno and beyond, and a few by name.
    #[test]
    fn the_generated_error_code_function_is_the_table() {
        let text = format!("(module\n{}  (export \"code\" (func $code)))", code_function());
        let bytes = wat::parse_str(&text).unwrap();
        let mut store = wasmer::Store::default();
        let module = wasmer::Module::new(&store, bytes).unwrap();
        let instance = wasmer::Instance::new(&mut store, &module, &wasmer::imports! {}).unwrap();
        let code = instance.exports.get_typed_function::<i32, i32>(&store, "code").unwrap();
        for errno in 0..200u32 {
            assert_eq!(code.call(&mut store, errno as i32).unwrap(), i32::from(error_code(errno)), "errno {errno}");
        }
        // noent, exist, isdir, notdir, notempty, notcapable; 2big has no name.
        for (errno, want) in [(44, 20), (20, 7), (31, 14), (54, 24), (55, 25), (76, 0), (1, 13)] {
            assert_eq!(error_code(errno), want, "errno {errno}");
        }
    }
}
