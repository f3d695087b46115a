;; A WAI pipeline passes an empty and a non-empty `list<string>` to a block built with today's wit-bindgen: an empty list gets no block in the block's memory (WAI's receivers free even an empty list's block, so WAI callees get one; wit-bindgen's free nothing for 0 bytes, so a block would leak).
(module
  (import "dep" "count" (func $count (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; ["ab", "cde"]: the strings at 16, the list at 64
  (data (i32.const 16) "abcde")
  (func (export "empty") (result i32) (call $count (i32.const 64) (i32.const 0)))
  (func (export "two") (result i32)
    (i32.store (i32.const 64) (i32.const 16)) (i32.store (i32.const 68) (i32.const 2))
    (i32.store (i32.const 72) (i32.const 18)) (i32.store (i32.const 76) (i32.const 3))
    (call $count (i32.const 64) (i32.const 2)))

  (global $heap (mut i32) (i32.const 1024))
  (func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
