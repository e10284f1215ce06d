/* Fixture for cred-slack-webhook: an alert bot in firmware. The webhook is made up. */
// mamori-expect: cred-slack-webhook
#define ALERT_WEBHOOK "https://hooks.slack.com/services/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"
/* Slack's documented placeholder */
// mamori-ok: cred-slack-webhook
#define DOC_WEBHOOK "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
// mamori-ok: cred-slack-webhook
#define WEBHOOK_HOST "hooks.slack.com"
