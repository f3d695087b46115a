(module
  (type (;0;) (func (param i32 i32 i32)))
  (type (;1;) (func))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (result i32)))
  (memory (;0;) 1)
  (export "memory" (memory 0))
  (export "init_hello" (func 0))
  (export "init_tail" (func 1))
  (export "init_active" (func 2))
  (export "drop_hello" (func 3))
  (export "drop_tail" (func 4))
  (export "drop_active" (func 5))
  (export "load" (func 6))
  (export "grow" (func 7))
  (export "size" (func 8))
  (func (;0;) (type 0) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init 0
  )
  (func (;1;) (type 0) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init 1
  )
  (func (;2;) (type 0) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.init 2
  )
  (func (;3;) (type 1)
    data.drop 0
  )
  (func (;4;) (type 1)
    data.drop 1
  )
  (func (;5;) (type 1)
    data.drop 2
  )
  (func (;6;) (type 2) (param i32) (result i32)
    local.get 0
    i32.load
  )
  (func (;7;) (type 2) (param i32) (result i32)
    local.get 0
    memory.grow
  )
  (func (;8;) (type 3) (result i32)
    memory.size
  )
  (data (;0;) "hello, world")
  (data (;1;) "0123456789abcdef0123")
  (data (;2;) (i32.const 16) "*")
)
