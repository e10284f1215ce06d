#!/usr/bin/env python3
"""perfstages.py: sorts the samples of `perf script -F tid,ip,sym,dso` (a `perf record -g` of
one `mamori scan`) into the stages of mamori's pipeline, so a profile answers "where does scan
time go" in the pipeline's own terms rather than as a list of symbols.

Each sample is given to the innermost frame of its call chain that names a stage (user frames
first; a chain that ends in a system call without a usable user part goes by the system
call). Prints CPU seconds and shares per stage, and the top self-time symbols.

usage: perf script -F pid,tid,ip,sym,dso -i perf.data | perfstages.py FREQ
  FREQ  the sampling frequency given to perf record -F (each sample is 1/FREQ s of CPU)
The main thread (tid = pid: discovery, rule compilation, merge, report) is shown apart from
the workers.
"""
import collections
import re
import sys

# (stage, symbol regex), tried from the innermost frame outwards; the first hit wins
USER_STAGES = [
    ("prefilter: compile triggers (vectorscan)", r"^hs_compile|^ue2::|^hs_alloc_scratch"),
    ("prefilter: scan (vectorscan)", r"hs_scan$|^(avx2|avx512|core2|corei7)_"),
    ("prefilter: hit positions (line table)", r"^(line_too_long|build_lines|mm_file_pos|mm_file_line_start|mm_file_line_end|cmp_hit|on_match)\b"),
    ("suppressions", r"^parse_suppression\b"),
    ("chunking (top-level items)", r"^mm_chunks_"),
    ("tree-sitter parse", r"^ts_parser_parse|^ts_tree_delete|^ts_parser_reset|^ts_lex$|^set_contains$"),
    ("facts (tree walk)", r"^(walk|handle_\w+|value_context|parse_range|parse_macros|mm_cfront_run|expr_names|text_of|add_local|string_value|fill_arg|enclosing_func_name|callee_of_call|declarator_ident|push_def)\b|^ts_node_|^ts_tree_cursor_"),
    ("matchers and checks", r"^mm_match_|^mm_check|^chk_|^mm_valfilter|^mm_regex|^pcre2_|^mm_analyzer|_run$"),
    ("finalize (snippets, fingerprints)", r"^mm_scan_finalize_file|^mm_file_result_take|^mm_redact"),
    ("read files", r"^mm_read_file\b"),
    ("classify, project probe", r"^(classify|mm_project_probe)\b"),
    ("resolve, merge, policy", r"^mm_scan_merge|^mm_resolve|^mm_policy|^resolve_"),
    ("input discovery", r"^(mm_inputs_collect|walk_dir|load_index|add_file|note_symlink)\b|^git_"),
    ("report", r"^mm_report|^report_|^mm_reporters"),
    ("rule loading", r"^mm_rule_load|^mm_ruleset_add|^mm_cli_load_rules|^cJSON"),
    ("start-up (dynamic loader)", r"^_dl_|^dl_main|^_start$|^do_lookup_x$"),
    ("finalize (snippets, fingerprints)", r"^mbedtls_sha256|^mm_sha256"),
    ("start-up (libgit2 loads the CA bundle)", r"^mbedtls_(x509|pem|base64|ct_base64)"),
    ("per-file dispatch", r"^(mm_scan_file|process_input|worker_main)$"),
    ("malloc/free (caller not unwound)", r"malloc|^_int_free|^__GI___libc_free|^cfree|^tcache_|^unlink_chunk"),
    ("libc strings/stdio (caller not unwound)", r"^__(str|mem)\w*_(avx|sse|evex)|^__GI__IO_|^__vfprintf|^msort"),
]
KERNEL_STAGES = [
    ("read files", r"^ksys_read$|^vfs_read$"),
    ("read files: open/close", r"^do_sys_openat2$|^__x64_sys_close|^__fput|^fput"),
    ("input discovery", r"^__do_sys_newfstatat$|^vfs_fstatat$|^__x64_sys_getdents|^iterate_dir"),
    ("memory (page faults, mmap)", r"^asm_exc_page_fault$|^exc_page_fault$|^__x64_sys_(mmap|munmap|brk|madvise)|^vm_mmap"),
    ("threads", r"^futex|^__x64_sys_futex|^__x64_sys_clone|^do_exit"),
]
USER_RE = [(s, re.compile(r)) for s, r in USER_STAGES]
KERNEL_RE = [(s, re.compile(r)) for s, r in KERNEL_STAGES]
FRAME = re.compile(r"^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$")


def classify(frames):
    for sym, dso in frames:
        if dso.startswith("[kernel"):
            continue
        for stage, rx in USER_RE:
            if rx.search(sym):
                return stage
    for sym, dso in frames:
        if dso.startswith("[kernel"):
            for stage, rx in KERNEL_RE:
                if rx.search(sym):
                    return stage
    if frames and frames[0][1].startswith("[kernel"):
        return "other (kernel)"
    return "other"


def main():
    freq = float(sys.argv[1])
    stages = collections.Counter()
    by_thread = collections.Counter()
    selfsym = collections.Counter()
    total = 0
    tid, frames = None, []

    def flush():
        nonlocal total
        if tid is None:
            return
        total += 1
        st = classify([(re.sub(r" \(inlined\)$", "", s), d) for s, d in frames])
        pid, _, thread = tid.partition("/")
        who = "main" if thread in ("", pid) else "workers"
        stages[st] += 1
        by_thread[(who, st)] += 1
        if frames:
            selfsym[frames[0][0] + "  [" + frames[0][1].rsplit("/", 1)[-1] + "]"] += 1

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if not line.startswith("\t"):  # a sample's header ("  pid/tid"); frames are indented with a tab
            flush()
            tid, frames = line.split()[0], []
            continue
        m = FRAME.match(line)
        if m:
            frames.append((m.group(2), m.group(3)))
    flush()
    if not total:
        sys.exit("perfstages: no samples")
    print(f"{total} samples at {freq:.0f} Hz = {total / freq:.2f} CPU seconds "
          "(all threads; main = discovery, compile, merge, report)")
    print()
    print(f"{'stage':44} {'CPU s':>7} {'share':>6}   {'main':>6} {'workers':>7}")
    for st, n in stages.most_common():
        print(f"{st:44} {n / freq:7.3f} {100 * n / total:5.1f}%   "
              f"{by_thread[('main', st)] / freq:6.3f} {by_thread[('workers', st)] / freq:7.3f}")
    print()
    print("top symbols by self time:")
    for sym, n in selfsym.most_common(15):
        print(f"  {100 * n / total:5.1f}%  {sym}")


if __name__ == "__main__":
    main()
