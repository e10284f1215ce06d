// The web server's setup, in a file that sees the updater only through Services.h.
#include "../Globals/Services.h"

void web_server_init() {
  // mamori-expect: update-web-updater-no-password update-unverified-image
  httpUpdater.setup(&web_server);
  // mamori-ok: update-web-updater-no-password
  web_server.begin();
}
