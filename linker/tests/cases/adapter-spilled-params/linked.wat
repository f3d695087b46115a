(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32)))
  (type (;4;) (func (param i32 i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 4096)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "misaligned" (func 1))
  (export "canonical_abi_realloc" (func 2))
  (export "canonical_abi_free" (func 3))
  (func (;0;) (type 1) (result i32)
    i32.const 512
    i32.const 1
    i32.store8
    i32.const 516
    i32.const 100
    i32.store
    i32.const 520
    i32.const 1
    i32.store
    i32.const 528
    i64.const 8589934595
    i64.store
    i32.const 536
    i32.const 101
    i32.store
    i32.const 540
    i32.const 2
    i32.store
    i32.const 544
    f32.const 0x1.3p+2 (;=4.75;)
    f32.store
    i32.const 548
    i32.const 103
    i32.store
    i32.const 552
    i32.const 1
    i32.store
    i32.const 556
    i32.const -6
    i32.store16
    i32.const 560
    i32.const 104
    i32.store
    i32.const 564
    i32.const 1
    i32.store
    i32.const 568
    i32.const 70000
    i32.store
    i32.const 572
    i32.const 105
    i32.store
    i32.const 576
    i32.const 1
    i32.store
    i32.const 580
    i32.const 106
    i32.store
    i32.const 584
    i32.const 2
    i32.store
    i32.const 588
    i32.const 800000
    i32.store
    i32.const 512
    call $"adapter main -> dep.sum"
  )
  (func (;1;) (type 1) (result i32)
    i32.const 516
    call $"adapter main -> dep.sum"
  )
  (func (;2;) (type 2) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;3;) (type 3) (param i32 i32 i32))
  (func (;4;) (type 0) (param $args i32) (result i32)
    (local $c i64)
    local.get $args
    i64.load 1 offset=16
    local.set $c
    local.get $args
    i32.load8_u 1
    local.get $c
    i32.wrap_i64
    local.get $c
    i64.const 32
    i64.shr_u
    i32.wrap_i64
    i32.add
    i32.add
    local.get $args
    f32.load 1 offset=32
    i32.trunc_f32_s
    local.get $args
    i32.load16_s 1 offset=44
    i32.add
    i32.add
    local.get $args
    i32.load 1 offset=56
    local.get $args
    i32.load 1 offset=76
    i32.add
    i32.add
    local.get $args
    i32.const 4
    i32.const 1
    call $bytes
    local.get $args
    i32.const 24
    i32.const 2
    call $bytes
    i32.add
    local.get $args
    i32.const 36
    i32.const 3
    call $bytes
    local.get $args
    i32.const 48
    i32.const 4
    call $bytes
    i32.add
    i32.add
    local.get $args
    i32.const 60
    i32.const 5
    call $bytes
    local.get $args
    i32.const 68
    i32.const 6
    call $bytes
    i32.add
    i32.add
    i32.add
  )
  (func $bytes (;5;) (type 4) (param $args i32) (param $at i32) (param $rank i32) (result i32)
    (local $ptr i32) (local $len i32) (local $sum i32)
    local.get $args
    local.get $at
    i32.add
    i32.load 1
    local.set $ptr
    local.get $args
    local.get $at
    i32.add
    i32.load 1 offset=4
    local.set $len
    block ;; label = @1
      loop ;; label = @2
        local.get $len
        i32.eqz
        br_if 1 (;@1;)
        local.get $sum
        local.get $ptr
        i32.load8_u 1
        i32.add
        local.set $sum
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
    local.get $sum
    local.get $rank
    i32.mul
  )
  (func $alloc (;6;) (type 2) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func $"adapter main -> dep.sum" (;7;) (type 0) (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    i32.const 7
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 0
    i64.extend_i32_u
    i64.const 80
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    i32.const 80
    local.set 1
    i32.const 0
    i32.const 0
    i32.const 8
    local.get 1
    call $alloc
    local.set 2
    local.get 2
    local.get 0
    i32.load8_u
    i32.store8 1
    local.get 0
    i32.load offset=4
    local.set 3
    local.get 0
    i32.load offset=8
    local.set 4
    local.get 4
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 6
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.wrap_i64
    local.set 5
    local.get 3
    i64.extend_i32_u
    local.get 6
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 3
    local.get 4
    call $"utf-8 validation in the memory of `main`"
    local.get 5
    local.set 7
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 7
    call $alloc
    local.set 8
    local.get 8
    local.get 3
    local.get 5
    memory.copy 1 0
    local.get 2
    local.get 8
    i32.store 1 offset=4
    local.get 2
    local.get 4
    i32.store 1 offset=8
    local.get 2
    local.get 0
    i64.load offset=16
    i64.store 1 offset=16
    local.get 0
    i32.load offset=24
    local.set 9
    local.get 0
    i32.load offset=28
    local.set 10
    local.get 10
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 6
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.wrap_i64
    local.set 11
    local.get 9
    i64.extend_i32_u
    local.get 6
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 9
    local.get 10
    call $"utf-8 validation in the memory of `main`"
    local.get 11
    local.set 12
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 12
    call $alloc
    local.set 13
    local.get 13
    local.get 9
    local.get 11
    memory.copy 1 0
    local.get 2
    local.get 13
    i32.store 1 offset=24
    local.get 2
    local.get 10
    i32.store 1 offset=28
    local.get 2
    local.get 0
    f32.load offset=32
    f32.store 1 offset=32
    local.get 0
    i32.load offset=36
    local.set 14
    local.get 0
    i32.load offset=40
    local.set 15
    local.get 15
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 6
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.wrap_i64
    local.set 16
    local.get 14
    i64.extend_i32_u
    local.get 6
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 14
    local.get 15
    call $"utf-8 validation in the memory of `main`"
    local.get 16
    local.set 17
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 17
    call $alloc
    local.set 18
    local.get 18
    local.get 14
    local.get 16
    memory.copy 1 0
    local.get 2
    local.get 18
    i32.store 1 offset=36
    local.get 2
    local.get 15
    i32.store 1 offset=40
    local.get 2
    local.get 0
    i32.load16_s offset=44
    i32.store16 1 offset=44
    local.get 0
    i32.load offset=48
    local.set 19
    local.get 0
    i32.load offset=52
    local.set 20
    local.get 20
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 6
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.wrap_i64
    local.set 21
    local.get 19
    i64.extend_i32_u
    local.get 6
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 19
    local.get 20
    call $"utf-8 validation in the memory of `main`"
    local.get 21
    local.set 22
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 22
    call $alloc
    local.set 23
    local.get 23
    local.get 19
    local.get 21
    memory.copy 1 0
    local.get 2
    local.get 23
    i32.store 1 offset=48
    local.get 2
    local.get 20
    i32.store 1 offset=52
    local.get 2
    local.get 0
    i32.load offset=56
    i32.store 1 offset=56
    local.get 0
    i32.load offset=60
    local.set 24
    local.get 0
    i32.load offset=64
    local.set 25
    local.get 25
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 6
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.wrap_i64
    local.set 26
    local.get 24
    i64.extend_i32_u
    local.get 6
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 24
    local.get 25
    call $"utf-8 validation in the memory of `main`"
    local.get 26
    local.set 27
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 27
    call $alloc
    local.set 28
    local.get 28
    local.get 24
    local.get 26
    memory.copy 1 0
    local.get 2
    local.get 28
    i32.store 1 offset=60
    local.get 2
    local.get 25
    i32.store 1 offset=64
    local.get 0
    i32.load offset=68
    local.set 29
    local.get 0
    i32.load offset=72
    local.set 30
    local.get 30
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 6
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 6
    i32.wrap_i64
    local.set 31
    local.get 29
    i64.extend_i32_u
    local.get 6
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 29
    local.get 30
    call $"utf-8 validation in the memory of `main`"
    local.get 31
    local.set 32
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 32
    call $alloc
    local.set 33
    local.get 33
    local.get 29
    local.get 31
    memory.copy 1 0
    local.get 2
    local.get 33
    i32.store 1 offset=68
    local.get 2
    local.get 30
    i32.store 1 offset=72
    local.get 2
    local.get 0
    i32.load offset=76
    i32.store 1 offset=76
    local.get 2
    call 4
  )
  (func $"utf-8 validation in the memory of `main`" (;8;) (type 5) (param i32 i32)
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
  (data (;0;) (i32.const 100) "bddfhjkk")
  (data (;1;) (memory 1) (i32.const 100) "zzzzzzzz")
)
