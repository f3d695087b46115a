;; Passive data and memory.init cannot be expressed in the portable profile (WASM3 0.4.7).
(module
  (memory 1)
  (data $d "hi")
  (func (export "run") (memory.init $d (i32.const 0) (i32.const 0) (i32.const 2))))
