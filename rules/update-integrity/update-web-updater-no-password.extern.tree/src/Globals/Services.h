// The updater is declared here and defined in Services.cpp (ESPEasy's layout).
#include <ESP8266HTTPUpdateServer.h>
#include <ESP8266WebServer.h>

extern ESP8266WebServer web_server;
extern ESP8266HTTPUpdateServer httpUpdater;
