;; Re-exports b.f.
(module (import "b" "f" (func $f)) (export "f" (func $f)))
