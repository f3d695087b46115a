(module
  (type (;0;) (func (param i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32)))
  (type (;4;) (func (param i32) (result i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 1024)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "args-in-dep" (func 1))
  (export "misaligned" (func 2))
  (export "canonical_abi_realloc" (func 3))
  (export "canonical_abi_free" (func 4))
  (func (;0;) (type 1) (result i32)
    (local $i i32)
    block ;; label = @1
      loop ;; label = @2
        local.get $i
        i32.const 17
        i32.eq
        br_if 1 (;@1;)
        i32.const 256
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $i
        i32.const 1
        i32.add
        i32.store
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end
    i32.const 256
    i32.const 128
    call $"adapter main -> dep.sum"
    i32.const 128
    i32.load
  )
  (func (;1;) (type 1) (result i32)
    i32.const 132
    i32.load
  )
  (func (;2;) (type 1) (result i32)
    i32.const 258
    i32.const 128
    call $"adapter main -> dep.sum"
    i32.const 0
  )
  (func (;3;) (type 2) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;4;) (type 3) (param i32 i32 i32))
  (func (;5;) (type 2) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;6;) (type 4) (param $args i32) (result i32)
    (local $i i32) (local $acc i32)
    block ;; label = @1
      loop ;; label = @2
        local.get $i
        i32.const 17
        i32.eq
        br_if 1 (;@1;)
        local.get $acc
        local.get $i
        i32.const 1
        i32.add
        local.get $args
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load 1
        i32.mul
        i32.add
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end
    i32.const 512
    local.get $acc
    i32.store 1
    i32.const 516
    local.get $args
    i32.store 1
    i32.const 512
  )
  (func $"adapter main -> dep.sum" (;7;) (type 0) (param i32 i32)
    (local i32 i32 i32)
    local.get 0
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 0
    i64.extend_i32_u
    i64.const 68
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    i32.const 68
    local.set 2
    i32.const 0
    i32.const 0
    i32.const 4
    local.get 2
    call 5
    local.set 3
    local.get 3
    local.get 0
    i32.load
    i32.store 1
    local.get 3
    local.get 0
    i32.load offset=4
    i32.store 1 offset=4
    local.get 3
    local.get 0
    i32.load offset=8
    i32.store 1 offset=8
    local.get 3
    local.get 0
    i32.load offset=12
    i32.store 1 offset=12
    local.get 3
    local.get 0
    i32.load offset=16
    i32.store 1 offset=16
    local.get 3
    local.get 0
    i32.load offset=20
    i32.store 1 offset=20
    local.get 3
    local.get 0
    i32.load offset=24
    i32.store 1 offset=24
    local.get 3
    local.get 0
    i32.load offset=28
    i32.store 1 offset=28
    local.get 3
    local.get 0
    i32.load offset=32
    i32.store 1 offset=32
    local.get 3
    local.get 0
    i32.load offset=36
    i32.store 1 offset=36
    local.get 3
    local.get 0
    i32.load offset=40
    i32.store 1 offset=40
    local.get 3
    local.get 0
    i32.load offset=44
    i32.store 1 offset=44
    local.get 3
    local.get 0
    i32.load offset=48
    i32.store 1 offset=48
    local.get 3
    local.get 0
    i32.load offset=52
    i32.store 1 offset=52
    local.get 3
    local.get 0
    i32.load offset=56
    i32.store 1 offset=56
    local.get 3
    local.get 0
    i32.load offset=60
    i32.store 1 offset=60
    local.get 3
    local.get 0
    i32.load offset=64
    i32.store 1 offset=64
    local.get 3
    call 6
    local.set 4
    local.get 4
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 4
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
    local.get 1
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 1
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
    local.get 1
    local.get 4
    i32.load 1
    i32.store
    local.get 1
    local.get 4
    i32.load 1 offset=4
    i32.store offset=4
  )
)
