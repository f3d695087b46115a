;; A WAI pipeline calls a block built with today's wit-bindgen: its import `dep.shout` is served by the export `test:dep/dep#shout`; the adapter allocates the argument with `cabi_realloc`, copies the result out of the block's return area with main's `canonical_abi_realloc`, then calls `cabi_post_test:dep/dep#shout` instead of freeing.
(module
  (import "dep" "shout" (func $shout (param i32 i32 i32)))
  (import "dep" "posts" (func $posts (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "wasm")
  ;; shout("wasm"), into the return area at 64; returns the result's length.
  (func (export "run") (result i32)
    (call $shout (i32.const 16) (i32.const 4) (i32.const 64))
    (i32.load (i32.const 68)))
  (func (export "byte") (param $i i32) (result i32) (i32.load8_u (i32.add (i32.load (i32.const 64)) (local.get $i))))
  (func (export "posts") (result i32) (call $posts))

  ;; A bump allocator, so that what the adapter copies here lands at fresh addresses.
  (global $heap (mut i32) (i32.const 1024))
  (func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
