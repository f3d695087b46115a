;; Portable profile (both memories regions of one): an enum crosses flat (one parameter) and as the elements of lists both ways, each discriminant checked by the adapter.
(module
  (import "dep" "shift" (func $shift (param i32 i32 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  ;; [red, green, blue, black, green]
  (data (i32.const 16) "\00\01\02\03\01")
  ;; [red, a color that does not exist]
  (data (i32.const 32) "\00\04")
  ;; shift([red, green, blue, black, green], blue), into the return area at
  ;; 64; returns the length of the result.
  (func (export "run") (result i32)
    (call $shift (i32.const 16) (i32.const 5) (i32.const 2) (i32.const 64))
    (i32.load (i32.const 68)))
  (func (export "color") (param $i i32) (result i32) (i32.load8_u (i32.add (i32.load (i32.const 64)) (local.get $i))))
  ;; Colors that do not exist, flat and in a list: the adapter traps.
  (func (export "bad-by") (result i32)
    (call $shift (i32.const 16) (i32.const 5) (i32.const 4) (i32.const 64))
    (i32.const 0))
  (func (export "bad-element") (result i32)
    (call $shift (i32.const 32) (i32.const 2) (i32.const 0) (i32.const 64))
    (i32.const 0))
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
