(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32)))
  (type (;5;) (func (param i32 i32 i32) (result i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $main::heap (;0;) (mut i32) i32.const 1024)
  (global $dep::heap (;1;) (mut i32) i32.const 4096)
  (global $freed (;2;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (export "color" (func 1))
  (export "bad-by" (func 2))
  (export "bad-element" (func 3))
  (export "freed" (func 4))
  (export "canonical_abi_realloc" (func 5))
  (export "canonical_abi_free" (func 6))
  (func (;0;) (type 1) (result i32)
    i32.const 16
    i32.const 5
    i32.const 2
    i32.const 64
    call $"adapter main -> dep.shift"
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
    i32.const 16
    i32.const 5
    i32.const 4
    i32.const 64
    call $"adapter main -> dep.shift"
    i32.const 0
  )
  (func (;3;) (type 1) (result i32)
    i32.const 32
    i32.const 2
    i32.const 0
    i32.const 64
    call $"adapter main -> dep.shift"
    i32.const 0
  )
  (func (;4;) (type 1) (result i32)
    call 10
  )
  (func (;5;) (type 3) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;6;) (type 4) (param i32 i32 i32))
  (func (;7;) (type 5) (param $colors i32) (param $len i32) (param $by i32) (result i32)
    (local $i i32) (local $at i32)
    block ;; label = @1
      loop ;; label = @2
        local.get $i
        local.get $len
        i32.ge_u
        br_if 1 (;@1;)
        local.get $colors
        local.get $i
        i32.add
        local.set $at
        local.get $at
        local.get $at
        i32.load8_u 1
        local.get $by
        i32.add
        i32.const 3
        i32.and
        i32.store8 1
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end
    i32.const 256
    local.get $colors
    i32.store 1
    i32.const 260
    local.get $len
    i32.store 1
    i32.const 256
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
  (func (;9;) (type 4) (param $ptr i32) (param $size i32) (param $align i32)
    global.get $freed
    local.get $size
    i32.add
    global.set $freed
  )
  (func (;10;) (type 1) (result i32)
    global.get $freed
  )
  (func $"adapter main -> dep.shift" (;11;) (type 0) (param i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.set 6
    local.get 1
    local.set 7
    local.get 7
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 9
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 9
    i32.wrap_i64
    local.set 8
    local.get 6
    i64.extend_i32_u
    local.get 9
    i64.add
    memory.size
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    i32.const 1
    local.get 8
    local.get 8
    i32.eqz
    select
    local.set 10
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 10
    call $alloc
    local.set 11
    local.get 11
    local.get 6
    i32.sub
    local.set 12
    local.get 6
    local.set 13
    local.get 7
    local.set 14
    block ;; label = @1
      loop ;; label = @2
        local.get 14
        i32.eqz
        br_if 1 (;@1;)
        local.get 13
        local.get 12
        i32.add
        local.set 15
        local.get 13
        i32.load8_u
        local.tee 16
        i32.const 4
        i32.ge_u
        if ;; label = @3
          unreachable
        end
        local.get 15
        local.get 16
        i32.store8 1
        local.get 13
        i32.const 1
        i32.add
        local.set 13
        local.get 14
        i32.const -1
        i32.add
        local.set 14
        br 0 (;@2;)
      end
    end
    local.get 11
    local.set 4
    local.get 7
    local.set 5
    local.get 2
    local.tee 14
    i32.const 4
    i32.ge_u
    if ;; label = @1
      unreachable
    end
    local.get 14
    local.set 13
    local.get 4
    local.get 5
    local.get 13
    call 7
    local.set 17
    local.get 17
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 17
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
    local.get 3
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 3
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
    local.get 17
    i32.load 1
    local.set 18
    local.get 17
    i32.load 1 offset=4
    local.set 19
    local.get 19
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 9
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 9
    i32.wrap_i64
    local.set 20
    local.get 18
    i64.extend_i32_u
    local.get 9
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    i32.const 1
    local.get 20
    local.get 20
    i32.eqz
    select
    local.set 21
    i32.const 0
    i32.const 0
    i32.const 1
    local.get 21
    call 5
    local.set 22
    local.get 22
    local.get 18
    i32.sub
    local.set 23
    local.get 18
    local.set 24
    local.get 19
    local.set 25
    block ;; label = @1
      loop ;; label = @2
        local.get 25
        i32.eqz
        br_if 1 (;@1;)
        local.get 24
        local.get 23
        i32.add
        local.set 26
        local.get 24
        i32.load8_u 1
        local.tee 27
        i32.const 4
        i32.ge_u
        if ;; label = @3
          unreachable
        end
        local.get 26
        local.get 27
        i32.store8
        local.get 24
        i32.const 1
        i32.add
        local.set 24
        local.get 25
        i32.const -1
        i32.add
        local.set 25
        br 0 (;@2;)
      end
    end
    local.get 3
    local.get 22
    i32.store
    local.get 3
    local.get 19
    i32.store offset=4
    local.get 17
    i32.load 1
    local.set 24
    local.get 17
    i32.load 1 offset=4
    local.set 25
    local.get 25
    i64.extend_i32_u
    i64.const 1
    i64.mul
    local.tee 9
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 9
    i32.wrap_i64
    local.set 28
    local.get 24
    i64.extend_i32_u
    local.get 9
    i64.add
    memory.size 1
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 24
    local.get 28
    i32.const 1
    call 9
  )
  (data (;0;) (i32.const 16) "\00\01\02\03\01")
  (data (;1;) (i32.const 32) "\00\04")
  (data (;2;) (memory 1) (i32.const 16) "\07\07\07\07\07")
)
