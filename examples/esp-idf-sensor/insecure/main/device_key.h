/* Device identity for the cloud connection, pasted from the provisioning tool. */
#ifndef DEVICE_KEY_H
#define DEVICE_KEY_H

#define DEVICE_PRIVATE_KEY_PEM \
    "-----BEGIN PRIVATE KEY-----\n" \
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvKiG+ZN6w7hH/1hS\n" \
    "zmZsmkbNsgEsW77HbhWUE6BGLH6hRANCAARNR6lUOgPHqhZWuo65CqXeTMgs6Tv3\n" \
    "9joi0PmolRp7SInSFFdvQl//Lcyb6nn/edlgzJz1kXLu23lUfHlai7O1\n" \
    "-----END PRIVATE KEY-----\n" \
    ""

#endif
