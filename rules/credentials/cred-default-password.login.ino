// Arduino: the device's own password compared with what the user types
// mamori-expect: cred-default-password
String password = "password";
String currentPassword = "";

void loop() {
  if (currentPassword != password) {
    Serial.println("Wrong password");
  }
}
