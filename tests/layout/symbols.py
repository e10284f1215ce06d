#!/usr/bin/env python3
"""symbols.py BUILD_DIR CHECKER_DIR: the include directions, checked on what the compiler made.

includes.py reads `#include` lines; a function declared in a low header but defined in a high
folder would pass it. This reads the object files of the build (nm) and fails on any symbol a
file uses that is defined in a folder it may not include (the table of includes.py), naming the
user, the symbol and the folder that defines it. The generated tables count as the folder that
reads them: rules_builtin.c as core (it is loaded by core/ruleset.c), hook_scripts.c as cli.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from includes import ALLOWED  # noqa: E402

GENERATED = {"rules_builtin.c.o": "core", "hook_scripts.c.o": "cli"}


def objects(build, checker):
    out = []
    for target in ("mamori_core.dir", "mamori.dir"):
        top = os.path.join(build, "CMakeFiles", target)
        for dirpath, _, files in os.walk(top):
            for f in files:
                if not f.endswith(".o"):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, top).split(os.sep)
                if rel[0] == "checker" and len(rel) >= 3:
                    # an object whose source is gone (moved or deleted) is a stale leftover
                    if not os.path.isfile(os.path.join(checker, *rel[1:])[:-2]):
                        continue
                    out.append((rel[1], "/".join(rel[1:])[:-2], path))
                elif f in GENERATED:
                    out.append((GENERATED[f], f[:-2], path))
    return out


def main():
    if len(sys.argv) != 3:
        print("usage: symbols.py BUILD_DIR CHECKER_DIR", file=sys.stderr)
        return 2
    objs = objects(sys.argv[1], sys.argv[2])
    if not objs:
        print(f"symbols.py: no object files under {sys.argv[1]}/CMakeFiles", file=sys.stderr)
        return 2
    defined = {}
    used = []
    where = {path: (folder, name) for folder, name, path in objs}
    paths = [path for _, _, path in objs]
    # one nm for all objects: -A prefixes each line with "object:"
    res = subprocess.run(["nm", "-A", "--defined-only", "-g"] + paths, capture_output=True,
                         text=True, check=True)
    for line in res.stdout.splitlines():
        obj, _, rest = line.rpartition(":")  # "object:address T name" (names hold no ':')
        parts = rest.split()
        if len(parts) == 3 and obj in where:
            defined[parts[2]] = where[obj]
    res = subprocess.run(["nm", "-A", "-u"] + paths, capture_output=True, text=True, check=True)
    for line in res.stdout.splitlines():
        obj, _, rest = line.rpartition(":")
        parts = rest.split()
        if parts and obj in where:
            used.append(where[obj] + (parts[-1],))
    if not defined:
        print("symbols.py: nm listed no symbols; cannot check", file=sys.stderr)
        return 2
    problems = []
    for folder, name, sym in used:
        if sym not in defined:
            continue  # a library's
        to, where = defined[sym]
        if to != folder and to not in ALLOWED.get(folder, set()):
            problems.append(f"{name}: uses {sym} of {where} ({folder}/ may not call into {to}/)")
    for p in sorted(set(problems)):
        print(p)
    if problems:
        print(f"symbols.py: {len(set(problems))} upward call(s)")
        return 1
    print(f"symbols.py: {len(objs)} object files, every call downward")
    return 0


if __name__ == "__main__":
    sys.exit(main())
