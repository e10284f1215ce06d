#include <string.h>
#include "unity.h"

void test_parse(char *d, const char *s)
{
    strcpy(d, s);
}
