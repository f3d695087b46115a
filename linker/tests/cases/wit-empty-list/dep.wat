;; A block that frees its arguments the way wit-bindgen's generated code does: each string, then the list's block, except a zero-byte block (`cabi_dealloc` returns early for size 0, since `cabi_realloc(0, 0, align, 0)` hands out a dangling aligned pointer, not a block). Its allocator counts live bytes, so a block the adapter allocated for an empty list shows as a leak.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (if (i32.eqz (local.get $size)) (then (return (local.get $align))))
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (global.set $live (i32.add (global.get $live) (local.get $size)))
    (local.get $ptr))
  ;; count(parts) = len * 1000 + the bytes still live after freeing the arguments.
  (func (export "test:dep/dep#count") (param $base i32) (param $len i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $len)))
        (global.set $live (i32.sub (global.get $live)
          (i32.load offset=4 (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.ne (local.get $len) (i32.const 0))
      (then (global.set $live (i32.sub (global.get $live) (i32.shl (local.get $len) (i32.const 3))))))
    (i32.add (i32.mul (local.get $len) (i32.const 1000)) (global.get $live))))
