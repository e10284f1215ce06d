// Fixture for unsafe-strcpy in C++: std:: and :: qualified calls are libc; other namespaces not.
#include <cstring>

namespace text {
char *strcpy(char *d, const char *s);
}

void f(char *d, const char *s)
{
    // mamori-expect: unsafe-strcpy
    std::strcpy(d, s);
    // mamori-expect: unsafe-strcpy
    ::strcpy(d, s);
    // mamori-ok: unsafe-strcpy
    text::strcpy(d, s);
}

struct Segment {
    char *name;
};

/* C++ casts around the allocation: the copy is sized by the source it copies */
void copy_name(Segment &dst, const Segment &orig)
{
    if (orig.name) {
        dst.name = static_cast<char *>(malloc(strlen(orig.name) + 1));
        // mamori-ok: unsafe-strcpy (malloc(strlen(orig.name) + 1) through static_cast)
        if (dst.name) strcpy(dst.name, orig.name);
    }
    char *copy = reinterpret_cast<char *>(malloc(strlen(orig.name) + 1));
    // mamori-ok: unsafe-strcpy
    strcpy(copy, orig.name);
    char *small = static_cast<char *>(malloc(4));
    // mamori-expect: unsafe-strcpy (4 bytes for a name of any length)
    strcpy(small, orig.name);
}

/* a member named without this->, pointed at an allocation in the block of the copy */
struct Named {
    char *name;
    void copy_from(const Named &orig);
};

void Named::copy_from(const Named &orig)
{
    if (orig.name) {
        name = static_cast<char *>(malloc(strlen(orig.name) + 1));
        // mamori-ok: unsafe-strcpy
        if (name) strcpy(name, orig.name);
        name = static_cast<char *>(malloc(8));
        // mamori-expect: unsafe-strcpy (8 bytes for a name of any length)
        strcpy(name, orig.name);
    }
}
