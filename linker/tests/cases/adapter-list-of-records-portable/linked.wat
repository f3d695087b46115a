(module
  (type (;0;) (func (param i32 i32 i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32) (result i32)))
  (type (;4;) (func (param i32 i32 i32) (result i32)))
  (type (;5;) (func (param i32 i32 i32 i32) (result i32)))
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
  (export "age" (func 2))
  (export "name-len" (func 3))
  (export "name-byte" (func 4))
  (export "tag-count" (func 5))
  (export "tag-byte" (func 6))
  (export "tag-len" (func 7))
  (export "freed" (func 8))
  (export "canonical_abi_realloc" (func 9))
  (export "canonical_abi_free" (func 10))
  (export "wasmer-link.exhausted" (func $"portable::exhausted (the region that last refused to grow, or -1)"))
  (func (;0;) (type 1) (result i32)
    i32.const 224
    i32.const 203
    i32.store
    i32.const 228
    i32.const 4
    i32.store
    i32.const 232
    i32.const 207
    i32.store
    i32.const 236
    i32.const 4
    i32.store
    i32.const 256
    i32.const 200
    i32.store
    i32.const 260
    i32.const 3
    i32.store
    i32.const 264
    i32.const 36
    i32.store8
    i32.const 268
    i32.const 224
    i32.store
    i32.const 272
    i32.const 2
    i32.store
    i32.const 276
    i32.const 211
    i32.store
    i32.const 280
    i32.const 3
    i32.store
    i32.const 284
    i32.const 7
    i32.store8
    i32.const 288
    i32.const 0
    i32.store
    i32.const 292
    i32.const 0
    i32.store
    i32.const 256
    i32.const 2
    i32.const 64
    call $"adapter main -> dep.older"
    i32.const 68
    i32.load
  )
  (func $person (;1;) (type 2) (param $p i32) (result i32)
    i32.const 64
    i32.load
    local.get $p
    i32.const 20
    i32.mul
    i32.add
  )
  (func (;2;) (type 2) (param $p i32) (result i32)
    local.get $p
    call $person
    i32.load8_u offset=8
  )
  (func (;3;) (type 2) (param $p i32) (result i32)
    local.get $p
    call $person
    i32.load offset=4
  )
  (func (;4;) (type 3) (param $p i32) (param $i i32) (result i32)
    local.get $p
    call $person
    i32.load
    local.get $i
    i32.add
    i32.load8_u
  )
  (func (;5;) (type 2) (param $p i32) (result i32)
    local.get $p
    call $person
    i32.load offset=16
  )
  (func (;6;) (type 4) (param $p i32) (param $t i32) (param $i i32) (result i32)
    (local $tag i32)
    local.get $p
    call $person
    i32.load offset=12
    local.get $t
    i32.const 8
    i32.mul
    i32.add
    local.set $tag
    local.get $tag
    i32.load
    local.get $i
    i32.add
    i32.load8_u
  )
  (func (;7;) (type 3) (param $p i32) (param $t i32) (result i32)
    local.get $p
    call $person
    i32.load offset=12
    local.get $t
    i32.const 8
    i32.mul
    i32.add
    i32.load offset=4
  )
  (func (;8;) (type 1) (result i32)
    call 15
  )
  (func (;9;) (type 5) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;10;) (type 0) (param i32 i32 i32))
  (func (;11;) (type 3) (param $people i32) (param $count i32) (result i32)
    (local $p i32) (local $end i32) (local $tag i32) (local $tags_end i32)
    local.get $people
    local.set $p
    local.get $people
    local.get $count
    i32.const 20
    i32.mul
    i32.add
    local.set $end
    block ;; label = @1
      loop ;; label = @2
        local.get $p
        local.get $end
        i32.ge_u
        br_if 1 (;@1;)
        local.get $p
        i32.load offset=16777216
        local.get $p
        i32.load offset=16777220
        call $upper
        local.get $p
        local.get $p
        i32.load8_u offset=16777224
        i32.const 1
        i32.add
        i32.store8 offset=16777224
        local.get $p
        i32.load offset=16777228
        local.set $tag
        local.get $tag
        local.get $p
        i32.load offset=16777232
        i32.const 8
        i32.mul
        i32.add
        local.set $tags_end
        block ;; label = @3
          loop ;; label = @4
            local.get $tag
            local.get $tags_end
            i32.ge_u
            br_if 1 (;@3;)
            local.get $tag
            i32.load offset=16777216
            local.get $tag
            i32.load offset=16777220
            call $upper
            local.get $tag
            i32.const 8
            i32.add
            local.set $tag
            br 0 (;@4;)
          end
        end
        local.get $p
        i32.const 20
        i32.add
        local.set $p
        br 0 (;@2;)
      end
    end
    i32.const 256
    local.get $people
    i32.store offset=16777216
    i32.const 260
    local.get $count
    i32.store offset=16777216
    i32.const 256
  )
  (func $upper (;12;) (type 6) (param $ptr i32) (param $len i32)
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
  (func $alloc (;13;) (type 5) (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
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
  (func (;14;) (type 0) (param $ptr i32) (param $size i32) (param $align i32)
    global.get $freed
    local.get $size
    i32.add
    global.set $freed
  )
  (func (;15;) (type 1) (result i32)
    global.get $freed
  )
  (func $"adapter main -> dep.older" (;16;) (type 0) (param i32 i32 i32)
    (local i32 i32 i32 i32 i32 i64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    local.set 5
    local.get 1
    local.set 6
    local.get 6
    i64.extend_i32_u
    i64.const 20
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
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 5
    i64.extend_i32_u
    local.get 8
    i64.add
    global.get 3
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    i32.const 4
    local.get 7
    local.get 7
    i32.eqz
    select
    local.set 9
    i32.const 0
    i32.const 0
    i32.const 4
    local.get 9
    call $alloc
    local.set 10
    local.get 10
    local.get 5
    i32.sub
    local.set 11
    local.get 5
    local.set 12
    local.get 6
    local.set 13
    block ;; label = @1
      loop ;; label = @2
        local.get 13
        i32.eqz
        br_if 1 (;@1;)
        local.get 12
        local.get 11
        i32.add
        local.set 14
        local.get 12
        i32.load
        local.set 15
        local.get 12
        i32.load offset=4
        local.set 16
        local.get 16
        i64.extend_i32_u
        i64.const 1
        i64.mul
        local.tee 8
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 8
        i32.wrap_i64
        local.set 17
        local.get 15
        i64.extend_i32_u
        local.get 8
        i64.add
        global.get 3
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 15
        local.get 16
        call $"utf-8 validation in the memory of `main`"
        local.get 17
        local.set 18
        i32.const 0
        i32.const 0
        i32.const 1
        local.get 18
        call $alloc
        local.set 19
        local.get 19
        local.get 15
        local.get 17
        call $"portable::copy memory 0 to memory 1"
        local.get 14
        local.get 19
        i32.store offset=16777216
        local.get 14
        local.get 16
        i32.store offset=16777220
        local.get 14
        local.get 12
        i32.load8_u offset=8
        i32.store8 offset=16777224
        local.get 12
        i32.load offset=12
        local.set 20
        local.get 12
        i32.load offset=16
        local.set 21
        local.get 21
        i64.extend_i32_u
        i64.const 8
        i64.mul
        local.tee 8
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 8
        i32.wrap_i64
        local.set 22
        local.get 20
        i32.const 3
        i32.and
        if ;; label = @3
          unreachable
        end
        local.get 20
        i64.extend_i32_u
        local.get 8
        i64.add
        global.get 3
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        i32.const 4
        local.get 22
        local.get 22
        i32.eqz
        select
        local.set 23
        i32.const 0
        i32.const 0
        i32.const 4
        local.get 23
        call $alloc
        local.set 24
        local.get 24
        local.get 20
        i32.sub
        local.set 25
        local.get 20
        local.set 26
        local.get 21
        local.set 27
        block ;; label = @3
          loop ;; label = @4
            local.get 27
            i32.eqz
            br_if 1 (;@3;)
            local.get 26
            local.get 25
            i32.add
            local.set 28
            local.get 26
            i32.load
            local.set 29
            local.get 26
            i32.load offset=4
            local.set 30
            local.get 30
            i64.extend_i32_u
            i64.const 1
            i64.mul
            local.tee 8
            i64.const 4294967295
            i64.gt_u
            if ;; label = @5
              unreachable
            end
            local.get 8
            i32.wrap_i64
            local.set 31
            local.get 29
            i64.extend_i32_u
            local.get 8
            i64.add
            global.get 3
            i64.extend_i32_u
            i64.const 16
            i64.shl
            i64.gt_u
            if ;; label = @5
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
            call $"portable::copy memory 0 to memory 1"
            local.get 28
            local.get 33
            i32.store offset=16777216
            local.get 28
            local.get 30
            i32.store offset=16777220
            local.get 26
            i32.const 8
            i32.add
            local.set 26
            local.get 27
            i32.const -1
            i32.add
            local.set 27
            br 0 (;@4;)
          end
        end
        local.get 14
        local.get 24
        i32.store offset=16777228
        local.get 14
        local.get 21
        i32.store offset=16777232
        local.get 12
        i32.const 20
        i32.add
        local.set 12
        local.get 13
        i32.const -1
        i32.add
        local.set 13
        br 0 (;@2;)
      end
    end
    local.get 10
    local.set 3
    local.get 6
    local.set 4
    local.get 3
    local.get 4
    call 11
    local.set 26
    local.get 26
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 26
    i64.extend_i32_u
    i64.const 8
    i64.add
    global.get 4
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
    global.get 3
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 26
    i32.load offset=16777216
    local.set 13
    local.get 26
    i32.load offset=16777220
    local.set 12
    local.get 12
    i64.extend_i32_u
    i64.const 20
    i64.mul
    local.tee 8
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 8
    i32.wrap_i64
    local.set 27
    local.get 13
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 13
    i64.extend_i32_u
    local.get 8
    i64.add
    global.get 4
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    i32.const 4
    local.get 27
    local.get 27
    i32.eqz
    select
    local.set 34
    i32.const 0
    i32.const 0
    i32.const 4
    local.get 34
    call 9
    local.set 35
    local.get 35
    local.get 13
    i32.sub
    local.set 36
    local.get 13
    local.set 37
    local.get 12
    local.set 38
    block ;; label = @1
      loop ;; label = @2
        local.get 38
        i32.eqz
        br_if 1 (;@1;)
        local.get 37
        local.get 36
        i32.add
        local.set 39
        local.get 37
        i32.load offset=16777216
        local.set 40
        local.get 37
        i32.load offset=16777220
        local.set 41
        local.get 41
        i64.extend_i32_u
        i64.const 1
        i64.mul
        local.tee 8
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 8
        i32.wrap_i64
        local.set 42
        local.get 40
        i64.extend_i32_u
        local.get 8
        i64.add
        global.get 4
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 40
        local.get 41
        call $"utf-8 validation in the memory of `dep`"
        local.get 42
        local.set 43
        i32.const 0
        i32.const 0
        i32.const 1
        local.get 43
        call 9
        local.set 44
        local.get 44
        local.get 40
        local.get 42
        call $"portable::copy memory 1 to memory 0"
        local.get 39
        local.get 44
        i32.store
        local.get 39
        local.get 41
        i32.store offset=4
        local.get 39
        local.get 37
        i32.load8_u offset=16777224
        i32.store8 offset=8
        local.get 37
        i32.load offset=16777228
        local.set 45
        local.get 37
        i32.load offset=16777232
        local.set 46
        local.get 46
        i64.extend_i32_u
        i64.const 8
        i64.mul
        local.tee 8
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 8
        i32.wrap_i64
        local.set 47
        local.get 45
        i32.const 3
        i32.and
        if ;; label = @3
          unreachable
        end
        local.get 45
        i64.extend_i32_u
        local.get 8
        i64.add
        global.get 4
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        i32.const 4
        local.get 47
        local.get 47
        i32.eqz
        select
        local.set 48
        i32.const 0
        i32.const 0
        i32.const 4
        local.get 48
        call 9
        local.set 49
        local.get 49
        local.get 45
        i32.sub
        local.set 50
        local.get 45
        local.set 51
        local.get 46
        local.set 52
        block ;; label = @3
          loop ;; label = @4
            local.get 52
            i32.eqz
            br_if 1 (;@3;)
            local.get 51
            local.get 50
            i32.add
            local.set 53
            local.get 51
            i32.load offset=16777216
            local.set 54
            local.get 51
            i32.load offset=16777220
            local.set 55
            local.get 55
            i64.extend_i32_u
            i64.const 1
            i64.mul
            local.tee 8
            i64.const 4294967295
            i64.gt_u
            if ;; label = @5
              unreachable
            end
            local.get 8
            i32.wrap_i64
            local.set 56
            local.get 54
            i64.extend_i32_u
            local.get 8
            i64.add
            global.get 4
            i64.extend_i32_u
            i64.const 16
            i64.shl
            i64.gt_u
            if ;; label = @5
              unreachable
            end
            local.get 54
            local.get 55
            call $"utf-8 validation in the memory of `dep`"
            local.get 56
            local.set 57
            i32.const 0
            i32.const 0
            i32.const 1
            local.get 57
            call 9
            local.set 58
            local.get 58
            local.get 54
            local.get 56
            call $"portable::copy memory 1 to memory 0"
            local.get 53
            local.get 58
            i32.store
            local.get 53
            local.get 55
            i32.store offset=4
            local.get 51
            i32.const 8
            i32.add
            local.set 51
            local.get 52
            i32.const -1
            i32.add
            local.set 52
            br 0 (;@4;)
          end
        end
        local.get 39
        local.get 49
        i32.store offset=12
        local.get 39
        local.get 46
        i32.store offset=16
        local.get 37
        i32.const 20
        i32.add
        local.set 37
        local.get 38
        i32.const -1
        i32.add
        local.set 38
        br 0 (;@2;)
      end
    end
    local.get 2
    local.get 35
    i32.store
    local.get 2
    local.get 12
    i32.store offset=4
    local.get 26
    i32.load offset=16777216
    local.set 51
    local.get 26
    i32.load offset=16777220
    local.set 38
    local.get 38
    i64.extend_i32_u
    i64.const 20
    i64.mul
    local.tee 8
    i64.const 4294967295
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 8
    i32.wrap_i64
    local.set 37
    local.get 51
    i32.const 3
    i32.and
    if ;; label = @1
      unreachable
    end
    local.get 51
    i64.extend_i32_u
    local.get 8
    i64.add
    global.get 4
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.gt_u
    if ;; label = @1
      unreachable
    end
    local.get 51
    local.set 52
    local.get 38
    local.set 59
    block ;; label = @1
      loop ;; label = @2
        local.get 59
        i32.eqz
        br_if 1 (;@1;)
        local.get 52
        i32.load offset=16777216
        local.set 60
        local.get 52
        i32.load offset=16777220
        local.set 61
        local.get 61
        i64.extend_i32_u
        i64.const 1
        i64.mul
        local.tee 8
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 8
        i32.wrap_i64
        local.set 62
        local.get 60
        i64.extend_i32_u
        local.get 8
        i64.add
        global.get 4
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 60
        local.get 62
        i32.const 1
        call 14
        local.get 52
        i32.load offset=16777228
        local.set 63
        local.get 52
        i32.load offset=16777232
        local.set 64
        local.get 64
        i64.extend_i32_u
        i64.const 8
        i64.mul
        local.tee 8
        i64.const 4294967295
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 8
        i32.wrap_i64
        local.set 65
        local.get 63
        i32.const 3
        i32.and
        if ;; label = @3
          unreachable
        end
        local.get 63
        i64.extend_i32_u
        local.get 8
        i64.add
        global.get 4
        i64.extend_i32_u
        i64.const 16
        i64.shl
        i64.gt_u
        if ;; label = @3
          unreachable
        end
        local.get 63
        local.set 66
        local.get 64
        local.set 67
        block ;; label = @3
          loop ;; label = @4
            local.get 67
            i32.eqz
            br_if 1 (;@3;)
            local.get 66
            i32.load offset=16777216
            local.set 68
            local.get 66
            i32.load offset=16777220
            local.set 69
            local.get 69
            i64.extend_i32_u
            i64.const 1
            i64.mul
            local.tee 8
            i64.const 4294967295
            i64.gt_u
            if ;; label = @5
              unreachable
            end
            local.get 8
            i32.wrap_i64
            local.set 70
            local.get 68
            i64.extend_i32_u
            local.get 8
            i64.add
            global.get 4
            i64.extend_i32_u
            i64.const 16
            i64.shl
            i64.gt_u
            if ;; label = @5
              unreachable
            end
            local.get 68
            local.get 70
            i32.const 1
            call 14
            local.get 66
            i32.const 8
            i32.add
            local.set 66
            local.get 67
            i32.const -1
            i32.add
            local.set 67
            br 0 (;@4;)
          end
        end
        local.get 63
        local.get 65
        i32.const 4
        call 14
        local.get 52
        i32.const 20
        i32.add
        local.set 52
        local.get 59
        i32.const -1
        i32.add
        local.set 59
        br 0 (;@2;)
      end
    end
    local.get 51
    local.get 37
    i32.const 4
    call 14
  )
  (func $"utf-8 validation in the memory of `main`" (;17;) (type 6) (param i32 i32)
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
  (func $"utf-8 validation in the memory of `dep`" (;18;) (type 6) (param i32 i32)
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
  (func $"portable::exhausted (the region that last refused to grow, or -1)" (;19;) (type 1) (result i32)
    global.get 5
  )
  (func $"portable::copy memory 0 to memory 1" (;20;) (type 0) (param i32 i32 i32)
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
  (func $"portable::copy memory 1 to memory 0" (;21;) (type 0) (param i32 i32 i32)
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
  (func $portable::memmove (;22;) (type 0) (param i32 i32 i32)
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
  (data (;0;) (i32.const 200) "adamathpoetbob")
  (data (;1;) (i32.const 16777416) "zzzzzzzzzzzzzz")
  (@custom "wasmer-link.layout" (after data) "wasmer-link layout 1 fixed\0aregion main base=0 initial=1 capacity=256\0aregion dep base=16777216 initial=1 capacity=unlimited\0a")
)
