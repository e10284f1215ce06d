/* a vendor SDK's portability header, outside the scanned tree: only the build names it */
#ifndef OSAL_H
#define OSAL_H
#define OSAL_FN(name) osal_##name
#define osal_shell(cmd) sys##tem(cmd)
#define OSAL_READ_LINE(buf) gets(buf)
#define OSAL_DEBUG 0
#define OSAL_LOG(...) do { if (OSAL_DEBUG) { printf(__VA_ARGS__); } } while (0)
#endif
