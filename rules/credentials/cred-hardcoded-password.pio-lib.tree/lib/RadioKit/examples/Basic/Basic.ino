// an example of a vendored component: its author's keys, published with the component, which
// this project neither ships nor can rotate
// mamori-expect: cred-key-material@note
const char *nwkSKey = "AE17E567AECC8787F749A62F5541D522";

void setup() {}
void loop() {}
