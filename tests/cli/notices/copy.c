#include <string.h>
void y(char *d, const char *s) { strcpy(d, s); }
