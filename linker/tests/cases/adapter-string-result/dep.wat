;; Implements `dep.wit`; its memory holds other bytes at main's addresses, so only copied data reads right.
(module
  (memory 1)
  (data (i32.const 16) "zzzz")
  (data (i32.const 512) "Hello, ")
  ;; Builds the greeting in a fresh allocation and returns it through the
  ;; return area, 8 bytes at 256.
  (func (export "greet") (param $name i32) (param $len i32) (result i32)
    (local $out i32) (local $size i32)
    (local.set $size (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $alloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $size)))
    (call $copy (local.get $out) (i32.const 512) (i32.const 7))
    (call $copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (i32.store8 (i32.add (local.get $out) (i32.add (local.get $len) (i32.const 7))) (i32.const 33))
    (i32.store (i32.const 256) (local.get $out))
    (i32.store (i32.const 260) (local.get $size))
    (i32.const 256))
  ;; Copies `len` bytes from `from` to `to`.
  (func $copy (param $to i32) (param $from i32) (param $len i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (i32.store8 (local.get $to) (i32.load8_u (local.get $from)))
      (local.set $to (i32.add (local.get $to) (i32.const 1)))
      (local.set $from (i32.add (local.get $from) (i32.const 1)))
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
