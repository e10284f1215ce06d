/* Zephyr and nRF91 TLS client sockets. */
#include <zephyr/net/socket.h>

#define MY_VERIFY TLS_PEER_VERIFY_OPTIONAL

static const int file_verify = TLS_PEER_VERIFY_NONE;

int tls_connect(int sock)
{
    int verify = TLS_PEER_VERIFY_NONE;
    // mamori-expect: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));
    verify = TLS_PEER_VERIFY_REQUIRED;
    // mamori-ok: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));
    int opt = MY_VERIFY;
    // mamori-expect: crypto-socket-tls-verify-disabled
    zsock_setsockopt(sock, ZSOCK_SOL_TLS, ZSOCK_TLS_PEER_VERIFY, &opt, sizeof(opt));
    // mamori-expect: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &file_verify, sizeof(file_verify));
    // mamori-expect: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &(int){ TLS_PEER_VERIFY_OPTIONAL }, sizeof(int));
    /* the value is only known at run time */
    int chosen = use_strict ? TLS_PEER_VERIFY_REQUIRED : TLS_PEER_VERIFY_NONE;
    // mamori-ok: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &chosen, sizeof(chosen));
    /* another option whose value happens to be 0 */
    int zero = 0;
    // mamori-ok: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_SESSION_CACHE, &zero, sizeof(zero));
    return connect(sock, addr, addrlen);
}

int modem_connect(int fd)
{
    int peer_verify = NRF_SO_SEC_PEER_VERIFY_NONE;
    // mamori-expect: crypto-socket-tls-verify-disabled
    return nrf_setsockopt(fd, NRF_SOL_SECURE, NRF_SO_SEC_PEER_VERIFY, &peer_verify, sizeof(peer_verify));
}
