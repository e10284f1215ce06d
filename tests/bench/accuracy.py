#!/usr/bin/env python3
"""accuracy.py: mamori's findings on real firmware trees, scored against findings judged by hand.

The judged samples live in tests/bench/judged/: trees.tsv names each tree (repository, commit,
ecosystem, where its product code is) and <tree>.tsv holds the judged rows, one per finding
(or per miss) with the header

    repo  commit  path  line  rule  severity  verdict  reason

where verdict is one of
    tp          a real problem in shipping code: the maintainer would act on it
    fp          wrong: the fact is false, or the code is safe
    nonproduct  true, but about code that does not ship (example, test, host tool, simulator,
                vendored third-party code, another target's package)
    dup         the same problem already reported elsewhere
    fn          a problem mamori should report and did not (rule: the rule that should fire,
                or a short class name when no rule exists)

The trees themselves are not in the repository: check each out at its commit under one
directory (--trees, default $MAMORI_TREES or /work/trees) — tests/bench/README.md says how.
This script scans every tree with the mamori under test and prints, per tree and per category:

    E+W       findings that are errors or warnings now (what fails a build or annotates a PR)
    judged    of those, how many have a judged row (same path, line and rule)
    precision tp / judged among them
    unjudged  E+W findings with no judged row: to be judged by hand (--list unjudged)
    tp lost   judged tp rows that are no longer an error or warning (a note, or gone)
    fn found  fn rows now reported (same path and rule, within 3 lines)
    notes     judged rows that are notes now, by verdict (what demoting made quiet)

Usage: accuracy.py [--trees DIR] [--mamori BIN] [--judged DIR] [--tree NAME]...
                   [--category CAT]... [--list unjudged|fp|lost|missed|found] [--json OUT]
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = ("tp", "fp", "nonproduct", "dup")
PREFIXES = [("cred-", "credentials"), ("debug-", "debug-interface"),
            ("unsafe-", "unsafe-function"), ("update-", "update-integrity"),
            ("crypto-", "crypto"), ("component-", "component"), ("policy-", "policy")]


def category_of(rule):
    for prefix, cat in PREFIXES:
        if rule.startswith(prefix):
            return cat
    return "other"


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def scan(mamori, tree_dir):
    res = subprocess.run([mamori, "scan", "--no-cache", "--fail-on", "never", "--format", "json",
                          tree_dir], capture_output=True, text=True)
    if res.returncode not in (0, 1):
        sys.exit(f"accuracy.py: mamori exited {res.returncode} on {tree_dir}:\n{res.stderr}")
    return json.loads(res.stdout)


def head_commit(tree_dir):
    res = subprocess.run(["git", "-C", tree_dir, "rev-parse", "HEAD"], capture_output=True,
                         text=True)
    return res.stdout.strip() if res.returncode == 0 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trees", default=os.environ.get("MAMORI_TREES", "/work/trees"))
    ap.add_argument("--mamori", default=os.path.join(HERE, "..", "..", "build", "mamori"))
    ap.add_argument("--judged", default=os.path.join(HERE, "judged"))
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("--category", action="append", default=[])
    ap.add_argument("--list", choices=["unjudged", "fp", "lost", "missed", "found"])
    ap.add_argument("--json", help="write the numbers as JSON to this file")
    a = ap.parse_args()

    trees = read_tsv(os.path.join(a.judged, "trees.tsv"))
    if a.tree:
        trees = [t for t in trees if t["name"] in a.tree]
    cats = set(a.category)
    total = collections.Counter()
    by_cat = collections.defaultdict(collections.Counter)
    rows_out = []
    listing = []
    for t in trees:
        name = t["name"]
        tree_dir = os.path.join(a.trees, name)
        jpath = os.path.join(a.judged, f"{name}.tsv")
        if not os.path.isdir(tree_dir) or not os.path.exists(jpath):
            print(f"accuracy.py: {name}: no checkout at {tree_dir} or no {jpath}; skipped",
                  file=sys.stderr)
            continue
        head = head_commit(tree_dir)
        if head and head != t["commit"]:
            print(f"accuracy.py: {name}: checkout is at {head[:12]}, judged at "
                  f"{t['commit'][:12]}: rows may not match", file=sys.stderr)
        judged = [r for r in read_tsv(jpath) if not cats or category_of(r["rule"]) in cats]
        report = scan(a.mamori, tree_dir)
        findings = [f for f in report["findings"]
                    if not f.get("suppressed") and (not cats or category_of(f["rule_id"]) in cats)]
        now = {}
        for f in findings:
            now.setdefault((f["path"], int(f["line"]), f["rule_id"]), f)
        by_place = collections.defaultdict(list)
        for f in findings:
            by_place[(f["path"], f["rule_id"])].append(f)
        verdict_of = {}
        for r in judged:
            if r["verdict"] in VERDICTS:
                verdict_of[(r["path"], int(r["line"]), r["rule"])] = r
        c = collections.Counter()
        for key, f in now.items():
            cat = category_of(f["rule_id"])
            ew = f["severity"] in ("error", "warning")
            r = verdict_of.get(key)
            if ew:
                c["ew"] += 1
                by_cat[cat]["ew"] += 1
                if r:
                    c["judged"] += 1
                    c[r["verdict"]] += 1
                    by_cat[cat]["judged"] += 1
                    by_cat[cat][r["verdict"]] += 1
                    if r["verdict"] == "fp" and a.list == "fp":
                        listing.append((name, f, r["reason"]))
                else:
                    c["unjudged"] += 1
                    by_cat[cat]["unjudged"] += 1
                    if a.list == "unjudged":
                        listing.append((name, f, ""))
            elif r:
                c["note_" + r["verdict"]] += 1
                by_cat[cat]["note_" + r["verdict"]] += 1
        for key, r in verdict_of.items():
            f = now.get(key)
            if r["verdict"] == "tp" and (not f or f["severity"] not in ("error", "warning")):
                c["tp_lost"] += 1
                by_cat[category_of(r["rule"])]["tp_lost"] += 1
                if a.list == "lost":
                    listing.append((name, {"path": r["path"], "line": r["line"],
                                           "rule_id": r["rule"],
                                           "severity": f["severity"] if f else "gone",
                                           "message": ""}, r["reason"]))
        for r in judged:
            if r["verdict"] != "fn":
                continue
            c["fn"] += 1
            cat = category_of(r["rule"])
            by_cat[cat]["fn"] += 1
            line = int(r["line"])
            hit = [f for f in by_place.get((r["path"], r["rule"]), [])
                   if abs(int(f["line"]) - line) <= 3]
            if hit:
                c["fn_found"] += 1
                by_cat[cat]["fn_found"] += 1
            if (a.list == "missed" and not hit) or (a.list == "found" and hit):
                listing.append((name, {"path": r["path"], "line": r["line"], "rule_id": r["rule"],
                                       "severity": "fn", "message": ""}, r["reason"]))
        total.update(c)
        rows_out.append((name, c))

    def prec(c):
        return f"{c['tp'] / c['judged']:.1%}" if c["judged"] else "-"

    def notes(c):
        parts = [f"{v} {c['note_' + v]}" for v in VERDICTS if c["note_" + v]]
        return ", ".join(parts) if parts else "-"

    head = ("| tree | E+W | judged | tp | fp | nonproduct | dup | precision | unjudged | tp lost "
            "| fn found | notes (judged rows now notes) |")
    sep = "|" + "---|" * 12
    print(head)
    print(sep)
    for name, c in rows_out + [("**all**", total)]:
        print(f"| {name} | {c['ew']} | {c['judged']} | {c['tp']} | {c['fp']} | {c['nonproduct']} "
              f"| {c['dup']} | {prec(c)} | {c['unjudged']} | {c['tp_lost']} "
              f"| {c['fn_found']}/{c['fn']} | {notes(c)} |")
    print()
    print("| category | E+W | judged | tp | precision | unjudged | tp lost | fn found |")
    print("|" + "---|" * 8)
    for cat in sorted(by_cat):
        c = by_cat[cat]
        print(f"| {cat} | {c['ew']} | {c['judged']} | {c['tp']} | {prec(c)} | {c['unjudged']} "
              f"| {c['tp_lost']} | {c['fn_found']}/{c['fn']} |")
    if listing:
        print()
        for name, f, reason in listing:
            extra = f"  [{reason}]" if reason else ""
            print(f"{name}/{f['path']}:{f['line']}: {f['severity']}: {f['message']} "
                  f"[{f['rule_id']}]{extra}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump({"trees": {n: dict(c) for n, c in rows_out}, "all": dict(total),
                       "categories": {k: dict(v) for k, v in by_cat.items()}}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
