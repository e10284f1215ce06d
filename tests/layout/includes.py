#!/usr/bin/env python3
"""includes.py [CHECKER_DIR]: checks that checker/ keeps its layout (ARCHITECTURE.md).

- every .c and .h file lives in one of the stage folders, none directly in checker/;
- every stage folder has a README.md saying what it owns;
- every `#include "..."` points downward, by the table below, and names its folder
  (`#include "base/util.h"`, also within a folder), so a reader sees the direction;
- no cycle between folders.

Prints one line per violation (file:line: what, and the direction it breaks) and exits 1 when
there is any; exits 0 and prints a summary otherwise. tests/layout/run.sh runs it on the tree
and on copies with a deliberately wrong include (a test of the test).
"""
import os
import re
import sys

# folder -> the folders its files may include (besides its own). Lowest stage first.
ALLOWED = {
    "base": set(),
    "model": {"base"},
    "front": {"model", "base"},
    "match": {"front", "model", "base"},
    "project": {"match", "front", "model", "base"},
    "core": {"project", "match", "front", "model", "base"},
    "inputs": {"core", "project", "match", "front", "model", "base"},
    "report": {"model", "base"},
    "cli": {"inputs", "core", "project", "match", "front", "model", "base", "report"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def check(root):
    problems = []
    edges = {}  # (from, to) -> first "file:line" that makes it
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if os.path.isfile(path) and name.endswith((".c", ".h")):
            problems.append(f"{path}: source file directly in checker/; it belongs in the folder "
                            "of its stage")
    for folder in ALLOWED:
        if not os.path.isdir(os.path.join(root, folder)):
            problems.append(f"{root}/{folder}: stage folder missing")
        elif not os.path.isfile(os.path.join(root, folder, "README.md")):
            problems.append(f"{root}/{folder}: no README.md saying what the folder owns")
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir == ".":
            continue
        folder = rel_dir.split(os.sep)[0]
        if folder not in ALLOWED:
            if any(f.endswith((".c", ".h")) for f in filenames):
                problems.append(f"{dirpath}: C sources in a folder that is no stage "
                                f"({', '.join(ALLOWED)})")
            continue
        for fname in sorted(filenames):
            if not fname.endswith((".c", ".h")):
                continue
            fpath = os.path.join(dirpath, fname)
            with open(fpath, encoding="utf-8", errors="replace") as fh:
                for lineno, line in enumerate(fh, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    where = f"{fpath}:{lineno}"
                    if "/" not in target:
                        problems.append(f'{where}: #include "{target}" does not name its folder; '
                                        f'write #include "{folder}/{target}"')
                        continue
                    to = target.split("/")[0]
                    if to not in ALLOWED:
                        problems.append(f'{where}: #include "{target}" names no stage folder')
                        continue
                    if to != folder:
                        edges.setdefault((folder, to), where)
                        if to not in ALLOWED[folder]:
                            may = ", ".join(sorted(ALLOWED[folder])) or "nothing of ours"
                            problems.append(f'{where}: #include "{target}": {folder}/ may not '
                                            f"include {to}/ (upward; {folder}/ may include {may})")
    # cycles between folders, over the includes actually written
    graph = {}
    for (a, b) in edges:
        graph.setdefault(a, set()).add(b)
    state = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cyc = stack[stack.index(nxt):] + [nxt]
                hops = "; ".join(f"{a}->{b} at {edges[(a, b)]}" for a, b in zip(cyc, cyc[1:]))
                problems.append(f"cycle between folders: {' -> '.join(cyc)} ({hops})")
            elif not state.get(nxt):
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [])
    return problems, edges


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "checker")
    root = os.path.normpath(root)
    problems, edges = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"includes.py: {len(problems)} layout problem(s) in {root}")
        return 1
    print(f"includes.py: {len(edges)} folder dependencies, all downward, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
