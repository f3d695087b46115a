;; A reservation with the movable layout, which places regions without capacities: refused before linking.
(module
  (import "dep" "grow" (func $dep_grow (param i32) (result i32)))
  (import "dep" "peek" (func $dep_peek (param i32) (result i32)))
  (import "dep" "size" (func $dep_size (result i32)))
  (memory (export "memory") 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  ;; Writes the marker 7 at the last byte of every page it has, then checks them all.
  (func (export "mark") (result i32) (local $p i32)
    (loop $w
      (i32.store8 (i32.sub (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 16)) (i32.const 1)) (i32.const 7))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $w (i32.lt_u (local.get $p) (memory.size))))
    (i32.load8_u (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 1))))
  (func (export "dep-grow") (param i32) (result i32) (call $dep_grow (local.get 0)))
  (func (export "dep-peek") (param i32) (result i32) (call $dep_peek (local.get 0)))
  (func (export "dep-size") (result i32) (call $dep_size))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
