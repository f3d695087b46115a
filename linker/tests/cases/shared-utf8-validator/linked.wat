(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (type (;1;) (func (param i32 i32) (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32)))
  (type (;5;) (func (param i32 i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $heap (;0;) (mut i32) i32.const 4096)
  (export "memory" (memory 0))
  (export "three" (func 0))
  (export "one" (func 1))
  (export "canonical_abi_realloc" (func 2))
  (export "canonical_abi_free" (func 3))
  (func (;0;) (type 2) (param $which i32) (result i32)
    i32.const 48
    i32.const 0
    local.get $which
    i32.const 1
    i32.eq
    select
    i32.const 3
    i32.const 6
    local.get $which
    i32.const 1
    i32.eq
    select
    i32.const 64
    i32.const 16
    local.get $which
    i32.const 2
    i32.eq
    select
    i32.const 2
    i32.const 10
    local.get $which
    i32.const 2
    i32.eq
    select
    i32.const 80
    i32.const 32
    local.get $which
    i32.const 3
    i32.eq
    select
    i32.const 5
    i32.const 3
    local.get $which
    i32.const 3
    i32.eq
    select
    call $"adapter main -> dep.lengths"
  )
  (func (;1;) (type 2) (param $which i32) (result i32)
    i32.const 48
    i32.const 128
    local.get $which
    select
    i32.const 3
    i32.const 32
    local.get $which
    select
    call $"adapter main -> dep.length"
  )
  (func (;2;) (type 3) (param i32 i32 i32 i32) (result i32)
    i32.const 1024
  )
  (func (;3;) (type 4) (param i32 i32 i32))
  (func (;4;) (type 0) (param $pa i32) (param $la i32) (param $pb i32) (param $lb i32) (param $pc i32) (param $lc i32) (result i32)
    local.get $la
    i32.const 10000
    i32.mul
    local.get $lb
    i32.const 100
    i32.mul
    i32.add
    local.get $lc
    i32.add
  )
  (func (;5;) (type 1) (param $p i32) (param $l i32) (result i32)
    local.get $l
  )
  (func (;6;) (type 3) (param i32 i32 i32 i32) (result i32)
    global.get $heap
    global.get $heap
    local.get 3
    i32.add
    global.set $heap
  )
  (func $"adapter main -> dep.lengths" (;7;) (type 0) (param i32 i32 i32 i32 i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.set 8
    local.get 1
    local.set 9
    local.get 9
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 11
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 11
    i32.wrap_i64
    local.set 10
    local.get 8
    i64.extend_i32_u
    local.get 11
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
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
    call 6
    local.set 13
    local.get 13
    local.get 8
    local.get 10
    memory.copy 1 0
    local.get 13
    local.set 6
    local.get 9
    local.set 7
    local.get 2
    local.set 16
    local.get 3
    local.set 17
    local.get 17
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 11
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 11
    i32.wrap_i64
    local.set 18
    local.get 16
    i64.extend_i32_u
    local.get 11
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 16
    local.get 17
    call $"utf-8 validation in the memory of `main`"
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
    memory.copy 1 0
    local.get 20
    local.set 14
    local.get 17
    local.set 15
    local.get 4
    local.set 23
    local.get 5
    local.set 24
    local.get 24
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 11
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 11
    i32.wrap_i64
    local.set 25
    local.get 23
    i64.extend_i32_u
    local.get 11
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 23
    local.get 24
    call $"utf-8 validation in the memory of `main`"
    local.get 25
    local.set 26
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 26
    call 6
    local.set 27
    local.get 27
    local.get 23
    local.get 25
    memory.copy 1 0
    local.get 27
    local.set 21
    local.get 24
    local.set 22
    local.get 6
    local.get 7
    local.get 14
    local.get 15
    local.get 21
    local.get 22
    call 4
  )
  (func $"adapter main -> dep.length" (;8;) (type 1) (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i64 i32 i32)
    local.get 0
    local.set 4
    local.get 1
    local.set 5
    local.get 5
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 7
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 7
    i32.wrap_i64
    local.set 6
    local.get 4
    i64.extend_i32_u
    local.get 7
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 4
    local.get 5
    call $"utf-8 validation in the memory of `main`"
    local.get 6
    local.set 8
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 8
    call 6
    local.set 9
    local.get 9
    local.get 4
    local.get 6
    memory.copy 1 0
    local.get 9
    local.set 2
    local.get 5
    local.set 3
    local.get 2
    local.get 3
    call 5
  )
  (func $"utf-8 validation in the memory of `main`" (;9;) (type 5) (param i32 i32)
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
  (data (;0;) (i32.const 0) "h\c3\a9llo")
  (data (;1;) (i32.const 16) "w\c3\b6rld\f0\9f\98\80")
  (data (;2;) (i32.const 32) "abc")
  (data (;3;) (i32.const 48) "\ed\a0\80")
  (data (;4;) (i32.const 64) "\c0\af")
  (data (;5;) (i32.const 80) "ab\f0\9f\98")
  (data (;6;) (i32.const 128) "0123456789abcdefghijklmnopqrstuv\80")
)
