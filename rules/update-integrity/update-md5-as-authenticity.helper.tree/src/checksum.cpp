// The image's MD5, compared with the one the uploader sent along.
#include <MD5Builder.h>

static MD5Builder md5;

void checksum_begin() {
  md5.begin();
}

void checksum_add(uint8_t *data, size_t len) {
  // mamori-expect: update-md5-as-authenticity
  md5.add(data, len);
}

bool checksum_matches(const String &expected) {
  // mamori-expect: update-md5-as-authenticity
  md5.calculate();
  return md5.toString() == expected;
}

/* an MD5 of the settings, on no update path */
String settings_id(const uint8_t *cfg, size_t len) {
  MD5Builder m;
  m.begin();
  // mamori-ok: update-md5-as-authenticity
  m.add((uint8_t *)cfg, len);
  m.calculate();
  return m.toString();
}
