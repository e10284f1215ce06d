#include <string.h>
void b(char *d, const char *s) { strcpy(d, s); }
