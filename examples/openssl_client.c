/* openssl_client — a TLS client that trusts what this machine trusts.
 *
 * nativecerts finds the operating system's root certificates (or the ones named by
 * SSL_CERT_FILE / SSL_CERT_DIR); this program puts them into an OpenSSL X509_STORE,
 * connects to HOST[:PORT], and lets OpenSSL verify the server's chain and host name.
 *
 *   cc openssl_client.c $(pkg-config --cflags --libs nativecerts openssl) -o openssl_client
 *   ./openssl_client example.com          (port 443)
 *   ./openssl_client 127.0.0.1:8443
 *
 * Prints "verification: ok" and exits 0 after a verified handshake; prints
 * "verification: failed: REASON" and exits 1 when the server is not trusted; exits 2 on
 * any other error (usage, connection, handshake). Copy freely (MIT OR Apache-2.0). */
#include <limits.h>
#include <stdio.h>

#include <nativecerts.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Builds an X509_STORE holding every root nativecerts returns. Problems with single
 * files (a malformed PEM block, an unreadable directory) are warnings: the rest of the
 * store is still good. Returns NULL only when memory runs out. */
static X509_STORE *store_from_nativecerts(void)
{
    nativecerts_result *roots;
    /* NULL options: the platform store, or the environment's SSL_CERT_FILE/SSL_CERT_DIR.
     * A non-zero return means bad arguments or no memory, never "nothing found". */
    if (nativecerts_load(NULL, &roots) != NATIVECERTS_OK) return NULL;

    for (size_t i = 0; i < nativecerts_result_error_count(roots); i++)
        fprintf(stderr, "warning: %s\n", nativecerts_result_error_message(roots, i));

    X509_STORE *store = X509_STORE_new();
    size_t added = 0;
    for (size_t i = 0; store && i < nativecerts_result_count(roots); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(roots, i, &len);
        if (len > LONG_MAX) continue;
        /* d2i_X509 advances its cursor, so give it a copy of the pointer. */
        const unsigned char *p = der;
        X509 *cert = d2i_X509(NULL, &p, (long)len);
        if (cert && X509_STORE_add_cert(store, cert) == 1)
            added++;
        else
            fprintf(stderr, "warning: OpenSSL did not take a root from %s\n",
                    nativecerts_result_source(roots, i));
        X509_free(cert); /* the store keeps its own reference */
    }
    if (store && added == 0)
        fprintf(stderr, "warning: no trusted root certificate found; "
                        "`nativecerts sources` tells where it looked\n");
    nativecerts_result_free(roots); /* the store holds copies: the result can go */
    return store;
}

/* Tells OpenSSL which name the certificate must be for: an IP literal is matched against
 * the certificate's IP addresses, anything else against its DNS names (and sent as SNI,
 * which RFC 6066 allows for host names only). Without this, any certificate issued by
 * any trusted root would be accepted for any server. (host is not const only because
 * SSL_set_tlsext_host_name is a macro that casts it to void *.) */
static int expect_host(SSL *ssl, char *host)
{
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1) return 1;
    return SSL_set1_host(ssl, host) == 1 && SSL_set_tlsext_host_name(ssl, host) == 1;
}

/* Prints the verified chain's root: the nativecerts root the server chained up to. */
static void print_trust_anchor(SSL *ssl)
{
    STACK_OF(X509) *chain = SSL_get0_verified_chain(ssl);
    int n = chain ? sk_X509_num(chain) : 0;
    if (n == 0) return;
    printf("trust anchor: ");
    X509_NAME_print_ex_fp(stdout, X509_get_subject_name(sk_X509_value(chain, n - 1)), 0,
                          XN_FLAG_RFC2253);
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s HOST[:PORT]\n", argv[0]);
        return 2;
    }
    /* "example.com", "example.com:443", "127.0.0.1:8443", "[::1]:8443". */
    char *host = NULL, *port = NULL;
    if (!BIO_parse_hostserv(argv[1], &host, &port, BIO_PARSE_PRIO_HOST) || !host) {
        fprintf(stderr, "%s: cannot parse '%s' as HOST[:PORT]\n", argv[0], argv[1]);
        return 2;
    }

    int status = 2;
    SSL_CTX *ctx = NULL;
    SSL *ssl = NULL;
    BIO *conn = NULL;
    X509_STORE *store = store_from_nativecerts();
    if (!store) goto done;

    ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) goto done;
    SSL_CTX_set_cert_store(ctx, store); /* the context owns the store from here on */
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL); /* abort the handshake if unverified */

    ssl = SSL_new(ctx);
    conn = BIO_new(BIO_s_connect());
    if (!ssl || !conn || !expect_host(ssl, host)) goto done;
    BIO_set_conn_hostname(conn, host);
    BIO_set_conn_port(conn, port ? port : "443");
    if (BIO_do_connect(conn) <= 0) {
        fprintf(stderr, "%s: cannot connect to %s\n", argv[0], argv[1]);
        goto done;
    }
    SSL_set_bio(ssl, conn, conn); /* the SSL owns the connection from here on */
    conn = NULL;

    if (SSL_connect(ssl) == 1) {
        printf("verification: ok (%s, %s)\n", SSL_get_version(ssl), SSL_get_cipher(ssl));
        print_trust_anchor(ssl);
        SSL_shutdown(ssl);
        status = 0;
    } else if (SSL_get_verify_result(ssl) != X509_V_OK) {
        printf("verification: failed: %s\n",
               X509_verify_cert_error_string(SSL_get_verify_result(ssl)));
        status = 1;
    } else {
        fprintf(stderr, "%s: TLS handshake with %s failed\n", argv[0], argv[1]);
    }

done:
    if (status == 2) ERR_print_errors_fp(stderr);
    if (!ctx) X509_STORE_free(store);
    BIO_free_all(conn);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    OPENSSL_free(host);
    OPENSSL_free(port);
    return status;
}
