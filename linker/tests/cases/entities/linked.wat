(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (result i32)))
  (table (;0;) 2 funcref)
  (memory (;0;) 1)
  (global (;0;) (mut i32) i32.const 100)
  (export "bump" (func 0))
  (export "peek" (func 1))
  (export "dispatch" (func 2))
  (elem (;0;) (i32.const 0) func $square $negate)
  (func (;0;) (type 1) (result i32)
    global.get 0
    i32.const 1
    i32.add
    global.set 0
    global.get 0
  )
  (func (;1;) (type 1) (result i32)
    i32.const 8
    i32.load
  )
  (func (;2;) (type 0) (param i32) (result i32)
    i32.const 10
    local.get 0
    call_indirect (type 0)
  )
  (func $square (;3;) (type 0) (param i32) (result i32)
    local.get 0
    local.get 0
    i32.mul
  )
  (func $negate (;4;) (type 0) (param i32) (result i32)
    i32.const 0
    local.get 0
    i32.sub
  )
  (data (;0;) (i32.const 8) "*\00\00\00")
)
