(module
  (import "dep" "go" (func $go (result i64)))
  (memory (export "memory") 1)
  (export "go" (func $go)))
