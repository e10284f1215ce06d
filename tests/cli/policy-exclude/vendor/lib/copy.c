#include <string.h>
void v(char *d, const char *s) { strcpy(d, s); }
