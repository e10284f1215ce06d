/* json.c: comment-tolerant JSON with positions, on top of cJSON. */
#include "base/json.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mm_json_pos {
    const cJSON *value;
    size_t off;
};

/* Blanks comments with spaces (newlines kept) so that offsets and line numbers stay true. */
static void blank_comments(char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = t[i];
        if (c == '"') {
            i++;
            while (i < n && t[i] != '"') {
                if (t[i] == '\\' && i + 1 < n)
                    i++;
                i++;
            }
            i++;
        } else if (c == '/' && i + 1 < n && t[i + 1] == '/') {
            while (i < n && t[i] != '\n')
                t[i++] = ' ';
        } else if (c == '/' && i + 1 < n && t[i + 1] == '*') {
            t[i++] = ' ';
            t[i++] = ' ';
            while (i < n && !(t[i] == '*' && i + 1 < n && t[i + 1] == '/')) {
                if (t[i] != '\n')
                    t[i] = ' ';
                i++;
            }
            if (i < n) {
                t[i++] = ' ';
                t[i++] = ' ';
            }
        } else {
            i++;
        }
    }
}

static void line_col(const char *text, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            ls = i + 1;
        }
    }
    *line = l;
    *col = mm_utf8_col(text + ls, off - ls);
}

/* --- position walk: follows the (already validated) text in cJSON's order ------------------- */

static size_t skip_ws(const char *t, size_t i, size_t n)
{
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

static size_t skip_string(const char *t, size_t i, size_t n)
{
    i++; /* opening quote */
    while (i < n && t[i] != '"') {
        if (t[i] == '\\')
            i++;
        i++;
    }
    return i + 1;
}

static void add_pos(mm_json_doc *doc, const cJSON *v, size_t off)
{
    if (doc->npos == doc->cappos) {
        doc->cappos = doc->cappos ? doc->cappos * 2 : 64;
        doc->pos = mm_xrealloc(doc->pos, doc->cappos * sizeof *doc->pos);
    }
    doc->pos[doc->npos].value = v;
    doc->pos[doc->npos].off = off;
    doc->npos++;
}

static size_t walk(mm_json_doc *doc, const cJSON *v, size_t i, int depth)
{
    const char *t = doc->text;
    size_t n = doc->len;
    i = skip_ws(t, i, n);
    add_pos(doc, v, i);
    if (depth > 200 || i >= n)
        return n;
    if (cJSON_IsObject(v)) {
        i++; /* { */
        for (const cJSON *c = v->child; c; c = c->next) {
            i = skip_ws(t, i, n);
            i = skip_string(t, i, n);
            i = skip_ws(t, i, n);
            i++; /* : */
            i = walk(doc, c, i, depth + 1);
            i = skip_ws(t, i, n);
            if (i < n && t[i] == ',')
                i++;
        }
        i = skip_ws(t, i, n);
        return i + 1; /* } */
    }
    if (cJSON_IsArray(v)) {
        i++;
        for (const cJSON *c = v->child; c; c = c->next) {
            i = walk(doc, c, i, depth + 1);
            i = skip_ws(t, i, n);
            if (i < n && t[i] == ',')
                i++;
        }
        i = skip_ws(t, i, n);
        return i + 1;
    }
    if (cJSON_IsString(v))
        return skip_string(t, i, n);
    while (i < n && !strchr(",]} \t\r\n", t[i]))
        i++;
    return i;
}

/* --- syntax errors: cJSON reports a bad object key one byte late and an error at the end of
 * the text on its last byte, so a failed parse is walked again by the grammar of RFC 8259 to
 * find the first byte that cannot continue the text (or the end, when the text stops early). */

typedef struct syntax {
    const char *t;
    size_t n, i;
} syntax;

static bool sx_at(const syntax *s, char c)
{
    return s->i < s->n && s->t[s->i] == c;
}

static bool sx_digit(const syntax *s)
{
    return s->i < s->n && s->t[s->i] >= '0' && s->t[s->i] <= '9';
}

static void sx_ws(syntax *s)
{
    s->i = skip_ws(s->t, s->i, s->n);
}

/* true, false, null; a misspelt one is pointed at from its start */
static bool sx_word(syntax *s, const char *w)
{
    size_t start = s->i;
    for (; *w; w++, s->i++) {
        if (!sx_at(s, *w)) {
            s->i = start;
            return false;
        }
    }
    return true;
}

static bool sx_string(syntax *s)
{
    if (!sx_at(s, '"'))
        return false;
    for (s->i++; s->i < s->n; s->i++) {
        unsigned char c = (unsigned char)s->t[s->i];
        if (c == '"') {
            s->i++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c != '\\')
            continue;
        s->i++;
        if (s->i >= s->n || !s->t[s->i] || !strchr("\"\\/bfnrtu", s->t[s->i]))
            return false;
        if (s->t[s->i] == 'u') {
            for (int k = 0; k < 4; k++) {
                s->i++;
                if (s->i >= s->n || !isxdigit((unsigned char)s->t[s->i]))
                    return false;
            }
        }
    }
    return false;
}

static bool sx_number(syntax *s)
{
    if (sx_at(s, '-'))
        s->i++;
    if (sx_at(s, '0'))
        s->i++;
    else if (!sx_digit(s))
        return false;
    while (sx_digit(s))
        s->i++;
    if (sx_at(s, '.')) {
        s->i++;
        if (!sx_digit(s))
            return false;
        while (sx_digit(s))
            s->i++;
    }
    if (sx_at(s, 'e') || sx_at(s, 'E')) {
        s->i++;
        if (sx_at(s, '+') || sx_at(s, '-'))
            s->i++;
        if (!sx_digit(s))
            return false;
        while (sx_digit(s))
            s->i++;
    }
    return true;
}

static bool sx_value(syntax *s, int depth)
{
    sx_ws(s);
    if (s->i >= s->n || depth > 1000)
        return false;
    char open = s->t[s->i];
    if (open == '{' || open == '[') {
        char close = open == '{' ? '}' : ']';
        s->i++;
        sx_ws(s);
        if (sx_at(s, close)) {
            s->i++;
            return true;
        }
        for (;;) {
            if (open == '{') {
                sx_ws(s);
                if (!sx_string(s))
                    return false;
                sx_ws(s);
                if (!sx_at(s, ':'))
                    return false;
                s->i++;
            }
            if (!sx_value(s, depth + 1))
                return false;
            sx_ws(s);
            if (sx_at(s, close)) {
                s->i++;
                return true;
            }
            if (!sx_at(s, ','))
                return false;
            s->i++;
        }
    }
    if (open == '"')
        return sx_string(s);
    if (open == 't')
        return sx_word(s, "true");
    if (open == 'f')
        return sx_word(s, "false");
    if (open == 'n')
        return sx_word(s, "null");
    return sx_number(s);
}

int mm_json_parse(mm_json_doc *doc, const char *file, const char *text, size_t len,
                  bool allow_comments, mm_err *err)
{
    memset(doc, 0, sizeof *doc);
    doc->file = file;
    doc->text = mm_xstrndup(text, len);
    doc->len = len;
    if (memchr(text, 0, len))
        return mm_err_set(err, 2, file, 0, 0, "not a JSON text (contains NUL bytes)");
    if (allow_comments)
        blank_comments(doc->text, len);
    const char *end = NULL;
    doc->root = cJSON_ParseWithLengthOpts(doc->text, len, &end, 0);
    if (!doc->root) {
        size_t off = end ? (size_t)(end - doc->text) : 0;
        if (!end) {
            const char *e = cJSON_GetErrorPtr();
            if (e >= doc->text && e <= doc->text + len)
                off = (size_t)(e - doc->text);
        }
        /* cJSON says where it gave up, which is not always where the mistake is */
        syntax s = {doc->text, len, 0};
        if (!sx_value(&s, 0))
            off = s.i;
        bool at_end = off >= len;
        unsigned line, col;
        line_col(doc->text, off, &line, &col);
        if (at_end)
            return mm_err_set(err, 2, file, line, col, "invalid JSON: unexpected end of input");
        return mm_err_set(err, 2, file, line, col, "invalid JSON: unexpected character here");
    }
    size_t tail = skip_ws(doc->text, (size_t)(end - doc->text), len);
    if (tail < len) {
        unsigned line, col;
        line_col(doc->text, tail, &line, &col);
        return mm_err_set(err, 2, file, line, col, "invalid JSON: text after the document");
    }
    walk(doc, doc->root, 0, 0);
    return 0;
}

void mm_json_free(mm_json_doc *doc)
{
    cJSON_Delete(doc->root);
    free(doc->text);
    free(doc->pos);
    memset(doc, 0, sizeof *doc);
}

size_t mm_json_offset(const mm_json_doc *doc, const cJSON *v, size_t *hint)
{
    size_t from = hint && *hint < doc->npos ? *hint : 0;
    for (size_t k = 0; k < doc->npos; k++) {
        size_t i = (from + k) % doc->npos;
        if (doc->pos[i].value == v) {
            if (hint)
                *hint = i;
            return doc->pos[i].off;
        }
    }
    return SIZE_MAX;
}

bool mm_json_where(const mm_json_doc *doc, const cJSON *v, unsigned *line, unsigned *col,
                   size_t *off)
{
    for (size_t i = 0; i < doc->npos; i++) {
        if (doc->pos[i].value == v) {
            line_col(doc->text, doc->pos[i].off, line, col);
            if (off)
                *off = doc->pos[i].off;
            return true;
        }
    }
    *line = *col = 0;
    if (off)
        *off = 0;
    return false;
}

int mm_json_err(const mm_json_doc *doc, const cJSON *v, mm_err *err, const char *fmt, ...)
{
    unsigned line, col;
    mm_json_where(doc, v, &line, &col, NULL);
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return mm_err_set(err, 2, doc->file, line, col, "%s", msg);
}

int mm_json_only_keys(const mm_json_doc *doc, const cJSON *obj, const char *const *keys,
                      const char *what, mm_err *err)
{
    for (const cJSON *c = obj->child; c; c = c->next) {
        bool known = false;
        for (const char *const *k = keys; *k; k++) {
            if (strcmp(*k, c->string) == 0) {
                known = true;
                break;
            }
        }
        if (!known)
            return mm_json_err(doc, c, err, "unknown field \"%s\" in %s", c->string, what);
    }
    return 0;
}

int mm_json_get_str(const mm_json_doc *doc, const cJSON *obj, const char *key, const char **out,
                    mm_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (!cJSON_IsString(v))
        return mm_json_err(doc, v, err, "field \"%s\" must be a string", key);
    *out = v->valuestring;
    return 0;
}

int mm_json_get_bool(const mm_json_doc *doc, const cJSON *obj, const char *key, bool *out,
                     mm_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (!cJSON_IsBool(v))
        return mm_json_err(doc, v, err, "field \"%s\" must be true or false", key);
    *out = cJSON_IsTrue(v);
    return 0;
}

int mm_json_get_num(const mm_json_doc *doc, const cJSON *obj, const char *key, double *out,
                    mm_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v))
        return mm_json_err(doc, v, err, "field \"%s\" must be a number", key);
    *out = v->valuedouble;
    return 0;
}

int mm_json_get_strs(const mm_json_doc *doc, const cJSON *obj, const char *key,
                     const char ***out, size_t *n, mm_err *err)
{
    *out = NULL; /* an absent key is an empty list, whatever the caller passed in */
    *n = 0;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (cJSON_IsString(v)) {
        const char **list = mm_xmalloc(sizeof *list);
        list[0] = v->valuestring;
        *out = list;
        *n = 1;
        return 0;
    }
    if (!cJSON_IsArray(v))
        return mm_json_err(doc, v, err, "field \"%s\" must be a list of strings", key);
    size_t cnt = (size_t)cJSON_GetArraySize(v);
    const char **list = mm_xcalloc(cnt + 1, sizeof *list);
    size_t i = 0;
    for (const cJSON *c = v->child; c; c = c->next) {
        if (!cJSON_IsString(c)) {
            free(list);
            return mm_json_err(doc, c, err, "field \"%s\" must hold only strings", key);
        }
        list[i++] = c->valuestring;
    }
    *out = list;
    *n = cnt;
    return 0;
}

int mm_json_copy_strs(const mm_json_doc *doc, const cJSON *obj, const char *key, void *vec,
                      mm_err *err)
{
    MM_VEC(char *) *v = vec;
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(doc, obj, key, &items, &n, err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        mm_vec_push(v, mm_xstrdup(items[i]));
    free(items);
    return (int)n;
}
