// The same upload with signed images: the MD5 is then only a transfer check.
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
    // mamori-ok: update-unverified-image
    Update.write(upload.buf, upload.currentSize);
  } else if (upload.status == UPLOAD_FILE_END) {
    if (checksum_matches(server.arg("md5")))
      Update.end(true);
  }
}
