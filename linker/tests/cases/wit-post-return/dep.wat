;; A block laid out the way today's wit-bindgen lays one out (its WIT world, `dep.world`, is embedded by the test): `cabi_realloc` and no `canonical_abi_free`; interface-qualified export names; a string result in a static return area, handed back to `cabi_post_test:dep/dep#shout` once the caller has copied it (which frees it, and counts).
(module
  (memory (export "memory") 1)
  ;; A bump allocator that counts what is live, so a missed post-return shows.
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (global $posts (mut i32) (i32.const 0))
  (func $alloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (global.set $live (i32.add (global.get $live) (local.get $size)))
    (local.get $ptr))
  ;; shout(s) = "<posts so far>" ++ s ++ "!", at a fresh address; the
  ;; argument's copy is the callee's to free.
  (func (export "test:dep/dep#shout") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32)
    (local.set $out (call $alloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 2))))
    (i32.store8 (local.get $out) (i32.add (i32.const 48) (global.get $posts)))
    (memory.copy (i32.add (local.get $out) (i32.const 1)) (local.get $ptr) (local.get $len))
    (i32.store8 (i32.add (i32.add (local.get $out) (i32.const 1)) (local.get $len)) (i32.const 33))
    (global.set $live (i32.sub (global.get $live) (local.get $len)))
    (i32.store (i32.const 512) (local.get $out))
    (i32.store (i32.const 516) (i32.add (local.get $len) (i32.const 2)))
    (i32.const 512))
  ;; Frees the result; traps unless handed the return area it returned.
  (func (export "cabi_post_test:dep/dep#shout") (param $ret i32)
    (if (i32.ne (local.get $ret) (i32.const 512)) (then unreachable))
    (global.set $live (i32.sub (global.get $live) (i32.load (i32.const 516))))
    (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
  ;; The post-return calls so far, times 1000, plus the bytes still live.
  (func (export "test:dep/dep#posts") (result i32)
    (i32.add (i32.mul (global.get $posts) (i32.const 1000)) (global.get $live))))
