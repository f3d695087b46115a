(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (global $seen (;0;) (mut i32) i32.const -1)
  (global $starts (;1;) (mut i32) i32.const 0)
  (global $inits (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "_start" (func $"_start (runs every reactor's `_initialize` once, dependencies first)"))
  (export "seen" (func 1))
  (export "starts" (func 2))
  (func (;0;) (type 1)
    call 4
    global.set $seen
    global.get $starts
    i32.const 1
    i32.add
    global.set $starts
  )
  (func (;1;) (type 0) (result i32)
    global.get $seen
  )
  (func (;2;) (type 0) (result i32)
    global.get $starts
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
  (func $"_start (runs every reactor's `_initialize` once, dependencies first)" (;5;) (type 1)
    global.get 3
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 3
      call 3
    end
    call 0
  )
)
