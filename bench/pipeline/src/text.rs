//! The text of the string benchmarks and the least work a string crossing
//! does, shared by the pipeline (in wasm) and the bench runner (natively:
//! section 1's physical limit), so both do exactly the same thing.

/// `len` bytes of text: `x`s, or (`mixed`) a cycle of ASCII and 2-, 3- and
/// 4-byte characters (about a third of the bytes in multi-byte ones).
pub fn text(len: usize, mixed: bool) -> String {
    const MIXED: &str = "the quick brown fox, é à ü ß — 漢字 ✓ 𝄞 ";
    let unit = if mixed { MIXED } else { "x" };
    let mut s = String::with_capacity(len);
    for c in unit.chars().cycle() {
        if s.len() + c.len_utf8() > len {
            break;
        }
        s.push(c);
    }
    while s.len() < len {
        s.push('x');
    }
    s
}

/// The least a crossing of `s` into another module and back costs, done
/// here: a validated copy in (allocation, copy, UTF-8 check), a validated
/// copy of the result out, and both frees (`black_box` keeps the compiler
/// from seeing that the copies are equal).
#[inline(never)]
pub fn echo_inside(s: &str) -> String {
    let arg = String::from_utf8(std::hint::black_box(s.as_bytes()).to_vec()).unwrap();
    String::from_utf8(std::hint::black_box(arg.as_bytes()).to_vec()).unwrap()
}
