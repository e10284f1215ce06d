/* Fixture for cred-key-material in a test directory (issue 15): a value the source calls a test
 * value is the test's fixture, a note; any other value that looks generated keeps its severity,
 * because a real key leaks from any file. Values generated for this file, never used. */
#include <stdint.h>

/* AES-128 test key for the frame encryption cases below */
// mamori-expect: cred-key-material@note
static const uint8_t frame_key[16] = {0x26, 0xae, 0xb7, 0xff, 0xff, 0x42, 0xb9, 0xcd,
                                      0xfe, 0x71, 0xad, 0x01, 0x73, 0x41, 0x96, 0x7b};
/* network session key of the join test vectors */
// mamori-expect: cred-key-material@note
static const char *join_nwk_skey = "261F3312EDA0807F2BA9685F8633FE83";
/* the gateway's network key, pasted here to reproduce a field report */
// mamori-expect: cred-key-material@error
static const char *gateway_nwk_skey = "9C41D0E27B35A8F6104E2D7C5B93A1E0";

int frame_cases(void)
{
    return frame_key[0] + join_nwk_skey[0] + gateway_nwk_skey[0];
}
