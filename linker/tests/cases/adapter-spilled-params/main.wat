;; A function with more than 16 flat parameters takes them through memory on both sides: the adapter copies main's argument record, strings and all, into one it allocates in dep's memory.
(module
  (import "dep" "sum" (func $sum (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; "b" at 100, "dd" at 101, "f" at 103, "h" at 104, "j" at 105, "kk" at 106
  (data (i32.const 100) "bddfhjkk")
  ;; sum(1, "b", 2 * 2^32 + 3, "dd", 4.75, "f", -6, "h", 70000, "j", "kk",
  ;; 800000), the arguments laid out at 512.
  (func (export "run") (result i32)
    (i32.store8 (i32.const 512) (i32.const 1))
    (i32.store (i32.const 516) (i32.const 100)) (i32.store (i32.const 520) (i32.const 1))
    (i64.store (i32.const 528) (i64.const 8589934595))
    (i32.store (i32.const 536) (i32.const 101)) (i32.store (i32.const 540) (i32.const 2))
    (f32.store (i32.const 544) (f32.const 4.75))
    (i32.store (i32.const 548) (i32.const 103)) (i32.store (i32.const 552) (i32.const 1))
    (i32.store16 (i32.const 556) (i32.const -6))
    (i32.store (i32.const 560) (i32.const 104)) (i32.store (i32.const 564) (i32.const 1))
    (i32.store (i32.const 568) (i32.const 70000))
    (i32.store (i32.const 572) (i32.const 105)) (i32.store (i32.const 576) (i32.const 1))
    (i32.store (i32.const 580) (i32.const 106)) (i32.store (i32.const 584) (i32.const 2))
    (i32.store (i32.const 588) (i32.const 800000))
    (call $sum (i32.const 512)))
  ;; The same call with the record at an address that is not 8-aligned: the
  ;; adapter traps.
  (func (export "misaligned") (result i32) (call $sum (i32.const 516)))

  ;; A bump allocator, so that what the adapter copies here lands at fresh addresses.
  (global $heap (mut i32) (i32.const 1024))
  (func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
