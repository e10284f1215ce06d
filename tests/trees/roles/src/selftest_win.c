#ifdef WINDOWS
/* self-tests that run in the Windows simulator only */
#include <string.h>

void selftest_names(char *buf)
{
    strcpy(buf, getenv("TEST_NAME"));
}
#endif
