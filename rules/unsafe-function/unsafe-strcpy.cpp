// Fixture for unsafe-strcpy in C++: std:: and :: qualified calls are libc; other namespaces not.
#include <cstring>

namespace text {
char *strcpy(char *d, const char *s);
}

void f(char *d, const char *s)
{
    // mamori-expect: unsafe-strcpy
    std::strcpy(d, s);
    // mamori-expect: unsafe-strcpy
    ::strcpy(d, s);
    // mamori-ok: unsafe-strcpy
    text::strcpy(d, s);
}
