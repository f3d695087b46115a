(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32)))
  (type (;5;) (func (param i32 i32 i32) (result i32)))
  (type (;6;) (func (param i32 i32)))
  (memory (;0;) 257)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 4096)
  (global $freed (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 1)
  (global (;4;) (mut i32) i32.const 1)
  (global (;5;) (mut i32) i32.const -1)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "high" (func 1))
  (export "low" (func 2))
  (export "len" (func 3))
  (export "byte" (func 4))
  (export "freed" (func 5))
  (export "canonical_abi_realloc" (func 6))
  (export "canonical_abi_free" (func 7))
  (export "wasmer-link.exhausted" (func $"portable::exhausted (the region that last refused to grow, or -1)"))
  (func (;0;) (type 2) (param $case i32) (result i32)
    local.get $case
    i32.eqz
    if ;; label = @1
      i32.const 0
      i32.const 42
      i32.const 0
      i32.const 64
      call $"adapter main -> dep.swap"
    else
      local.get $case
      i32.const 16
      i32.const 2
      i32.const 64
      call $"adapter main -> dep.swap"
    end
    i32.const 64
    i32.load8_u
  )
  (func (;1;) (type 1) (result i32)
    i32.const 72
    i64.load
    i64.const 32
    i64.shr_u
    i32.wrap_i64
  )
  (func (;2;) (type 1) (result i32)
    i32.const 72
    i64.load
    i32.wrap_i64
  )
  (func (;3;) (type 1) (result i32)
    i32.const 76
    i32.load
  )
  (func (;4;) (type 2) (param $i i32) (result i32)
    i32.const 72
    i32.load
    local.get $i
    i32.add
    i32.load8_u
  )
  (func (;5;) (type 1) (result i32)
    call 12
  )
  (func (;6;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    global.get $main::heap
    local.get $align
    i32.const 1
    i32.sub
    i32.add
    i32.const 0
    local.get $align
    i32.sub
    i32.and
    local.set $ptr
    local.get $ptr
    local.get $size
    i32.add
    global.set $main::heap
    local.get $ptr
  )
  (func (;7;) (type 4) (param i32 i32 i32))
  (func (;8;) (type 5) (param $case i32) (param $a i32) (param $b i32) (result i32)
    local.get $case
    i32.eqz
    if ;; label = @1
      i32.const 256
      i32.const 1
      i32.store8 offset=16777216
      i32.const 264
      local.get $a
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.const 7
      i64.or
      i64.store offset=16777216
      i32.const 256
      return
    end
    local.get $a
    local.get $b
    call $upper
    i32.const 256
    i32.const 0
    i32.store8 offset=16777216
    i32.const 264
    local.get $a
    i32.store offset=16777216
    i32.const 268
    local.get $b
    i32.store offset=16777216
    i32.const 256
  )
  (func $upper (;9;) (type 6) (param $ptr i32) (param $len i32)
    (local $b i32)
    block ;; label = @1
      loop ;; label = @2
        local.get $len
        i32.eqz
        br_if 1 (;@1;)
        local.get $ptr
        i32.load8_u offset=16777216
        local.set $b
        local.get $b
        i32.const 97
        i32.sub
        i32.const 26
        i32.lt_u
        if ;; label = @3
          local.get $ptr
          local.get $b
          i32.const 32
          i32.sub
          i32.store8 offset=16777216
        end
        local.get $ptr
        i32.const 1
        i32.add
        local.set $ptr
        local.get $len
        i32.const 1
        i32.sub
        local.set $len
        br 0 (;@2;)
      end
    end
  )
  (func $alloc (;10;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    global.get $dep::heap
    local.get $align
    i32.const 1
    i32.sub
    i32.add
    i32.const 0
    local.get $align
    i32.sub
    i32.and
    local.set $ptr
    local.get $ptr
    local.get $size
    i32.add
    global.set $dep::heap
    local.get $ptr
  )
  (func (;11;) (type 4) (param $ptr i32) (param $size i32) (param $align i32)
    global.get $freed
    local.get $size
    i32.add
    global.set $freed
  )
  (func (;12;) (type 1) (result i32)
    global.get $freed
  )
  (func $"adapter main -> dep.swap" (;13;) (type 0) (param i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.tee 7
    i32.const 2
    i32.ge_u
    if ;; label = @1
      unreachable
    end
    local.get 7
    local.set 4
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          local.get 7
          br_table 0 (;@3;) 1 (;@2;) 1 (;@2;)
        end
        local.get 1
        local.set 5
        br 1 (;@1;)
      end
      local.get 1
      local.set 8
      local.get 2
      local.set 9
      local.get 9
      i64.extend_i32_u
      i64.const 1
      i64.mul
      local.tee 11
      i64.const 4294967295
      i64.gt_u
      if ;; label = @2
        unreachable
      end
      local.get 11
      i32.wrap_i64
      local.set 10
      local.get 8
      i64.extend_i32_u
      local.get 11
      i64.add
      global.get 3
      i64.extend_i32_u
      i64.const 16
      i64.shl
      i64.gt_u
      if ;; label = @2
        unreachable
      end
      local.get 8
      local.get 9
      call $"utf-8 validation in the memory of `main`"
      local.get 10
      local.set 12
      i32.const 0
      i32.const 0
      i32.const 1
      local.get 12
      call $alloc
      local.set 13
      local.get 13
      local.get 8
      local.get 10
      call $"portable::copy memory 0 to memory 1"
      local.get 13
      local.set 5
      local.get 9
      local.set 6
      br 0 (;@1;)
    end
    local.get 4
    local.get 5
    local.get 6
    call 8
    local.set 14
    local.get 14
    i32.const 7
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 14
    i64.extend_i32_u
    i64.const 16
    i64.add
    global.get 4
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 3
    i32.const 7
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 3
    i64.extend_i32_u
    i64.const 16
    i64.add
    global.get 3
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 14
    i32.load8_u offset=16777216
    local.tee 15
    i32.const 2
    i32.ge_u
    if ;; label = @1
      unreachable
    end
    local.get 3
    local.get 15
    i32.store8
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          local.get 15
          br_table 0 (;@3;) 1 (;@2;) 1 (;@2;)
        end
        local.get 14
        i32.load offset=16777224
        local.set 16
        local.get 14
        i32.load offset=16777228
        local.set 17
        local.get 17
        i64.extend_i32_u
        i64.const 1
        i64.mul
        local.tee 11
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 11
        i32.wrap_i64
        local.set 18
        local.get 16
        i64.extend_i32_u
        local.get 11
        i64.add
        global.get 4
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 16
        local.get 17
        call $"utf-8 validation in the memory of `dep`"
        local.get 18
        local.set 19
        i32.const 0
        i32.const 0
        i32.const 1
        local.get 19
        call 6
        local.set 20
        local.get 20
        local.get 16
        local.get 18
        call $"portable::copy memory 1 to memory 0"
        local.get 3
        local.get 20
        i32.store offset=8
        local.get 3
        local.get 17
        i32.store offset=12
        br 1 (;@1;)
      end
      local.get 3
      local.get 14
      i64.load offset=16777224
      i64.store offset=8
      br 0 (;@1;)
    end
    local.get 14
    i32.load8_u offset=16777216
    local.tee 21
    i32.const 2
    i32.ge_u
    if ;; label = @1
      unreachable
    end
    block ;; label = @1
      block ;; label = @2
        block ;; label = @3
          local.get 21
          br_table 0 (;@3;) 1 (;@2;) 1 (;@2;)
        end
        local.get 14
        i32.load offset=16777224
        local.set 22
        local.get 14
        i32.load offset=16777228
        local.set 23
        local.get 23
        i64.extend_i32_u
        i64.const 1
        i64.mul
        local.tee 11
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 11
        i32.wrap_i64
        local.set 24
        local.get 22
        i64.extend_i32_u
        local.get 11
        i64.add
        global.get 4
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 22
        local.get 24
        i32.const 1
        call 11
        br 1 (;@1;)
      end
      br 0 (;@1;)
    end
  )
  (func $"utf-8 validation in the memory of `main`" (;14;) (type 6) (param i32 i32)
    (local i32 i32 i32 i32)
    local.get 0
    local.set 2
    local.get 0
    local.get 1
    i32.add
    local.set 3
    block ;; label = @1
      loop ;; label = @2
        local.get 2
        local.get 3
        i32.eq
        br_if 1 (;@1;)
        local.get 2
        i32.load8_u
        local.tee 4
        i32.const 128
        i32.lt_u
        if ;; label = @3
          local.get 3
          local.get 2
          i32.sub
          i32.const 8
          i32.lt_u
          if ;; label = @4
            local.get 2
            i32.const 1
            i32.add
            local.set 2
          else
            local.get 2
            i64.load align=1
            i64.const -9187201950435737472
            i64.and
            i64.eqz
            if ;; label = @5
              local.get 2
              i32.const 8
              i32.add
              local.set 2
              block ;; label = @6
                loop ;; label = @7
                  local.get 3
                  local.get 2
                  i32.sub
                  i32.const 32
                  i32.lt_u
                  br_if 1 (;@6;)
                  local.get 2
                  i64.load align=1
                  local.get 2
                  i64.load offset=8 align=1
                  i64.or
                  local.get 2
                  i64.load offset=16 align=1
                  i64.or
                  local.get 2
                  i64.load offset=24 align=1
                  i64.or
                  i64.const -9187201950435737472
                  i64.and
                  i64.const 0
                  i64.ne
                  br_if 1 (;@6;)
                  local.get 2
                  i32.const 32
                  i32.add
                  local.set 2
                  br 0 (;@7;)
                end
              end
            else
              local.get 2
              i32.const 1
              i32.add
              local.set 2
            end
          end
          br 1 (;@2;)
        end
        local.get 4
        i32.const 194
        i32.sub
        i32.const 30
        i32.lt_u
        if ;; label = @3
          local.get 3
          local.get 2
          i32.sub
          i32.const 2
          i32.lt_u
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.load8_u offset=1
          i32.const 192
          i32.and
          i32.const 128
          i32.ne
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.const 2
          i32.add
          local.set 2
          br 1 (;@2;)
        end
        local.get 4
        i32.const 224
        i32.sub
        i32.const 16
        i32.lt_u
        if ;; label = @3
          local.get 3
          local.get 2
          i32.sub
          i32.const 3
          i32.lt_u
          if ;; label = @4
            unreachable
          end
          i32.const 160
          i32.const 128
          local.get 4
          i32.const 224
          i32.eq
          select
          local.set 5
          local.get 2
          i32.load8_u offset=1
          local.get 5
          i32.sub
          i32.const 159
          i32.const 191
          local.get 4
          i32.const 237
          i32.eq
          select
          local.get 5
          i32.sub
          i32.gt_u
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.load8_u offset=2
          i32.const 192
          i32.and
          i32.const 128
          i32.ne
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.const 3
          i32.add
          local.set 2
          br 1 (;@2;)
        end
        local.get 4
        i32.const 240
        i32.sub
        i32.const 5
        i32.lt_u
        i32.eqz
        if ;; label = @3
          unreachable
        end
        local.get 3
        local.get 2
        i32.sub
        i32.const 4
        i32.lt_u
        if ;; label = @3
          unreachable
        end
        i32.const 144
        i32.const 128
        local.get 4
        i32.const 240
        i32.eq
        select
        local.set 5
        local.get 2
        i32.load8_u offset=1
        local.get 5
        i32.sub
        i32.const 143
        i32.const 191
        local.get 4
        i32.const 244
        i32.eq
        select
        local.get 5
        i32.sub
        i32.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 2
        i32.load16_u offset=2 align=1
        i32.const 49344
        i32.and
        i32.const 32896
        i32.ne
        if ;; label = @3
          unreachable
        end
        local.get 2
        i32.const 4
        i32.add
        local.set 2
        br 0 (;@2;)
      end
    end
  )
  (func $"utf-8 validation in the memory of `dep`" (;15;) (type 6) (param i32 i32)
    (local i32 i32 i32 i32)
    local.get 0
    local.set 2
    local.get 0
    local.get 1
    i32.add
    local.set 3
    block ;; label = @1
      loop ;; label = @2
        local.get 2
        local.get 3
        i32.eq
        br_if 1 (;@1;)
        local.get 2
        i32.load8_u offset=16777216
        local.tee 4
        i32.const 128
        i32.lt_u
        if ;; label = @3
          local.get 3
          local.get 2
          i32.sub
          i32.const 8
          i32.lt_u
          if ;; label = @4
            local.get 2
            i32.const 1
            i32.add
            local.set 2
          else
            local.get 2
            i64.load offset=16777216 align=1
            i64.const -9187201950435737472
            i64.and
            i64.eqz
            if ;; label = @5
              local.get 2
              i32.const 8
              i32.add
              local.set 2
              block ;; label = @6
                loop ;; label = @7
                  local.get 3
                  local.get 2
                  i32.sub
                  i32.const 32
                  i32.lt_u
                  br_if 1 (;@6;)
                  local.get 2
                  i64.load offset=16777216 align=1
                  local.get 2
                  i64.load offset=16777224 align=1
                  i64.or
                  local.get 2
                  i64.load offset=16777232 align=1
                  i64.or
                  local.get 2
                  i64.load offset=16777240 align=1
                  i64.or
                  i64.const -9187201950435737472
                  i64.and
                  i64.const 0
                  i64.ne
                  br_if 1 (;@6;)
                  local.get 2
                  i32.const 32
                  i32.add
                  local.set 2
                  br 0 (;@7;)
                end
              end
            else
              local.get 2
              i32.const 1
              i32.add
              local.set 2
            end
          end
          br 1 (;@2;)
        end
        local.get 4
        i32.const 194
        i32.sub
        i32.const 30
        i32.lt_u
        if ;; label = @3
          local.get 3
          local.get 2
          i32.sub
          i32.const 2
          i32.lt_u
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.load8_u offset=16777217
          i32.const 192
          i32.and
          i32.const 128
          i32.ne
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.const 2
          i32.add
          local.set 2
          br 1 (;@2;)
        end
        local.get 4
        i32.const 224
        i32.sub
        i32.const 16
        i32.lt_u
        if ;; label = @3
          local.get 3
          local.get 2
          i32.sub
          i32.const 3
          i32.lt_u
          if ;; label = @4
            unreachable
          end
          i32.const 160
          i32.const 128
          local.get 4
          i32.const 224
          i32.eq
          select
          local.set 5
          local.get 2
          i32.load8_u offset=16777217
          local.get 5
          i32.sub
          i32.const 159
          i32.const 191
          local.get 4
          i32.const 237
          i32.eq
          select
          local.get 5
          i32.sub
          i32.gt_u
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.load8_u offset=16777218
          i32.const 192
          i32.and
          i32.const 128
          i32.ne
          if ;; label = @4
            unreachable
          end
          local.get 2
          i32.const 3
          i32.add
          local.set 2
          br 1 (;@2;)
        end
        local.get 4
        i32.const 240
        i32.sub
        i32.const 5
        i32.lt_u
        i32.eqz
        if ;; label = @3
          unreachable
        end
        local.get 3
        local.get 2
        i32.sub
        i32.const 4
        i32.lt_u
        if ;; label = @3
          unreachable
        end
        i32.const 144
        i32.const 128
        local.get 4
        i32.const 240
        i32.eq
        select
        local.set 5
        local.get 2
        i32.load8_u offset=16777217
        local.get 5
        i32.sub
        i32.const 143
        i32.const 191
        local.get 4
        i32.const 244
        i32.eq
        select
        local.get 5
        i32.sub
        i32.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 2
        i32.load16_u offset=16777218 align=1
        i32.const 49344
        i32.and
        i32.const 32896
        i32.ne
        if ;; label = @3
          unreachable
        end
        local.get 2
        i32.const 4
        i32.add
        local.set 2
        br 0 (;@2;)
      end
    end
  )
  (func $"portable::exhausted (the region that last refused to grow, or -1)" (;16;) (type 1) (result i32)
    global.get 5
  )
  (func $"portable::copy memory 0 to memory 1" (;17;) (type 4) (param i32 i32 i32)
    global.get 4
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
    i64.const 16
    i64.shl
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
    i32.const 16777216
    i32.add
    local.get 1
    local.get 2
    call $portable::memmove
  )
  (func $"portable::copy memory 1 to memory 0" (;18;) (type 4) (param i32 i32 i32)
    global.get 3
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
    i64.const 16
    i64.shl
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
    local.get 1
    i32.const 16777216
    i32.add
    local.get 2
    call $portable::memmove
  )
  (func $portable::memmove (;19;) (type 4) (param i32 i32 i32)
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
  (data (;0;) (i32.const 16) "no")
  (data (;1;) (i32.const 16777232) "zz")
  (@custom "wasmer-link.layout" (after data) "wasmer-link layout 1 fixed\0aregion main base=0 initial=1 capacity=256\0aregion dep base=16777216 initial=1 capacity=unlimited\0a")
)
