;; A WAI pipeline calls a world-level export of a block built with today's wit-bindgen past both flattening limits: 17 parameters through memory (a record in main's memory, copied into one the adapter allocates in dep's), two results through return areas (dep's, copied into the one main passes).
(module
  (import "dep" "sum" (func $sum (param i32 i32)))
  (memory (export "memory") 1)
  ;; sum(1, 2, ..., 17), the arguments laid out at 256, the results at 128.
  (func (export "run") (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (i32.const 17)))
        (i32.store (i32.add (i32.const 256) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $sum (i32.const 256) (i32.const 128))
    (i32.load (i32.const 128)))
  ;; Where dep found its arguments: in dep's heap, not at main's 256.
  (func (export "args-in-dep") (result i32) (i32.load (i32.const 132)))
  ;; The arguments at an address that is not 4-aligned: the adapter traps.
  (func (export "misaligned") (result i32) (call $sum (i32.const 258) (i32.const 128)) (i32.const 0))

  (global $heap (mut i32) (i32.const 1024))
  (func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
