(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (global $seen (;0;) (mut i32) i32.const -1)
  (global $own (;1;) (mut i32) i32.const 0)
  (global $inits (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "_initialize" (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)"))
  (export "seen" (func 1))
  (export "own" (func 2))
  (export "inits" (func 4))
  (func (;0;) (type 1)
    call 4
    global.set $seen
    global.get $own
    i32.const 1
    i32.add
    global.set $own
  )
  (func (;1;) (type 0) (result i32)
    global.get $seen
  )
  (func (;2;) (type 0) (result i32)
    global.get $own
  )
  (func (;3;) (type 1)
    global.get $inits
    if ;; label = @1
      unreachable
    end
    global.get $inits
    i32.const 1
    i32.add
    global.set $inits
  )
  (func (;4;) (type 0) (result i32)
    global.get $inits
  )
  (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)" (;5;) (type 1)
    global.get 3
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 3
      call 3
      call 0
    end
  )
)
