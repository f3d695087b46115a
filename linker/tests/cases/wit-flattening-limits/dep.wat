;; A block laid out the way today's wit-bindgen lays one out, with a world-level export (`dep.world`): past the flattening limits, `sum` takes a pointer to its 17 arguments in its own memory (allocated by the adapter with `cabi_realloc`) and returns a pointer to a return area; there is no post-return function to call.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  ;; (a + 2b + 3c + ... + 17q, the arguments' address in this memory)
  (func (export "sum") (param $args i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (i32.const 17)))
        (local.set $acc (i32.add (local.get $acc)
          (i32.mul (i32.add (local.get $i) (i32.const 1))
                   (i32.load (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 2)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 512) (local.get $acc))
    (i32.store (i32.const 516) (local.get $args))
    (i32.const 512)))
