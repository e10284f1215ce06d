#!/bin/sh
# Fixture for cred-slack-webhook in a script. The webhook is made up.
# mamori-expect: cred-slack-webhook
curl -X POST -d '{"text":"build done"}' https://hooks.slack.com/workflows/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
# mamori-ok: cred-slack-webhook
curl -X POST -d '{"text":"build done"}' "$SLACK_WEBHOOK_URL"
