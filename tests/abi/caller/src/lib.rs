//! The caller of the ABI test: `run` calls every function of
//! `tests/abi/abi.wit` with test vectors, checks each result against the
//! value it expects, and prints one line per check through `host.print`:
//! `ok <name>` or `FAIL <name>: <details>`, then `done <n> checks`.
//!
//! Built to `wasm32-unknown-unknown` by `cargo xtask build`; linked with
//! `abi-callee` and run by `linker/tests/abi.rs`.

// The WAI-generated glue (wai-bindgen-rust 0.2.3) takes references to its
// static return areas and defines some it does not use.
#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

include!("bindings.rs");

use std::fmt::Debug;

use abi::{
    BlobParam, BlobResult, Color, Many, NumParam, NumResult, Perms, PersonParam, PersonResult, Scalars, ShapeParam,
    ShapeResult,
};

struct Caller;

/// Counts checks and reports each through the host.
#[derive(Default)]
struct Checks {
    count: u32,
}

/// At most this many characters of a value go into a `FAIL` line.
const DETAILS: usize = 400;

fn clip(text: String) -> String {
    if text.chars().count() <= DETAILS {
        return text;
    }
    let mut short: String = text.chars().take(DETAILS).collect();
    short.push_str("...");
    short
}

impl Checks {
    fn report(&mut self, name: &str, ok: bool, got: &dyn Debug, want: &dyn Debug) {
        self.count += 1;
        if ok {
            host::print(&format!("ok {name}"));
        } else {
            let got = clip(format!("{got:?}"));
            let want = clip(format!("{want:?}"));
            host::print(&format!("FAIL {name}: got {got}, want {want}"));
        }
    }

    /// `got == want`.
    fn eq<T: PartialEq + Debug>(&mut self, name: &str, got: T, want: T) {
        let ok = got == want;
        self.report(name, ok, &got, &want);
    }

    /// For the generated types that derive no `PartialEq`: equal `Debug`
    /// text (which tells every float apart except NaNs, and `-0.0` from `0.0`).
    fn same<T: Debug>(&mut self, name: &str, got: T, want: T) {
        let ok = format!("{got:?}") == format!("{want:?}");
        self.report(name, ok, &got, &want);
    }
}

fn rev(s: &str) -> String {
    s.chars().rev().collect()
}

fn person<'a>(name: &'a str, age: u8, tags: &'a [&'a str]) -> PersonParam<'a> {
    PersonParam { name, age, tags }
}

fn person_result(name: &str, age: u8, tags: &[&str]) -> PersonResult {
    PersonResult { name: name.to_string(), age, tags: tags.iter().map(|t| t.to_string()).collect() }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const UNICODE: &str = "héllo wörld ✓ 𝄞 日本";

impl caller::Caller for Caller {
    fn run() {
        let mut c = Checks::default();
        strings_(&mut c);
        byte_lists(&mut c);
        float_lists(&mut c);
        string_lists(&mut c);
        records(&mut c);
        scalars(&mut c);
        variants(&mut c);
        enums_and_flags(&mut c);
        options_and_results(&mut c);
        tuples_chars_bools(&mut c);
        unions(&mut c);
        indirect(&mut c);
        abi::log(UNICODE);
        c.eq("log-returns", true, true);
        host::print(&format!("done {} checks", c.count));
    }
}

fn strings_(c: &mut Checks) {
    c.eq("string-roundtrip", abi::reverse("hello"), "olleh".to_string());
    c.eq("string-unicode", abi::reverse(UNICODE), "本日 𝄞 ✓ dlröw olléh".to_string());
    c.eq("string-empty", abi::reverse(""), String::new());
    let long: String = (0..100_000u32).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
    c.eq("string-long", abi::reverse(&long), rev(&long));
    // The same call many times: the adapter frees what it copies.
    let mut ok = true;
    for i in 0..2000u32 {
        let s = format!("round {i} ✓");
        ok &= abi::reverse(&s) == rev(&s);
    }
    c.eq("string-repeated", ok, true);
}

fn byte_lists(c: &mut Checks) {
    c.eq("bytes-invert", abi::invert(&[0, 1, 127, 128, 255]), vec![255, 254, 128, 127, 0]);
    c.eq("bytes-empty", abi::invert(&[]), Vec::new());
    // Bigger than the callee's memory at start-up: it has to grow.
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7) as u8).collect();
    let want: Vec<u8> = big.iter().map(|b| 255 - b).collect();
    let got = abi::invert(&big);
    c.report("bytes-big", got == want, &got.len(), &want.len());
    c.eq("bytes-sum", abi::sum_bytes(&[1, 2, 3, 250]), 256);
    c.eq("bytes-sum-empty", abi::sum_bytes(&[]), 0);
}

fn float_lists(c: &mut Checks) {
    let data = [1.5f32, -0.0, f32::MAX, f32::MIN_POSITIVE, f32::INFINITY, -3.25];
    let got = abi::scale(&data, 2.0);
    let want = vec![3.0f32, -0.0, f32::INFINITY, f32::MIN_POSITIVE * 2.0, f32::INFINITY, -6.5];
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    c.report("float32-list", bits(&got) == bits(&want), &got, &want);
    c.eq("float32-list-empty", abi::scale(&[], 3.0), Vec::new());
    let nan = abi::scale(&[f32::NAN], 1.0);
    c.report("float32-list-nan", nan.len() == 1 && nan[0].is_nan(), &nan, &"[NaN]");
}

fn string_lists(c: &mut Checks) {
    c.eq("string-list", abi::shout_all(&["ab", "", "ünï", "x"]), strings(&["X", "ÜNÏ", "", "AB"]));
    c.eq("string-list-empty", abi::shout_all(&[]), Vec::<String>::new());
    c.eq("string-list-of-empties", abi::shout_all(&["", "", ""]), strings(&["", "", ""]));
    let many: Vec<String> = (0..500).map(|i| format!("word{i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let want: Vec<String> = many.iter().rev().map(|w| w.to_uppercase()).collect();
    c.eq("string-list-long", abi::shout_all(&refs), want);
}

fn records(c: &mut Checks) {
    let people = [person("ada", 36, &["math", "engines"]), person("", 255, &[]), person("zoë", 0, &["", "ü"])];
    let want = vec![
        person_result("ada", 37, &["ENGINES", "MATH"]),
        person_result("", 0, &[]),
        person_result("ëoz", 1, &["Ü", ""]),
    ];
    c.same("record-list-with-strings", abi::age_all(&people), want);
    c.same("record-list-empty", abi::age_all(&[]), Vec::new());

    let blob =
        BlobParam { label: "blob ✓", bytes: &[1, 2, 3], samples: &[0.5, -1.0], people: &[person("bob", 41, &["x"])] };
    let want = BlobResult {
        label: "✓ bolb".to_string(),
        bytes: vec![3, 2, 1],
        samples: vec![-0.5, 1.0],
        people: vec![person_result("bob", 42, &["X"])],
    };
    c.same("record-with-lists", abi::mirror_blob(blob), want);
    let empty = BlobParam { label: "", bytes: &[], samples: &[], people: &[] };
    let want = BlobResult { label: String::new(), bytes: vec![], samples: vec![], people: vec![] };
    c.same("record-with-lists-empty", abi::mirror_blob(empty), want);
}

fn scalars(c: &mut Checks) {
    let s = Scalars {
        a: 255,
        b: i8::MIN,
        c: u16::MAX,
        d: i16::MIN,
        e: 0x8000_0001,
        f: i32::MIN + 1,
        g: 0x0123_4567_89AB_CDEF,
        h: i64::MAX,
        i: 1.5,
        j: f64::MIN_POSITIVE,
        k: 'λ',
        l: true,
    };
    let want = Scalars {
        a: 0,
        b: i8::MAX,
        c: 0,
        d: i16::MAX,
        e: 2,
        f: i32::MAX,
        g: 0xFEDC_BA98_7654_3210,
        h: i64::MIN,
        i: 3.0,
        j: -f64::MIN_POSITIVE,
        k: 'μ',
        l: false,
    };
    c.same("record-every-scalar", abi::bump_scalars(s), want);

    type Ext = (u64, i64, f64, f32, i8, i16, u16);
    let vectors: [(&str, Ext, Ext); 4] = [
        (
            "extremes-max",
            (u64::MAX, i64::MAX, f64::MAX, f32::MAX, i8::MAX, i16::MAX, u16::MAX),
            (0, i64::MIN, -f64::MAX, -f32::MAX, i8::MIN, i16::MIN, 0),
        ),
        (
            "extremes-min",
            (0, i64::MIN, f64::MIN_POSITIVE, f32::MIN_POSITIVE, i8::MIN, i16::MIN, 0),
            (u64::MAX, i64::MAX, -f64::MIN_POSITIVE, -f32::MIN_POSITIVE, i8::MAX, i16::MAX, u16::MAX),
        ),
        (
            "extremes-signs",
            (1 << 63, -1, -0.0, f32::NEG_INFINITY, -1, -1, 1 << 15),
            (!(1 << 63), 0, 0.0, f32::INFINITY, 0, 0, !(1 << 15)),
        ),
        (
            "extremes-bits",
            (0xDEAD_BEEF_0BAD_F00D, 0x7EAD_BEEF_0BAD_F00D, 1e300, 1e-30, 0x55, 0x5555, 0xAAAA),
            (!0xDEAD_BEEF_0BAD_F00D, !0x7EAD_BEEF_0BAD_F00D, -1e300, -1e-30, !0x55, !0x5555, 0x5555),
        ),
    ];
    for (name, args, want) in vectors {
        let got = abi::extremes(args.0, args.1, args.2, args.3, args.4, args.5, args.6);
        // Floats bit for bit.
        let key = |t: &Ext| (t.0, t.1, t.2.to_bits(), t.3.to_bits(), t.4, t.5, t.6);
        c.report(name, key(&got) == key(&want), &got, &want);
    }
    let nan = abi::extremes(0, 0, f64::NAN, f32::NAN, 0, 0, 0);
    c.report("extremes-nan", nan.2.is_nan() && nan.3.is_nan(), &nan, &"NaNs");
}

fn variants(c: &mut Checks) {
    let cases: [(&str, ShapeParam, ShapeResult); 9] = [
        ("variant-no-payload", ShapeParam::Empty, ShapeResult::Label("empty".to_string())),
        ("variant-float32", ShapeParam::Circle(1.5), ShapeResult::Big(1.5f32.to_bits() as u64 | 1 << 63)),
        ("variant-float32-negative", ShapeParam::Circle(-2.0), ShapeResult::Big((-2.0f32).to_bits() as u64 | 1 << 63)),
        ("variant-u64", ShapeParam::Big(2.5f64.to_bits()), ShapeResult::Ratio(2.5)),
        ("variant-float64", ShapeParam::Ratio(-0.75), ShapeResult::Circle(-0.75)),
        ("variant-u32", ShapeParam::Count(0xFFFF_FFFF), ShapeResult::Pair((255, 2147483647.5))),
        ("variant-string", ShapeParam::Label("ab✓"), ShapeResult::Label("✓ba".to_string())),
        ("variant-string-empty", ShapeParam::Label(""), ShapeResult::Label(String::new())),
        ("variant-tuple", ShapeParam::Pair((7, 42.9)), ShapeResult::Count(7042)),
    ];
    let mut all_in = Vec::new();
    let mut all_want = Vec::new();
    for (name, arg, want) in cases {
        all_in.push(arg.clone());
        all_want.push(want.clone());
        c.same(name, abi::next_shape(arg), want);
    }
    c.same("variant-list", abi::next_shapes(&all_in), all_want);
    c.same("variant-list-empty", abi::next_shapes(&[]), Vec::new());
}

fn enums_and_flags(c: &mut Checks) {
    c.eq("enum", abi::next_color(Color::Blue), Color::Red);
    c.eq(
        "enum-list",
        abi::next_colors(&[Color::Red, Color::Green, Color::Blue]),
        vec![Color::Green, Color::Blue, Color::Red],
    );
    c.eq("enum-list-empty", abi::next_colors(&[]), Vec::new());
    c.eq("flags", abi::flip(Perms::READ), Perms::WRITE | Perms::EXEC);
    c.eq("flags-none", abi::flip(Perms::empty()), Perms::all());
    // More than 32 flags travel as two words. F31 stays clear on both sides:
    // the generated glue sign-extends a word whose bit 31 is set (see
    // `abi.wit`), a WAI bug that would hide what the adapter did.
    let many = |bits: u64| Many::from_bits_preserve(bits);
    c.eq("flags-64", abi::flip_many(Many::F0 | Many::F39), Many::F30 | Many::F32);
    c.eq("flags-64-empty", abi::flip_many(Many::empty()), many(0x81_4000_0001));
    c.eq("flags-64-high", abi::flip_many(many(0xFF_0000_0000)), many(0x7E_4000_0001));
    c.eq("flags-64-all-but-f31", abi::flip_many(many(0xFF_7FFF_FFFF)), many(0x7E_3FFF_FFFE));
}

fn options_and_results(c: &mut Checks) {
    c.eq("option-some", abi::maybe_reverse(Some("abc✓")), Some("✓cba".to_string()));
    c.eq("option-some-empty", abi::maybe_reverse(Some("")), Some(String::new()));
    c.eq("option-none", abi::maybe_reverse(None), None);
    c.eq("option-list", abi::maybe_lengths(Some(&["abc", "", "ü✓"])), vec![Some(3), None, Some(2)]);
    c.eq("option-list-empty", abi::maybe_lengths(Some(&[])), Vec::new());
    c.eq("option-list-none", abi::maybe_lengths(None), vec![None]);
    c.eq("expected-ok", abi::parse("4294967295"), Ok(u32::MAX));
    c.eq("expected-err", abi::parse("12x"), Err("`12x`: invalid digit found in string".to_string()));
    c.eq("expected-err-empty-input", abi::parse(""), Err("``: cannot parse integer from empty string".to_string()));
    c.eq("expected-unit-ok", abi::check(2), Ok(()));
    c.eq("expected-unit-err", abi::check(3), Err("3 is odd".to_string()));
}

fn tuples_chars_bools(c: &mut Checks) {
    c.eq("tuple", abi::swap(("añb", u32::MAX, '🦀')), ('🦀', 0, "bña".to_string()));
    c.eq("tuple-empty-string", abi::swap(("", 1, 'a')), ('a', 2, String::new()));
    c.eq(
        "tuple-list",
        abi::zip_lengths(&[("ab", &[1, 2, 3]), ("", &[]), ("ß", &[0])]),
        vec![(3, "AB".to_string()), (0, String::new()), (1, "SS".to_string())],
    );
    c.eq("tuple-list-empty", abi::zip_lengths(&[]), Vec::new());
    c.eq("char-ascii", abi::next_char('a'), 'b');
    c.eq("char-non-ascii", abi::next_char('λ'), 'μ');
    c.eq("char-astral", abi::next_char('🦀'), '🦁');
    c.eq("char-before-surrogates", abi::next_char('\u{D7FF}'), '\u{E000}');
    c.eq("char-max", abi::next_char(char::MAX), '\0');
    c.eq("char-list", abi::chars("a✓𝄞"), vec!['a', '✓', '𝄞']);
    c.eq("char-list-empty", abi::chars(""), Vec::new());
    c.eq("bool", abi::negate(true), false);
    c.eq("bool-false", abi::negate(false), true);
    c.eq("bool-list", abi::negate_all(&[true, false, false]), vec![false, true, true]);
    c.eq("bool-list-empty", abi::negate_all(&[]), Vec::new());
}

fn unions(c: &mut Checks) {
    c.same("union-u8", abi::double_num(NumParam::U8(200)), NumResult::U8(144));
    c.same("union-float64", abi::double_num(NumParam::F64(-1.25)), NumResult::F64(-2.5));
    c.same("union-string", abi::double_num(NumParam::String("ab✓")), NumResult::String("ab✓ab✓".to_string()));
}

fn indirect(c: &mut Checks) {
    c.eq(
        "indirect-params",
        abi::join_many("a", "bb", "ccc", "", "é", "✓", "𝄞", "h", u64::MAX, -1.5),
        "a|bb|ccc||é|✓|𝄞|h|18446744073709551615|-1.5".to_string(),
    );
    c.eq("indirect-params-empty", abi::join_many("", "", "", "", "", "", "", "", 0, 0.0), "||||||||0|0".to_string());
}
