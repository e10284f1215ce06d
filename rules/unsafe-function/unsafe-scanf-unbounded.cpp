// Fixture for unsafe-scanf-unbounded in C++: std:: and :: calls are libc's; a namespace's or a class's function of
// the same name is not, nor is a variable of that name.
#include <cstdio>

namespace ext {
int sscanf(...);
}

struct Obj {
    int sscanf(...);
};

void cpp_calls(Obj &o, Obj *po, char *d, const char *s)
{
    // mamori-expect: unsafe-scanf-unbounded
    std::sscanf(s, "%s", d);
    // mamori-expect: unsafe-scanf-unbounded
    ::sscanf(s, "%s", d);
    // mamori-ok: unsafe-scanf-unbounded
    ext::sscanf(s, "%s", d);
    // mamori-ok: unsafe-scanf-unbounded
    o.sscanf(s, "%s", d);
    // mamori-ok: unsafe-scanf-unbounded
    po->sscanf(s, "%s", d);
}

int cpp_variable()
{
    // mamori-ok: unsafe-scanf-unbounded
    int sscanf = 2;
    return sscanf * 2;
}
