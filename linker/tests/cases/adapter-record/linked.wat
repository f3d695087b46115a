(module
  (type (;0;) (func (param i32 i64 i32 i32 f32 i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32)))
  (type (;5;) (func (param i32 i64 i32 i32 f32 i32) (result i32)))
  (type (;6;) (func (param i32 i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 4096)
  (global $freed (;2;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "weight-high" (func 1))
  (export "weight-low" (func 2))
  (export "name-len" (func 3))
  (export "name-byte" (func 4))
  (export "ratio-x100" (func 5))
  (export "freed" (func 6))
  (export "canonical_abi_realloc" (func 7))
  (export "canonical_abi_free" (func 8))
  (func (;0;) (type 1) (result i32)
    i32.const 7
    i64.const 4294968296
    i32.const 16
    i32.const 4
    f32.const 0x1.4p+0 (;=1.25;)
    i32.const 3
    i32.const 64
    call $"adapter main -> dep.grow"
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
    i32.const 84
    i32.load
  )
  (func (;4;) (type 2) (param $i i32) (result i32)
    i32.const 80
    i32.load
    local.get $i
    i32.add
    i32.load8_u
  )
  (func (;5;) (type 1) (result i32)
    i32.const 88
    f32.load
    f32.const 0x1.9p+6 (;=100;)
    f32.mul
    i32.trunc_f32_s
  )
  (func (;6;) (type 1) (result i32)
    call 13
  )
  (func (;7;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;8;) (type 4) (param i32 i32 i32))
  (func (;9;) (type 5) (param $id i32) (param $weight i64) (param $name i32) (param $len i32) (param $ratio f32) (param $by i32) (result i32)
    local.get $name
    local.get $len
    call $upper
    i32.const 256
    local.get $id
    i32.const 1
    i32.add
    i32.store8 1
    i32.const 264
    local.get $weight
    local.get $by
    i64.extend_i32_u
    i64.mul
    i64.store 1
    i32.const 272
    local.get $name
    i32.store 1
    i32.const 276
    local.get $len
    i32.store 1
    i32.const 280
    local.get $ratio
    f32.const 0x1p+1 (;=2;)
    f32.mul
    f32.store 1
    i32.const 256
  )
  (func $upper (;10;) (type 6) (param $ptr i32) (param $len i32)
    (local $b i32)
    block ;; label = @1
      loop ;; label = @2
        local.get $len
        i32.eqz
        br_if 1 (;@1;)
        local.get $ptr
        i32.load8_u 1
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
          i32.store8 1
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
  (func $alloc (;11;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;12;) (type 4) (param $ptr i32) (param $size i32) (param $align i32)
    global.get $freed
    local.get $size
    i32.add
    global.set $freed
  )
  (func (;13;) (type 1) (result i32)
    global.get $freed
  )
  (func $"adapter main -> dep.grow" (;14;) (type 0) (param i32 i64 i32 i32 f32 i32 i32)
    (local i32 i64 i32 i32 f32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.set 7
    local.get 1
    local.set 8
    local.get 2
    local.set 12
    local.get 3
    local.set 13
    local.get 13
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 15
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 15
    i32.wrap_i64
    local.set 14
    local.get 12
    i64.extend_i32_u
    local.get 15
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 12
    local.get 13
    call $"utf-8 validation in the memory of `main`"
    local.get 14
    local.set 16
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 16
    call $alloc
    local.set 17
    local.get 17
    local.get 12
    local.get 14
    memory.copy 1 0
    local.get 17
    local.set 9
    local.get 13
    local.set 10
    local.get 4
    local.set 11
    local.get 5
    local.set 18
    local.get 7
    local.get 8
    local.get 9
    local.get 10
    local.get 11
    local.get 18
    call 9
    local.set 19
    local.get 19
    i32.const 7
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 19
    i64.extend_i32_u
    i64.const 32
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.const 7
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 6
    i64.extend_i32_u
    i64.const 32
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    local.get 19
    i32.load8_u 1
    i32.store8
    local.get 6
    local.get 19
    i64.load 1 offset=8
    i64.store offset=8
    local.get 19
    i32.load 1 offset=16
    local.set 20
    local.get 19
    i32.load 1 offset=20
    local.set 21
    local.get 21
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 15
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 15
    i32.wrap_i64
    local.set 22
    local.get 20
    i64.extend_i32_u
    local.get 15
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 20
    local.get 21
    call $"utf-8 validation in the memory of `dep`"
    local.get 22
    local.set 23
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 23
    call 7
    local.set 24
    local.get 24
    local.get 20
    local.get 22
    memory.copy 0 1
    local.get 6
    local.get 24
    i32.store offset=16
    local.get 6
    local.get 21
    i32.store offset=20
    local.get 6
    local.get 19
    f32.load 1 offset=24
    f32.store offset=24
    local.get 19
    i32.load 1 offset=16
    local.set 25
    local.get 19
    i32.load 1 offset=20
    local.set 26
    local.get 26
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 15
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 15
    i32.wrap_i64
    local.set 27
    local.get 25
    i64.extend_i32_u
    local.get 15
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 25
    local.get 27
    i32.const 1
    call 12
  )
  (func $"utf-8 validation in the memory of `main`" (;15;) (type 6) (param i32 i32)
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
  (func $"utf-8 validation in the memory of `dep`" (;16;) (type 6) (param i32 i32)
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
)
