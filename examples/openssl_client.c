/* openssl_client — a TLS client on OpenSSL that trusts what this machine trusts.
 *
 * nativecerts finds the operating system's root certificates (or the ones named by
 * SSL_CERT_FILE / SSL_CERT_DIR, or only those of CAFILE); nativecerts/openssl.h puts
 * them into the SSL_CTX's store; OpenSSL verifies the server's chain and name.
 *
 *   cc openssl_client.c client_setup.c $(pkg-config --cflags --libs nativecerts openssl) \
 *       -o openssl_client
 *   ./openssl_client example.com              (port 443)
 *   ./openssl_client 127.0.0.1:8443 ca.pem    (trust only ca.pem)
 *
 * Built with -DLAZY_ROOTS (openssl_lazy_client), it uses the lazy store instead, which
 * parses only the roots the handshake asks for: the same verification, set up in about
 * the time of the load alone.
 *
 * Prints "verification: ok" and exits 0 after a verified handshake; prints
 * "verification: failed: REASON" and exits 1 when the server is not trusted; exits 2 on
 * any other error (usage, connection, handshake). Copy freely (MIT OR Apache-2.0). */
#include <stdio.h>
#include <unistd.h>

#include <nativecerts.h>
#include <nativecerts/openssl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "client_setup.h"

#ifdef LAZY_ROOTS
#define load_roots nativecerts_openssl_load_ctx_lazy
#else
#define load_roots nativecerts_openssl_load_ctx
#endif

/* Tells OpenSSL which name the certificate must be for: an IP literal is matched against
 * the certificate's IP addresses, anything else against its DNS names (and sent as SNI).
 * Without this, any certificate issued by any trusted root would be accepted for any
 * server. */
static int expect_host(SSL *ssl, char *host)
{
    if (client_is_ip_literal(host))
        return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1;
    return SSL_set1_host(ssl, host) == 1 && SSL_set_tlsext_host_name(ssl, host) == 1;
}

int main(int argc, char **argv)
{
    char *host, *port;
    nativecerts_options *opts;
    if (client_setup(argc, argv, &host, &port, &opts) != 0) return 2;

    int status = 2, fd = -1;
    SSL *ssl = NULL;
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    nativecerts_result *roots;
    size_t skipped;
    if (!ctx || load_roots(ctx, opts, &roots, &skipped) != NATIVECERTS_OK) goto done;
    client_report_roots(roots, skipped, "OpenSSL");
    nativecerts_result_free(roots); /* the store keeps what it needs */

    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL); /* abort the handshake if unverified */
    if (!(ssl = SSL_new(ctx)) || !expect_host(ssl, host)) goto done;
    if ((fd = client_tcp_connect(host, port)) < 0) {
        fprintf(stderr, "%s: cannot connect to %s port %s\n", argv[0], host, port);
        goto done;
    }
    SSL_set_fd(ssl, fd);

    if (SSL_connect(ssl) == 1) {
        printf("verification: ok (%s, %s)\n", SSL_get_version(ssl), SSL_get_cipher(ssl));
        SSL_shutdown(ssl);
        status = 0;
    } else if (SSL_get_verify_result(ssl) != X509_V_OK) {
        printf("verification: failed: %s\n",
               X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
        status = 1;
    } else {
        fprintf(stderr, "%s: TLS handshake with %s failed\n", argv[0], host);
    }

done:
    if (status == 2) ERR_print_errors_fp(stderr);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (fd >= 0) close(fd);
    nativecerts_options_free(opts);
    return status;
}
