#!/usr/bin/env python3
"""seeds.py TARGET OUTDIR [--mamori BIN] | --dict OUT: writes the seed corpus of a fuzz target
(tests/fuzz/*.c) made from the repository's own inputs — the rule fixtures under rules/ (files
and *.tree fixture trees) and examples/ — so that nothing is copied into tests/fuzz. Seeds of the
targets that read one file are "<path>\\n<bytes>" (fuzz.h); the cache target's come from the cache
of a real scan of examples/ (needs --mamori); the report target's are strings from fixtures and
hostile names. --dict writes a libFuzzer dictionary of the words the rules' matchers look for."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX = 256 * 1024  # larger fixtures make slow seeds and add nothing


def inputs():
    """(path as the scan sees it, absolute path) of every fixture and example file."""
    for top in ("rules", "examples"):
        for d, dirs, files in os.walk(os.path.join(SRC, top)):
            dirs.sort()
            rel = os.path.relpath(d, os.path.join(SRC, top))
            # inside a fixture tree, paths are the tree's own
            parts = rel.split(os.sep)
            tree = [i for i, p in enumerate(parts) if p.endswith(".tree")]
            for name in sorted(files):
                if name.endswith((".md", ".expect")):
                    continue
                full = os.path.join(d, name)
                if os.path.getsize(full) > MAX or os.path.islink(full):
                    continue
                if tree:
                    seen = "/".join(parts[tree[0] + 1:] + [name])
                elif top == "examples":
                    seen = "/".join(parts[2:] + [name])
                else:
                    seen = name
                yield seen, full


def base(p):
    return p.rsplit("/", 1)[-1]


def ext(p):
    return base(p).rsplit(".", 1)[-1] if "." in base(p) else ""


C_EXT = {"c", "h", "cc", "cpp", "cxx", "hpp", "hh", "ino", "pde"}
KCONFIG = re.compile(r"(^|/)(sdkconfig[^/]*|[^/]*\.conf|[^/]*defconfig|\.config|[^/]*\.config|"
                     r"[^/]*\.esp32[a-z0-9]*)$")
DTS_EXT = {"dts", "dtsi", "overlay", "dtso"}
LINE = re.compile(r"(^|/)(passwd|shadow|group|inittab|rc\.local|[^/]*\.service|[^/]*\.sh|"
                  r"telnet|dropbear|network|firewall|system|uhttpd|init\.d/[^/]+|rcS)$")
MANIFEST = re.compile(r"(^|/)(\.gitmodules|west\.yml|platformio\.ini|library\.json|"
                      r"library\.properties|idf_component\.yml|dependencies\.lock|Makefile|"
                      r"[^/]*\.bb|[^/]*\.spdx|LICENSE[^/]*|CMakeLists\.txt|sbom\.yml|"
                      r"[^/]*version[^/]*\.h)$")

SELECT = {
    "c": lambda p: ext(p) in C_EXT,
    "kconfig": lambda p: bool(KCONFIG.search(p)),
    "dts": lambda p: ext(p) in DTS_EXT,
    "line": lambda p: bool(LINE.search(p)),
    "manifest": lambda p: bool(MANIFEST.search(p)),
    "json": lambda p: ext(p) == "json",
    # what the credentials rules read: their fixtures, whatever the file type
    "redact": lambda p: True,
}


def put(out, data):
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def file_seeds(target, out):
    n = 0
    for seen, full in inputs():
        if target == "redact" and "/rules/credentials/" not in full:
            continue
        if not SELECT[target](seen):
            continue
        with open(full, "rb") as f:
            data = f.read()
        put(out, data if target == "json" else seen.encode() + b"\n" + data)
        n += 1
    return n


def cache_seeds(out, mamori):
    """The entries of the cache a scan of the examples (as a git repository) leaves."""
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        shutil.copytree(os.path.join(SRC, "examples"), repo)
        env = dict(os.environ, GIT_AUTHOR_NAME="f", GIT_AUTHOR_EMAIL="f@example.com",
                   GIT_COMMITTER_NAME="f", GIT_COMMITTER_EMAIL="f@example.com",
                   HOME=tmp, XDG_CACHE_HOME=os.path.join(tmp, "xdg"))
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "commit", "-qm", "examples"]):
            subprocess.run(cmd, cwd=repo, env=env, check=True)
        cache = os.path.join(tmp, "cache")
        for args in ([], ["--history"]):
            subprocess.run([mamori, "scan", "--cache", cache, "--fail-on", "never", "-j", "1",
                            "--format", "json", "-o", os.path.join(tmp, "out.json")] + args +
                           ["."], cwd=repo, env=env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for name in sorted(os.listdir(cache)) if os.path.isdir(cache) else []:
            if not name.endswith(".mmc"):
                continue
            with open(os.path.join(cache, name), "rb") as f:
                body = f.read()[80:-32]
            put(out, body)  # the whole file's entries
            n += 1
            off = 0
            while off + 36 <= len(body):  # each entry's value: the results codec
                k = int.from_bytes(body[off + 32:off + 36], "little")
                put(out, body[off + 36:off + 36 + k])
                off += 36 + k
                n += 1
    return n


def report_seeds(out):
    esc = b"\x1b"
    hostile = [
        b"evil" + esc + b"]0;owned" + esc + b"\\.c",
        b"line\nbreak.c",
        b"caf\xe9.c",
        b"\xc2\x9b31mred.c",
        b"quote\"back\\slash<amp&>.c",
        b"tab\there\rcr\x7fdel.c",
        b"%0A::error::injected,file=x:y.c",
        b"\xed\xa0\x80surrogate\xf4\x90\x80\x80.c",
    ]
    n = 0
    for i, h in enumerate(hostile):
        fields = [h, b"message " + h, b"  strcpy(d, s); /* " + h + b" */", b"reason " + h,
                  b"notice " + h, b"detail\n" + h, b"a" + h + b"@example.com", b"../" + h + b"/",
                  b"flow " + h, b"sub/" + h]
        put(out, b"\0".join(fields) + bytes([i, i * 37 % 256, i * 91 % 256, 0xff - i]))
        n += 1
    for seen, full in inputs():
        if ext(seen) not in C_EXT or n >= 40:
            continue
        with open(full, "rb") as f:
            first = f.read(4096).split(b"\n")
        line = next((l for l in first if l.strip()), b"")
        put(out, b"\0".join([seen.encode(), b"message about " + seen.encode(), line]))
        n += 1
    return n


def dictionary(path):
    words = set()

    def strings(v):
        if isinstance(v, str):
            yield v
        elif isinstance(v, list):
            for x in v:
                yield from strings(x)
        elif isinstance(v, dict):
            for x in v.values():
                yield from strings(x)

    for d, _, files in os.walk(os.path.join(SRC, "rules")):
        for name in files:
            if not name.endswith(".json") or name.endswith(".schema.json") or ".tree" in d:
                continue
            try:
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    rule = json.load(f)
            except (ValueError, UnicodeDecodeError):
                continue
            if not isinstance(rule, dict):
                continue
            for s in strings(rule.get("match", {})):
                for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.]{2,40}", s):
                    words.add(w)
    with open(path, "w", encoding="ascii") as f:
        for w in sorted(words)[:5000]:
            f.write('"%s"\n' % w)
    return len(words)


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--dict":
        print("%d words" % dictionary(args[1]))
        return 0
    mamori = None
    if "--mamori" in args:
        i = args.index("--mamori")
        mamori = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    target, out = args
    os.makedirs(out, exist_ok=True)
    if target == "cache":
        if not mamori:
            print("seeds.py: the cache target needs --mamori BIN", file=sys.stderr)
            return 2
        n = cache_seeds(out, mamori)
    elif target == "report":
        n = report_seeds(out)
    elif target in SELECT:
        n = file_seeds(target, out)
    else:
        print("seeds.py: no target %s" % target, file=sys.stderr)
        return 2
    if n == 0:
        print("seeds.py: no seeds for %s" % target, file=sys.stderr)
        return 1
    print("%s: %d seeds" % (target, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
