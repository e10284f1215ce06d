#!/usr/bin/env python3
"""juliet_score.py: score mamori's findings on Juliet 1.3 C/C++ test cases.

usage: juliet_score.py [--lang c|cpp|all] [--gate] [--list noisy|missed|found]
                       [--check-regions] [--json FILE] SUITE=RULES=REPORT ...

Each SUITE=RULES=REPORT names a suite, its rules (comma-separated rule ids; an id ending in
`*` is a prefix: `unsafe-str*`) and the JSON report of `mamori scan --format json` over a
directory holding that suite's Juliet files (juliet.sh makes it). The report's `root` locates
the source files; every file under it whose name is a Juliet test-case file (`..._NN.c`,
`..._NNa.c`, `..._NN_bad.cpp`, `..._NN.h`) belongs to the test case `..._NN`.

Each finding of the suite's rules is mapped to the region of its line:
  bad      inside `#ifndef OMITBAD` (outside `#ifdef INCLUDEMAIN`), else inside a function
           whose name says bad (`bad`, `badSink`, `..._bad`, `..._81_bad::action`, `helperBad`)
  good     inside `#ifndef OMITGOOD`, else inside a function whose name says good
           (`good1`, `goodG2B`, `goodB2GSink`, `..._good`)
  neither  main (`#ifdef INCLUDEMAIN`), and helper code outside both
A test case is *found* when a finding of its rules lies in a bad region of any of its files,
*noisy* when one lies in a good region. Suppressed findings do not count.

Noisy test cases are also split by the good function the finding is in (G2B/B2G/other; a
test case can count in more than one): goodG2B* passes a good source (a literal) into the
very sink of the bad function, so only data flow tells it apart; goodB2G* passes the bad
source into a fixed sink (`printf("%s", data)`), so a finding there is a plain false positive.
Only the test cases of --lang count (default c: those without a .cpp file, as the issue
counted). The table's `findings bad/good/other` counts the suite's findings by region (other:
main and helpers). --gate exits 1 when a suite misses its gate (GATES below; a suite with no
test cases of that language has none); --list prints the test cases (found, noisy: with the
first such finding; missed: with the test case's files). --check-regions lists functions
whose name and OMITBAD/OMITGOOD region disagree (none in Juliet 1.3 but helperBad/helperGood,
which stand outside both and are classified by name).
"""
import argparse
import json
import os
import re
import signal
import sys
from collections import defaultdict

# Gates (from the issue): minimum % of test cases found, maximum % noisy (None: no gate).
GATES = {
    "gets":    {"found": 100.0, "noisy": 0.0},
    "formats": {"found": 95.0,  "noisy": 10.0},
    "mktemp":  {"found": 95.0,  "noisy": 5.0},
    "system":  {"found": 95.0,  "noisy": None},
    "strcpy":  {"found": 100.0, "noisy": None},
}

# A Juliet test-case file: CWExxx_..._NN, then a file letter (a-e) or a C++ class file suffix.
TESTCASE_FILE = re.compile(r"^(?P<tc>CWE.+?_\d\d)(?:[a-e]|_bad|_good[A-Za-z0-9]*)?\.(?P<ext>c|cpp|h)$")
# The part of a function name after the test-case name: CWE..._01_bad -> bad, ..._52b_badSink.
TAIL = re.compile(r"^CWE\w*?_\d\d[a-e]?_(\w.*)$")
PP_IF = re.compile(r"^\s*#\s*(if|ifdef|ifndef)\b\s*(\w*)")
PP_ELSE = re.compile(r"^\s*#\s*(else|elif)\b")
PP_ENDIF = re.compile(r"^\s*#\s*endif\b")
OPEN_BRACE = re.compile(r"^\{\s*(?://.*|/\*.*)?$")
NOT_FUNC = re.compile(r"^(?:namespace|class|struct|union|enum|typedef|extern\s+\"C\")\b")
FUNC_NAME = re.compile(r"([A-Za-z_~][\w:~]*)\s*\(")


def name_class(name):
    """bad, good or None from a function name."""
    m = TAIL.match(name)
    t = (m.group(1) if m else name).lower()
    if "bad" in t:
        return "bad"
    if "good" in t:
        return "good"
    return None


def good_kind(name):
    """G2B (a good source into the bad sink: only data flow tells it from bad), B2G (the bad
    source into a fixed sink) or other (good1..., code outside functions) for a good function."""
    n = (name or "").lower()
    if "g2b" in n:
        return "G2B"
    if "b2g" in n:
        return "B2G"
    return "other"


def pp_regions(lines):
    """Per line (0-based): 'bad', 'good', 'main' or None from OMITBAD/OMITGOOD/INCLUDEMAIN."""
    stack, out = [], []
    for line in lines:
        m = PP_IF.match(line)
        if m:
            kind = None
            if m.group(1) == "ifndef" and m.group(2) == "OMITBAD":
                kind = "bad"
            elif m.group(1) == "ifndef" and m.group(2) == "OMITGOOD":
                kind = "good"
            elif m.group(1) == "ifdef" and m.group(2) == "INCLUDEMAIN":
                kind = "main"
            stack.append(kind)
        elif PP_ELSE.match(line) and stack:
            stack[-1] = None          # the #else of #ifndef OMITBAD is not bad code
        elif PP_ENDIF.match(line) and stack:
            stack.pop()
        if "main" in stack:
            out.append("main")
        else:
            out.append(next((k for k in reversed(stack) if k), None))
    return out


def functions(lines):
    """Function definitions: (name, first line, last line), 0-based. Juliet puts the head at
    column 0, then `{` alone at column 0, and the closing `}` at column 0."""
    out = []
    i, n = 0, len(lines)
    while i < n:
        if not OPEN_BRACE.match(lines[i]):
            i += 1
            continue
        # the head: the lines above, back to one that starts at column 0
        j, head = i - 1, []
        while j >= 0 and lines[j].strip():
            s = lines[j]
            if s.startswith(("#", "}", "/*", "//", " *", "*")) or s.rstrip().endswith(";"):
                break
            head.insert(0, s.strip())
            if not s[0].isspace():
                break
            j -= 1
        text = " ".join(head)
        k = i + 1
        while k < n and not lines[k].startswith("}"):
            k += 1
        m = FUNC_NAME.search(text)
        if head and m and not NOT_FUNC.match(text) and "=" not in text[:m.start()]:
            out.append((m.group(1), j if j >= 0 else i, min(k, n - 1)))
            i = k + 1
        else:
            i += 1                     # namespace X / array initializer: look inside
    return out


class SourceFile:
    def __init__(self, path):
        with open(path, encoding="utf-8", errors="replace") as f:
            self.lines = f.read().split("\n")
        self.pp = pp_regions(self.lines)
        self.funcs = functions(self.lines)

    def function_at(self, line0):
        for name, a, b in self.funcs:
            if a <= line0 <= b:
                return name
        return None

    def region(self, line):
        """bad, good or None for a 1-based line."""
        i = line - 1
        if i < 0 or i >= len(self.lines):
            return None
        pp = self.pp[i]
        if pp in ("bad", "good"):
            return pp
        if pp == "main":
            return None
        name = self.function_at(i)
        return name_class(name) if name else None


def rule_matches(rule_id, rules):
    for r in rules:
        if r.endswith("*") and rule_id.startswith(r[:-1]):
            return True
        if rule_id == r:
            return True
    return False


def score_suite(name, rules, report, lang):
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    root = rep["root"]
    # the test cases: every Juliet test-case file under the root
    cases = defaultdict(list)            # test case -> [relative paths]
    for d, _, files in os.walk(root):
        for fn in files:
            m = TESTCASE_FILE.match(fn)
            if m:
                rel = os.path.relpath(os.path.join(d, fn), root)
                cases[m.group("tc")].append(rel)
    langs = {tc: ("cpp" if any(p.endswith(".cpp") for p in ps) else "c") for tc, ps in cases.items()}
    selected = sorted(tc for tc in cases if lang == "all" or langs[tc] == lang)
    selected_set = set(selected)
    sources = {}

    def source(rel):
        if rel not in sources:
            sources[rel] = SourceFile(os.path.join(root, rel))
        return sources[rel]

    found, noisy, noisy_kind = defaultdict(list), defaultdict(list), defaultdict(set)
    counts = {"bad": 0, "good": 0, "neither": 0, "other": 0}
    for fd in rep["findings"]:
        if fd.get("suppressed") or not rule_matches(fd["rule_id"], rules):
            continue
        fn = os.path.basename(fd["path"])
        m = TESTCASE_FILE.match(fn)
        if not m or m.group("tc") not in cases:
            counts["other"] += 1               # testcasesupport/ and such
            continue
        tc = m.group("tc")
        if tc not in selected_set:
            continue                           # a test case of the other language
        sf = source(fd["path"])
        region = sf.region(fd["line"])
        counts[region or "neither"] += 1
        where = f'{fd["path"]}:{fd["line"]}: {fd["rule_id"]}: {fd["snippet"].strip()}'
        if region == "bad":
            found[tc].append(where)
        elif region == "good":
            noisy[tc].append(where)
            noisy_kind[tc].add(good_kind(sf.function_at(fd["line"] - 1)))
    nf = sum(1 for tc in selected if tc in found)
    nn = sum(1 for tc in selected if tc in noisy)
    kinds = {k: sum(1 for tc in selected if k in noisy_kind[tc]) for k in ("G2B", "B2G", "other")}
    return {
        "suite": name, "rules": rules, "lang": lang, "cases": len(selected),
        "found": nf, "noisy": nn, "noisy_by_kind": kinds, "findings": counts,
        "found_cases": {tc: found[tc] for tc in selected if tc in found},
        "noisy_cases": {tc: noisy[tc] for tc in selected if tc in noisy},
        "missed_cases": [tc for tc in selected if tc not in found],
        "files": {tc: sorted(cases[tc]) for tc in selected},
        "root": root,
    }


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def gate_result(res):
    g = GATES.get(res["suite"])
    if not g:
        return "", True
    if res["cases"] == 0:
        return "(no test cases)", True
    parts, ok = [], True
    fp, npct = pct(res["found"], res["cases"]), pct(res["noisy"], res["cases"])
    if g.get("found") is not None:
        parts.append(f'found>={g["found"]:g}%')
        ok &= fp >= g["found"]
    if g.get("noisy") is not None:
        parts.append(f'noisy<={g["noisy"]:g}%')
        ok &= npct <= g["noisy"]
    return " ".join(parts), ok


def check_regions(res):
    """Functions whose name class and preprocessor region disagree, in the suite's files."""
    bad = []
    for tc, paths in res["files"].items():
        for rel in paths:
            sf = SourceFile(os.path.join(res["root"], rel))
            for name, a, b in sf.funcs:
                pp = {sf.pp[i] for i in range(a, b + 1)}
                nc = name_class(name)
                if len(pp) != 1 or (nc and pp != {nc}) or (not nc and pp & {"bad", "good"}):
                    bad.append(f"{rel}:{a + 1}: {name}: name says {nc}, preprocessor says "
                               + "/".join(sorted(str(p) for p in pp)))
    return bad


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)     # | head
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("suites", nargs="+", metavar="SUITE=RULES=REPORT")
    ap.add_argument("--lang", choices=("c", "cpp", "all"), default="c",
                    help="test cases to count: C only (default, as the issue), C++ only, all")
    ap.add_argument("--gate", action="store_true", help="exit 1 when a suite misses its gate")
    ap.add_argument("--list", choices=("noisy", "missed", "found"), action="append", default=[])
    ap.add_argument("--check-regions", action="store_true",
                    help="list functions whose name and OMITBAD/OMITGOOD region disagree")
    ap.add_argument("--json", metavar="FILE", help="write the results as JSON")
    a = ap.parse_args()

    results = []
    for spec in a.suites:
        parts = spec.split("=", 2)
        if len(parts) != 3:
            ap.error(f"{spec}: expected SUITE=RULES=REPORT")
        name, rules, report = parts
        results.append(score_suite(name, [r for r in rules.split(",") if r], report, a.lang))

    print(f'{"suite":<9} {"lang":<4} {"cases":>5}  {"found":>14}  {"noisy":>14}  '
          f'{"noisy G2B/B2G/other":>19}  {"findings bad/good/other":>23}  {"gate":<22} result')
    failed = False
    for r in results:
        gate, ok = gate_result(r)
        failed |= not ok
        c = r["findings"]
        where = f'{c["bad"]}/{c["good"]}/{c["neither"]}'
        k = r["noisy_by_kind"]
        kinds = f'{k["G2B"]}/{k["B2G"]}/{k["other"]}'
        print(f'{r["suite"]:<9} {r["lang"]:<4} {r["cases"]:>5}  '
              f'{r["found"]:>5} ({pct(r["found"], r["cases"]):5.1f}%)  '
              f'{r["noisy"]:>5} ({pct(r["noisy"], r["cases"]):5.1f}%)  '
              f'{kinds:>19}  {where:>23}  {gate:<22} '
              f'{("pass" if r["cases"] else "n/a") if ok else "MISS"}')
    for r in results:
        for what in a.list:
            print(f'\n{r["suite"]}: {what} test cases')
            if not (r["missed_cases"] if what == "missed" else r[f"{what}_cases"]):
                print("  (none)")
            if what == "missed":
                for tc in r["missed_cases"]:
                    print(f'  {tc}: {" ".join(r["files"][tc])}')
            else:
                for tc, ws in r[f"{what}_cases"].items():
                    print(f"  {tc}: {ws[0]}" + (f" (+{len(ws) - 1})" if len(ws) > 1 else ""))
        if a.check_regions:
            dis = check_regions(r)
            print(f'\n{r["suite"]}: {len(dis)} functions where name and region disagree')
            for d in dis:
                print("  " + d)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump([{k: v for k, v in r.items() if k != "files"} for r in results], f, indent=1)
    return 1 if (a.gate and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
