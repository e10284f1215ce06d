// the project's own library, in lib/ beside its sketch
int ping_once(const char *host);
