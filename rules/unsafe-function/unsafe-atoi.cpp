// Fixture for unsafe-atoi in C++: std:: and :: calls are libc's; a namespace's or a class's function of
// the same name is not, nor is a variable of that name.
#include <cstdlib>

namespace ext {
int atoi(...);
}

struct Obj {
    int atoi(...);
};

void cpp_calls(Obj &o, Obj *po, const char *s)
{
    // mamori-expect: unsafe-atoi
    std::atoi(s);
    // mamori-expect: unsafe-atoi
    ::atoi(s);
    // mamori-ok: unsafe-atoi
    ext::atoi(s);
    // mamori-ok: unsafe-atoi
    o.atoi(s);
    // mamori-ok: unsafe-atoi
    po->atoi(s);
}

int cpp_variable()
{
    // mamori-ok: unsafe-atoi
    int atoi = 2;
    return atoi * 2;
}
