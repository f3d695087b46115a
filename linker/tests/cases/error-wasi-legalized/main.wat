(module
  (import "dep" "go" (func $go (result i32)))
  (memory (export "memory") 1)
  (export "go" (func $go)))
