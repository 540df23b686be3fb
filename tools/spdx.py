#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks (or, with --add, writes) the licence line of every source, header, script and CMake
file of the repository: `SPDX-License-Identifier: Apache-2.0` in a comment within its first
three lines (after a shebang). Exits 1 and lists the files without it. Files are those git
tracks (or, outside a git checkout, those under the source tree but for build directories);
data files (the fuzzers' corpus, test data, Markdown) carry none.
Usage: tools/spdx.py [--add] [source dir]"""
import os
import subprocess
import sys

LINE = "SPDX-License-Identifier: Apache-2.0"
SLASHES = {".hpp", ".cpp", ".sollya"}
BLOCK = {".h", ".c", ".def"}  # C89-safe
HASH = {".py", ".sh", ".cmake", ".in"}
HASH_NAMES = {"CMakeLists.txt", "run", ".clang-format", ".gitignore"}


def comment(path):
    name = os.path.basename(path)
    ext = os.path.splitext(name)[1]
    if ext in SLASHES:
        return f"// {LINE}"
    if ext in BLOCK:
        return f"/* {LINE} */"
    if ext in HASH or name in HASH_NAMES:
        return f"# {LINE}"
    return None


def files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files"], check=True, capture_output=True,
                             text=True).stdout.split("\n")
        return [f for f in out if f]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if not x.startswith("build") and x != ".git"]
            found += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return found


def main():
    args = [a for a in sys.argv[1:] if a != "--add"]
    add = "--add" in sys.argv[1:]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    missing = []
    for rel in sorted(files(root)):
        if rel.startswith("tests/fuzz/corpus/") or rel.startswith("tests/data/"):
            continue
        text = comment(rel)
        path = os.path.join(root, rel)
        if text is None or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if any(LINE in line for line in lines[:3]):
            continue
        if not add:
            missing.append(rel)
            continue
        at = 1 if lines and lines[0].startswith("#!") else 0
        lines.insert(at, text)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    for rel in missing:
        print(f"{rel}: no '{LINE}' line")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
