/* applog.h: the product's logger. Both are printf-like: the attribute says so, and the compiler
 * checks the formats their callers pass; mamori judges those callers as printf callers. */
#ifndef APPLOG_H
#define APPLOG_H

void app_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_trace(const char *fmt, ...) __printflike(1, 2);

/* a logging macro that stands for printf */
#define LOG_RAW printf

#endif
