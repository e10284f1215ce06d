// Fixture for unsafe-nonreentrant in C++.
#include <cstring>
#include <ctime>

namespace util {
char *strtok(char *s, const char *d);
}

void f(char *line, std::time_t now)
{
    // mamori-expect: unsafe-nonreentrant
    std::strtok(line, ",");
    // mamori-expect: unsafe-nonreentrant
    std::tm *t = std::localtime(&now);
    // mamori-ok: unsafe-nonreentrant
    util::strtok(line, ",");
    (void)t;
}
