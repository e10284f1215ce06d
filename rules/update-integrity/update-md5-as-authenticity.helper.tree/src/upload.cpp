// A web upload whose image is checked by an MD5 computed in another file (checksum.cpp).
#include <Update.h>
#include <WebServer.h>
#include "checksum.h"

WebServer server(80);

void handle_upload() {
  HTTPUpload &upload = server.upload();
  if (upload.status == UPLOAD_FILE_START) {
    Update.begin(UPDATE_SIZE_UNKNOWN);
    checksum_begin();
  } else if (upload.status == UPLOAD_FILE_WRITE) {
    checksum_add(upload.buf, upload.currentSize);
    // mamori-expect: update-unverified-image
    Update.write(upload.buf, upload.currentSize);
  } else if (upload.status == UPLOAD_FILE_END) {
    if (checksum_matches(server.arg("md5")))
      Update.end(true);
  }
}
