(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (export "memory" (memory 0))
  (export "get" (func 1))
  (export "peek" (func 2))
  (export "grow" (func 3))
  (export "again" (func 4))
  (start $__wasm_init_memory)
  (func $__wasm_init_memory (;0;) (type 2)
    i32.const 1024
    i32.const 0
    i32.const 8
    memory.init 1 $rodata
    i32.const 2048
    i32.const 0
    i32.const 4
    memory.init 1 $init
    data.drop $rodata
    data.drop $init
  )
  (func (;1;) (type 0) (param i32) (result i32)
    local.get 0
    i32.load8_u 1 offset=1024
  )
  (func (;2;) (type 0) (param i32) (result i32)
    local.get 0
    i32.load 1
  )
  (func (;3;) (type 0) (param i32) (result i32)
    local.get 0
    memory.grow 1
  )
  (func (;4;) (type 1) (result i32)
    i32.const 0
    i32.const 0
    i32.const 0
    memory.init 1 $rodata
    i32.const 0
    i32.const 0
    i32.const 1
    memory.init 1 $rodata
    i32.const 1
  )
  (data $rodata (;0;) "abcdefgh")
  (data $init (;1;) "\01\02\03\04")
)
