static const char *ap_password = "12345678";
#define DEFAULT_ADMIN_PASS ""
#define HTTP_AUTH_PASS "password"
