;; Extended constant expressions in the multi-memory profile, kept as they
;; are: the oracle for `extended-const-portable` (the same module and run.txt).
(module
  (global $end i32 (i32.add (i32.const 4096) (i32.mul (i32.const 16) (i32.const 64))))
  (global $wrap i32 (i32.sub (i32.const -2147483648) (i32.const 1)))
  (global $big i64 (i64.mul (i64.const 4294967296) (i64.const 3)))
  (memory (export "memory") 1)
  (data (offset (i32.add (i32.const 4096) (i32.const 8))) "\2a")
  (func (export "end") (result i32) (global.get $end))
  (func (export "wrap") (result i32) (global.get $wrap))
  (func (export "big_high") (result i32) (i32.wrap_i64 (i64.shr_u (global.get $big) (i64.const 32))))
  (func (export "byte") (result i32) (i32.load8_u (i32.const 4104))))
