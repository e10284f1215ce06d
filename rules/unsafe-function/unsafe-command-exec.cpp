// Fixture for unsafe-command-exec in C++: std::system is libc's; a namespace's or a class's
// system() is not.
#include <cstdlib>
#include <string>

namespace hal {
int system(const char *what);
}

class Board {
public:
    int system(const char *what);
};

void f(const std::string &cmd, Board &b, Board *pb)
{
    // mamori-expect: unsafe-command-exec@warning
    std::system(cmd.c_str());
    // mamori-expect: unsafe-command-exec@warning
    ::system(cmd.c_str());
    // mamori-ok: unsafe-command-exec
    hal::system(cmd.c_str());
    // mamori-ok: unsafe-command-exec
    b.system(cmd.c_str());
    // mamori-ok: unsafe-command-exec
    pb->system(cmd.c_str());
}
