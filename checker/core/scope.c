/* scope.c: the lines a partial scan judges. A history or --diff input hands each file the lines
 * its change adds (mm_file.scope); the scan parses only the top-level items that hold one, and
 * the input set keeps only findings on them. */
#include "core/scan.h"
#include "front/chunk.h"

const uint8_t *mm_scope_lines(mm_file *f)
{
    if (!f->scope_asked) {
        f->scope_asked = true;
        f->in_scope = f->scope ? f->scope(f) : NULL;
    }
    return f->in_scope;
}

bool mm_scope_has_lines(mm_file *f, const uint8_t *m, unsigned first, unsigned last)
{
    unsigned line, col;
    mm_file_pos(f, (uint32_t)f->len, &line, &col); /* the number of lines */
    if (last > line)
        last = line;
    for (unsigned l = first ? first : 1; l <= last; l++) {
        if (m[l - 1])
            return true;
    }
    return false;
}

static bool region_in_scope(mm_file *f, const uint8_t *m, uint32_t start, uint32_t end)
{
    unsigned l1, l2, col;
    mm_file_pos(f, start, &l1, &col);
    mm_file_pos(f, end > start ? end - 1 : start, &l2, &col);
    return mm_scope_has_lines(f, m, l1, l2);
}

void mm_scope_trim_hits(mm_file *f)
{
    if (f->kind != MM_KIND_C && f->kind != MM_KIND_CPP)
        return;
    bool any = false;
    for (size_t i = 0; i < f->nhits && !any; i++)
        any = f->hits[i].rule && (f->hits[i].rule->needs & MM_NEED_CFACTS);
    if (!any)
        return; /* no parse to save: the earlier versions are read only if something is found */
    const uint8_t *m = mm_scope_lines(f);
    if (!m)
        return;
    size_t until = 0;
    for (size_t i = 0; i < f->nhits; i++) {
        if (f->hits[i].rule && (f->hits[i].rule->needs & MM_NEED_CFACTS) && f->hits[i].end > until)
            until = f->hits[i].end;
    }
    /* no chunk past the one holding the last line in scope has one: the lexer stops there (the
     * hits after it fall in the unlexed rest, which holds no line in scope either) */
    unsigned nlines, col;
    mm_file_pos(f, (uint32_t)f->len, &nlines, &col);
    unsigned last = nlines;
    while (last > 0 && !m[last - 1])
        last--;
    uint32_t last_end = last ? mm_file_line_end(f, last) : 0;
    if (last_end < until)
        until = last_end;
    const mm_chunks *chp = mm_chunks_of(f, until);
    const mm_chunks ch = *chp;
    uint8_t *chunk_in = mm_arena_calloc(f->arena, ch.n ? ch.n : 1, 1); /* 0 ?, 1 in, 2 out */
    int whole = -1;
    size_t k = 0;
    for (size_t i = 0; i < f->nhits; i++) {
        const mm_hit *h = &f->hits[i];
        bool keep = true;
        if (h->rule && (h->rule->needs & MM_NEED_CFACTS)) {
            if (ch.whole) {
                if (whole < 0)
                    whole = region_in_scope(f, m, 0, (uint32_t)f->len);
                keep = whole;
            } else {
                size_t idx = mm_chunks_index(&ch, h->end ? h->end - 1 : 0);
                if (!chunk_in[idx])
                    chunk_in[idx] =
                        region_in_scope(f, m, ch.starts[idx], mm_chunks_end(&ch, idx)) ? 1 : 2;
                keep = chunk_in[idx] == 1;
            }
        }
        if (keep)
            f->hits[k++] = *h;
    }
    f->nhits = k;
}
