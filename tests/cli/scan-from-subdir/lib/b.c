#include <string.h>
void b(char *d, const char *s) { strcat(d, s); }
