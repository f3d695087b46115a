;; Implements `dep.wit`; its memory holds other bytes at main's addresses, so only copied data reads right.
(module
  (memory 1)
  (data (i32.const 16) "zz")
  ;; Returns a pointer to its return area, 16 bytes at 256: the case, then
  ;; the payload at 264.
  (func (export "swap") (param $case i32) (param $a i32) (param $b i32) (result i32)
    (if (i32.eqz (local.get $case))
      (then
        ;; ok(n) -> err(n * 2^32 + 7)
        (i32.store8 (i32.const 256) (i32.const 1))
        (i64.store (i32.const 264) (i64.or (i64.shl (i64.extend_i32_u (local.get $a)) (i64.const 32)) (i64.const 7)))
        (return (i32.const 256))))
    ;; err(s) -> ok(s upper-cased)
    (call $upper (local.get $a) (local.get $b))
    (i32.store8 (i32.const 256) (i32.const 0))
    (i32.store (i32.const 264) (local.get $a))
    (i32.store (i32.const 268) (local.get $b))
    (i32.const 256))

  ;; Upper-cases the ASCII letters of the `len` bytes at `ptr`, in place.
  (func $upper (param $ptr i32) (param $len i32)
    (local $b i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $b (i32.load8_u (local.get $ptr)))
      (if (i32.lt_u (i32.sub (local.get $b) (i32.const 97)) (i32.const 26))
        (then (i32.store8 (local.get $ptr) (i32.sub (local.get $b) (i32.const 32)))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $next))))

  ;; A bump allocator; `canonical_abi_free` counts the bytes handed back.
  (global $heap (mut i32) (i32.const 4096))
  (global $freed (mut i32) (i32.const 0))
  (func $alloc (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param $ptr i32) (param $size i32) (param $align i32)
    (global.set $freed (i32.add (global.get $freed) (local.get $size))))
  (func (export "freed") (result i32) (global.get $freed)))
