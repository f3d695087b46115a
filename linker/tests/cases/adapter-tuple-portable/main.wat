;; Portable profile (both memories regions of one): a tuple (u8, string, float64, s16) crosses flat into dep and a tuple of the same types in reverse order comes back through a return area.
(module
  (import "dep" "swap" (func $swap (param i32 i32 i32 f64 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "tuple")
  ;; swap((200, "tuple", 0.75, -5)), into the return area at 64; returns the
  ;; result's s16.
  (func (export "run") (result i32)
    (call $swap (i32.const 200) (i32.const 16) (i32.const 5) (f64.const 0.75) (i32.const -5) (i32.const 64))
    (i32.load16_s (i32.const 64)))
  (func (export "float-x100") (result i32) (i32.trunc_f64_s (f64.mul (f64.load (i32.const 72)) (f64.const 100))))
  (func (export "len") (result i32) (i32.load (i32.const 84)))
  (func (export "byte") (param $i i32) (result i32) (i32.load8_u (i32.add (i32.load (i32.const 80)) (local.get $i))))
  (func (export "last") (result i32) (i32.load8_u (i32.const 88)))
  (func (export "freed") (result i32) (call $freed))

  ;; A bump allocator, so that what the adapter copies here lands at fresh addresses.
  (global $heap (mut i32) (i32.const 1024))
  (func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
