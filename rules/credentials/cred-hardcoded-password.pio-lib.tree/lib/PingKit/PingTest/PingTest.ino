// a sketch inside a library: no build of the project compiles it (PlatformIO builds a
// library's .c/.cpp only), so it is an example
#include <WiFi.h>

// mamori-expect: cred-hardcoded-password@note
const char password[] = "paolo-48";
// a value that looks generated leaks from an example of the project's own all the same
// mamori-expect: cred-hardcoded-password@error
const char mqtt_password[] = "Vq7rK2xZp9LmT4wB";

void setup()
{
    WiFi.begin("lab", password);
}

void loop() {}
