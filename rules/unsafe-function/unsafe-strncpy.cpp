// Fixture for unsafe-strncpy in C++: std:: and :: calls are libc's; a namespace's or a class's function of
// the same name is not, nor is a variable of that name.
#include <cstring>

namespace ext {
int strncpy(...);
}

struct Obj {
    int strncpy(...);
};

void cpp_calls(Obj &o, Obj *po, char *d, const char *s)
{
    // mamori-expect: unsafe-strncpy
    std::strncpy(d, s, 4);
    // mamori-expect: unsafe-strncpy
    ::strncpy(d, s, 4);
    // mamori-ok: unsafe-strncpy
    ext::strncpy(d, s, 4);
    // mamori-ok: unsafe-strncpy
    o.strncpy(d, s, 4);
    // mamori-ok: unsafe-strncpy
    po->strncpy(d, s, 4);
}

int cpp_variable()
{
    // mamori-ok: unsafe-strncpy
    int strncpy = 2;
    return strncpy * 2;
}
