#include "Services.h"

ESP8266WebServer web_server(80);
ESP8266HTTPUpdateServer httpUpdater(true);
