// Fixture for unsafe-alloca in C++ (alloca is not in std::): ::alloca is libc's; a namespace's
// or a class's function of the same name is not, nor is a variable of that name.
#include <alloca.h>

namespace ext {
int alloca(...);
}

struct Obj {
    int alloca(...);
};

void cpp_calls(Obj &o, Obj *po, unsigned n)
{
    // mamori-expect: unsafe-alloca
    ::alloca(n);
    // mamori-ok: unsafe-alloca
    ext::alloca(n);
    // mamori-ok: unsafe-alloca
    o.alloca(n);
    // mamori-ok: unsafe-alloca
    po->alloca(n);
}

int cpp_variable()
{
    // mamori-ok: unsafe-alloca
    int alloca = 2;
    return alloca * 2;
}
