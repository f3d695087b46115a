;; An expected of a u32 or a string crosses flat into dep, and an expected of a string or a u64 comes back through a return area.
(module
  (import "dep" "swap" (func $swap (param i32 i32 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "no")
  ;; swap(case): 0 ok(42), 1 err("no"), 2 a case that does not exist (the
  ;; adapter traps). The result goes to the return area at 64; returns
  ;; its case (0 ok, 1 err).
  (func (export "run") (param $case i32) (result i32)
    (if (i32.eqz (local.get $case))
      (then (call $swap (i32.const 0) (i32.const 42) (i32.const 0) (i32.const 64)))
      (else (call $swap (local.get $case) (i32.const 16) (i32.const 2) (i32.const 64))))
    (i32.load8_u (i32.const 64)))
  (func (export "high") (result i32) (i32.wrap_i64 (i64.shr_u (i64.load (i32.const 72)) (i64.const 32))))
  (func (export "low") (result i32) (i32.wrap_i64 (i64.load (i32.const 72))))
  (func (export "len") (result i32) (i32.load (i32.const 76)))
  (func (export "byte") (param $i i32) (result i32) (i32.load8_u (i32.add (i32.load (i32.const 72)) (local.get $i))))
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
