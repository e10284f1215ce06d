/* Automatically generated nanopb constant definitions. DO NOT EDIT. */
#include <string.h>

void proto_copy(char *d, const char *s) { strcpy(d, s); }

static const char proto_test_key[] =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oJdZQ9vEbMtLoAoGCCqGSM49\n"
    "AwEHoUQDQgAEPaPQu1Bq3kFFTk6pHiJQ4KMqLzL8XVF5Dk0eN0r5aGd1vL3zZQpJ\n"
    "-----END EC PRIVATE KEY-----\n";
