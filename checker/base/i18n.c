/* i18n.c: the language of messages (i18n.h). */
#define _GNU_SOURCE
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "base/version.h"

static char lang_now[8] = "en";

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* build tree: <dir of the executable>/locale; installed: <prefix>/share/locale */
static char *locale_dir(void)
{
    const char *env = getenv("MAMORI_LOCALEDIR");
    if (env && *env)
        return mm_xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char *d = mm_xasprintf("%s/locale", exe);
            if (is_dir(d))
                return d;
            free(d);
            d = mm_xasprintf("%s/../share/locale", exe);
            if (is_dir(d))
                return d;
            free(d);
        }
    }
    return mm_xstrdup(MAMORI_LOCALEDIR);
}

/* "ja_JP.UTF-8" -> "ja"; NULL or "C"/"POSIX" -> NULL */
static const char *lang_of(const char *v, char out[8])
{
    if (!v || !*v || !strcmp(v, "C") || !strcmp(v, "POSIX") || mm_str_starts(v, "C."))
        return NULL;
    size_t i = 0;
    while (i < 7 && v[i] >= 'a' && v[i] <= 'z')
        i++;
    if (!i)
        return NULL;
    memcpy(out, v, i);
    out[i] = 0;
    return out;
}

int mm_i18n_init(const char *lang)
{
    char buf[8];
    const char *want = lang;
    if (!want) {
        /* as gettext: the locale (LC_ALL, LC_MESSAGES, LANG) decides, and LANGUAGE (a list,
         * "ja:en") chooses within it unless the locale is C */
        static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        const char *loc = NULL;
        for (size_t i = 0; i < MM_ARRAY_LEN(vars) && !loc; i++) {
            const char *v = getenv(vars[i]);
            if (v && *v)
                loc = v;
        }
        want = lang_of(loc, buf);
        const char *language = getenv("LANGUAGE");
        if (want && language && *language) {
            char lb[8];
            const char *l = lang_of(language, lb);
            if (l) {
                memcpy(buf, lb, sizeof buf);
                want = buf;
            }
        }
    }
    if (!want || !strcmp(want, "en")) {
        strcpy(lang_now, "en");
        return lang && strcmp(lang, "en") ? -1 : 0;
    }
    if (strcmp(want, "ja") != 0) {
        strcpy(lang_now, "en");
        return lang ? -1 : 0;
    }
    strcpy(lang_now, "ja");
    /* gettext reads LANGUAGE unless the locale is C; the ja_JP locale need not be installed:
     * C.UTF-8 (built into glibc) carries it */
    setenv("LANGUAGE", "ja", 1);
    if (!setlocale(LC_MESSAGES, "") || !strcmp(setlocale(LC_MESSAGES, NULL), "C"))
        setlocale(LC_MESSAGES, "C.UTF-8");
    char *dir = locale_dir();
    bindtextdomain(MM_DOMAIN, dir);
    bindtextdomain(MM_RULES_DOMAIN, dir);
    bind_textdomain_codeset(MM_DOMAIN, "UTF-8");
    bind_textdomain_codeset(MM_RULES_DOMAIN, "UTF-8");
    free(dir);
    return 0;
}

const char *mm_i18n_lang(void)
{
    return lang_now;
}

const char *mm_tr(const char *msgid)
{
    if (!msgid || !*msgid || lang_now[0] == 'e')
        return msgid;
    return dgettext(MM_DOMAIN, msgid);
}

const char *mm_ntr(const char *singular, const char *plural, unsigned long n)
{
    if (lang_now[0] == 'e')
        return n == 1 ? singular : plural;
    return dngettext(MM_DOMAIN, singular, plural, n);
}

const char *mm_rtr(const char *msgid)
{
    if (!msgid || !*msgid || lang_now[0] == 'e')
        return msgid;
    return dgettext(MM_RULES_DOMAIN, msgid);
}
