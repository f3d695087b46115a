;; Portable profile (both memories regions of one): options of a string and of a u32 cross flat into dep, and an option of a string comes back through a return area; a `none`'s payload slots are never read.
(module
  (import "dep" "trim" (func $trim (param i32 i32 i32 i32 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello")
  ;; trim(case): 0 (none, none), 1 (some("hello"), none), 2 (some("hello"),
  ;; some(2)), 3 (none, some(3)); a `none` comes with a wild pointer and
  ;; length in its payload slots, which the adapter must not read. The
  ;; result goes to the return area at 64; returns whether it is `some`.
  (func (export "run") (param $case i32) (result i32)
    (block $call
      (block $3 (block $2 (block $1 (block $0
        (br_table $0 $1 $2 $3 (local.get $case)))
        (call $trim (i32.const 0) (i32.const -16) (i32.const 100) (i32.const 0) (i32.const 999) (i32.const 64))
        (br $call))
        (call $trim (i32.const 1) (i32.const 16) (i32.const 5) (i32.const 0) (i32.const 999) (i32.const 64))
        (br $call))
        (call $trim (i32.const 1) (i32.const 16) (i32.const 5) (i32.const 1) (i32.const 2) (i32.const 64))
        (br $call))
      (call $trim (i32.const 0) (i32.const -16) (i32.const 100) (i32.const 1) (i32.const 3) (i32.const 64)))
    (i32.load8_u (i32.const 64)))
  (func (export "len") (result i32) (i32.load (i32.const 72)))
  (func (export "byte") (param $i i32) (result i32) (i32.load8_u (i32.add (i32.load (i32.const 68)) (local.get $i))))
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
