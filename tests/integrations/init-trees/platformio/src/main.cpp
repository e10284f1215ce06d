void setup() {}
void loop() {}
