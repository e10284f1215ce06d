#!/usr/bin/env python3
"""check.py: every image-writing path of public firmware trees, judged by hand, against a scan.

tests/bench/ota/<tree>.tsv lists, for the trees of tests/bench/judged/trees.tsv, each place an
image is written (and each route or library endpoint that serves an upload) with the finding the
update-path rules should make there:

    repo  commit  path  line  rule  verdict  reason

    tp     the rule reports this place, and rightly (an unsigned path, an open endpoint)
    quiet  the rule stays quiet here, and rightly (a signature is checked, or nothing boots it)
    fp     the rule reports it, wrongly (kept so that a fix shows)
    fn     the rule misses it (kept so that a fix shows)

The script scans each tree (mamori scan --category update-integrity) and compares the findings
of the rules these tables judge with the rows: a tp row not reported is LOST, a quiet row
reported is WRONG, a finding with no row is UNJUDGED (read the code, add a row). fp and fn rows
that changed are listed as news. Exits 1 when anything is lost, wrong or unjudged.

Usage: check.py [--trees DIR] [--mamori BIN] [--tree NAME]... [--list]
"""
import argparse
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = ("update-unverified-image", "update-unauthenticated-endpoint",
         "update-arduinoota-no-password", "update-web-updater-no-password",
         "update-md5-as-authenticity")


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trees", default=os.environ.get("MAMORI_TREES", "/work/trees"))
    ap.add_argument("--mamori", default=os.path.join(HERE, "..", "..", "..", "build", "mamori"))
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("--list", action="store_true", help="print every row's outcome")
    a = ap.parse_args()

    trees = read_tsv(os.path.join(HERE, "..", "judged", "trees.tsv"))
    total = {"tp": 0, "quiet": 0, "fp": 0, "fn": 0, "lost": 0, "wrong": 0, "unjudged": 0,
             "news": 0}
    problems = []
    print("| tree | rows | tp reported | quiet kept | fp | fn | lost | wrong | unjudged |")
    print("|---|---|---|---|---|---|---|---|---|")
    for t in trees:
        name = t["name"]
        table = os.path.join(HERE, f"{name}.tsv")
        if a.tree and name not in a.tree or not os.path.exists(table):
            continue
        tree_dir = os.path.join(a.trees, name)
        if not os.path.isdir(tree_dir):
            print(f"check.py: {name}: no checkout at {tree_dir}; skipped", file=sys.stderr)
            continue
        rows = read_tsv(table)
        res = subprocess.run([a.mamori, "scan", "--no-cache", "--fail-on", "never", "--format",
                              "json", "--category", "update-integrity", tree_dir],
                             capture_output=True, text=True)
        if res.returncode not in (0, 1):
            sys.exit(f"check.py: mamori exited {res.returncode} on {name}:\n{res.stderr}")
        found = {(f["path"], int(f["line"]), f["rule_id"]): f
                 for f in json.loads(res.stdout)["findings"] if f["rule_id"] in RULES}
        c = {k: 0 for k in total}
        judged = set()
        for r in rows:
            key = (r["path"], int(r["line"]), r["rule"])
            judged.add(key)
            v = r["verdict"]
            c[v] += 1
            hit = key in found
            if v == "tp" and not hit:
                c["lost"] += 1
                problems.append(f"LOST  {name}/{r['path']}:{r['line']} [{r['rule']}]: {r['reason']}")
            elif v == "quiet" and hit:
                c["wrong"] += 1
                problems.append(f"WRONG {name}/{r['path']}:{r['line']} [{r['rule']}]: "
                                f"{found[key]['message']}")
            elif (v == "fp" and not hit) or (v == "fn" and hit):
                c["news"] += 1
                print(f"news: {name}/{r['path']}:{r['line']} [{r['rule']}] was {v}, now "
                      f"{'reported' if hit else 'quiet'}", file=sys.stderr)
            if a.list:
                print(f"  {v:5} {'reported' if hit else 'quiet':8} {name}/{r['path']}:{r['line']} "
                      f"[{r['rule']}]", file=sys.stderr)
        for key, f in sorted(found.items()):
            if key not in judged:
                c["unjudged"] += 1
                problems.append(f"UNJUDGED {name}/{key[0]}:{key[1]} [{key[2]}]: {f['message']}")
        for k in total:
            total[k] += c[k]
        print(f"| {name} | {len(rows)} | {c['tp'] - c['lost']}/{c['tp']} | "
              f"{c['quiet'] - c['wrong']}/{c['quiet']} | {c['fp']} | {c['fn']} | {c['lost']} | "
              f"{c['wrong']} | {c['unjudged']} |")
    print(f"| **all** | {sum(total[k] for k in ('tp', 'quiet', 'fp', 'fn'))} | "
          f"{total['tp'] - total['lost']}/{total['tp']} | {total['quiet'] - total['wrong']}/"
          f"{total['quiet']} | {total['fp']} | {total['fn']} | {total['lost']} | {total['wrong']} "
          f"| {total['unjudged']} |")
    for p in problems:
        print(p)
    return 1 if total["lost"] or total["wrong"] or total["unjudged"] else 0


if __name__ == "__main__":
    sys.exit(main())
