/* linefront.c: small parsers for the line formats of a root filesystem. Colon records are split
 * at every ':'. Commands come from a shell tokenizer that knows quoting, comments, line
 * continuations, here-documents, `case` patterns, function headers and redirections, so that
 * `echo "starting telnetd"`, `# telnetd -l /bin/sh` and the body of `cat <<EOF` are not commands;
 * inittab's process field and a systemd unit's Exec*= lines go through the same tokenizer.
 * UCI files are read as `config TYPE [NAME]` sections with `option`/`list` lines. */
#include "front/linefront.h"

#include <stdlib.h>
#include <string.h>

static mm_linefacts *facts_of(mm_file *f)
{
    if (!f->lf)
        f->lf = mm_arena_calloc(f->arena, 1, sizeof *f->lf);
    return f->lf;
}

static bool blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* --- colon records ------------------------------------------------------------------------------ */

void mm_records_run(mm_file *f)
{
    mm_linefacts *lf = facts_of(f);
    MM_VEC(mm_record) recs = {0};
    const char *d = f->data;
    size_t i = 0, n = f->len;
    unsigned line = 0;
    while (i < n) {
        line++;
        size_t s = i, e = i;
        while (e < n && d[e] != '\n')
            e++;
        i = e < n ? e + 1 : e;
        size_t le = e;
        if (le > s && d[le - 1] == '\r')
            le--;
        size_t k = s;
        while (k < le && blank_char(d[k]))
            k++;
        if (k == le || d[k] == '#')
            continue;
        uint32_t nf = 1;
        for (size_t j = s; j < le; j++)
            nf += d[j] == ':';
        mm_record r = {line, {(uint32_t)s, (uint32_t)le}, NULL, nf};
        r.fields = mm_arena_alloc(f->arena, nf * sizeof *r.fields);
        uint32_t fi = 0;
        size_t fs = s;
        for (size_t j = s; j <= le; j++) {
            if (j == le || d[j] == ':') {
                r.fields[fi++] = (mm_span){(uint32_t)fs, (uint32_t)j};
                fs = j + 1;
            }
        }
        mm_vec_push(&recs, r);
    }
    lf->has_records = true;
    lf->nrecords = (uint32_t)recs.n;
    if (recs.n) {
        lf->records = mm_arena_alloc(f->arena, recs.n * sizeof *recs.v);
        memcpy(lf->records, recs.v, recs.n * sizeof *recs.v);
    }
    mm_vec_free(&recs);
}

/* --- shell commands ------------------------------------------------------------------------------- */

typedef struct word {
    char *text;       /* unquoted */
    uint32_t start, end;
    const char *var;  /* the word is exactly $NAME or ${NAME} (quoted or not): NAME */
    bool quoted_var;  /* ... inside double quotes: one word after substitution */
    bool had_quotes;
} word;

typedef MM_VEC(word) wordvec;
typedef MM_VEC(mm_command) cmdvec;

typedef struct var {
    const char *name, *value;
} var;

typedef enum {
    T_END = 0,
    T_WORD,
    T_NL,       /* newline or ';' */
    T_AND_OR,   /* && || */
    T_PIPE,     /* | */
    T_AMP,      /* & */
    T_LPAREN,
    T_RPAREN,
    T_DSEMI,    /* ;; */
} tok_kind;

typedef struct heredoc {
    char *delim;
    bool strip_tabs;
} heredoc;

typedef struct lexer {
    mm_arena *a;
    const char *s;
    size_t i, end;
    MM_VEC(heredoc) pending;
    MM_VEC(var) vars;
    cmdvec out;
} lexer;

static bool op_char(char c)
{
    return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' ||
           c == '\n';
}

/* Skips here-document bodies that start after the newline just consumed. */
static void skip_heredocs(lexer *lx)
{
    for (size_t h = 0; h < lx->pending.n; h++) {
        const heredoc *hd = &lx->pending.v[h];
        size_t dl = strlen(hd->delim);
        while (lx->i < lx->end) {
            size_t s = lx->i, e = s;
            while (e < lx->end && lx->s[e] != '\n')
                e++;
            lx->i = e < lx->end ? e + 1 : e;
            if (hd->strip_tabs)
                while (s < e && lx->s[s] == '\t')
                    s++;
            size_t le = e;
            if (le > s && lx->s[le - 1] == '\r')
                le--;
            if (le - s == dl && !memcmp(lx->s + s, hd->delim, dl))
                break;
        }
        free(hd->delim);
    }
    lx->pending.n = 0;
}

static bool name_char(char c, bool first)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
           (!first && c >= '0' && c <= '9');
}

/* Reads one word at lx->i; the caller knows it does not start with an operator or blank. */
static void read_word(lexer *lx, word *w)
{
    mm_buf b = {0};
    const char *s = lx->s;
    size_t i = lx->i, end = lx->end;
    w->start = (uint32_t)i;
    w->var = NULL;
    w->quoted_var = false;
    w->had_quotes = false;
    /* $NAME, ${NAME}, "$NAME", "${NAME}" alone */
    {
        size_t k = i;
        bool q = k < end && s[k] == '"';
        if (q)
            k++;
        if (k + 1 < end && s[k] == '$') {
            k++;
            bool brace = s[k] == '{';
            if (brace)
                k++;
            size_t ns = k;
            while (k < end && name_char(s[k], k == ns))
                k++;
            size_t ne = k;
            if (ne > ns && (!brace || (k < end && s[k] == '}'))) {
                if (brace)
                    k++;
                if (q && k < end && s[k] == '"')
                    k++;
                else if (q)
                    k = 0;
                if (k && (k == end || blank_char(s[k]) || op_char(s[k]))) {
                    w->var = mm_arena_strndup(lx->a, s + ns, ne - ns);
                    w->quoted_var = q;
                }
            }
        }
    }
    while (i < end) {
        char c = s[i];
        if (blank_char(c) || op_char(c))
            break;
        if (c == '\\') {
            if (i + 1 < end && s[i + 1] == '\n') {
                i += 2;
                continue;
            }
            if (i + 1 < end)
                mm_buf_putc(&b, s[i + 1]);
            i += 2;
            continue;
        }
        if (c == '\'') {
            w->had_quotes = true;
            i++;
            while (i < end && s[i] != '\'')
                mm_buf_putc(&b, s[i++]);
            i++;
            continue;
        }
        if (c == '"') {
            w->had_quotes = true;
            i++;
            while (i < end && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < end &&
                    (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`')) {
                    mm_buf_putc(&b, s[i + 1]);
                    i += 2;
                    continue;
                }
                if (s[i] == '\\' && i + 1 < end && s[i + 1] == '\n') {
                    i += 2;
                    continue;
                }
                mm_buf_putc(&b, s[i++]);
            }
            i++;
            continue;
        }
        if (c == '$' && i + 1 < end && s[i + 1] == '(') {
            /* $( ... ) and $(( ... )): kept as text, nesting counted */
            int depth = 0;
            while (i < end) {
                if (s[i] == '(')
                    depth++;
                else if (s[i] == ')' && --depth == 0) {
                    mm_buf_putc(&b, s[i++]);
                    break;
                } else if (s[i] == '\n' && depth > 64)
                    break;
                mm_buf_putc(&b, s[i++]);
            }
            continue;
        }
        if (c == '`') {
            mm_buf_putc(&b, s[i++]);
            while (i < end && s[i] != '`')
                mm_buf_putc(&b, s[i++]);
            if (i < end)
                mm_buf_putc(&b, s[i++]);
            continue;
        }
        mm_buf_putc(&b, c);
        i++;
    }
    if (i > end)
        i = end;
    lx->i = i;
    w->end = (uint32_t)i;
    w->text = mm_arena_strndup(lx->a, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
}

/* Reads the next token. Redirections are consumed here and dropped (with their target); a
 * here-document's delimiter is remembered so that its body is skipped at the next newline. */
static tok_kind next_token(lexer *lx, word *w)
{
    const char *s = lx->s;
    for (;;) {
        while (lx->i < lx->end && blank_char(s[lx->i]))
            lx->i++;
        if (lx->i + 1 < lx->end && s[lx->i] == '\\' && s[lx->i + 1] == '\n') {
            lx->i += 2;
            continue;
        }
        if (lx->i >= lx->end)
            return T_END;
        char c = s[lx->i];
        if (c == '#') {
            while (lx->i < lx->end && s[lx->i] != '\n')
                lx->i++;
            continue;
        }
        if (c == '\n') {
            lx->i++;
            skip_heredocs(lx);
            return T_NL;
        }
        char c2 = lx->i + 1 < lx->end ? s[lx->i + 1] : 0;
        if (c == ';') {
            lx->i += c2 == ';' ? 2 : 1;
            return c2 == ';' ? T_DSEMI : T_NL;
        }
        if ((c == '&' && c2 == '&') || (c == '|' && c2 == '|')) {
            lx->i += 2;
            return T_AND_OR;
        }
        if (c == '&' && c2 != '>') {
            lx->i++;
            return T_AMP;
        }
        if (c == '|') {
            lx->i++;
            return T_PIPE;
        }
        if (c == '(') {
            lx->i++;
            return T_LPAREN;
        }
        if (c == ')') {
            lx->i++;
            return T_RPAREN;
        }
        /* redirections: [n]< [n]> >> <> >& <& &> <<[-] WORD */
        size_t k = lx->i;
        while (k < lx->end && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k < lx->end && (s[k] == '<' || s[k] == '>' || (k == lx->i && c == '&' && c2 == '>'))) {
            bool here = s[k] == '<' && k + 1 < lx->end && s[k + 1] == '<' &&
                        !(k + 2 < lx->end && s[k + 2] == '<');
            bool strip = here && k + 2 < lx->end && s[k + 2] == '-';
            size_t j = k;
            while (j < lx->end && (s[j] == '<' || s[j] == '>' || s[j] == '&' || s[j] == '|' ||
                                   (strip && s[j] == '-' && j == k + 2)))
                j++;
            lx->i = j;
            /* the target: attached or the next word ("2>&1" has a digit target) */
            while (lx->i < lx->end && blank_char(s[lx->i]))
                lx->i++;
            if (lx->i < lx->end && !op_char(s[lx->i])) {
                word t;
                read_word(lx, &t);
                if (here) {
                    heredoc hd = {mm_xstrdup(t.text), strip};
                    mm_vec_push(&lx->pending, hd);
                }
            }
            continue;
        }
        read_word(lx, w);
        return T_WORD;
    }
}

static const char *var_value(const lexer *lx, const char *name)
{
    for (size_t i = lx->vars.n; i-- > 0;) {
        if (!strcmp(lx->vars.v[i].name, name))
            return lx->vars.v[i].value;
    }
    return NULL;
}

/* NAME=value: returns the length of NAME, or 0. */
static size_t assignment(const char *t)
{
    size_t k = 0;
    while (name_char(t[k], k == 0))
        k++;
    return k && t[k] == '=' ? k : 0;
}

static const char *base_name(const char *p)
{
    const char *b = strrchr(p, '/');
    return b ? b + 1 : p;
}

static bool is(const char *a, const char *b)
{
    return !strcmp(a, b);
}

/* Drops wrappers in front of the program; returns the index of the program word, or -1 when
 * the command starts nothing (start-stop-daemon --stop). *args_from is where its arguments
 * begin (start-stop-daemon: after "--"). */
static int unwrap(char **w, size_t n, size_t *args_from)
{
    size_t i = 0;
    while (i < n) {
        const char *b = base_name(w[i]);
        if (is(b, "exec") || is(b, "nohup") || is(b, "setsid") || is(b, "command") ||
            is(b, "time") || is(b, "service_start") || is(b, "sudo") || is(b, "doas")) {
            i++;
            while (i < n && w[i][0] == '-' && w[i][1]) {
                /* exec -a NAME; sudo -u USER */
                bool takes = (is(b, "exec") && is(w[i], "-a")) ||
                             ((is(b, "sudo") || is(b, "doas")) && (is(w[i], "-u") || is(w[i], "-g")));
                i += takes ? 2 : 1;
            }
            continue;
        }
        if (is(b, "nice") || is(b, "ionice") || is(b, "chrt") || is(b, "taskset")) {
            i++;
            while (i < n && (w[i][0] == '-' || (w[i][0] >= '0' && w[i][0] <= '9'))) {
                bool takes = w[i][0] == '-' && w[i][1] && !w[i][2] &&
                             (w[i][1] == 'n' || w[i][1] == 'c' || w[i][1] == 'p');
                i += takes ? 2 : 1;
            }
            continue;
        }
        if (is(b, "env")) {
            i++;
            while (i < n && (assignment(w[i]) || (w[i][0] == '-' && w[i][1]))) {
                bool takes = is(w[i], "-u") || is(w[i], "-C");
                i += takes ? 2 : 1;
            }
            continue;
        }
        if (is(b, "busybox") && i + 1 < n && w[i + 1][0] != '-') {
            i++;
            continue;
        }
        if (is(b, "procd_set_param") && i + 1 < n && is(w[i + 1], "command")) {
            i += 2;
            continue;
        }
        if (is(b, "start-stop-daemon")) {
            bool start = false, stop = false;
            int prog = -1;
            size_t k = i + 1;
            for (; k < n; k++) {
                const char *o = w[k];
                if (is(o, "--")) {
                    k++;
                    break;
                }
                if (is(o, "-S") || is(o, "--start"))
                    start = true;
                else if (is(o, "-K") || is(o, "--stop"))
                    stop = true;
                else if ((is(o, "-x") || is(o, "--exec") || is(o, "-a") || is(o, "--startas")) &&
                         k + 1 < n)
                    prog = (int)++k;
                else if (!strncmp(o, "--exec=", 7) || !strncmp(o, "--startas=", 10))
                    prog = (int)k;
                else if (o[0] == '-' && o[1] && !o[2] && strchr("npuUgrcNkdPIi", o[1]) && k + 1 < n)
                    k++; /* an option with a value */
                else if (o[0] == '-' && o[1] == 'S' && o[2])
                    start = true; /* -Sqbx... clusters: best effort */
            }
            if (stop && !start)
                return -1;
            if (prog < 0)
                return (int)i;
            *args_from = k;
            return prog;
        }
        break;
    }
    if (i >= n)
        return -1;
    *args_from = i + 1;
    return (int)i;
}

static void emit_command(lexer *lx, wordvec *ws, bool conditional)
{
    if (!ws->n)
        return;
    /* leading assignments: remembered when they are the whole command */
    size_t first = 0;
    while (first < ws->n && assignment(ws->v[first].text))
        first++;
    bool decl = first < ws->n && (is(ws->v[first].text, "export") ||
                                  is(ws->v[first].text, "local") ||
                                  is(ws->v[first].text, "readonly"));
    if (first == ws->n || decl) {
        for (size_t i = decl ? first + 1 : 0; i < ws->n; i++) {
            size_t nl = assignment(ws->v[i].text);
            if (!nl)
                continue;
            var v = {mm_arena_strndup(lx->a, ws->v[i].text, nl), ws->v[i].text + nl + 1};
            /* only plain values: a command substitution is not known */
            if (!strchr(v.value, '$') && !strchr(v.value, '`'))
                mm_vec_push(&lx->vars, v);
            else
                mm_vec_push(&lx->vars, ((var){v.name, NULL}));
        }
        ws->n = 0;
        return;
    }
    /* substitute variables that stand alone as words */
    MM_VEC(char *) argv = {0};
    for (size_t i = first; i < ws->n; i++) {
        const word *w = &ws->v[i];
        const char *val = w->var ? var_value(lx, w->var) : NULL;
        if (!val) {
            mm_vec_push(&argv, w->text);
            continue;
        }
        if (w->quoted_var) {
            mm_vec_push(&argv, (char *)val);
            continue;
        }
        for (const char *p = val; *p;) {
            while (*p && (blank_char(*p) || *p == '\n'))
                p++;
            const char *q = p;
            while (*q && !blank_char(*q) && *q != '\n')
                q++;
            if (q > p)
                mm_vec_push(&argv, mm_arena_strndup(lx->a, p, (size_t)(q - p)));
            p = q;
        }
    }
    size_t args_from = 0;
    int prog = argv.n ? unwrap(argv.v, argv.n, &args_from) : -1;
    if (prog >= 0) {
        mm_command c;
        memset(&c, 0, sizeof c);
        const char *p = argv.v[prog];
        if (!strncmp(p, "--exec=", 7))
            p += 7;
        else if (!strncmp(p, "--startas=", 10))
            p += 10;
        if (*p == '-' && p[1] == '/')
            p++; /* inittab's "-/bin/sh": a login shell */
        c.program = strchr(p, '$') || strchr(p, '`') ? "" : base_name(p);
        c.argc = (uint32_t)(args_from < argv.n ? argv.n - args_from : 0);
        c.argv = c.argc ? mm_arena_alloc(lx->a, c.argc * sizeof *c.argv) : NULL;
        mm_buf joined = {0};
        for (uint32_t k = 0; k < c.argc; k++) {
            c.argv[k] = argv.v[args_from + k];
            if (k)
                mm_buf_putc(&joined, ' ');
            mm_buf_puts(&joined, c.argv[k]);
        }
        c.args = mm_arena_strndup(lx->a, joined.data ? joined.data : "", joined.len);
        mm_buf_free(&joined);
        c.span = (mm_span){ws->v[first].start, ws->v[ws->n - 1].end};
        c.conditional = conditional;
        mm_vec_push(&lx->out, c);
    }
    mm_vec_free(&argv);
    ws->n = 0;
}

static bool keyword(const char *t)
{
    static const char *const kw[] = {"if",   "then", "else", "elif", "fi",    "do", "done",
                                     "while", "until", "!",   "{",    "}",     NULL};
    for (const char *const *k = kw; *k; k++) {
        if (is(t, *k))
            return true;
    }
    return false;
}

/* Tokenizes [start, end) as shell and appends its commands. */
static void lex_range(lexer *lx, size_t start, size_t end)
{
    lx->i = start;
    lx->end = end;
    wordvec ws = {0};
    bool conditional = false; /* the command being read follows && or || */
    int case_depth = 0;       /* inside case ... esac */
    bool pattern = false;     /* at a case pattern: words up to ')' are not a command */
    bool header = false;      /* for/select/function headers: not commands */
    for (;;) {
        word w;
        tok_kind t = next_token(lx, &w);
        if (pattern) {
            /* `start|restart)` or `(stop)`; `esac` may stand where a pattern could */
            if (t == T_WORD && is(w.text, "esac")) {
                case_depth--;
                pattern = false;
            } else if (t == T_RPAREN) {
                pattern = false;
            }
            if (t == T_END)
                break;
            continue;
        }
        if (t == T_WORD) {
            if (header)
                continue;
            if (!ws.n) {
                if (is(w.text, "case")) {
                    /* the header runs to `in`; patterns follow */
                    word x;
                    tok_kind u;
                    while ((u = next_token(lx, &x)) == T_WORD && !is(x.text, "in"))
                        ;
                    if (u == T_END)
                        break;
                    case_depth++;
                    pattern = true;
                    continue;
                }
                if (is(w.text, "esac")) {
                    if (case_depth > 0)
                        case_depth--;
                    continue;
                }
                if (is(w.text, "for") || is(w.text, "select") || is(w.text, "function")) {
                    header = true;
                    continue;
                }
                if (keyword(w.text))
                    continue;
            }
            mm_vec_push(&ws, w);
            continue;
        }
        if (t == T_LPAREN && ws.n == 1) {
            /* name() { ...: a function header */
            word x;
            size_t save = lx->i;
            if (next_token(lx, &x) == T_RPAREN) {
                ws.n = 0;
                continue;
            }
            lx->i = save;
        }
        emit_command(lx, &ws, conditional);
        header = false;
        if (t == T_DSEMI && case_depth > 0)
            pattern = true;
        conditional = t == T_AND_OR;
        if (t == T_END)
            break;
    }
    emit_command(lx, &ws, conditional);
    for (size_t h = 0; h < lx->pending.n; h++)
        free(lx->pending.v[h].delim);
    lx->pending.n = 0;
    mm_vec_free(&ws);
}

mm_cmd_dialect mm_cmd_dialect_of(const char *path)
{
    const char *base = mm_path_base(path);
    if (!strcmp(base, "inittab"))
        return MM_CMD_INITTAB;
    if (mm_str_ends(base, ".service") || strstr(path, ".service.d/"))
        return MM_CMD_SYSTEMD;
    return MM_CMD_SHELL;
}

mm_command *mm_commands_parse(mm_arena *a, const char *data, size_t len, mm_cmd_dialect d,
                              uint32_t *n)
{
    lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.a = a;
    lx.s = data;
    if (d == MM_CMD_SHELL) {
        lex_range(&lx, 0, len);
    } else {
        size_t i = 0;
        while (i < len) {
            size_t s = i, e = i;
            while (e < len && data[e] != '\n')
                e++;
            /* systemd continues a line that ends in a backslash */
            if (d == MM_CMD_SYSTEMD)
                while (e < len && e > s && data[e - 1] == '\\') {
                    e++;
                    while (e < len && data[e] != '\n')
                        e++;
                }
            i = e < len ? e + 1 : e;
            size_t k = s;
            while (k < e && blank_char(data[k]))
                k++;
            if (k == e || data[k] == '#' || data[k] == ';')
                continue;
            if (d == MM_CMD_INITTAB) {
                /* id:runlevels:action:process */
                int colons = 0;
                while (k < e && colons < 3)
                    colons += data[k++] == ':';
                if (colons < 3)
                    continue;
            } else {
                static const char *const keys[] = {"ExecStartPre=", "ExecStartPost=",
                                                   "ExecStart=", "ExecReload=", "ExecStop=",
                                                   "ExecStopPost=", NULL};
                const char *const *key = keys;
                for (; *key; key++) {
                    size_t kl = strlen(*key);
                    if ((size_t)(e - k) >= kl && !memcmp(data + k, *key, kl)) {
                        k += kl;
                        break;
                    }
                }
                if (!*key)
                    continue;
                while (k < e && (data[k] == '@' || data[k] == '-' || data[k] == ':' ||
                                 data[k] == '+' || data[k] == '!'))
                    k++;
            }
            lex_range(&lx, k, e);
        }
    }
    for (size_t i = 0; i < lx.pending.n; i++)
        free(lx.pending.v[i].delim);
    mm_vec_free(&lx.pending);
    mm_vec_free(&lx.vars);
    *n = (uint32_t)lx.out.n;
    mm_command *out = NULL;
    if (lx.out.n) {
        out = mm_arena_alloc(a, lx.out.n * sizeof *out);
        memcpy(out, lx.out.v, lx.out.n * sizeof *out);
    }
    mm_vec_free(&lx.out);
    return out;
}

void mm_commands_run(mm_file *f)
{
    mm_linefacts *lf = facts_of(f);
    lf->commands = mm_commands_parse(f->arena, f->data, f->len, mm_cmd_dialect_of(f->path),
                                     &lf->ncommands);
    lf->has_commands = true;
}

/* --- UCI ---------------------------------------------------------------------------------------- */

/* One UCI token: a bare word, or '...' / "..." (a backslash escapes in double quotes). */
static const char *uci_token(mm_arena *a, const char *s, size_t *i, size_t e, uint32_t *end)
{
    while (*i < e && blank_char(s[*i]))
        (*i)++;
    if (*i >= e || s[*i] == '#')
        return NULL;
    mm_buf b = {0};
    char q = s[*i] == '\'' || s[*i] == '"' ? s[(*i)++] : 0;
    while (*i < e) {
        char c = s[*i];
        if (q ? c == q : (blank_char(c) || c == '#'))
            break;
        if (q == '"' && c == '\\' && *i + 1 < e) {
            (*i)++;
            c = s[*i];
        }
        mm_buf_putc(&b, c);
        (*i)++;
    }
    if (q && *i < e)
        (*i)++;
    *end = (uint32_t)*i;
    const char *t = mm_arena_strndup(a, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return t;
}

/* Gives the section its n options, copied into the file's arena. */
static void uci_close_section(mm_file *f, mm_uci_section *sec, const mm_uci_option *opts,
                              size_t n)
{
    sec->nopts = (uint32_t)n;
    if (n) {
        sec->opts = mm_arena_alloc(f->arena, n * sizeof *opts);
        memcpy(sec->opts, opts, n * sizeof *opts);
    }
}

void mm_uci_run(mm_file *f)
{
    mm_linefacts *lf = facts_of(f);
    MM_VEC(mm_uci_section) secs = {0};
    MM_VEC(mm_uci_option) opts = {0};
    const char *d = f->data;
    size_t i = 0, n = f->len;
    while (i < n) {
        size_t s = i, e = i;
        while (e < n && d[e] != '\n')
            e++;
        i = e + 1;
        size_t k = s;
        uint32_t tend = 0;
        const char *kw = uci_token(f->arena, d, &k, e, &tend);
        if (!kw)
            continue;
        if (!strcmp(kw, "config") || !strcmp(kw, "package")) {
            if (secs.n) {
                uci_close_section(f, &secs.v[secs.n - 1], opts.v, opts.n);
                opts.n = 0;
            }
            if (!strcmp(kw, "package"))
                continue;
            const char *type = uci_token(f->arena, d, &k, e, &tend);
            const char *name = type ? uci_token(f->arena, d, &k, e, &tend) : NULL;
            mm_uci_section sec = {type ? type : "", name ? name : "", {(uint32_t)s, tend},
                                  NULL, 0};
            mm_vec_push(&secs, sec);
        } else if ((!strcmp(kw, "option") || !strcmp(kw, "list")) && secs.n) {
            const char *name = uci_token(f->arena, d, &k, e, &tend);
            if (!name)
                continue;
            const char *value = uci_token(f->arena, d, &k, e, &tend);
            mm_uci_option o = {name, value ? value : "", {(uint32_t)s, tend}, kw[0] == 'l'};
            while (o.span.start < o.span.end && blank_char(d[o.span.start]))
                o.span.start++;
            mm_vec_push(&opts, o);
        }
    }
    if (secs.n) {
        uci_close_section(f, &secs.v[secs.n - 1], opts.v, opts.n);
        lf->sections = mm_arena_alloc(f->arena, secs.n * sizeof *secs.v);
        memcpy(lf->sections, secs.v, secs.n * sizeof *secs.v);
    }
    lf->nsections = (uint32_t)secs.n;
    lf->has_uci = true;
    mm_vec_free(&secs);
    mm_vec_free(&opts);
}
