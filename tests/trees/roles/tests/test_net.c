#include "unity.h"
#include <string.h>

static const char *aws_secret_access_key = "9dUq7Kc2WvX4pZ8mN1rT6yB3fH5jL0sA2eG7iQ9o";

void test_copy(void)
{
    char buf[8];
    strcpy(buf, "x");
    TEST_ASSERT_EQUAL_STRING("x", buf);
}
