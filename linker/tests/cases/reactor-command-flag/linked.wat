(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (global $seen (;0;) (mut i32) i32.const -1)
  (global $own (;1;) (mut i32) i32.const 0)
  (global $runs (;2;) (mut i32) i32.const 0)
  (global $inits (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i32) i32.const 0)
  (export "_start" (func $"_start (`--command run`: the reactors' `_initialize` once, then it)"))
  (export "_initialize" (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)"))
  (export "run" (func 1))
  (export "seen" (func 2))
  (export "own" (func 3))
  (export "runs" (func 4))
  (export "inits" (func 6))
  (func (;0;) (type 1)
    call 6
    global.set $seen
    global.get $own
    i32.const 1
    i32.add
    global.set $own
  )
  (func (;1;) (type 1)
    global.get $runs
    i32.const 1
    i32.add
    global.set $runs
  )
  (func (;2;) (type 0) (result i32)
    global.get $seen
  )
  (func (;3;) (type 0) (result i32)
    global.get $own
  )
  (func (;4;) (type 0) (result i32)
    global.get $runs
  )
  (func (;5;) (type 1)
    global.get $inits
    if ;; label = @1
      unreachable
    end
    global.get $inits
    i32.const 1
    i32.add
    global.set $inits
  )
  (func (;6;) (type 0) (result i32)
    global.get $inits
  )
  (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)" (;7;) (type 1)
    global.get 4
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 4
      call 5
      call 0
    end
  )
  (func $"_start (`--command run`: the reactors' `_initialize` once, then it)" (;8;) (type 1)
    global.get 4
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 4
      call 5
      call 0
    end
    call 1
  )
)
