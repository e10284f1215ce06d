/* Fixture for cred-jwt: a long-lived bearer token in firmware. The token is made up (its
 * signature is random bytes). */
// mamori-expect: cred-jwt@warning
#define CLOUD_JWT "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAibWFtb3JpLWZpeHR1cmUtZGV2aWNlIiwgImlhdCI6IDE3NjcyMjU2MDAsICJleHAiOiA0MTAyNDQ0ODAwfQ.FCWNj3EGJF9lw2b1Eu3YqYzYbP2Y7FSCrZOMhBqdeok"
/* the jwt.io example token, public test material */
// mamori-ok: cred-jwt
static const char *doc_jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
/* a JWT header alone, as a parser's constant */
// mamori-ok: cred-jwt
#define JWT_HS256_HEADER "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
/* an unsigned token has no signature part */
// mamori-ok: cred-jwt
#define UNSIGNED "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmaXh0dXJlIn0."
