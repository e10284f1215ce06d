void setup() { pinMode(13, OUTPUT); }
void loop() {}
