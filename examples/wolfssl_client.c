/* wolfssl_client — a TLS client on wolfSSL that trusts what this machine trusts, as
 * nativecerts finds it (nativecerts/wolfssl.h).
 *
 *   cc wolfssl_client.c client_setup.c $(pkg-config --cflags --libs nativecerts wolfssl) \
 *       -o wolfssl_client
 *   ./wolfssl_client example.com              (port 443)
 *   ./wolfssl_client localhost:8443 ca.pem    (trust only ca.pem)
 *
 * wolfSSL checks the server's DNS names, and its IP addresses when built with OPENSSL_ALL
 * or WOLFSSL_IP_ALT_NAME (Debian's is). Prints "verification: ok" and exits 0 after a
 * verified handshake; prints "verification: failed: REASON" and exits 1 when the server
 * is not trusted; exits 2 on any other error (usage, connection, handshake). Copy freely
 * (MIT OR Apache-2.0). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nativecerts.h>
#include <nativecerts/wolfssl.h> /* includes wolfSSL's options.h first */
#include <wolfssl/ssl.h>

#include "client_setup.h"

/* The errors of a certificate that did not verify, as opposed to a failed connection. */
static int is_verify_error(int err)
{
    return err == ASN_NO_SIGNER_E || err == DOMAIN_NAME_MISMATCH || err == IPADDR_MISMATCH ||
           err == ASN_AFTER_DATE_E || err == ASN_BEFORE_DATE_E || err == ASN_SIG_CONFIRM_E ||
           err == VERIFY_CERT_ERROR;
}

int main(int argc, char **argv)
{
    char *host, *port;
    nativecerts_options *opts;
    if (client_setup(argc, argv, &host, &port, &opts) != 0) return 2;

    int status = 2, fd = -1, ret;
    WOLFSSL *ssl = NULL;
    wolfSSL_Init();
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfSSLv23_client_method());
    nativecerts_result *roots;
    size_t skipped;
    if (!ctx || nativecerts_wolfssl_load_ctx(ctx, opts, &roots, &skipped) != NATIVECERTS_OK)
        goto done;
    client_report_roots(roots, skipped, "wolfSSL");
    nativecerts_result_free(roots); /* the context holds its own copies */

    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    if (!(ssl = wolfSSL_new(ctx))) goto done;
    /* The name the certificate must be for: without it, any certificate from any trusted
     * root would be accepted. */
    if (wolfSSL_check_domain_name(ssl, host) != WOLFSSL_SUCCESS) goto done;
    if (!client_is_ip_literal(host) &&
        wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, host, (unsigned short)strlen(host)) !=
            WOLFSSL_SUCCESS)
        goto done;
    if ((fd = client_tcp_connect(host, port)) < 0) {
        fprintf(stderr, "%s: cannot connect to %s port %s\n", argv[0], host, port);
        goto done;
    }
    wolfSSL_set_fd(ssl, fd);

    if ((ret = wolfSSL_connect(ssl)) == WOLFSSL_SUCCESS) {
        printf("verification: ok (%s, %s)\n", wolfSSL_get_version(ssl), wolfSSL_get_cipher(ssl));
        wolfSSL_shutdown(ssl);
        status = 0;
    } else {
        int err = wolfSSL_get_error(ssl, ret);
        const char *why = wolfSSL_ERR_reason_error_string((unsigned long)err);
        if (is_verify_error(err)) {
            printf("verification: failed: %s (wolfSSL error %d)\n", why, err);
            status = 1;
        } else {
            fprintf(stderr, "%s: TLS handshake with %s failed: %s (wolfSSL error %d)\n", argv[0],
                    host, why, err);
        }
    }

done:
    wolfSSL_free(ssl);
    wolfSSL_CTX_free(ctx);
    wolfSSL_Cleanup();
    if (fd >= 0) close(fd);
    nativecerts_options_free(opts);
    return status;
}
