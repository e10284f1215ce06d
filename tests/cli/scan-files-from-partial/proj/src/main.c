#include <string.h>
void f(char *d, const char *s) { strcpy(d, s); }
