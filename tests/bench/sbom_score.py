#!/usr/bin/env python3
"""sbom_score.py: `mamori sbom` on real firmware trees against what a careful human lists.

tests/bench/sbom/<tree>.tsv lists, for one tree of tests/bench/judged/trees.tsv, the components a
person reading the tree would put in the firmware's SBOM (header `name version where scope note`):

    name     the component ("owner/name" when it has an owner)
    version  the version the tree fixes (a tag, an exact version, a commit), empty when it fixes
             none (a range, a branch, a vendored copy that says nothing)
    where    the directory, file or file:line that states it
    scope    product  in the firmware          build  builds it (platform, toolchain, flasher)
             test     host tests, examples     tool   a tool beside the firmware (a web site)
             unused   listed in a configuration that no build uses
    note     why, in a few words

A row matches a component of the SBOM (its `components`; the tree's own components the SBOM
nests under the product are not third-party) when the names agree (case and punctuation
ignored; the owner too when both give one), or when the component's directory is the row's, or
one of its occurrences is the row's file:line. Each component matches one row at most; a row
takes a component of its version first.

Printed per tree and in all: the product and build rows and how many the SBOM lists (recall),
of those with a version how many it lists with that version (version recall), and the SBOM's
extra components, matching no row at all (test, tool and unused rows are neither counted nor
extra).

Usage: sbom_score.py [--trees DIR] [--mamori BIN] [--lists DIR] [--tree NAME]...
                     [--list missed|extra|wrong-version] [--json OUT]
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTED = ("product", "build")


def norm(s):
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def split_owner(name):
    if "/" in name:
        owner, _, n = name.rpartition("/")
        return owner, n
    return "", name


def purl_name(purl):
    if not purl:
        return "", ""
    p = purl.split("?")[0].split("#")[0]
    p = p.split("@")[0] if p.count("@") else p
    parts = p.split("/")
    if len(parts) >= 3:
        return parts[-2], parts[-1]
    return "", parts[-1]


def norm_version(v):
    v = (v or "").strip()
    if len(v) > 1 and v[0] in "vV" and v[1].isdigit():
        v = v[1:]
    return v.lower()


def same_version(a, b):
    a, b = norm_version(a), norm_version(b)
    if not a or not b:
        return False
    if a == b:
        return True
    hexa = re.fullmatch(r"[0-9a-f]{7,40}", a) and re.fullmatch(r"[0-9a-f]{7,40}", b)
    return bool(hexa) and (a.startswith(b) or b.startswith(a))


def components(doc):
    out = []
    for c in doc.get("components", []):
        props = {p["name"]: p["value"] for p in c.get("properties", [])}
        occ = [(o.get("location"), o.get("line"))
               for o in (c.get("evidence") or {}).get("occurrences", [])]
        loc = re.fullmatch(r"(.+):(\d+)", props.get("mamori:location", ""))
        if loc and not occ:  # an older mamori: its one location
            occ = [(loc.group(1), int(loc.group(2)))]
        out.append({"name": c.get("name", ""), "group": c.get("group", ""),
                    "version": c.get("version", ""), "purl": c.get("purl", ""),
                    "dir": props.get("mamori:directory", ""), "occ": occ,
                    "location": props.get("mamori:location", "")})
    return out


def identity(row, c):
    owner, name = split_owner(row["name"])
    pown, pname = purl_name(c["purl"])
    names = {norm(c["name"]), norm(pname)} - {""}
    if norm(name) in names or norm(row["name"]) in names:
        cown = c["group"] or pown
        return not (owner and cown and norm(owner) != norm(cown) and norm(owner) != norm(pown))
    where = row["where"]
    m = re.fullmatch(r"(.+):(\d+)", where)
    if m:
        return any(loc == m.group(1) and str(line) == m.group(2) for loc, line in c["occ"])
    return bool(c["dir"]) and c["dir"] == where


def score(rows, comps):
    used = [False] * len(comps)
    result = []
    for row in rows:
        cands = [i for i, c in enumerate(comps) if identity(row, c)]
        pick = None
        for want_version in (True, False):
            for i in cands:
                if used[i]:
                    continue
                if want_version and not (row["version"] and
                                         same_version(row["version"], comps[i]["version"])):
                    continue
                pick = i
                break
            if pick is not None:
                break
        if pick is None and cands:
            pick = cands[0]  # a second row of one component (two versions, one entry)
        if pick is not None:
            used[pick] = True
        result.append((row, comps[pick] if pick is not None else None))
    extra = [c for i, c in enumerate(comps) if not used[i]]
    return result, extra


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trees", default=os.environ.get("MAMORI_TREES", "/work/trees"))
    ap.add_argument("--mamori", default=os.path.join(HERE, "..", "..", "build", "mamori"))
    ap.add_argument("--lists", default=os.path.join(HERE, "sbom"))
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("--list", choices=("missed", "extra", "wrong-version"))
    ap.add_argument("--json")
    a = ap.parse_args()
    names = a.tree or sorted(f[:-4] for f in os.listdir(a.lists) if f.endswith(".tsv"))
    total = {"rows": 0, "found": 0, "versioned": 0, "version_ok": 0, "extra": 0}
    report = {}
    print("| tree | rows | listed | recall | with a version | right version | version recall | extra |")
    print("|---|---|---|---|---|---|---|---|")
    details = []
    for t in names:
        with open(os.path.join(a.lists, t + ".tsv"), newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        tree = os.path.join(a.trees, t)
        if not os.path.isdir(tree):
            sys.exit(f"sbom_score.py: no tree {tree} (tests/bench/trees.sh checks them out)")
        res = subprocess.run([a.mamori, "sbom", "--no-policy", tree], capture_output=True,
                             text=True)
        if res.returncode != 0:
            sys.exit(f"sbom_score.py: mamori sbom exited {res.returncode} on {tree}:\n{res.stderr}")
        comps = components(json.loads(res.stdout))
        matched, extra = score(rows, comps)
        counted = [(r, c) for r, c in matched if r["scope"] in COUNTED]
        n = len(counted)
        found = sum(1 for _, c in counted if c)
        vrows = [(r, c) for r, c in counted if r["version"]]
        vok = sum(1 for r, c in vrows if c and same_version(r["version"], c["version"]))
        pct = lambda x, y: f"{100.0 * x / y:.1f}%" if y else "-"
        print(f"| {t} | {n} | {found} | {pct(found, n)} | {len(vrows)} | {vok} | "
              f"{pct(vok, len(vrows))} | {len(extra)} |")
        for k, v in (("rows", n), ("found", found), ("versioned", len(vrows)),
                     ("version_ok", vok), ("extra", len(extra))):
            total[k] += v
        report[t] = {"rows": n, "found": found, "versioned": len(vrows), "version_ok": vok,
                     "extra": [c["name"] for c in extra],
                     "missed": [r["name"] for r, c in counted if not c]}
        for r, c in counted:
            if a.list == "missed" and not c:
                details.append(f"{t}: missed {r['name']} {r['version']} ({r['where']}): {r['note']}")
            if a.list == "wrong-version" and c and r["version"] and \
                    not same_version(r["version"], c["version"]):
                details.append(f"{t}: {r['name']} is {c['version'] or '(none)'} in the SBOM, "
                               f"{r['version']} in the tree ({r['where']})")
        if a.list == "extra":
            details += [f"{t}: extra {c['group'] + '/' if c['group'] else ''}{c['name']} "
                        f"{c['version']} ({c['location']})" for c in extra]
    pct = lambda x, y: f"{100.0 * x / y:.1f}%" if y else "-"
    print(f"| **all** | {total['rows']} | {total['found']} | {pct(total['found'], total['rows'])} "
          f"| {total['versioned']} | {total['version_ok']} | "
          f"{pct(total['version_ok'], total['versioned'])} | {total['extra']} |")
    if details:
        print()
        print("\n".join(details))
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"trees": report, "total": total}, fh, indent=1)


if __name__ == "__main__":
    main()
