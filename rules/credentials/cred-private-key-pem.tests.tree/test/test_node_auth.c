/* Fixture for cred-private-key-pem in a test directory (issue 15): the rule keeps its severity
 * in every role, except for a key the source calls a test key in a test or an example (the
 * test's fixture). Both keys were generated for this file with openssl and never used. */

/* EC P-256 test key for the node authentication cases */
static const char ec_key[] =
// mamori-expect: cred-private-key-pem@note
"-----BEGIN PRIVATE KEY-----\n"
"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg91iKwUUfycHnEW3K\n"
"eWEZzRY+byAl63nJFw54COMonZ6hRANCAATjN1xj2kagNgsBERl2F+5APeDnUc+r\n"
"s1EcYLZNj/GWHBCZZFWfuu6wv/OeIBu7GaQzCi9VBQOYkMIuuH3O8ykC\n"
"-----END PRIVATE KEY-----\n";

/* the device key the field unit was provisioned with */
static const char device_key[] =
// mamori-expect: cred-private-key-pem@error
"-----BEGIN PRIVATE KEY-----\n"
"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHgEcJ6y0XN5DQh8W\n"
"zpdzCtnfsTJ0n1Oakmt1+Q6xMbKhRANCAAT2vC/+b3bRBJAWSlnrQVYOjFvrhq0M\n"
"kgzAbASsfxXquiSDFybCeF+qtXHU/nQfxXYuoTeut4ZbEVK0xNSk8Ugv\n"
"-----END PRIVATE KEY-----\n";

const char *node_auth_keys(int which)
{
    return which ? device_key : ec_key;
}
