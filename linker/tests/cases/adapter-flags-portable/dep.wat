;; Implements `dep.wit`.
(module
  (memory 1)
  ;; Returns a pointer to its return area, 12 bytes at 256.
  (func (export "flip") (param $a i32) (param $b i32) (param $c0 i32) (param $c1 i32) (result i32)
    (i32.store8 (i32.const 256) (i32.xor (local.get $a) (i32.const 0x7)))
    (i32.store16 (i32.const 258) (i32.xor (local.get $b) (i32.const 0x3ff)))
    (i32.store (i32.const 260) (i32.xor (local.get $c0) (i32.const -1)))
    (i32.store (i32.const 264) (i32.xor (local.get $c1) (i32.const 0xff)))
    (i32.const 256))

  ;; A bump allocator.
  (global $heap (mut i32) (i32.const 4096))
  (func $alloc (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
