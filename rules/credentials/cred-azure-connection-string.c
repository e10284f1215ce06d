/* Fixture for cred-azure-connection-string: Azure IoT SDK for C style. The keys are made up
 * for this test. */
// mamori-expect: cred-azure-connection-string
static const char *connectionString = "HostName=fixture-hub.azure-devices.net;DeviceId=fixture-dev;SharedAccessKey=wpTzmjWRv3QSOdSqzDfvwx98IX9A1PGtn9G6+Bk3fAo=";
/* a hub policy key: full control of every device */
// mamori-expect: cred-azure-connection-string
#define SERVICE_CONNECTION "HostName=fixture-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=rSkXQ0LYmeyzgDLgxt9ZUmtx88RtQqlglMt5h2EfCGI="
/* placeholders from samples and documentation */
// mamori-ok: cred-azure-connection-string
static const char *sample = "HostName=[IoT Hub name goes here].azure-devices.net;DeviceId=[Device ID goes here];SharedAccessKey=[Device key goes here]";
// mamori-ok: cred-azure-connection-string
#define ZERO_KEY "HostName=fixture-hub.azure-devices.net;DeviceId=fixture-dev;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
// mamori-ok: cred-azure-connection-string
#define CONN_TEMPLATE "HostName=%s;DeviceId=%s;SharedAccessKey=%s"
// mamori-ok: cred-azure-connection-string
#define X509_CONNECTION "HostName=fixture-hub.azure-devices.net;DeviceId=fixture-dev;x509=true"
/* the key is read at run time and joined: no literal key here */
// mamori-ok: cred-azure-connection-string
#define CONN_PREFIX "HostName=fixture-hub.azure-devices.net;DeviceId=fixture-dev;SharedAccessKey="
