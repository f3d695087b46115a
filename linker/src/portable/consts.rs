//! Constant expressions (global initializers, segment offsets) in the
//! `portable` profile, which allows only one constant or one `global.get`
//! of an imported global there. The linker folds what it can at link time:
//! arithmetic (`i32.add`, `i64.mul`, ... of extended constant expressions)
//! and `global.get` of a defined immutable global whose value it knows,
//! with the wrapping arithmetic of the instructions, so the result is what
//! an engine would compute at instantiation. What reads an imported global
//! inside arithmetic cannot be folded, and is refused.

use wasm_encoder::ConstExpr;
use wasmparser::Operator;

use super::refuse::Feature;

/// A constant value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
}

/// What a constant expression folds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folded {
    Value(Value),
    /// `global.get` of an imported global: left to instantiation.
    Global(u32),
}

impl Folded {
    pub fn encode(self) -> ConstExpr {
        match self {
            Folded::Value(Value::I32(v)) => ConstExpr::i32_const(v),
            Folded::Value(Value::I64(v)) => ConstExpr::i64_const(v),
            Folded::Value(Value::F32(v)) => ConstExpr::f32_const(f32::from_bits(v).into()),
            Folded::Value(Value::F64(v)) => ConstExpr::f64_const(f64::from_bits(v).into()),
            Folded::Global(g) => ConstExpr::global_get(g),
        }
    }

    pub fn i32(self) -> Option<i32> {
        match self {
            Folded::Value(Value::I32(v)) => Some(v),
            _ => None,
        }
    }
}

/// Why an expression does not fold: the feature it uses and the instruction.
pub(super) type Unfoldable = (Feature, String);

/// Folds `expr`; `globals` says, per global index, what a `global.get` of
/// it folds to (`None`: a mutable global, which no valid constant
/// expression reads).
pub(super) fn fold(expr: &wasmparser::ConstExpr, globals: &[Option<Folded>]) -> Result<Folded, Unfoldable> {
    let mut stack: Vec<Folded> = Vec::new();
    let mut reader = expr.get_operators_reader();
    let arithmetic = |name: &str| (Feature::ExtendedConst, format!("`{name}`"));
    loop {
        let op = reader.read().map_err(|e| (Feature::Other("malformed"), e.message().to_string()))?;
        let binary = |stack: &mut Vec<Folded>, name: &str| -> Result<(Value, Value), Unfoldable> {
            match (stack.pop(), stack.pop()) {
                (Some(Folded::Value(b)), Some(Folded::Value(a))) => Ok((a, b)),
                _ => Err(arithmetic(name)),
            }
        };
        let value = match op {
            Operator::End => break,
            Operator::I32Const { value } => Folded::Value(Value::I32(value)),
            Operator::I64Const { value } => Folded::Value(Value::I64(value)),
            Operator::F32Const { value } => Folded::Value(Value::F32(value.bits())),
            Operator::F64Const { value } => Folded::Value(Value::F64(value.bits())),
            Operator::GlobalGet { global_index } => match globals.get(global_index as usize).copied().flatten() {
                Some(folded) => folded,
                None => return Err((Feature::ExtendedConst, "`global.get`".to_string())),
            },
            Operator::I32Add | Operator::I32Sub | Operator::I32Mul => {
                let name = match op {
                    Operator::I32Add => "i32.add",
                    Operator::I32Sub => "i32.sub",
                    _ => "i32.mul",
                };
                match binary(&mut stack, name)? {
                    (Value::I32(a), Value::I32(b)) => Folded::Value(Value::I32(match op {
                        Operator::I32Add => a.wrapping_add(b),
                        Operator::I32Sub => a.wrapping_sub(b),
                        _ => a.wrapping_mul(b),
                    })),
                    _ => return Err(arithmetic(name)),
                }
            }
            Operator::I64Add | Operator::I64Sub | Operator::I64Mul => {
                let name = match op {
                    Operator::I64Add => "i64.add",
                    Operator::I64Sub => "i64.sub",
                    _ => "i64.mul",
                };
                match binary(&mut stack, name)? {
                    (Value::I64(a), Value::I64(b)) => Folded::Value(Value::I64(match op {
                        Operator::I64Add => a.wrapping_add(b),
                        Operator::I64Sub => a.wrapping_sub(b),
                        _ => a.wrapping_mul(b),
                    })),
                    _ => return Err(arithmetic(name)),
                }
            }
            Operator::RefNull { .. } => return Err((Feature::ReferenceTypes, "`ref.null`".to_string())),
            Operator::RefFunc { .. } => return Err((Feature::ReferenceTypes, "`ref.func`".to_string())),
            other => {
                let name = super::refuse::mnemonic(super::refuse::proposal(&other).1);
                return Err((Feature::ExtendedConst, format!("`{name}`")));
            }
        };
        stack.push(value);
    }
    match stack.as_slice() {
        [one] => Ok(*one),
        _ => Err(arithmetic("a constant expression")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(wat_body: &str) -> Vec<u8> {
        let module = format!(
            "(module (import \"env\" \"g\" (global i32)) (global i32 (i32.const 40)) (global $x i32 ({wat_body})))"
        );
        wat::parse_str(module).unwrap()
    }

    fn fold_last(bytes: &[u8]) -> Result<Folded, Unfoldable> {
        let mut inits = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(bytes) {
            if let Ok(wasmparser::Payload::GlobalSection(reader)) = payload {
                for global in reader {
                    inits.push(global.unwrap().init_expr);
                }
            }
        }
        // Global 0 is imported; global 1 is 40.
        let globals = [Some(Folded::Global(0)), Some(Folded::Value(Value::I32(40)))];
        fold(inits.last().unwrap(), &globals)
    }

    #[test]
    fn arithmetic_and_known_globals_fold_with_wrapping() {
        let folded = fold_last(&expr("i32.add (global.get 1) (i32.mul (i32.const 3) (i32.const 2))"));
        assert_eq!(folded, Ok(Folded::Value(Value::I32(46))));
        let wraps = fold_last(&expr("i32.sub (i32.const -2147483648) (i32.const 1)"));
        assert_eq!(wraps, Ok(Folded::Value(Value::I32(i32::MAX))));
        assert_eq!(fold_last(&expr("global.get 0")), Ok(Folded::Global(0)), "an imported global stays");
    }

    #[test]
    fn arithmetic_on_an_imported_global_does_not_fold() {
        let err = fold_last(&expr("i32.add (global.get 0) (i32.const 1)")).unwrap_err();
        assert_eq!(err, (Feature::ExtendedConst, "`i32.add`".to_string()));
    }
}
