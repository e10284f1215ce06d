// ESP32 web upload handler.
#include <Update.h>
#include <WebServer.h>

WebServer server(80);

void handle_update() {
  HTTPUpload &upload = server.upload();
  if (upload.status == UPLOAD_FILE_START) {
    Update.begin(UPDATE_SIZE_UNKNOWN);
  } else if (upload.status == UPLOAD_FILE_WRITE) {
    // mamori-expect: update-unverified-image
    Update.write(upload.buf, upload.currentSize);
  } else if (upload.status == UPLOAD_FILE_END) {
    Update.end(true);
  }
}

void loop() {
  // mamori-ok: update-unverified-image
  Serial.write("ready\n", 6);
}
