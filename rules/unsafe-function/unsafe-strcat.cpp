// Fixture for unsafe-strcat in C++: std:: and :: calls are libc's; a namespace's or a class's function of
// the same name is not, nor is a variable of that name.
#include <cstring>

namespace ext {
int strcat(...);
}

struct Obj {
    int strcat(...);
};

void cpp_calls(Obj &o, Obj *po, char *d, const char *s)
{
    // mamori-expect: unsafe-strcat
    std::strcat(d, s);
    // mamori-expect: unsafe-strcat
    ::strcat(d, s);
    // mamori-ok: unsafe-strcat
    ext::strcat(d, s);
    // mamori-ok: unsafe-strcat
    o.strcat(d, s);
    // mamori-ok: unsafe-strcat
    po->strcat(d, s);
}

int cpp_variable()
{
    // mamori-ok: unsafe-strcat
    int strcat = 2;
    return strcat * 2;
}
