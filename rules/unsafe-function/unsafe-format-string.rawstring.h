// Fixture for unsafe-format-string in a C++ header (.h): a header that holds a class is read
// with the C++ grammar, so a raw string literal is a constant format, not a name and a string.
#pragma once
#include <stdio.h>

class BoardInfo {
public:
  void send(char *buff, size_t n, const char *name) {
    // mamori-ok: unsafe-format-string
    snprintf(buff, n, R"json({"board":"%s"})json", name);
    // mamori-expect: unsafe-format-string
    snprintf(buff, n, name);
  }
};
