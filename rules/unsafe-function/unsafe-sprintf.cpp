// Fixture for unsafe-sprintf in C++: std:: and :: calls are libc's; a namespace's or a class's function of
// the same name is not, nor is a variable of that name.
#include <cstdio>

namespace ext {
int sprintf(...);
}

struct Obj {
    int sprintf(...);
};

void cpp_calls(Obj &o, Obj *po, char *d, const char *s)
{
    // mamori-expect: unsafe-sprintf
    std::sprintf(d, "%s", s);
    // mamori-expect: unsafe-sprintf
    ::sprintf(d, "%s", s);
    // mamori-ok: unsafe-sprintf
    ext::sprintf(d, "%s", s);
    // mamori-ok: unsafe-sprintf
    o.sprintf(d, "%s", s);
    // mamori-ok: unsafe-sprintf
    po->sprintf(d, "%s", s);
}

int cpp_variable()
{
    // mamori-ok: unsafe-sprintf
    int sprintf = 2;
    return sprintf * 2;
}
