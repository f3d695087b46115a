//! The adapters' shared UTF-8 validator (`linker/src/shared.rs`), on every
//! engine: a string that crosses memories (`take: func(s: string) -> u32`
//! of the `crossing` fixture, and `cast`'s string result in the other
//! direction) traps exactly when Rust's `std::str::from_utf8` refuses its
//! bytes, and otherwise arrives intact (the dependency answers with a hash
//! of what it received). Every class of invalid sequence is placed at every
//! position of the 8- and 32-byte words the validator reads, every class of
//! valid character straddles them, and random byte strings are checked
//! differentially. Targets: multi-memory on cranelift and singlepass,
//! portable in both layouts on cranelift, singlepass and WASM3, each
//! instantiated once (a trap leaves every engine's instance usable: each
//! run mixes trapping and accepted calls and checks every one).
//! `UTF8_RANDOM_CASES=N` sets the number of random strings per generator.

mod common;

use common::crossing::{fnv1a, targets, Target, INPUT, MAIN_END};
use common::Rng;

/// One input: what it is (for messages), its bytes, and where in the word
/// grid its first byte lands (added to the input address).
struct Case {
    class: String,
    bytes: Vec<u8>,
    offset: u32,
}

fn hex(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("[{}] ({} bytes)", hex.join(" "), bytes.len())
}

/// Which call carries the bytes across.
#[derive(Clone, Copy)]
enum Direction {
    /// `take(s: string)`: validated in the main module's memory.
    Argument,
    /// `cast(b: list<u8>) -> string`: the list crosses unvalidated, the
    /// string result is validated in the dependency's memory.
    Result,
}

/// Runs `cases` on every target; returns how many calls ran and a
/// description of every call whose outcome is not `from_utf8`'s.
fn run(cases: &[Case], direction: Direction) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for mut target in targets() {
        for case in cases {
            count += 1;
            if let Some(failure) = check(&mut target, case, direction) {
                failures.push(failure);
            }
        }
    }
    (count, failures)
}

/// What an accepted call reports.
enum Got {
    /// `take`: the hash of what the dependency received.
    Hash(u32),
    /// `cast`: the string that came back.
    Back(Vec<u8>),
}

/// The bytes written right before and after every input: continuation
/// bytes, so a validator that reads past the end of its string either
/// completes a truncated sequence (and accepts invalid UTF-8) or meets a
/// lone continuation byte (and refuses valid UTF-8); either is caught.
const GUARDS: [u8; 4] = [0x80, 0x90, 0xa0, 0xbf];

/// One case on one target: `None` if the outcome is `from_utf8`'s.
fn check(target: &mut Target, case: &Case, direction: Direction) -> Option<String> {
    let expected = std::str::from_utf8(&case.bytes);
    let guard = GUARDS[case.offset as usize % GUARDS.len()];
    let start = INPUT + case.offset;
    target.running.write(start - 8, &[guard; 8]);
    target.running.write(start + case.bytes.len() as u32, &[guard; 32]);
    let (call, outcome) = match direction {
        Direction::Argument => ("take", target.take(case.offset, &case.bytes).map(Got::Hash)),
        Direction::Result => {
            // The string is the head of a list whose tail, the guard bytes,
            // follows it in the dependency's memory.
            let list: Vec<u8> = case.bytes.iter().copied().chain([guard; 32]).collect();
            ("cast", target.cast(case.offset, &list, case.bytes.len()).map(Got::Back))
        }
    };
    let input = format!(
        "{}: {}: `{call}` of {} at input offset {} between bytes {guard:#04x}",
        target.what,
        case.class,
        hex(&case.bytes),
        case.offset
    );
    match (outcome, expected) {
        (Err(_), Err(_)) => None,
        (Ok(Got::Hash(hash)), Ok(_)) if hash == fnv1a(&case.bytes) => None,
        (Ok(Got::Back(back)), Ok(_)) if back == case.bytes => None,
        (Ok(Got::Hash(hash)), Ok(_)) => Some(format!(
            "{input}: accepted, but the dependency received other bytes (hash {hash:#010x}, expected {:#010x})",
            fnv1a(&case.bytes)
        )),
        (Ok(Got::Back(back)), Ok(_)) => Some(format!("{input}: accepted, but came back as {}", hex(&back))),
        (Ok(_), Err(e)) => Some(format!("{input}: accepted invalid UTF-8 (from_utf8: {e})")),
        (Err(trap), Ok(_)) => Some(format!("{input}: refused valid UTF-8: {trap}")),
    }
}

/// Panics with the first failures unless there are none.
fn assert_none(what: &str, (count, failures): (usize, Vec<String>)) {
    assert!(count > 0, "{what}: no case ran");
    let shown: Vec<&str> = failures.iter().take(20).map(String::as_str).collect();
    assert!(
        failures.is_empty(),
        "{what}: {} of {count} calls disagree with std::str::from_utf8; the first {}:\n{}",
        failures.len(),
        shown.len(),
        shown.join("\n")
    );
}

/// Invalid sequences, by class (each checked to be refused by `from_utf8`
/// wherever it is placed).
const INVALID: &[(&str, &[&[u8]])] = &[
    ("overlong 2-byte form", &[&[0xc0, 0x80], &[0xc0, 0xaf], &[0xc1, 0xbf], &[0xc1, 0x81]]),
    ("overlong 3-byte form", &[&[0xe0, 0x80, 0x80], &[0xe0, 0x9f, 0xbf], &[0xe0, 0x81, 0x81]]),
    ("overlong 4-byte form", &[&[0xf0, 0x80, 0x80, 0x80], &[0xf0, 0x8f, 0xbf, 0xbf], &[0xf0, 0x80, 0x81, 0x81]]),
    (
        "surrogate U+D800..U+DFFF",
        &[
            &[0xed, 0xa0, 0x80],
            &[0xed, 0xaf, 0xbf],
            &[0xed, 0xb0, 0x80],
            &[0xed, 0xbf, 0xbf],
            &[0xed, 0xa0, 0xbd, 0xed, 0xb2, 0xa9],
        ],
    ),
    (
        "above U+10FFFF",
        &[
            &[0xf4, 0x90, 0x80, 0x80],
            &[0xf4, 0xbf, 0xbf, 0xbf],
            &[0xf5, 0x80, 0x80, 0x80],
            &[0xf7, 0xbf, 0xbf, 0xbf],
            &[0xf8, 0x88, 0x80, 0x80, 0x80],
        ],
    ),
    (
        "lead byte 0xC0, 0xC1, 0xF5..=0xFF",
        &[
            &[0xc0],
            &[0xc1],
            &[0xf5],
            &[0xf6],
            &[0xf7],
            &[0xf8],
            &[0xf9],
            &[0xfa],
            &[0xfb],
            &[0xfc],
            &[0xfd],
            &[0xfe],
            &[0xff],
            &[0xc1, 0xbf],
            &[0xfe, 0x80],
            &[0xff, 0xbf, 0xbf, 0xbf],
        ],
    ),
    (
        "lone continuation byte",
        &[
            &[0x80],
            &[0x8f],
            &[0x90],
            &[0x9f],
            &[0xa0],
            &[0xbf],
            &[0xc2, 0x80, 0x80],
            &[0xe2, 0x82, 0xac, 0x80],
            &[0xf0, 0x9f, 0x98, 0x80, 0x80],
        ],
    ),
    (
        "truncated sequence",
        &[
            &[0xc2],
            &[0xdf],
            &[0xe0, 0xa0],
            &[0xe2, 0x82],
            &[0xed, 0x9f],
            &[0xef, 0xbf],
            &[0xe1],
            &[0xf0, 0x90],
            &[0xf0, 0x9f, 0x98],
            &[0xf1],
            &[0xf3, 0xbf, 0xbf],
            &[0xf4, 0x8f, 0xbf],
        ],
    ),
    (
        "broken continuation",
        &[
            &[0xc2, 0x41],
            &[0xc2, 0xc2, 0x80],
            &[0xc2, 0xff],
            &[0xe2, 0x28, 0xa1],
            &[0xe2, 0x82, 0x28],
            &[0xe2, 0x82, 0xc0],
            &[0xf0, 0x28, 0x8c, 0xbc],
            &[0xf0, 0x90, 0x28, 0xbc],
            &[0xf0, 0x90, 0x8c, 0x28],
            &[0xf4, 0x8f, 0xbf, 0x7f],
        ],
    ),
];

/// Valid characters at the edges of every class (1 to 4 bytes).
const EDGES: &[char] = &[
    '\0',
    '\x7f',
    '\u{80}',
    '\u{7ff}',
    '\u{800}',
    '\u{fff}',
    '\u{1000}',
    '\u{d7ff}',
    '\u{e000}',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10000}',
    '\u{3ffff}',
    '\u{40000}',
    '\u{fffff}',
    '\u{100000}',
    '\u{10ffff}',
    'é',
    '€',
    '😀',
];

fn ascii(rng: &mut Rng, len: usize) -> Vec<u8> {
    (0..len).map(|_| rng.below(0x80) as u8).collect()
}

/// A random character of `width` bytes (0: any width).
fn char_of(rng: &mut Rng, width: u64) -> char {
    let width = if width == 0 { rng.between(1..=4) } else { width };
    let range = match width {
        1 => 0..=0x7f,
        2 => 0x80..=0x7ff,
        3 => 0x800..=0xffff,
        _ => 0x10000..=0x10ffff,
    };
    loop {
        if let Some(c) = char::from_u32(rng.between(range.clone()) as u32) {
            return c;
        }
    }
}

/// Exactly `len` bytes of valid UTF-8: characters of `width` bytes (0: any
/// width) while they fit, then ASCII.
fn valid_string(rng: &mut Rng, width: u64, len: usize) -> Vec<u8> {
    let mut out = String::new();
    while out.len() < len {
        let c = char_of(rng, width);
        out.push(if out.len() + c.len_utf8() <= len { c } else { 'a' });
    }
    out.into_bytes()
}

/// Every invalid sequence after an ASCII (or multi-byte) prefix that puts
/// it at every position of a 32-byte word, and before nothing (the end of
/// the buffer) or an ASCII suffix (the middle of an 8- or 32-byte word).
fn invalid_cases(rng: &mut Rng) -> Vec<Case> {
    let mut cases = Vec::new();
    for (class, sequences) in INVALID {
        for sequence in *sequences {
            for prefix in 0..=40 {
                for suffix in [0, 1, 9, 33] {
                    let mut bytes = ascii(rng, prefix);
                    bytes.extend_from_slice(sequence);
                    bytes.extend(ascii(rng, suffix));
                    let class = format!("{class} after {prefix} ASCII bytes, before {suffix}");
                    cases.push(Case { class, bytes, offset: rng.below(32) as u32 });
                }
                // After multi-byte characters (the validator is off its
                // ASCII fast path when it meets the sequence).
                let mut bytes = valid_string(rng, 0, prefix);
                bytes.extend_from_slice(sequence);
                bytes.extend(valid_string(rng, 0, 8));
                let class = format!("{class} after {prefix} bytes of mixed characters");
                cases.push(Case { class, bytes, offset: rng.below(32) as u32 });
            }
        }
    }
    for case in &cases {
        assert!(
            std::str::from_utf8(&case.bytes).is_err(),
            "the table is wrong: {} {} is valid",
            case.class,
            hex(&case.bytes)
        );
    }
    cases
}

/// ASCII, 2-, 3-, 4-byte and mixed strings of every length 0..=100, every
/// edge character after every ASCII prefix 0..=40 (straddling the 8- and
/// 32-byte words), and runs of multi-byte characters shifted across them.
fn valid_cases(rng: &mut Rng) -> Vec<Case> {
    let mut cases = Vec::new();
    for (width, class) in [(1, "ASCII"), (2, "2-byte"), (3, "3-byte"), (4, "4-byte"), (0, "mixed")] {
        for len in 0..=100 {
            let bytes = valid_string(rng, width, len);
            cases.push(Case { class: format!("{class} characters, {len} bytes"), bytes, offset: rng.below(32) as u32 });
        }
        for shift in 0..=40 {
            let mut bytes = ascii(rng, shift);
            bytes.extend(valid_string(rng, width, 72));
            cases.push(Case {
                class: format!("{class} characters after {shift} ASCII bytes"),
                bytes,
                offset: rng.below(32) as u32,
            });
        }
    }
    for &c in EDGES {
        for prefix in 0..=40 {
            for suffix in [0, 1, 9] {
                let mut bytes = ascii(rng, prefix);
                bytes.extend(c.to_string().bytes());
                bytes.extend(ascii(rng, suffix));
                let class = format!("U+{:04X} after {prefix} ASCII bytes, before {suffix}", c as u32);
                cases.push(Case { class, bytes, offset: rng.below(32) as u32 });
            }
        }
    }
    for case in &cases {
        assert!(
            std::str::from_utf8(&case.bytes).is_ok(),
            "the table is wrong: {} {} is invalid",
            case.class,
            hex(&case.bytes)
        );
    }
    cases
}

/// Random strings of 0..=300 bytes from three biased generators: mostly
/// ASCII with multi-byte characters (and now and then a random byte)
/// inserted, random bytes, and valid strings with one byte changed.
fn random_cases(rng: &mut Rng, per_generator: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    for _ in 0..per_generator {
        let len = rng.between(0..=300) as usize;
        let mut text = String::new();
        let mut bytes = Vec::new();
        while bytes.len() < len {
            if rng.one_in(8) {
                text.clear();
                let width = rng.between(2..=4);
                text.push(char_of(rng, width));
                bytes.extend_from_slice(text.as_bytes());
            } else if rng.one_in(150) {
                bytes.push(rng.byte());
            } else {
                bytes.push(rng.below(0x80) as u8);
            }
        }
        cases.push(Case { class: "random: mostly ASCII".into(), bytes, offset: rng.below(32) as u32 });

        let len = rng.between(0..=300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        cases.push(Case { class: "random: bytes".into(), bytes, offset: rng.below(32) as u32 });

        let len = rng.between(1..=300) as usize;
        let width = if rng.one_in(2) { 0 } else { rng.between(1..=4) };
        let mut bytes = valid_string(rng, width, len);
        let at = rng.below(len as u64) as usize;
        bytes[at] = match rng.below(3) {
            0 => rng.byte(),
            1 => bytes[at] ^ (1 << rng.below(8)),
            _ => [0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff][rng.below(11) as usize],
        };
        cases.push(Case { class: format!("random: valid, byte {at} changed"), bytes, offset: rng.below(32) as u32 });
    }
    cases
}

fn random_count() -> usize {
    std::env::var("UTF8_RANDOM_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1500)
}

#[test]
fn every_class_of_invalid_utf8_is_refused_on_every_engine() {
    let cases = invalid_cases(&mut Rng::new(1));
    assert_none("invalid UTF-8 string arguments", run(&cases, Direction::Argument));
}

#[test]
fn every_class_of_valid_utf8_is_accepted_on_every_engine() {
    let cases = valid_cases(&mut Rng::new(2));
    assert_none("valid UTF-8 string arguments", run(&cases, Direction::Argument));
}

#[test]
fn random_string_arguments_trap_exactly_when_from_utf8_fails_on_every_engine() {
    let cases = random_cases(&mut Rng::new(3), random_count());
    let valid = cases.iter().filter(|c| std::str::from_utf8(&c.bytes).is_ok()).count();
    // The generators must exercise both outcomes, or the check proves little.
    assert!(valid * 5 > cases.len() && valid * 2 < cases.len(), "{valid} of {} random cases are valid", cases.len());
    assert_none("random string arguments", run(&cases, Direction::Argument));
}

#[test]
fn string_results_are_validated_too_on_every_engine() {
    let mut rng = Rng::new(4);
    let mut cases: Vec<Case> = Vec::new();
    // A few of every class: invalid ones at the end and in the middle of a
    // word, valid edge characters straddling one, and random strings.
    let invalid = invalid_cases(&mut rng);
    cases.extend(
        invalid.into_iter().filter(|c| c.class.contains("after 29 ASCII") || c.class.contains("after 3 bytes")),
    );
    let valid = valid_cases(&mut rng);
    cases.extend(valid.into_iter().filter(|c| c.class.contains("after 30 ASCII") || c.class.contains(", 100 bytes")));
    cases.extend(random_cases(&mut rng, random_count() / 5));
    assert_none("string results", run(&cases, Direction::Result));
}

/// Found while writing these tests: a validator that reads past the end of
/// its string. Every valid string of 0..=100 bytes (ASCII and mixed, so
/// every split into 32- and 8-byte steps and a tail) and every truncated
/// sequence at every position is followed by continuation bytes
/// ([`GUARDS`], each at four alignments): reading any of them turns a valid
/// string into a refused one (a lone continuation byte) or a truncated one
/// into an accepted one. Both directions.
#[test]
fn the_validator_never_reads_past_the_end_of_a_string() {
    let mut rng = Rng::new(5);
    let mut cases = Vec::new();
    for len in 0..=100 {
        for (width, class) in [(1, "ASCII"), (0, "mixed")] {
            let bytes = valid_string(&mut rng, width, len);
            for offset in 0..4 {
                let class = format!("{class}, {len} bytes, followed by continuation bytes");
                cases.push(Case { class, bytes: bytes.clone(), offset });
            }
        }
    }
    let (_, truncated) = INVALID.iter().find(|(class, _)| *class == "truncated sequence").unwrap();
    for sequence in *truncated {
        for prefix in 0..=40 {
            let mut bytes = ascii(&mut rng, prefix);
            bytes.extend_from_slice(sequence);
            for offset in 0..4 {
                let class = format!("truncated at the end after {prefix} ASCII bytes, followed by continuation bytes");
                cases.push(Case { class, bytes: bytes.clone(), offset });
            }
        }
    }
    let (count, mut failures) = run(&cases, Direction::Argument);
    let (more, result_failures) = run(&cases, Direction::Result);
    failures.extend(result_failures);
    assert_none("strings followed by continuation bytes", (count + more, failures));
}

/// The same at the end of the main module's memory (multi-memory: a read
/// past it traps; portable: it reads the next region): valid strings of
/// 0..=100 bytes that end on its last byte are accepted.
#[test]
fn strings_ending_at_the_end_of_memory_are_accepted() {
    let mut rng = Rng::new(6);
    let strings: Vec<Vec<u8>> =
        (0..=100).flat_map(|len| [valid_string(&mut rng, 1, len), valid_string(&mut rng, 0, len)]).collect();
    let mut failures = Vec::new();
    let mut count = 0;
    for mut target in targets() {
        for bytes in &strings {
            let ptr = MAIN_END - bytes.len() as u32;
            count += 1;
            match target.take_at(ptr, bytes) {
                Ok(hash) if hash == fnv1a(bytes) => {}
                outcome => failures.push(format!(
                    "{}: `take` of {} ending at the end of the main memory ({MAIN_END:#x}): got {outcome:?}",
                    target.what,
                    hex(bytes)
                )),
            }
        }
    }
    assert_none("strings ending at the end of memory", (count, failures));
}
