;; A record (u8, u64, string, float32) crosses flat into dep and comes back through a return area: every field at its offset, the string copied both ways.
(module
  (import "dep" "grow" (func $grow (param i32 i64 i32 i32 f32 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "wasm")
  ;; grow({ id: 7, weight: 2^32 + 1000, name: "wasm", ratio: 1.25 }, 3), into
  ;; the return area at 64; returns the result's `id`.
  (func (export "run") (result i32)
    (call $grow (i32.const 7) (i64.const 4294968296) (i32.const 16) (i32.const 4) (f32.const 1.25) (i32.const 3)
      (i32.const 64))
    (i32.load8_u (i32.const 64)))
  (func (export "weight-high") (result i32) (i32.wrap_i64 (i64.shr_u (i64.load (i32.const 72)) (i64.const 32))))
  (func (export "weight-low") (result i32) (i32.wrap_i64 (i64.load (i32.const 72))))
  (func (export "name-len") (result i32) (i32.load (i32.const 84)))
  (func (export "name-byte") (param $i i32) (result i32) (i32.load8_u (i32.add (i32.load (i32.const 80)) (local.get $i))))
  (func (export "ratio-x100") (result i32) (i32.trunc_f32_s (f32.mul (f32.load (i32.const 88)) (f32.const 100))))
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
