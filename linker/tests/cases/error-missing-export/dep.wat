;; Exports something else (a global of the name asked for would be pointed out).
(module (global (export "missing") i32 (i32.const 0)))
