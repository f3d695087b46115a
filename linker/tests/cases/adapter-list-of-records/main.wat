;; A list of records holding a string and a list of strings crosses into dep and back, element by element, and dep is handed back every allocation of the result.
(module
  (import "dep" "older" (func $older (param i32 i32 i32)))
  (import "dep" "freed" (func $freed (result i32)))
  (memory (export "memory") 1)
  ;; "ada" at 200, "math" at 203, "poet" at 207, "bob" at 211
  (data (i32.const 200) "adamathpoetbob")
  ;; older([{ name: "ada", age: 36, tags: ["math", "poet"] },
  ;;        { name: "bob", age: 7, tags: [] }]),
  ;; into the return area at 64; returns the length of the result.
  (func (export "run") (result i32)
    ;; ada's tags, at 224
    (i32.store (i32.const 224) (i32.const 203)) (i32.store (i32.const 228) (i32.const 4))
    (i32.store (i32.const 232) (i32.const 207)) (i32.store (i32.const 236) (i32.const 4))
    ;; the two people, at 256 and 276
    (i32.store (i32.const 256) (i32.const 200)) (i32.store (i32.const 260) (i32.const 3))
    (i32.store8 (i32.const 264) (i32.const 36))
    (i32.store (i32.const 268) (i32.const 224)) (i32.store (i32.const 272) (i32.const 2))
    (i32.store (i32.const 276) (i32.const 211)) (i32.store (i32.const 280) (i32.const 3))
    (i32.store8 (i32.const 284) (i32.const 7))
    (i32.store (i32.const 288) (i32.const 0)) (i32.store (i32.const 292) (i32.const 0))
    (call $older (i32.const 256) (i32.const 2) (i32.const 64))
    (i32.load (i32.const 68)))
  ;; Person `p` of the result.
  (func $person (param $p i32) (result i32) (i32.add (i32.load (i32.const 64)) (i32.mul (local.get $p) (i32.const 20))))
  (func (export "age") (param $p i32) (result i32) (i32.load8_u offset=8 (call $person (local.get $p))))
  (func (export "name-len") (param $p i32) (result i32) (i32.load offset=4 (call $person (local.get $p))))
  (func (export "name-byte") (param $p i32) (param $i i32) (result i32)
    (i32.load8_u (i32.add (i32.load (call $person (local.get $p))) (local.get $i))))
  (func (export "tag-count") (param $p i32) (result i32) (i32.load offset=16 (call $person (local.get $p))))
  ;; Byte `i` of tag `t` of person `p`.
  (func (export "tag-byte") (param $p i32) (param $t i32) (param $i i32) (result i32)
    (local $tag i32)
    (local.set $tag (i32.add (i32.load offset=12 (call $person (local.get $p))) (i32.mul (local.get $t) (i32.const 8))))
    (i32.load8_u (i32.add (i32.load (local.get $tag)) (local.get $i))))
  (func (export "tag-len") (param $p i32) (param $t i32) (result i32)
    (i32.load offset=4 (i32.add (i32.load offset=12 (call $person (local.get $p))) (i32.mul (local.get $t) (i32.const 8)))))
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
