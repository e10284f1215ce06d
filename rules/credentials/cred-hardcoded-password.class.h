// Fixture for cred-hardcoded-password in a C++ header (.h): a header that holds a class is
// read with the C++ grammar, so the members' initializers are found. Values are made up.
#pragma once
#include <Arduino.h>

class OtaSettings {
public:
  // mamori-expect: cred-hardcoded-password
  String password = "Hdr7MemberPw1";
  // mamori-ok: cred-hardcoded-password
  String passwordHint = "Your device password";
private:
  // mamori-expect: cred-hardcoded-password
  const char *apPass = "Hdr7PrivatePw2";
};

// mamori-expect: cred-hardcoded-password
const char PAGE_login[] PROGMEM = R"=====(<form>pass</form>)====="; const char *wifiPass = "Hdr7AfterRawPw3";
