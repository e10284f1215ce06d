// Fixture for cred-hardcoded-password inside large functions: the C front end reads the one
// statement that holds a hit when every hit of the function is of a rule that reads only that
// statement (a literal and where it goes), and the whole function otherwise. Values are made up.
#include <string.h>
size_t strlcpy(char *dst, const char *src, size_t size);

struct wifi_sta { char ssid[32]; char password[64]; };
struct wifi_cfg { struct wifi_sta sta; };
extern int values[64];
extern char g_pass[64];
extern const char *current_pass;

int configure(int mode)
{
    int total = 0;
    total += values[0] * 3;
    total += values[1] * 4;
    total += values[2] * 5;
    total += values[3] * 6;
    total += values[4] * 7;
    total += values[5] * 8;
    total += values[6] * 9;
    total += values[7] * 10;
    total += values[8] * 11;
    total += values[9] * 12;
    total += values[10] * 13;
    total += values[11] * 14;
    total += values[12] * 15;
    total += values[13] * 16;
    total += values[14] * 17;
    total += values[15] * 18;
    total += values[16] * 19;
    total += values[17] * 20;
    total += values[18] * 21;
    total += values[19] * 22;
    total += values[20] * 23;
    total += values[21] * 24;
    total += values[22] * 25;
    total += values[23] * 26;
    total += values[24] * 27;
    total += values[25] * 28;
    total += values[26] * 29;
    total += values[27] * 30;
    total += values[28] * 31;
    total += values[29] * 32;
    total += values[30] * 33;
    total += values[31] * 34;
    total += values[32] * 35;
    total += values[33] * 36;
    total += values[34] * 37;
    total += values[35] * 38;
    total += values[36] * 39;
    total += values[37] * 40;
    total += values[38] * 41;
    total += values[39] * 42;
    total += values[40] * 43;
    total += values[41] * 44;
    total += values[42] * 45;
    total += values[43] * 46;
    total += values[44] * 47;
    total += values[45] * 48;
    total += values[46] * 49;
    total += values[47] * 50;
    total += values[48] * 51;
    total += values[49] * 52;
    total += values[50] * 53;
    total += values[51] * 54;
    total += values[52] * 55;
    total += values[53] * 56;
    total += values[54] * 57;
    total += values[55] * 58;
    total += values[56] * 59;
    total += values[57] * 60;
    total += values[58] * 61;
    total += values[59] * 62;
    // a password in a comment is not code:
    // mamori-ok: cred-hardcoded-password
    // g_pass = "Comment7Pw1";
    // mamori-expect: cred-hardcoded-password
    struct wifi_cfg cfg = { .sta = { .ssid = "lab", .password = "Stmt7InitPw2" } };
    switch (mode) {
    // mamori-expect: cred-hardcoded-password
    case 1: strlcpy(g_pass, "Stmt7CasePw3", sizeof g_pass); break;
    default: break;
    }
    if (mode > 2) {
        // mamori-expect: cred-hardcoded-password
        current_pass = "Stmt7AssignPw4";
    } else
        // mamori-expect: cred-hardcoded-password
        current_pass = "Stmt7ElsePw5";
    // a comparison is no place a password is kept
    // mamori-ok: cred-hardcoded-password
    if (strcmp(g_pass, "Stmt7ComparePw6") == 0) {
        total++;
    }
    // a definition inside a function: its macro body is read too
    // mamori-expect: cred-hardcoded-password
#define LOCAL_PASS "Stmt7MacroPw7"
    strlcpy(g_pass, LOCAL_PASS, sizeof g_pass);
    (void)cfg;
    return total;
}
