;; Counts the letter a; its memory holds other bytes at main's address.
(module
  (memory 1)
  (data (i32.const 0) "zzzzzz")
  (global $heap (mut i32) (i32.const 4096))
  (func (export "count-a") (param $ptr i32) (param $len i32) (result i32)
    (local $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (if (i32.eq (i32.load8_u (local.get $ptr)) (i32.const 97)) (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $next)))
    (local.get $n))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32)
    (global.get $heap) (global.set $heap (i32.add (global.get $heap) (local.get 3))))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
