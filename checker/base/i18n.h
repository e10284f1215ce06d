/* i18n.h: messages in the user's language through gettext (glibc's libintl; catalogs built by
 * CMake from i18n/<lang>/<domain>.po with Debian's msgfmt). Two domains: "mamori" for the program's
 * own messages (the CLI, the reports), "mamori-rules" for rule titles, messages and help and
 * the standards' titles (msgid = the English text of the rule file). Without a catalog, or in
 * English, every string is its msgid. */
#ifndef MM_I18N_H
#define MM_I18N_H

#include <stdbool.h>

#define MM_DOMAIN "mamori"
#define MM_RULES_DOMAIN "mamori-rules"

/* Chooses the language: lang ("ja", "en"), else LANGUAGE/LC_ALL/LC_MESSAGES/LANG; binds both
 * domains to the catalogs next to the executable (build tree), else the installed ones
 * (MAMORI_LOCALEDIR overrides). Returns -1 for a language mamori has no catalog of, when lang
 * was given explicitly. Only LC_MESSAGES changes: numbers and JSON stay in the C locale. */
int mm_i18n_init(const char *lang);
/* "ja" or "en": the language messages are in. */
const char *mm_i18n_lang(void);
/* The translation of msgid in the program's domain (msgid itself in English). */
const char *mm_tr(const char *msgid) __attribute__((format_arg(1)));
/* The translation of a rule's text (title, message, help) or a standard's title. */
const char *mm_rtr(const char *msgid) __attribute__((format_arg(1)));

/* The translation of a message that depends on a count n (gettext's plural forms). */
const char *mm_ntr(const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

#define _(s) mm_tr(s)
#define N_(s) (s)

#endif
