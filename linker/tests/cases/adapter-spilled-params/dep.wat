;; Implements `dep.wit`; its memory holds other bytes at main's addresses, so only copied data reads right.
(module
  (memory 1)
  (data (i32.const 100) "zzzzzzzz")
  ;; $args points to the arguments, laid out as a record in dep's memory
  ;; (which a real callee frees, with its strings, once it is done).
  (func (export "sum") (param $args i32) (result i32)
    (local $c i64)
    (local.set $c (i64.load offset=16 (local.get $args)))
    (i32.add
      (i32.add
        (i32.add
          (i32.add (i32.load8_u (local.get $args))
                   (i32.add (i32.wrap_i64 (local.get $c)) (i32.wrap_i64 (i64.shr_u (local.get $c) (i64.const 32)))))
          (i32.add (i32.trunc_f32_s (f32.load offset=32 (local.get $args))) (i32.load16_s offset=44 (local.get $args))))
        (i32.add (i32.load offset=56 (local.get $args)) (i32.load offset=76 (local.get $args))))
      (i32.add
        (i32.add
          (i32.add (call $bytes (local.get $args) (i32.const 4) (i32.const 1))
                   (call $bytes (local.get $args) (i32.const 24) (i32.const 2)))
          (i32.add (call $bytes (local.get $args) (i32.const 36) (i32.const 3))
                   (call $bytes (local.get $args) (i32.const 48) (i32.const 4))))
        (i32.add (call $bytes (local.get $args) (i32.const 60) (i32.const 5))
                 (call $bytes (local.get $args) (i32.const 68) (i32.const 6))))))
  ;; The byte sum of the string at `args + at`, times `rank`.
  (func $bytes (param $args i32) (param $at i32) (param $rank i32) (result i32)
    (local $ptr i32) (local $len i32) (local $sum i32)
    (local.set $ptr (i32.load (i32.add (local.get $args) (local.get $at))))
    (local.set $len (i32.load offset=4 (i32.add (local.get $args) (local.get $at))))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $ptr))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $next)))
    (i32.mul (local.get $sum) (local.get $rank)))

  ;; A bump allocator.
  (global $heap (mut i32) (i32.const 4096))
  (func $alloc (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
