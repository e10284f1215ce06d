#include <string.h>
void a(char *d, const char *s) { strcpy(d, s); }
