;; Implements `dep.wit`; its memory holds other bytes at main's addresses, so only copied data reads right.
(module
  (memory 1)
  (data (i32.const 16) "zzzzz")
  ;; Reverses its copy of `s` in place and returns it through the return
  ;; area, 12 bytes at 256.
  (func (export "trim") (param $some i32) (param $ptr i32) (param $len i32) (param $limited i32) (param $limit i32)
    (result i32)
    (if (i32.eqz (local.get $some))
      (then
        (i32.store8 (i32.const 256) (i32.const 0))
        (return (i32.const 256))))
    (call $reverse (local.get $ptr) (local.get $len))
    (if (i32.and (local.get $limited) (i32.lt_u (local.get $limit) (local.get $len)))
      (then (local.set $len (local.get $limit))))
    (i32.store8 (i32.const 256) (i32.const 1))
    (i32.store (i32.const 260) (local.get $ptr))
    (i32.store (i32.const 264) (local.get $len))
    (i32.const 256))

  ;; Reverses the `len` bytes at `ptr`, in place.
  (func $reverse (param $ptr i32) (param $len i32)
    (local $end i32) (local $b i32)
    (local.set $end (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $ptr) (local.get $end)))
      (local.set $b (i32.load8_u (local.get $ptr)))
      (i32.store8 (local.get $ptr) (i32.load8_u (local.get $end)))
      (i32.store8 (local.get $end) (local.get $b))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
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
