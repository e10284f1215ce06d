// Upload handler that trusts an MD5 sent with the image.
#include <Update.h>
#include <WebServer.h>

WebServer server(80);

void handle_upload() {
  HTTPUpload &upload = server.upload();
  if (upload.status == UPLOAD_FILE_START) {
    Update.begin(UPDATE_SIZE_UNKNOWN);
    // mamori-expect: update-md5-as-authenticity
    Update.setMD5(server.arg("md5").c_str());
  }
  // mamori-ok: update-md5-as-authenticity
  MD5Builder md5;
}
