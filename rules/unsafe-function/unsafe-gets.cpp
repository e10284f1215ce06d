// Fixture for unsafe-gets in C++: std::gets and ::gets are libc's; other namespaces are not.
#include <cstdio>

namespace term {
char *gets(char *buf);
}

class Shell {
public:
    char *gets(char *buf);
};

void f(Shell &sh, Shell *psh, char *buf)
{
    // mamori-expect: unsafe-gets
    std::gets(buf);
    // mamori-expect: unsafe-gets
    ::gets(buf);
    // mamori-ok: unsafe-gets
    term::gets(buf);
    // mamori-ok: unsafe-gets
    sh.gets(buf);
    // mamori-ok: unsafe-gets
    psh->gets(buf);
}
