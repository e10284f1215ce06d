/* Fixture for cred-slack-token in C. Made-up token. */
// mamori-expect: cred-slack-token
static const char *slack_bot = "xoxb-72799198254-8234265902829-MamoriFixturek7dXNRsepW7";
/* the prefix alone is how a parser recognises a token */
// mamori-ok: cred-slack-token
if (strncmp(tok, "xoxb-", 5) == 0) { kind = BOT; }
