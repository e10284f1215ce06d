// a vendored component's own code may ship: a key in it keeps its severity
// mamori-expect: cred-key-material
static const char *factory_app_key = "5B0E3F9A7C21D84E6A1F0B92C3D47E58";

const char *radiokit_factory_key(void)
{
    return factory_app_key;
}
