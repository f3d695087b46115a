(module
  (type (;0;) (func (param i32 i32 i32)))
  (type (;1;) (func))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (result i32)))
  (memory (;0;) 2)
  (global (;0;) (mut i32) i32.const 1)
  (global (;1;) (mut i32) i32.const 65536)
  (global (;2;) (mut i32) i32.const 2)
  (global (;3;) (mut i32) i32.const 12)
  (global (;4;) (mut i32) i32.const 20)
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
  (func (;0;) (type 0) (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    call $"portable::memory.init data 0 to memory 0"
  )
  (func (;1;) (type 0) (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    call $"portable::memory.init data 1 to memory 0"
  )
  (func (;2;) (type 0) (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    call $"portable::memory.init data 2 to memory 0"
  )
  (func (;3;) (type 1)
    call $"portable::data.drop data 0"
  )
  (func (;4;) (type 1)
    call $"portable::data.drop data 1"
  )
  (func (;5;) (type 1))
  (func (;6;) (type 2) (param $at i32) (result i32)
    local.get $at
    i32.load
  )
  (func (;7;) (type 2) (param $pages i32) (result i32)
    local.get $pages
    call $"portable::grow memory 0"
  )
  (func (;8;) (type 3) (result i32)
    global.get 0
  )
  (func $"portable::memory.init data 0 to memory 0" (;9;) (type 0) (param i32 i32 i32)
    global.get 0
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
    global.get 3
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
    global.get 1
    local.get 1
    i32.add
    local.get 2
    call $portable::memmove
  )
  (func $"portable::memory.init data 1 to memory 0" (;10;) (type 0) (param i32 i32 i32)
    global.get 0
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
    global.get 4
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
    global.get 1
    i32.const 16
    i32.add
    local.get 1
    i32.add
    local.get 2
    call $portable::memmove
  )
  (func $"portable::memory.init data 2 to memory 0" (;11;) (type 0) (param i32 i32 i32)
    global.get 0
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
    i32.const 0
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
  )
  (func $"portable::data.drop data 0" (;12;) (type 1)
    global.get 3
    if ;; label = @1
      i32.const 0
      global.set 3
      global.get 2
      i32.const -1
      i32.add
      global.set 2
      global.get 2
      i32.eqz
      if ;; label = @2
        global.get 1
        i32.const 0
        i32.const 65536
        call $portable::memset
      end
    end
  )
  (func $"portable::data.drop data 1" (;13;) (type 1)
    global.get 4
    if ;; label = @1
      i32.const 0
      global.set 4
      global.get 2
      i32.const -1
      i32.add
      global.set 2
      global.get 2
      i32.eqz
      if ;; label = @2
        global.get 1
        i32.const 0
        i32.const 65536
        call $portable::memset
      end
    end
  )
  (func $"portable::grow memory 0" (;14;) (type 2) (param i32) (result i32)
    (local i32 i32 i32)
    global.get 0
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
    global.get 1
    local.get 3
    i32.add
    global.get 1
    local.get 2
    i32.const 16
    i32.shl
    global.get 1
    i32.sub
    call $portable::memmove
    global.get 1
    i32.const 0
    local.get 3
    call $portable::memset
    global.get 1
    local.get 3
    i32.add
    global.set 1
    global.get 0
    local.get 0
    i32.add
    global.set 0
    local.get 1
  )
  (func $portable::memmove (;15;) (type 0) (param i32 i32 i32)
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
  (func $portable::memset (;16;) (type 0) (param i32 i32 i32)
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
  (data (;0;) (i32.const 65536) "hello, world")
  (data (;1;) (i32.const 65552) "0123456789abcdef0123")
  (data (;2;) (i32.const 16) "*")
)
