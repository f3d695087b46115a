(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32)))
  (type (;4;) (func (param i32 i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "canonical_abi_realloc" (func 1))
  (export "canonical_abi_free" (func 2))
  (func (;0;) (type 1) (result i32)
    i32.const 0
    i32.const 5
    call $"adapter main -> dep.count"
  )
  (func (;1;) (type 2) (param i32 i32 i32 i32) (result i32)
    i32.const 1024
  )
  (func (;2;) (type 3) (param i32 i32 i32))
  (func (;3;) (type 0) (param i32 i32) (result i32)
    local.get 1
  )
  (func (;4;) (type 2) (param i32 i32 i32 i32) (result i32)
    i32.const 64
  )
  (func $"adapter main -> dep.count" (;5;) (type 0) (param i32 i32) (result i32)
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
    call 4
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
    call 3
  )
  (func $"utf-8 validation in the memory of `main`" (;6;) (type 4) (param i32 i32)
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
  (data (;0;) (i32.const 0) "hello")
  (@producers
    (language "Rust" "1.95.0")
    (language "C11" "")
    (processed-by "rustc" "1.95.0")
    (processed-by "clang" "18.1.0, 19.1.0")
    (processed-by "wasmer-link" "0.1.0")
  )
  (@custom "target_features" (after data) "\03+\0fmutable-globals+\07simd128+\0bmultimemory")
)
