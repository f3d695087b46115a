;; One function exported under three names, as `wit-bindgen` exports one
;; `cabi_post_*` body for several functions: the `portable` profile keeps
;; the first name on the function and exports a thunk for each other name
;; (WASM3 0.4.7 finds a function by its first export name only).
(module
  (memory (export "memory") 1)
  (func $next (export "next") (export "cabi_post_a") (export "cabi_post_b") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1))))
