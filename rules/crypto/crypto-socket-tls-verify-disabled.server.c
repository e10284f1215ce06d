/* A TLS server socket: NONE means it does not ask clients for a certificate. */
#include <zephyr/net/socket.h>

int tls_server(int sock)
{
    int verify = TLS_PEER_VERIFY_NONE;
    // mamori-ok: crypto-socket-tls-verify-disabled
    setsockopt(sock, SOL_TLS, TLS_PEER_VERIFY, &verify, sizeof(verify));
    return listen(sock, 1);
}
