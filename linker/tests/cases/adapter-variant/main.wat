;; A variant whose cases carry nothing, a float32, two u32s, a string and a u64 crosses flat into dep (the payloads sharing joined i64 and i32 slots) and comes back through a return area.
(module
  (import "dep" "next" (func $next (param i32 i64 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "abc")
  ;; next(case): 0 empty, 1 circle(1.5), 2 rect(3, 4), 3 label("abc"),
  ;; 4 big(5 * 2^32 + 6); the result goes to the return area at 64 (16
  ;; bytes); returns the result's case.
  (func (export "run") (param $case i32) (result i32)
    (block $call
      (block $big (block $label (block $rect (block $circle (block $empty
        (br_table $empty $circle $rect $label $big (local.get $case)))
        (call $next (i32.const 0) (i64.const 0) (i32.const 0) (i32.const 64))
        (br $call))
        (call $next (i32.const 1) (i64.extend_i32_u (i32.reinterpret_f32 (f32.const 1.5))) (i32.const 0) (i32.const 64))
        (br $call))
        (call $next (i32.const 2) (i64.const 3) (i32.const 4) (i32.const 64))
        (br $call))
        (call $next (i32.const 3) (i64.const 16) (i32.const 3) (i32.const 64))
        (br $call))
      (call $next (i32.const 4) (i64.const 21474836486) (i32.const 0) (i32.const 64)))
    (i32.load8_u (i32.const 64)))
  ;; A case that does not exist: the adapter traps before dep is called.
  (func (export "bad-case") (result i32)
    (call $next (i32.const 5) (i64.const 0) (i32.const 0) (i32.const 64))
    (i32.const 0))
  ;; The result's payload, at 72, read as each case lays it out.
  (func (export "radius-x100") (result i32) (i32.trunc_f32_s (f32.mul (f32.load (i32.const 72)) (f32.const 100))))
  (func (export "width") (result i32) (i32.load (i32.const 72)))
  (func (export "height") (result i32) (i32.load (i32.const 76)))
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
