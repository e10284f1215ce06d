// Fixture for unsafe-format-string in C++: std:: and :: are libc; other namespaces are not.
#include <cstdio>

namespace fmtlib {
int printf(const char *fmt, ...);
}

void f(const char *msg, char *buf, std::size_t n)
{
    // mamori-expect: unsafe-format-string
    std::printf(msg);
    // mamori-expect: unsafe-format-string
    ::printf(msg);
    // mamori-expect: unsafe-format-string
    std::snprintf(buf, n, msg);
    // mamori-ok: unsafe-format-string
    fmtlib::printf(msg);
    // mamori-ok: unsafe-format-string
    std::printf(R"(%s)", msg);
}
