;; Implements `dep.wit`; its memory holds other bytes at main's addresses, so only copied data reads right.
(module
  (memory 1)
  (data (i32.const 200) "zzzzzzzzzzzzzz")
  ;; Changes the list in place (it is dep's: the adapter copied it here)
  ;; and returns it through the return area, 8 bytes at 256.
  (func (export "older") (param $people i32) (param $count i32) (result i32)
    (local $p i32) (local $end i32) (local $tag i32) (local $tags_end i32)
    (local.set $p (local.get $people))
    (local.set $end (i32.add (local.get $people) (i32.mul (local.get $count) (i32.const 20))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (call $upper (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))
      (i32.store8 offset=8 (local.get $p) (i32.add (i32.load8_u offset=8 (local.get $p)) (i32.const 1)))
      (local.set $tag (i32.load offset=12 (local.get $p)))
      (local.set $tags_end (i32.add (local.get $tag) (i32.mul (i32.load offset=16 (local.get $p)) (i32.const 8))))
      (block $tags_done (loop $next_tag
        (br_if $tags_done (i32.ge_u (local.get $tag) (local.get $tags_end)))
        (call $upper (i32.load (local.get $tag)) (i32.load offset=4 (local.get $tag)))
        (local.set $tag (i32.add (local.get $tag) (i32.const 8)))
        (br $next_tag)))
      (local.set $p (i32.add (local.get $p) (i32.const 20)))
      (br $next)))
    (i32.store (i32.const 256) (local.get $people))
    (i32.store (i32.const 260) (local.get $count))
    (i32.const 256))

  ;; Upper-cases the ASCII letters of the `len` bytes at `ptr`, in place.
  (func $upper (param $ptr i32) (param $len i32)
    (local $b i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $b (i32.load8_u (local.get $ptr)))
      (if (i32.lt_u (i32.sub (local.get $b) (i32.const 97)) (i32.const 26))
        (then (i32.store8 (local.get $ptr) (i32.sub (local.get $b) (i32.const 32)))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $next))))

  ;; A bump allocator; `canonical_abi_free` counts the bytes handed back.
  (global $heap (mut i32) (i32.const 4096))
  (global $freed (mut i32) (i32.const 0))
  (func $alloc (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param $ptr i32) (param $size i32) (param $align i32)
    (global.set $freed (i32.add (global.get $freed) (local.get $size))))
  (func (export "freed") (result i32) (global.get $freed)))
