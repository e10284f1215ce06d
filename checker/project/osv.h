/* osv.h: known advisories from an offline directory of OSV-format JSON files (the schema of
 * osv.dev: one vulnerability per file, or a list of them), and matching them to components by
 * purl and version range (SEMVER and ECOSYSTEM events), listed versions, or git commit. No
 * network: what is not in the directory is not known. */
#ifndef MM_OSV_H
#define MM_OSV_H

#include "project/inventory.h"

typedef enum { MM_OSV_SEMVER, MM_OSV_ECOSYSTEM, MM_OSV_GIT } mm_osv_range_type;
typedef enum { MM_OSV_INTRODUCED, MM_OSV_FIXED, MM_OSV_LAST_AFFECTED, MM_OSV_LIMIT } mm_osv_ev;

typedef struct mm_osv_event {
    mm_osv_ev kind;
    char *value;
} mm_osv_event;

typedef struct mm_osv_range {
    mm_osv_range_type type;
    char *repo; /* GIT ranges */
    MM_VEC(mm_osv_event) events;
} mm_osv_range;

typedef struct mm_osv_affected {
    char *ecosystem, *name, *purl;
    MM_VEC(char *) versions;
    MM_VEC(mm_osv_range) ranges;
} mm_osv_affected;

typedef struct mm_osv_vuln {
    char *id, *alias, *summary;
    char *file; /* where it was read */
    MM_VEC(mm_osv_affected) affected;
} mm_osv_vuln;

typedef struct mm_osv_db {
    MM_VEC(mm_osv_vuln) v;
    size_t n;     /* advisories loaded */
    size_t files; /* files read */
} mm_osv_db;

/* Loads every *.json below dir (regular files, no symlinks). A file that is not valid JSON or
 * not an OSV advisory is an error naming file, line and column (exit 2). */
int mm_osv_load_dir(mm_osv_db *db, const char *dir, mm_err *err);
/* Loads one advisory text (tests); name is used in messages. */
int mm_osv_load_text(mm_osv_db *db, const char *name, const char *text, size_t len, mm_err *err);
void mm_osv_free(mm_osv_db *db);

typedef struct mm_osv_hit {
    char *id, *alias, *summary, *fixed;
} mm_osv_hit;
/* Appends to *hits (an MM_VEC(mm_osv_hit)) the advisories that affect component c. */
void mm_osv_match(const mm_osv_db *db, const mm_component *c, void *hits);
void mm_osv_hit_free(mm_osv_hit *h);

#endif
