/* an ESP32 file whose SDK headers this machine does not have: libclang stops at the include,
 * and the tree-sitter tier reads the file instead */
#include "esp_wifi.h"
#include <stdlib.h>

void apply(const char *cmd)
{
    system(cmd);
}
