/* ESP-IDF's own code in the fake: not the project's, so the mamori component must not scan it */
#include <string.h>
void esp_copy(char *d, const char *s) { strcpy(d, s); }
