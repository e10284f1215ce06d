// Fixture for unsafe-tempfile in C++: std:: and :: calls are libc's; a namespace's or a class's function of
// the same name is not, nor is a variable of that name.
#include <cstdio>

namespace ext {
int tmpnam(...);
}

struct Obj {
    int tmpnam(...);
};

void cpp_calls(Obj &o, Obj *po, char *d)
{
    // mamori-expect: unsafe-tempfile
    std::tmpnam(d);
    // mamori-expect: unsafe-tempfile
    ::tmpnam(d);
    // mamori-ok: unsafe-tempfile
    ext::tmpnam(d);
    // mamori-ok: unsafe-tempfile
    o.tmpnam(d);
    // mamori-ok: unsafe-tempfile
    po->tmpnam(d);
}

int cpp_variable()
{
    // mamori-ok: unsafe-tempfile
    int tmpnam = 2;
    return tmpnam * 2;
}
