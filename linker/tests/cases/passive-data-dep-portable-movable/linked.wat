(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func))
  (type (;3;) (func (param i32 i32 i32)))
  (memory (;0;) 3)
  (global (;0;) (mut i32) i32.const 1)
  (global (;1;) (mut i32) i32.const 1)
  (global (;2;) (mut i32) i32.const 65536)
  (global (;3;) (mut i32) i32.const 131072)
  (global (;4;) (mut i32) i32.const 2)
  (global (;5;) (mut i32) i32.const 8)
  (global (;6;) (mut i32) i32.const 4)
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
    call $"portable::memory.init data 0 to memory 1"
    i32.const 2048
    i32.const 0
    i32.const 4
    call $"portable::memory.init data 1 to memory 1"
    call $"portable::data.drop data 0"
    call $"portable::data.drop data 1"
  )
  (func (;1;) (type 0) (param i32) (result i32)
    local.get 0
    global.get 2
    i32.add
    i32.load8_u offset=1024
  )
  (func (;2;) (type 0) (param i32) (result i32)
    local.get 0
    global.get 2
    i32.add
    i32.load
  )
  (func (;3;) (type 0) (param i32) (result i32)
    local.get 0
    call $"portable::grow memory 1"
  )
  (func (;4;) (type 1) (result i32)
    i32.const 0
    i32.const 0
    i32.const 0
    call $"portable::memory.init data 0 to memory 1"
    i32.const 0
    i32.const 0
    i32.const 1
    call $"portable::memory.init data 0 to memory 1"
    i32.const 1
  )
  (func $"portable::memory.init data 0 to memory 1" (;5;) (type 3) (param i32 i32 i32)
    global.get 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    local.get 0
    i64.extend_i32_u
    local.get 2
    i64.extend_i32_u
    i64.add
    i64.lt_u
    if ;; label = @1
      unreachable
    end
    global.get 5
    i64.extend_i32_u
    local.get 1
    i64.extend_i32_u
    local.get 2
    i64.extend_i32_u
    i64.add
    i64.lt_u
    if ;; label = @1
      unreachable
    end
    local.get 0
    global.get 2
    i32.add
    global.get 3
    local.get 1
    i32.add
    local.get 2
    call $portable::memmove
  )
  (func $"portable::memory.init data 1 to memory 1" (;6;) (type 3) (param i32 i32 i32)
    global.get 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    local.get 0
    i64.extend_i32_u
    local.get 2
    i64.extend_i32_u
    i64.add
    i64.lt_u
    if ;; label = @1
      unreachable
    end
    global.get 6
    i64.extend_i32_u
    local.get 1
    i64.extend_i32_u
    local.get 2
    i64.extend_i32_u
    i64.add
    i64.lt_u
    if ;; label = @1
      unreachable
    end
    local.get 0
    global.get 2
    i32.add
    global.get 3
    i32.const 8
    i32.add
    local.get 1
    i32.add
    local.get 2
    call $portable::memmove
  )
  (func $"portable::data.drop data 0" (;7;) (type 2)
    global.get 5
    if ;; label = @1
      i32.const 0
      global.set 5
      global.get 4
      i32.const -1
      i32.add
      global.set 4
      global.get 4
      i32.eqz
      if ;; label = @2
        global.get 3
        i32.const 0
        i32.const 65536
        call $portable::memset
      end
    end
  )
  (func $"portable::data.drop data 1" (;8;) (type 2)
    global.get 6
    if ;; label = @1
      i32.const 0
      global.set 6
      global.get 4
      i32.const -1
      i32.add
      global.set 4
      global.get 4
      i32.eqz
      if ;; label = @2
        global.get 3
        i32.const 0
        i32.const 65536
        call $portable::memset
      end
    end
  )
  (func $"portable::grow memory 1" (;9;) (type 0) (param i32) (result i32)
    (local i32 i32 i32)
    global.get 1
    local.set 1
    local.get 0
    i32.eqz
    if ;; label = @1
      local.get 1
      return
    end
    local.get 0
    memory.grow
    local.tee 2
    i32.const -1
    i32.eq
    if ;; label = @1
      i32.const -1
      return
    end
    local.get 0
    i32.const 16
    i32.shl
    local.set 3
    global.get 3
    local.get 3
    i32.add
    global.get 3
    local.get 2
    i32.const 16
    i32.shl
    global.get 3
    i32.sub
    call $portable::memmove
    global.get 3
    i32.const 0
    local.get 3
    call $portable::memset
    global.get 3
    local.get 3
    i32.add
    global.set 3
    global.get 1
    local.get 0
    i32.add
    global.set 1
    local.get 1
  )
  (func $portable::memmove (;10;) (type 3) (param i32 i32 i32)
    (local i32)
    local.get 0
    local.get 1
    i32.gt_u
    if ;; label = @1
      local.get 0
      local.get 2
      i32.add
      local.set 0
      local.get 1
      local.get 2
      i32.add
      local.set 1
      local.get 0
      local.get 2
      i32.const -128
      i32.and
      i32.sub
      local.set 3
      local.get 2
      i32.const 127
      i32.and
      local.set 2
      block ;; label = @2
        loop ;; label = @3
          local.get 0
          local.get 3
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          i32.const -128
          i32.add
          local.set 0
          local.get 1
          i32.const -128
          i32.add
          local.set 1
          local.get 0
          local.get 1
          i64.load offset=120 align=1
          i64.store offset=120 align=1
          local.get 0
          local.get 1
          i64.load offset=112 align=1
          i64.store offset=112 align=1
          local.get 0
          local.get 1
          i64.load offset=104 align=1
          i64.store offset=104 align=1
          local.get 0
          local.get 1
          i64.load offset=96 align=1
          i64.store offset=96 align=1
          local.get 0
          local.get 1
          i64.load offset=88 align=1
          i64.store offset=88 align=1
          local.get 0
          local.get 1
          i64.load offset=80 align=1
          i64.store offset=80 align=1
          local.get 0
          local.get 1
          i64.load offset=72 align=1
          i64.store offset=72 align=1
          local.get 0
          local.get 1
          i64.load offset=64 align=1
          i64.store offset=64 align=1
          local.get 0
          local.get 1
          i64.load offset=56 align=1
          i64.store offset=56 align=1
          local.get 0
          local.get 1
          i64.load offset=48 align=1
          i64.store offset=48 align=1
          local.get 0
          local.get 1
          i64.load offset=40 align=1
          i64.store offset=40 align=1
          local.get 0
          local.get 1
          i64.load offset=32 align=1
          i64.store offset=32 align=1
          local.get 0
          local.get 1
          i64.load offset=24 align=1
          i64.store offset=24 align=1
          local.get 0
          local.get 1
          i64.load offset=16 align=1
          i64.store offset=16 align=1
          local.get 0
          local.get 1
          i64.load offset=8 align=1
          i64.store offset=8 align=1
          local.get 0
          local.get 1
          i64.load align=1
          i64.store align=1
          br 0 (;@3;)
        end
      end
      local.get 0
      local.get 2
      i32.const -8
      i32.and
      i32.sub
      local.set 3
      local.get 2
      i32.const 7
      i32.and
      local.set 2
      block ;; label = @2
        loop ;; label = @3
          local.get 0
          local.get 3
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          i32.const -8
          i32.add
          local.set 0
          local.get 1
          i32.const -8
          i32.add
          local.set 1
          local.get 0
          local.get 1
          i64.load align=1
          i64.store align=1
          br 0 (;@3;)
        end
      end
      local.get 0
      local.get 2
      i32.const -1
      i32.and
      i32.sub
      local.set 3
      local.get 2
      i32.const 0
      i32.and
      local.set 2
      block ;; label = @2
        loop ;; label = @3
          local.get 0
          local.get 3
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          i32.const -1
          i32.add
          local.set 0
          local.get 1
          i32.const -1
          i32.add
          local.set 1
          local.get 0
          local.get 1
          i32.load8_u
          i32.store8
          br 0 (;@3;)
        end
      end
    else
      local.get 0
      local.get 2
      i32.const -128
      i32.and
      i32.add
      local.set 3
      local.get 2
      i32.const 127
      i32.and
      local.set 2
      block ;; label = @2
        loop ;; label = @3
          local.get 0
          local.get 3
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          local.get 1
          i64.load align=1
          i64.store align=1
          local.get 0
          local.get 1
          i64.load offset=8 align=1
          i64.store offset=8 align=1
          local.get 0
          local.get 1
          i64.load offset=16 align=1
          i64.store offset=16 align=1
          local.get 0
          local.get 1
          i64.load offset=24 align=1
          i64.store offset=24 align=1
          local.get 0
          local.get 1
          i64.load offset=32 align=1
          i64.store offset=32 align=1
          local.get 0
          local.get 1
          i64.load offset=40 align=1
          i64.store offset=40 align=1
          local.get 0
          local.get 1
          i64.load offset=48 align=1
          i64.store offset=48 align=1
          local.get 0
          local.get 1
          i64.load offset=56 align=1
          i64.store offset=56 align=1
          local.get 0
          local.get 1
          i64.load offset=64 align=1
          i64.store offset=64 align=1
          local.get 0
          local.get 1
          i64.load offset=72 align=1
          i64.store offset=72 align=1
          local.get 0
          local.get 1
          i64.load offset=80 align=1
          i64.store offset=80 align=1
          local.get 0
          local.get 1
          i64.load offset=88 align=1
          i64.store offset=88 align=1
          local.get 0
          local.get 1
          i64.load offset=96 align=1
          i64.store offset=96 align=1
          local.get 0
          local.get 1
          i64.load offset=104 align=1
          i64.store offset=104 align=1
          local.get 0
          local.get 1
          i64.load offset=112 align=1
          i64.store offset=112 align=1
          local.get 0
          local.get 1
          i64.load offset=120 align=1
          i64.store offset=120 align=1
          local.get 0
          i32.const 128
          i32.add
          local.set 0
          local.get 1
          i32.const 128
          i32.add
          local.set 1
          br 0 (;@3;)
        end
      end
      local.get 0
      local.get 2
      i32.const -8
      i32.and
      i32.add
      local.set 3
      local.get 2
      i32.const 7
      i32.and
      local.set 2
      block ;; label = @2
        loop ;; label = @3
          local.get 0
          local.get 3
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          local.get 1
          i64.load align=1
          i64.store align=1
          local.get 0
          i32.const 8
          i32.add
          local.set 0
          local.get 1
          i32.const 8
          i32.add
          local.set 1
          br 0 (;@3;)
        end
      end
      local.get 0
      local.get 2
      i32.const -1
      i32.and
      i32.add
      local.set 3
      local.get 2
      i32.const 0
      i32.and
      local.set 2
      block ;; label = @2
        loop ;; label = @3
          local.get 0
          local.get 3
          i32.eq
          br_if 1 (;@2;)
          local.get 0
          local.get 1
          i32.load8_u
          i32.store8
          local.get 0
          i32.const 1
          i32.add
          local.set 0
          local.get 1
          i32.const 1
          i32.add
          local.set 1
          br 0 (;@3;)
        end
      end
    end
  )
  (func $portable::memset (;11;) (type 3) (param i32 i32 i32)
    (local i64 i32)
    local.get 1
    i32.const 255
    i32.and
    i64.extend_i32_u
    i64.const 72340172838076673
    i64.mul
    local.set 3
    local.get 0
    local.get 2
    i32.const -128
    i32.and
    i32.add
    local.set 4
    local.get 2
    i32.const 127
    i32.and
    local.set 2
    block ;; label = @1
      loop ;; label = @2
        local.get 0
        local.get 4
        i32.eq
        br_if 1 (;@1;)
        local.get 0
        local.get 3
        i64.store align=1
        local.get 0
        local.get 3
        i64.store offset=8 align=1
        local.get 0
        local.get 3
        i64.store offset=16 align=1
        local.get 0
        local.get 3
        i64.store offset=24 align=1
        local.get 0
        local.get 3
        i64.store offset=32 align=1
        local.get 0
        local.get 3
        i64.store offset=40 align=1
        local.get 0
        local.get 3
        i64.store offset=48 align=1
        local.get 0
        local.get 3
        i64.store offset=56 align=1
        local.get 0
        local.get 3
        i64.store offset=64 align=1
        local.get 0
        local.get 3
        i64.store offset=72 align=1
        local.get 0
        local.get 3
        i64.store offset=80 align=1
        local.get 0
        local.get 3
        i64.store offset=88 align=1
        local.get 0
        local.get 3
        i64.store offset=96 align=1
        local.get 0
        local.get 3
        i64.store offset=104 align=1
        local.get 0
        local.get 3
        i64.store offset=112 align=1
        local.get 0
        local.get 3
        i64.store offset=120 align=1
        local.get 0
        i32.const 128
        i32.add
        local.set 0
        br 0 (;@2;)
      end
    end
    local.get 0
    local.get 2
    i32.const -8
    i32.and
    i32.add
    local.set 4
    local.get 2
    i32.const 7
    i32.and
    local.set 2
    block ;; label = @1
      loop ;; label = @2
        local.get 0
        local.get 4
        i32.eq
        br_if 1 (;@1;)
        local.get 0
        local.get 3
        i64.store align=1
        local.get 0
        i32.const 8
        i32.add
        local.set 0
        br 0 (;@2;)
      end
    end
    local.get 0
    local.get 2
    i32.const -1
    i32.and
    i32.add
    local.set 4
    local.get 2
    i32.const 0
    i32.and
    local.set 2
    block ;; label = @1
      loop ;; label = @2
        local.get 0
        local.get 4
        i32.eq
        br_if 1 (;@1;)
        local.get 0
        local.get 1
        i32.store8
        local.get 0
        i32.const 1
        i32.add
        local.set 0
        br 0 (;@2;)
      end
    end
  )
  (data (;0;) (i32.const 131072) "abcdefgh")
  (data (;1;) (i32.const 131080) "\01\02\03\04")
  (@custom "wasmer-link.layout" (after data) "wasmer-link layout 1 movable\0aregion main base=0 initial=1 capacity=unlimited\0aregion dep base=65536 initial=1 capacity=unlimited\0a")
)
