(module
  (type (;0;) (func (param i32 i32 i32 i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 4096)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "b" (func 1))
  (export "c0" (func 2))
  (export "c1" (func 3))
  (export "canonical_abi_realloc" (func 4))
  (export "canonical_abi_free" (func 5))
  (func (;0;) (type 1) (result i32)
    i32.const 5
    i32.const 341
    i32.const 65535
    i32.const 15
    i32.const 64
    call $"adapter main -> dep.flip"
    i32.const 64
    i32.load8_u
  )
  (func (;1;) (type 1) (result i32)
    i32.const 66
    i32.load16_u
  )
  (func (;2;) (type 1) (result i32)
    i32.const 68
    i32.load
  )
  (func (;3;) (type 1) (result i32)
    i32.const 72
    i32.load
  )
  (func (;4;) (type 2) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;5;) (type 3) (param i32 i32 i32))
  (func (;6;) (type 2) (param $a i32) (param $b i32) (param $c0 i32) (param $c1 i32) (result i32)
    i32.const 256
    local.get $a
    i32.const 7
    i32.xor
    i32.store8 1
    i32.const 258
    local.get $b
    i32.const 1023
    i32.xor
    i32.store16 1
    i32.const 260
    local.get $c0
    i32.const -1
    i32.xor
    i32.store 1
    i32.const 264
    local.get $c1
    i32.const 255
    i32.xor
    i32.store 1
    i32.const 256
  )
  (func $"adapter main -> dep.flip" (;7;) (type 0) (param i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32)
    local.get 0
    local.set 5
    local.get 1
    local.set 6
    local.get 2
    local.set 7
    local.get 3
    local.set 8
    local.get 5
    local.get 6
    local.get 7
    local.get 8
    call 6
    local.set 9
    local.get 9
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 9
    i64.extend_i32_u
    i64.const 12
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 4
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 4
    i64.extend_i32_u
    i64.const 12
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
    local.get 9
    i32.load8_u 1
    i32.store8
    local.get 4
    local.get 9
    i32.load16_u 1 offset=2
    i32.store16 offset=2
    local.get 4
    local.get 9
    i32.load 1 offset=4
    i32.store offset=4
    local.get 4
    local.get 9
    i32.load 1 offset=8
    i32.store offset=8
  )
)
