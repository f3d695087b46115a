(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32)))
  (memory (;0;) 4)
  (global (;0;) (mut i32) i32.const 1)
  (global (;1;) (mut i32) i32.const 1)
  (global (;2;) (mut i32) i32.const -1)
  (export "memory" (memory 0))
  (export "grow" (func 0))
  (export "size" (func 1))
  (export "mark" (func 2))
  (export "dep-grow" (func 3))
  (export "dep-peek" (func 4))
  (export "dep-size" (func 5))
  (export "canonical_abi_realloc" (func 6))
  (export "canonical_abi_free" (func 7))
  (export "wasmer-link.exhausted" (func $"portable::exhausted (the region that last refused to grow, or -1)"))
  (func (;0;) (type 0) (param i32) (result i32)
    local.get 0
    call $"portable::grow memory 0"
  )
  (func (;1;) (type 1) (result i32)
    global.get 0
  )
  (func (;2;) (type 1) (result i32)
    (local $p i32)
    loop ;; label = @1
      local.get $p
      i32.const 1
      i32.add
      i32.const 16
      i32.shl
      i32.const 1
      i32.sub
      i32.const 7
      i32.store8
      local.get $p
      i32.const 1
      i32.add
      local.set $p
      local.get $p
      global.get 0
      i32.lt_u
      br_if 0 (;@1;)
    end
    global.get 0
    i32.const 16
    i32.shl
    i32.const 1
    i32.sub
    i32.load8_u
  )
  (func (;3;) (type 0) (param i32) (result i32)
    local.get 0
    call 8
  )
  (func (;4;) (type 0) (param i32) (result i32)
    local.get 0
    call 9
  )
  (func (;5;) (type 1) (result i32)
    call 10
  )
  (func (;6;) (type 2) (param i32 i32 i32 i32) (result i32)
    i32.const 1024
  )
  (func (;7;) (type 3) (param i32 i32 i32))
  (func (;8;) (type 0) (param i32) (result i32)
    local.get 0
    call $"portable::grow memory 1"
  )
  (func (;9;) (type 0) (param i32) (result i32)
    local.get 0
    i32.load8_u offset=196608
  )
  (func (;10;) (type 1) (result i32)
    global.get 1
  )
  (func $"portable::exhausted (the region that last refused to grow, or -1)" (;11;) (type 1) (result i32)
    global.get 2
  )
  (func $"portable::grow memory 0" (;12;) (type 0) (param i32) (result i32)
    (local i32)
    global.get 0
    local.set 1
    local.get 1
    i64.extend_i32_u
    local.get 0
    i64.extend_i32_u
    i64.add
    i64.const 3
    i64.gt_u
    if ;; label = @1
      i32.const 0
      global.set 2
      i32.const -1
      return
    end
    local.get 1
    local.get 0
    i32.add
    global.set 0
    local.get 1
  )
  (func $"portable::grow memory 1" (;13;) (type 0) (param i32) (result i32)
    (local i32)
    global.get 1
    local.set 1
    local.get 0
    memory.grow
    i32.const -1
    i32.eq
    if ;; label = @1
      i32.const 1
      global.set 2
      i32.const -1
      return
    end
    local.get 1
    local.get 0
    i32.add
    global.set 1
    local.get 1
  )
  (data (;0;) (i32.const 196608) "*")
  (@custom "wasmer-link.layout" (after data) "wasmer-link layout 1 fixed\0aregion main base=0 initial=1 capacity=3\0aregion dep base=196608 initial=1 capacity=unlimited\0a")
)
