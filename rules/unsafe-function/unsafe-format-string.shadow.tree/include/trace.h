/* Routes fprintf to a tracer, but only in files that include this header. */
#ifndef TRACE_H
#define TRACE_H
int trace_fprintf(void *stream, const char *fmt, ...);
#define fprintf trace_fprintf
#endif
