(module
  (type (;0;) (func (param i32 i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 4096)
  (global $freed (;2;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "byte" (func 1))
  (export "in-main-heap" (func 2))
  (export "freed" (func 3))
  (export "canonical_abi_realloc" (func 4))
  (export "canonical_abi_free" (func 5))
  (func (;0;) (type 1) (result i32)
    i32.const 16
    i32.const 4
    i32.const 64
    call $"adapter main -> dep.greet"
    i32.const 68
    i32.load
  )
  (func (;1;) (type 2) (param $i i32) (result i32)
    i32.const 64
    i32.load
    local.get $i
    i32.add
    i32.load8_u
  )
  (func (;2;) (type 1) (result i32)
    i32.const 64
    i32.load
    i32.const 1024
    i32.ge_u
  )
  (func (;3;) (type 1) (result i32)
    call 10
  )
  (func (;4;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;5;) (type 0) (param i32 i32 i32))
  (func (;6;) (type 4) (param $name i32) (param $len i32) (result i32)
    (local $out i32) (local $size i32)
    local.get $len
    i32.const 8
    i32.add
    local.set $size
    i32.const 0
    i32.const 0
    i32.const 1
    local.get $size
    call $alloc
    local.set $out
    local.get $out
    i32.const 512
    i32.const 7
    call $copy
    local.get $out
    i32.const 7
    i32.add
    local.get $name
    local.get $len
    call $copy
    local.get $out
    local.get $len
    i32.const 7
    i32.add
    i32.add
    i32.const 33
    i32.store8 1
    i32.const 256
    local.get $out
    i32.store 1
    i32.const 260
    local.get $size
    i32.store 1
    i32.const 256
  )
  (func $copy (;7;) (type 0) (param $to i32) (param $from i32) (param $len i32)
    block ;; label = @1
      loop ;; label = @2
        local.get $len
        i32.eqz
        br_if 1 (;@1;)
        local.get $to
        local.get $from
        i32.load8_u 1
        i32.store8 1
        local.get $to
        i32.const 1
        i32.add
        local.set $to
        local.get $from
        i32.const 1
        i32.add
        local.set $from
        local.get $len
        i32.const 1
        i32.sub
        local.set $len
        br 0 (;@2;)
      end
    end
  )
  (func $alloc (;8;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;9;) (type 0) (param $ptr i32) (param $size i32) (param $align i32)
    global.get $freed
    local.get $size
    i32.add
    global.set $freed
  )
  (func (;10;) (type 1) (result i32)
    global.get $freed
  )
  (func $"adapter main -> dep.greet" (;11;) (type 0) (param i32 i32 i32)
    (local i32 i32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.set 5
    local.get 1
    local.set 6
    local.get 6
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 8
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 8
    i32.wrap_i64
    local.set 7
    local.get 5
    i64.extend_i32_u
    local.get 8
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 5
    local.get 6
    call $"utf-8 validation in the memory of `main`"
    local.get 7
    local.set 9
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 9
    call $alloc
    local.set 10
    local.get 10
    local.get 5
    local.get 7
    memory.copy 1 0
    local.get 10
    local.set 3
    local.get 6
    local.set 4
    local.get 3
    local.get 4
    call 6
    local.set 11
    local.get 11
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 11
    i64.extend_i32_u
    i64.const 8
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 2
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 2
    i64.extend_i32_u
    i64.const 8
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 11
    i32.load 1
    local.set 12
    local.get 11
    i32.load 1 offset=4
    local.set 13
    local.get 13
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 8
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 8
    i32.wrap_i64
    local.set 14
    local.get 12
    i64.extend_i32_u
    local.get 8
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 12
    local.get 13
    call $"utf-8 validation in the memory of `dep`"
    local.get 14
    local.set 15
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 15
    call 4
    local.set 16
    local.get 16
    local.get 12
    local.get 14
    memory.copy 0 1
    local.get 2
    local.get 16
    i32.store
    local.get 2
    local.get 13
    i32.store offset=4
    local.get 11
    i32.load 1
    local.set 17
    local.get 11
    i32.load 1 offset=4
    local.set 18
    local.get 18
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 8
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 8
    i32.wrap_i64
    local.set 19
    local.get 17
    i64.extend_i32_u
    local.get 8
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 17
    local.get 19
    i32.const 1
    call 9
  )
  (func $"utf-8 validation in the memory of `main`" (;12;) (type 5) (param i32 i32)
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
  (func $"utf-8 validation in the memory of `dep`" (;13;) (type 5) (param i32 i32)
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
        i32.load8_u 1
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
            i64.load 1 align=1
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
                  i64.load 1 align=1
                  local.get 2
                  i64.load 1 offset=8 align=1
                  i64.or
                  local.get 2
                  i64.load 1 offset=16 align=1
                  i64.or
                  local.get 2
                  i64.load 1 offset=24 align=1
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
          i32.load8_u 1 offset=1
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
          i32.load8_u 1 offset=1
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
          i32.load8_u 1 offset=2
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
        i32.load8_u 1 offset=1
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
        i32.load16_u 1 offset=2 align=1
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
  (data (;0;) (i32.const 16) "wasm")
  (data (;1;) (memory 1) (i32.const 16) "zzzz")
  (data (;2;) (memory 1) (i32.const 512) "Hello, ")
)
