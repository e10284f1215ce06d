// Fixture for cred-google-api-key in a web UI served by the device. The key is made up.
const firebaseConfig = {
  // mamori-expect: cred-google-api-key
  apiKey: "AIzaMamoriFixturemtxAS1OU7HWHKtaRtJYpPJ",
  // mamori-ok: cred-google-api-key
  authDomain: "fixture.firebaseapp.com",
};
