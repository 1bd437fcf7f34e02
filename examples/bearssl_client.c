/* bearssl_client — a TLS client on BearSSL that trusts what this machine trusts, as
 * nativecerts finds it (nativecerts/bearssl.h).
 *
 *   cc bearssl_client.c client_setup.c $(pkg-config --cflags --libs nativecerts) \
 *       -lbearssl -o bearssl_client
 *   ./bearssl_client example.com              (port 443)
 *   ./bearssl_client localhost:8443 ca.pem    (trust only ca.pem)
 *
 * BearSSL's X.509 engine checks the server's DNS names, not IP addresses: name the
 * server by its host name. Prints "verification: ok" and exits 0 after a verified
 * handshake; prints "verification: failed: REASON" and exits 1 when the server is not
 * trusted; exits 2 on any other error (usage, connection, handshake). Copy freely (MIT OR
 * Apache-2.0). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <bearssl.h>
#include <nativecerts.h>
#include <nativecerts/bearssl.h>

#include "client_setup.h"

/* The socket callbacks of br_sslio: -1 on error or end of stream. */
static int sock_read(void *ctx, unsigned char *buf, size_t len)
{
    for (;;) {
        ssize_t n = read(*(int *)ctx, buf, len);
        if (n > 0) return (int)n;
        if (n < 0 && errno == EINTR) continue;
        return -1;
    }
}

static int sock_write(void *ctx, const unsigned char *buf, size_t len)
{
    for (;;) {
        ssize_t n = write(*(int *)ctx, buf, len);
        if (n > 0) return (int)n;
        if (n < 0 && errno == EINTR) continue;
        return -1;
    }
}

/* BearSSL's X.509 errors (BR_ERR_X509_*, 32..63) say the server was not trusted. */
static const char *x509_error(int err)
{
    switch (err) {
    case BR_ERR_X509_NOT_TRUSTED:
        return "the chain does not lead to a trusted root";
    case BR_ERR_X509_BAD_SERVER_NAME:
        return "the certificate is not for this server name";
    case BR_ERR_X509_EXPIRED:
        return "a certificate is expired or not yet valid";
    default:
        return err >= 32 && err < 64 ? "the certificate chain is invalid" : NULL;
    }
}

int main(int argc, char **argv)
{
    char *host, *port;
    nativecerts_options *opts;
    if (client_setup(argc, argv, &host, &port, &opts) != 0) return 2;

    int status = 2, fd = -1, err;
    static unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
    br_ssl_client_context sc;
    br_x509_minimal_context xc;
    br_sslio_context ioc;
    nativecerts_bearssl_anchors anchors = NATIVECERTS_BEARSSL_ANCHORS_INIT;
    nativecerts_result *roots;
    size_t skipped;
    if (nativecerts_bearssl_load_anchors(&anchors, opts, &roots, &skipped) != NATIVECERTS_OK)
        goto done;
    client_report_roots(roots, skipped, "BearSSL");
    nativecerts_result_free(roots); /* the anchors hold their own copies */

    /* The name given to reset is the SNI and the name the certificate must be for:
     * without it, any certificate from any trusted root would be accepted. */
    br_ssl_client_init_full(&sc, &xc, anchors.anchors, anchors.count);
    br_ssl_engine_set_buffer(&sc.eng, iobuf, sizeof iobuf, 1);
    if (!br_ssl_client_reset(&sc, host, 0)) goto done;
    if ((fd = client_tcp_connect(host, port)) < 0) {
        fprintf(stderr, "%s: cannot connect to %s port %s\n", argv[0], host, port);
        goto done;
    }
    br_sslio_init(&ioc, &sc.eng, sock_read, &fd, sock_write, &fd);
    br_sslio_flush(&ioc); /* runs the handshake */

    err = br_ssl_engine_last_error(&sc.eng);
    if (err == BR_ERR_OK && (br_ssl_engine_current_state(&sc.eng) & BR_SSL_SENDAPP)) {
        printf("verification: ok (TLS 1.%d)\n", br_ssl_engine_get_version(&sc.eng) - 0x0301);
        br_sslio_close(&ioc);
        status = 0;
    } else if (x509_error(err)) {
        printf("verification: failed: %s (BearSSL error %d)\n", x509_error(err), err);
        status = 1;
    } else {
        fprintf(stderr, "%s: TLS handshake with %s failed (BearSSL error %d)\n", argv[0], host,
                err);
    }

done:
    if (fd >= 0) close(fd);
    nativecerts_bearssl_free_anchors(&anchors); /* after the engine's last use */
    nativecerts_options_free(opts);
    return status;
}
