// issue 11: a C++ class's members, declared in its header, named without this-> in its
// member functions
#pragma once

struct posix_header {
    char name[100];
    char mode[8];
    char size[12];
};

namespace archive {
class TarStream {
public:
    void setupHeader(unsigned size);
    void label(int n);
    void inlineLabel(int n)
    {
        // a member function written in the class body: the same members
        // mamori-expect: unsafe-sprintf@warning
        sprintf(_label, "%d", n);
    }

private:
    posix_header _header;
    char _label[4];
};
} // namespace archive
