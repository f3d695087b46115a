//! The linker's files form a line: no file of `linker/src` refers, directly
//! or through others, to a file that refers back to it. This test reads the
//! sources (every `crate::…` and `super::…` path outside comments and test
//! modules), builds the graph of which file uses which, and fails on any
//! circle, naming the files and one path around it. It also keeps the rooms
//! small: a file over 600 lines must be named in ARCHITECTURE.md's list of
//! rooms that are one room on purpose.
//!
//! A module declaring its submodules (`mod x;`) is not an edge; using an
//! item of another file is. `lib.rs`'s re-exports (`pub use lower::Profile`)
//! are followed to the file that defines the item.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// A module path (`["adapt", "wasi"]`), the crate root being `[]`.
type ModPath = Vec<String>;

struct File {
    path: PathBuf,
    module: ModPath,
    text: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files() -> Vec<File> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                // The command line is a binary over the library, not part of it.
                if path.file_name().unwrap() != "bin" {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = src_dir();
    let mut paths = Vec::new();
    walk(&src, &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut module: ModPath = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            if module.last().is_some_and(|m| m == "lib" || m == "mod") {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            File { path, module, text }
        })
        .collect()
}

/// The code of a file that counts: comments removed, and nothing from the
/// first `#[cfg(test)]` on (test modules may use anything).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap();
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path that starts at `crate::`, `super::`, `self::` or at one of
/// the file's own submodules (`children`, e.g. `read::` in `lib.rs`) in
/// `code`, with `{a, b::c}` groups expanded: each as (root, segments), the
/// root `crate`, `superN` or `self`.
fn paths(code: &str, children: &[String]) -> Vec<(String, Vec<String>)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let starts_word =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        if starts_word && rest.starts_with("self::") {
            let mut j = i + "self::".len();
            parse_tree(code, &mut j, &mut Vec::new(), "self", &mut out);
            i = j.max(i + 1);
            continue;
        }
        if starts_word {
            if let Some(child) = children.iter().find(|c| rest.starts_with(&format!("{c}::"))) {
                let mut j = i;
                parse_tree(code, &mut j, &mut Vec::new(), "self", &mut out);
                i = j.max(i + child.len());
                continue;
            }
        }
        let root = ["crate::", "super::"].into_iter().find(|r| rest.starts_with(r));
        match root {
            Some(root) if starts_word => {
                let mut segments = Vec::new();
                let mut j = i + root.len();
                // `super::super::x`
                let mut up = 1;
                while root == "super::" && code[j..].starts_with("super::") {
                    up += 1;
                    j += "super::".len();
                }
                let root_name = if root == "crate::" { "crate".to_string() } else { format!("super{up}") };
                parse_tree(code, &mut j, &mut segments, &root_name, &mut out);
                i = j.max(i + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// Parses `a::b::{c, d::e}` from `*at`, pushing every complete path.
fn parse_tree(code: &str, at: &mut usize, prefix: &mut Vec<String>, root: &str, out: &mut Vec<(String, Vec<String>)>) {
    let bytes = code.as_bytes();
    let depth = prefix.len();
    loop {
        while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
            *at += 1;
        }
        if *at < bytes.len() && bytes[*at] == b'{' {
            *at += 1;
            loop {
                parse_tree(code, at, prefix, root, out);
                while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
                    *at += 1;
                }
                if *at < bytes.len() && bytes[*at] == b',' {
                    *at += 1;
                    continue;
                }
                if *at < bytes.len() && bytes[*at] == b'}' {
                    *at += 1;
                }
                break;
            }
            prefix.truncate(depth);
            return;
        }
        let start = *at;
        while *at < bytes.len() && (bytes[*at].is_ascii_alphanumeric() || bytes[*at] == b'_' || bytes[*at] == b'*') {
            *at += 1;
        }
        if start == *at {
            // `}` of an empty group, or the end.
            if !prefix.is_empty() {
                out.push((root.to_string(), prefix.clone()));
            }
            prefix.truncate(depth);
            return;
        }
        prefix.push(code[start..*at].to_string());
        if code[*at..].starts_with("::") {
            *at += 2;
            continue;
        }
        out.push((root.to_string(), prefix.clone()));
        prefix.truncate(depth);
        return;
    }
}

/// The file (module path) that `segments`, starting from `base`, lands in:
/// the deepest known module along it, `self` meaning the module itself,
/// and a name re-exported by a module followed to where it comes from.
fn resolve(base: &ModPath, segments: &[String], modules: &BTreeSet<ModPath>, reexports: &Reexports) -> ModPath {
    let mut at = base.clone();
    for seg in segments {
        if seg == "self" {
            continue;
        }
        let mut next = at.clone();
        next.push(seg.clone());
        if modules.contains(&next) {
            at = next;
            continue;
        }
        if let Some(target) = reexports.get(&(at.clone(), seg.clone())) {
            return target.clone();
        }
        break;
    }
    at
}

/// (module, name) -> the module that defines the re-exported name.
type Reexports = BTreeMap<(ModPath, String), ModPath>;

fn reexports(files: &[File], modules: &BTreeSet<ModPath>) -> Reexports {
    let mut out = Reexports::new();
    for file in files {
        for line in code(&file.text).lines() {
            let Some(rest) = line.trim().strip_prefix("pub use ") else { continue };
            let rest = rest.trim_end_matches(';');
            let segments: Vec<String> = rest.split("::").map(|s| s.trim().to_string()).collect();
            let (name, path) = segments.split_last().unwrap();
            let path: Vec<String> = path.iter().filter(|s| *s != "crate").cloned().collect();
            let base = if rest.starts_with("crate::") { Vec::new() } else { file.module.clone() };
            let target = resolve(&base, &path, modules, &Reexports::new());
            out.insert((file.module.clone(), name.clone()), target);
        }
    }
    out
}

/// file -> the files it uses.
fn graph(files: &[File]) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let modules: BTreeSet<ModPath> = files.iter().map(|f| f.module.clone()).collect();
    let reexports = reexports(files, &modules);
    let mut graph = BTreeMap::new();
    for file in files {
        let mut uses = BTreeSet::new();
        let children: Vec<String> = modules
            .iter()
            .filter(|m| m.len() == file.module.len() + 1 && m.starts_with(&file.module))
            .map(|m| m.last().unwrap().clone())
            .collect();
        for (root, segments) in paths(&code(&file.text), &children) {
            let base = match root.strip_prefix("super") {
                _ if root == "self" => file.module.clone(),
                Some(up) => {
                    let up: usize = up.parse().unwrap();
                    // `super` of `a/b.rs` (module a::b) is `a`; of `a/mod.rs` (module a) is the root.
                    let mut base = file.module.clone();
                    base.truncate(base.len().saturating_sub(up));
                    base
                }
                None => Vec::new(),
            };
            let target = resolve(&base, &segments, &modules, &reexports);
            if target != file.module {
                uses.insert(target);
            }
        }
        graph.insert(file.module.clone(), uses);
    }
    graph
}

fn name(module: &ModPath, files: &[File]) -> String {
    let file = files.iter().find(|f| &f.module == module).unwrap();
    file.path.strip_prefix(src_dir()).unwrap().display().to_string()
}

/// A path from `from` back to `to`, if there is one.
fn path_to(
    graph: &BTreeMap<ModPath, BTreeSet<ModPath>>,
    from: &ModPath,
    to: &ModPath,
    seen: &mut BTreeSet<ModPath>,
) -> Option<Vec<ModPath>> {
    if from == to {
        return Some(vec![from.clone()]);
    }
    if !seen.insert(from.clone()) {
        return None;
    }
    for next in &graph[from] {
        if let Some(mut rest) = path_to(graph, next, to, seen) {
            rest.insert(0, from.clone());
            return Some(rest);
        }
    }
    None
}

#[test]
fn no_file_of_the_linker_uses_a_file_that_uses_it_back() {
    let files = files();
    let graph = graph(&files);
    let mut circles = Vec::new();
    let mut reported: BTreeSet<ModPath> = BTreeSet::new();
    for (file, uses) in &graph {
        if reported.contains(file) {
            continue;
        }
        for used in uses {
            if let Some(back) = path_to(&graph, used, file, &mut BTreeSet::new()) {
                let mut circle = vec![name(file, &files)];
                circle.extend(back.iter().map(|m| name(m, &files)));
                reported.extend(back);
                circles.push(circle.join(" -> "));
                break;
            }
        }
    }
    assert!(
        circles.is_empty(),
        "the linker's files import each other in a circle (move the shared types into a module no phase owns, \
         see ARCHITECTURE.md):\n  {}",
        circles.join("\n  ")
    );
}

#[test]
fn the_circle_check_sees_imports_groups_super_and_reexports() {
    // The check must see what `use` really says, or it passes vacuously.
    let got = paths(
        "use crate::a::{b, c::{self, D}};\nuse super::super::e::F;\nlet x = crate::g::h(1);\nkid::f(); x::kid::g();",
        &["kid".to_string()],
    );
    let want: Vec<(String, Vec<String>)> = vec![
        ("crate".into(), vec!["a".into(), "b".into()]),
        ("crate".into(), vec!["a".into(), "c".into(), "self".into()]),
        ("crate".into(), vec!["a".into(), "c".into(), "D".into()]),
        ("super2".into(), vec!["e".into(), "F".into()]),
        ("crate".into(), vec!["g".into(), "h".into()]),
        ("self".into(), vec!["kid".into(), "f".into()]),
    ];
    assert_eq!(got, want);
    let modules: BTreeSet<ModPath> =
        [vec![], vec!["a".to_string()], vec!["a".to_string(), "c".to_string()]].into_iter().collect();
    let mut re = Reexports::new();
    re.insert((vec![], "Thing".to_string()), vec!["a".to_string(), "c".to_string()]);
    assert_eq!(resolve(&vec![], &["a".into(), "c".into(), "D".into()], &modules, &re), vec!["a", "c"]);
    assert_eq!(resolve(&vec![], &["Thing".into()], &modules, &re), vec!["a", "c"]);
    assert_eq!(resolve(&vec![], &["a".into(), "zz".into()], &modules, &re), vec!["a"]);
    // Comments and test modules do not count.
    assert!(paths(&code("// use crate::x;\n/// [`crate::y`]\nfn f() {}\n#[cfg(test)]\nuse crate::z;"), &[]).is_empty());
}

#[test]
fn no_file_is_over_600_lines_unless_architecture_md_says_why() {
    let architecture =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ARCHITECTURE.md")).unwrap();
    // The list of rooms kept whole on purpose: lines `- one room: `path` …`.
    let allowed: Vec<&str> = architecture
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- one room: `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let mut large = Vec::new();
    for file in files() {
        let lines = file.text.lines().count();
        let name = format!("linker/src/{}", file.path.strip_prefix(src_dir()).unwrap().display());
        if lines > MAX_LINES && !allowed.contains(&name.as_str()) {
            large.push(format!("{name} ({lines} lines)"));
        }
    }
    assert!(
        large.is_empty(),
        "files over {MAX_LINES} lines: split them, or say in ARCHITECTURE.md why each is one room \
         (a line `- one room: `linker/src/…` because …`): {}",
        large.join(", ")
    );
}
