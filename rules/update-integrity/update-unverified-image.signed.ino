// The same handler with a signature verifier installed (Arduino-ESP32 3.3+, ESP8266).
#include <Update.h>
#include <WebServer.h>

WebServer server(80);
extern UpdaterVerifyClass *verifier;

void handle_update() {
  HTTPUpload &upload = server.upload();
  if (upload.status == UPLOAD_FILE_START) {
    Update.installSignature(verifier);
    Update.begin(UPDATE_SIZE_UNKNOWN);
  } else if (upload.status == UPLOAD_FILE_WRITE) {
    // mamori-ok: update-unverified-image
    Update.write(upload.buf, upload.currentSize);
  } else if (upload.status == UPLOAD_FILE_END) {
    Update.end(true);
  }
}
