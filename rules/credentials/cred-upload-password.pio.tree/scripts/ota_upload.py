# Fixture for cred-upload-password: an extra_scripts file that sets the OTA password.
Import("env")

# mamori-expect: cred-upload-password
env.Replace(UPLOAD_FLAGS=["--auth=Lamp7-py-pw"])
# mamori-expect: cred-upload-password
env.Append(UPLOADERFLAGS=["-a", "Lamp7-py-pw2"])
# mamori-expect: cred-upload-password
env.Append(CPPDEFINES=[("OTA_PASSWORD", '\\"Lamp7-py-pw3\\"')])
