;; Implements `dep.wit`; its memory holds other bytes at main's addresses, so only copied data reads right.
(module
  (memory 1)
  (data (i32.const 16) "\07\07\07\07\07")
  ;; Shifts the list in place (it is dep's: the adapter copied it here) and
  ;; returns it through the return area, 8 bytes at 256.
  (func (export "shift") (param $colors i32) (param $len i32) (param $by i32) (result i32)
    (local $i i32) (local $at i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $at (i32.add (local.get $colors) (local.get $i)))
      (i32.store8 (local.get $at) (i32.and (i32.add (i32.load8_u (local.get $at)) (local.get $by)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.store (i32.const 256) (local.get $colors))
    (i32.store (i32.const 260) (local.get $len))
    (i32.const 256))

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
