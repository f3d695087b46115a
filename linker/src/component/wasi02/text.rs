//! The shims' WAT pieces for `wasi:cli`, `wasi:io`, `wasi:clocks` and
//! `wasi:random` ([`super::shim`] puts them together; `wasi:filesystem`'s
//! are in [`super::fs`]). Markers: `M` the main module's memory, `C` the
//! caller's; `NAME` an export's quoted name.

/// Bounds and alignment checks on the caller's memory.
pub const CHECKS: &str = r#"  (func $in (param $p i32) (param $n i32)
    (if (i64.gt_u (i64.add (i64.extend_i32_u (local.get $p)) (i64.extend_i32_u (local.get $n)))
                  (i64.shl (i64.extend_i32_u (memory.size C )) (i64.const 16)))
      (then unreachable)))
  (func $area (param $p i32) (param $n i32) (param $align i32)
    (if (i32.and (local.get $p) (i32.sub (local.get $align) (i32.const 1))) (then unreachable))
    (call $in (local.get $p) (local.get $n)))
"#;

/// The scratch block in the main module's memory: 64 bytes for preview 1's
/// small arguments and results, then `n` bytes of data.
pub const SCRATCH: &str = r#"  (global $buf (mut i32) (i32.const 0))
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
pub const STREAM_ERROR: &str = r#"  (func $stream_error (param $at i32) (param $e i32)
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
pub const WRITE: &str = r#"  (func $write (param $fd i32) (param $p i32) (param $n i32) (result i32)
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
pub const APPEND_INIT: &str = "    (local.set $append (i32.lt_s (local.get $fd) (i32.const 0)))\n    (local.set $fd (i32.and (local.get $fd) (i32.const 0x7fffffff)))\n";

/// Before each `fd_write` of an appending stream: to the end (whence 2).
pub const APPEND_SEEK: &str = "        (if (local.get $append)\n          (then\n            (local.set $e (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 2) (i32.add (local.get $b) (i32.const 16))))\n            (if (local.get $e) (then (return (local.get $e))))))\n";

/// `read(len)` of `fd` into `result<list<u8>, stream-error>` at `r`: at
/// most 4 KiB, the list allocated with the caller's realloc.
pub const READ: &str = r#"  (func $read (param $fd i32) (param $len i64) (param $r i32)
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
pub const COPY_OUT: &str = r#"  (func $copy_out (param $src i32) (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (call $in (local.get $p) (local.get $n))
    (memory.copy C M (local.get $p) (local.get $src) (local.get $n))
    (local.get $p))
"#;

/// Template of [`STRINGS`]' users: `$KIND`, `$SIZES`, `$GET`, `ENV`.
pub const STRINGS: &str = r#"  (func $KIND (param $r i32)
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
pub const DEBUG_STRING: &str = r#"  (func (export NAME) (param $h i32) (param $r i32)
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
pub const POLL: &str = r#"  (func (export NAME) (param $p i32) (param $n i32) (param $r i32)
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
pub const NOW: &str = r#"  (func $now (result i64)
    (local $b i32)
    (local.set $b (call $scratch (i32.const 0)))
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (local.get $b)) (then unreachable))
    (i64.load M (local.get $b)))
"#;

/// `$deadline`: a pollable's deadline, 0 (always ready) for a stream's;
/// `$sleep_until`: `poll_oneoff` on the monotonic clock (relative) until
/// `now` reaches `t` (an error traps: waiting cannot fail in WASI 0.2).
pub const SLEEP: &str = r#"  (func $deadline (param $rep i32) (result i64)
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
pub const TIMED_BLOCK: &str = r#"  (func (export NAME) (param $h i32)
    (call $sleep_until (call $deadline (call $lend_poll (local.get $h)))))"#;

/// `pollable.ready` with clocks about: whether the deadline has passed.
pub const TIMED_READY: &str = r#"  (func (export NAME) (param $h i32) (result i32)
    (i64.ge_u (call $now) (call $deadline (call $lend_poll (local.get $h)))))"#;

/// `poll` with clocks about: the indices of the ready pollables, after
/// sleeping until the earliest deadline when none is (an empty list
/// traps, as WASI says).
pub const TIMED_POLL: &str = r#"  (func (export NAME) (param $p i32) (param $n i32) (param $r i32)
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
pub const CLOCK: &str = r#"  (func (export NAME) (result i64)
    (local $b i32)
    (local.set $b (call $scratch (i32.const 0)))
    (if CALL (then unreachable))
    (i64.load M (local.get $b)))"#;

/// The wall clock's `now` or `resolution` as a `datetime` (seconds: u64 at
/// 0, nanoseconds: u32 at 8) in the return area `r`.
pub const DATETIME: &str = r#"  (func (export NAME) (param $r i32)
    (local $b i32) (local $ns i64)
    (call $area (local.get $r) (i32.const 16) (i32.const 8))
    (local.set $b (call $scratch (i32.const 0)))
    (if CALL (then unreachable))
    (local.set $ns (i64.load M (local.get $b)))
    (i64.store C (local.get $r) (i64.div_u (local.get $ns) (i64.const 1000000000)))
    (i32.store C offset=8 (local.get $r) (i32.wrap_i64 (i64.rem_u (local.get $ns) (i64.const 1000000000)))))"#;

/// `get-random-u64` and `get-insecure-random-u64`: eight bytes of
/// `random_get`.
pub const RANDOM_U64: &str = r#"  (func (export NAME) (result i64)
    (local $b i32)
    (local.set $b (call $scratch (i32.const 0)))
    (if (call $random_get (local.get $b) (i32.const 8)) (then unreachable))
    (i64.load M (local.get $b)))"#;

/// `insecure-seed`: sixteen bytes of `random_get` as `tuple<u64, u64>` in
/// the return area `r`.
pub const SEED: &str = r#"  (func (export NAME) (param $r i32)
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
pub const RANDOM_BYTES: &str = r#"  (func (export NAME) (param $len i64) (param $r i32)
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
