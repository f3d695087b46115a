(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (memory (;0;) 16)
  (global $__stack_pointer (;0;) (mut i32) i32.const 1048576)
  (global (;1;) i32 i32.const 1048576)
  (global (;2;) i32 i32.const 1048576)
  (export "memory" (memory 0))
  (export "sum_array" (func $sum_array))
  (export "__data_end" (global 1))
  (export "__heap_base" (global 2))
  (func $sum_array (;0;) (type 0) (param i32 i32) (result i32)
    (local i32 i32 v128 i32)
    block ;; label = @1
      local.get 1
      br_if 0 (;@1;)
      i32.const 0
      return
    end
    i32.const 0
    local.set 2
    i32.const 0
    local.set 3
    block ;; label = @1
      block ;; label = @2
        local.get 1
        i32.const 4
        i32.lt_u
        br_if 0 (;@2;)
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        local.set 4
        local.get 0
        local.set 5
        local.get 1
        i32.const -4
        i32.and
        local.tee 2
        local.set 3
        loop ;; label = @3
          local.get 5
          v128.load align=4
          local.get 4
          i32x4.add
          local.set 4
          local.get 5
          i32.const 16
          i32.add
          local.set 5
          local.get 3
          i32.const -4
          i32.add
          local.tee 3
          br_if 0 (;@3;)
        end
        local.get 4
        local.get 4
        local.get 4
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 0 1 2 3
        i32x4.add
        local.tee 4
        local.get 4
        local.get 4
        i8x16.shuffle 4 5 6 7 0 1 2 3 0 1 2 3 0 1 2 3
        i32x4.add
        i32x4.extract_lane 0
        local.set 3
        local.get 1
        local.get 2
        i32.eq
        br_if 1 (;@1;)
      end
      local.get 1
      local.get 2
      i32.sub
      local.set 1
      local.get 0
      local.get 2
      i32.const 2
      i32.shl
      i32.add
      local.set 5
      loop ;; label = @2
        local.get 5
        i32.load
        local.get 3
        i32.add
        local.set 3
        local.get 5
        i32.const 4
        i32.add
        local.set 5
        local.get 1
        i32.const -1
        i32.add
        local.tee 1
        br_if 0 (;@2;)
      end
    end
    local.get 3
  )
  (@producers
    (processed-by "rustc" "1.95.0 (59807616e 2026-04-14)")
    (processed-by "wasmer-link" "0.1.0")
  )
  (@custom "target_features" (after code) "\08+\0fmutable-globals+\08sign-ext+\13nontrapping-fptoint+\0amultivalue+\0bbulk-memory+\0freference-types+\07simd128+\16call-indirect-overlong")
)
