;; Portable profile (both memories regions of one): flags of one byte, two bytes and two 32-bit words cross flat into dep and come back through a return area.
(module
  (import "dep" "flip" (func $flip (param i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; flip({ a: read | exec, b: m0 | m2 | m4 | m6 | m8, c: w0..w15 | w32..w35 }),
  ;; into the return area at 64; returns the result's `a`.
  (func (export "run") (result i32)
    (call $flip (i32.const 5) (i32.const 341) (i32.const 0x0000ffff) (i32.const 0x0f) (i32.const 64))
    (i32.load8_u (i32.const 64)))
  (func (export "b") (result i32) (i32.load16_u (i32.const 66)))
  (func (export "c0") (result i32) (i32.load (i32.const 68)))
  (func (export "c1") (result i32) (i32.load (i32.const 72)))

  ;; A bump allocator, so that what the adapter copies here lands at fresh addresses.
  (global $heap (mut i32) (i32.const 1024))
  (func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
