#include <stdio.h>

#include "tar_stream.h"

#define PSTR(s) (s)

char _label[64]; /* a global of the same name: the member hides it in member functions */

namespace archive {
void TarStream::setupHeader(unsigned size)
{
    // seven octal digits and the NUL fill mode[8] exactly (the format in PSTR() is read too)
    // mamori-ok: unsafe-sprintf
    sprintf(_header.mode, PSTR("%07o"), 0);
    // a 32-bit unsigned is at most 11 octal digits: size[12] holds them
    // mamori-ok: unsafe-sprintf
    sprintf(_header.size, PSTR("%011o"), size);
    // mamori-ok: unsafe-sprintf
    sprintf(_header.name, "%s", "archive.tar");
}

void TarStream::label(int n)
{
    // the member _label[4], not the global _label[64]: "%d" may need 11 characters
    // mamori-expect: unsafe-sprintf@warning
    sprintf(_label, "%d", n);
}
} // namespace archive

void free_label(int n)
{
    // a free function: the global _label[64]
    // mamori-ok: unsafe-sprintf
    sprintf(_label, "%d", n);
}
