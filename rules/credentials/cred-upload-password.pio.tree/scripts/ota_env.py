# Fixture for cred-upload-password: the password comes from the environment.
import os
Import("env")

# mamori-ok: cred-upload-password
env.Replace(UPLOAD_FLAGS="--auth=$ESPURNA_AUTH")
# mamori-ok: cred-upload-password
env.Append(UPLOADERFLAGS=["-a", os.environ.get("OTA_PASS", "")])
# mamori-ok: cred-upload-password
env.Append(CPPDEFINES=[("OTA_PASSWORD", os.environ["OTA_PASS"])])
# a flag that is not a password
# mamori-ok: cred-upload-password
env.Append(CPPDEFINES=[("PASSWORD_MAX_LEN", 64)])
