#!/usr/bin/env python3
"""check.py REPO: the Japanese catalogs are complete and faithful (CTest i18n/catalogs).

- every rule (rules/<category>/<id>.json) has a Japanese title and message, and a Japanese help
  unless i18n/ja/help-todo.txt names it (a ratchet: a rule named there whose help is
  translated fails too, so the list only shrinks), and every standards title is translated;
- a msgstr is never the English msgid copied;
- every {placeholder} of a msgid is in its msgstr and the msgstr has no other;
- a help's fenced code blocks are the English ones, unchanged (code is not translated);
- the glossary's checked terms (i18n/glossary.tsv, column 3 "check") are used: a msgid with the
  English term has the Japanese one in its msgstr;
- the catalogs are up to date: every msgid of the rules and standards is in mamori-rules.po and
  every msgid of mamori.pot is in mamori.po (run i18n/update.sh after changing either);
- every standards id a rule maps to is listed in checker/data/standards.json.
msgfmt --check-format (run by the build) checks the C format strings of mamori.po."""
import json
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
sys.path.insert(0, os.path.join(root, "i18n"))
import rules_pot  # noqa: E402

problems = []


def parse_po(path):
    """msgid -> msgstr (fuzzy entries count as untranslated)"""
    out = {}
    text = open(path, encoding="utf-8").read()
    for block in text.split("\n\n"):
        if "#, fuzzy" in block:
            fuzzy = True
        else:
            fuzzy = False
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if not m:
            continue

        def unq(s):
            return "".join(json.loads(x.replace("\\'", "'")) if False else
                           bytes(x[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                           for x in re.findall(r'"(?:[^"\\]|\\.)*"', s))
        msgid, msgstr = unq(m.group(1)), unq(m.group(2))
        if msgid:
            out[msgid] = "" if fuzzy else msgstr
    return out


def placeholders(s):
    return sorted(set(re.findall(r"\{[a-z0-9_]+\}", s)))


def code_blocks(s):
    return re.findall(r"```.*?```", s, re.S)


po = parse_po(os.path.join(root, "i18n", "ja", "mamori-rules.po"))
todo_path = os.path.join(root, "i18n", "ja", "help-todo.txt")
todo = set()
if os.path.exists(todo_path):
    todo = {l.strip() for l in open(todo_path, encoding="utf-8") if l.strip() and not l.startswith("#")}

glossary = []
for line in open(os.path.join(root, "i18n", "glossary.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    cols = line.rstrip("\n").split("\t")
    if len(cols) >= 3 and cols[2] == "check":
        glossary.append((cols[0], cols[1]))

rules = 0
helps_done = 0
seen_ids = set()
all_entries = list(rules_pot.entries(root))
rule_ids = {c.split(" ")[0] for _, _, c in all_entries if c.endswith(" title")}
for msgid, ref, ctx in all_entries:
    seen_ids.add(msgid)
    parts = ctx.split(" ")
    is_rule = len(parts) == 2 and parts[1] in ("title", "message", "help")
    if is_rule and parts[1] == "title":
        rules += 1
    if msgid not in po:
        problems.append(f"{ref}: not in i18n/ja/mamori-rules.po (run i18n/update.sh)")
        continue
    t = po[msgid]
    if is_rule and parts[1] == "help":
        if parts[0] in todo:
            if t:
                problems.append(f"{ref}: translated, so remove {parts[0]} from i18n/ja/help-todo.txt")
            continue
        if t:
            helps_done += 1
    if not t:
        problems.append(f"{ref}: no Japanese text ({ctx})")
        continue
    if t == msgid and re.search(r"[A-Za-z]{3}", re.sub(r"\{[a-z0-9_]+\}", "", msgid)):
        problems.append(f"{ref}: the Japanese text is the English one copied ({ctx})")
    if placeholders(t) != placeholders(msgid):
        problems.append(f"{ref}: placeholders {placeholders(t)} in Japanese, {placeholders(msgid)} in English ({ctx})")
    if code_blocks(t) != code_blocks(msgid):
        problems.append(f"{ref}: the code blocks differ from the English ones ({ctx})")
    plain = re.sub(r"```.*?```", "", msgid, flags=re.S)
    plain = re.sub(r"`[^`]*`", "", plain)
    for en, ja in glossary:
        if re.search(r"\b" + re.escape(en) + r"\b", plain, re.I) and ja not in t:
            problems.append(f"{ref}: glossary: \"{en}\" is \"{ja}\", not used ({ctx})")
for rid in sorted(todo):
    if rid not in rule_ids:
        problems.append(f"i18n/ja/help-todo.txt: {rid} is no rule")

# the program's own catalog is complete
pot = parse_po(os.path.join(root, "i18n", "mamori.pot"))
cli = parse_po(os.path.join(root, "i18n", "ja", "mamori.po"))
for msgid in pot:
    if msgid not in cli:
        problems.append(f"i18n/ja/mamori.po: {msgid[:60]!r} missing (run i18n/update.sh)")
    elif not cli[msgid]:
        problems.append(f"i18n/ja/mamori.po: {msgid[:60]!r} not translated")

# the standards ids rules use are in the data
std = json.load(open(os.path.join(root, "checker", "data", "standards.json"), encoding="utf-8"))
known = {f: {it["id"] for it in std[f]} for f in ("etsi", "jcstar", "cra")}
known_m = {m["id"] for m in std["measures"]}
import glob  # noqa: E402
for path in sorted(glob.glob(os.path.join(root, "rules", "*", "*.json"))):
    if path.endswith(".schema.json"):
        continue
    r = json.load(open(path, encoding="utf-8"))
    st = r.get("standards", {})
    for m in st.get("meti", []):
        if m not in known_m:
            problems.append(f"{path}: METI measure {m} is not in checker/data/standards.json")
    for fam in ("etsi", "jcstar", "cra"):
        for pid in st.get(fam, []):
            if pid not in known[fam]:
                problems.append(f"{path}: {fam} {pid} is not in checker/data/standards.json")

for p in problems:
    print(p)
print(f"i18n: {rules} rules: Japanese titles and messages {rules}, helps {helps_done} "
      f"({len(todo)} listed in i18n/ja/help-todo.txt); {len(problems)} problems")
sys.exit(1 if problems else 0)
