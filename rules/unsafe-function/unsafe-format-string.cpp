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
    // mamori-ok: unsafe-format-string
    std::printf(R"json({"a": %d})json", 1);
}

/* a constant of a class or template */
template <typename T>
struct TimeFormat {
    static constexpr char Format[] = "%d";
};

struct String {
    String(const char *s);
    const char *c_str() const;
};
#define F(s) (s)

void constants(char *buf, std::size_t n, int v)
{
    // mamori-ok: unsafe-format-string
    std::snprintf(buf, n, TimeFormat<int>::Format, v);
    // mamori-ok: unsafe-format-string
    snprintf(buf, n, TimeFormat<int>::Format, v);
    String t = F("%s %d");
    // mamori-ok: unsafe-format-string
    snprintf(buf, n, t.c_str(), "x", v);
}
