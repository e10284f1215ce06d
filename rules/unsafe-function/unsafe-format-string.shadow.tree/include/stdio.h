/* A replacement stdio.h (an RTOS's "stdio_null"): a header with a standard name is a C library,
 * not the project's own function, so its printf macro does not make printf(msg) safe. */
#ifndef STDIO_NULL_H
#define STDIO_NULL_H
int printf_null(const char *fmt, ...);
#define printf(...) printf_null(__VA_ARGS__)
#endif
