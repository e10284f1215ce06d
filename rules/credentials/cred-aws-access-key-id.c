/* Fixture for cred-aws-access-key-id in C source: the ID is made up for this test. */
// mamori-expect: cred-aws-access-key-id
#define AWS_ACCESS_KEY_ID "AKIAMAMORIFIXTURE234"
struct aws_creds {
    const char *key_id;
};
// mamori-expect: cred-aws-access-key-id
static const struct aws_creds creds = {.key_id = "AKIAMAMORIFIXTURE765"};
/* the key ID of AWS's documentation */
// mamori-ok: cred-aws-access-key-id
static const char *doc_example = "AKIAIOSFODNN7EXAMPLE";
