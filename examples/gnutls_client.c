/* gnutls_client — the GnuTLS twin of openssl_client.c: a TLS client that trusts what
 * this machine trusts, as nativecerts finds it.
 *
 *   cc gnutls_client.c $(pkg-config --cflags --libs nativecerts gnutls) -o gnutls_client
 *   ./gnutls_client example.com          (port 443)
 *   ./gnutls_client 127.0.0.1:8443
 *
 * Prints "verification: ok" and exits 0 after a verified handshake; prints
 * "verification: failed: REASON" and exits 1 when the server is not trusted; exits 2 on
 * any other error (usage, connection, handshake). Copy freely (MIT OR Apache-2.0). */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <nativecerts.h>

/* Adds every root nativecerts returns to the credentials' trust list. Problems with
 * single files are warnings: the rest is still good. Returns 0, or -1 when memory runs
 * out. */
static int trust_nativecerts(gnutls_certificate_credentials_t cred)
{
    nativecerts_result *roots;
    /* NULL options: the platform store, or the environment's SSL_CERT_FILE/SSL_CERT_DIR.
     * A non-zero return means bad arguments or no memory, never "nothing found". */
    if (nativecerts_load(NULL, &roots) != NATIVECERTS_OK) return -1;

    for (size_t i = 0; i < nativecerts_result_error_count(roots); i++)
        fprintf(stderr, "warning: %s\n", nativecerts_result_error_message(roots, i));

    size_t added = 0;
    for (size_t i = 0; i < nativecerts_result_count(roots); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(roots, i, &len);
        /* GnuTLS copies the certificate and only reads the datum (its field is not
         * const, hence the cast through uintptr_t). */
        gnutls_datum_t d = {(unsigned char *)(uintptr_t)der, (unsigned int)len};
        int n = gnutls_certificate_set_x509_trust_mem(cred, &d, GNUTLS_X509_FMT_DER);
        if (n > 0)
            added++;
        else
            fprintf(stderr, "warning: GnuTLS did not take a root from %s: %s\n",
                    nativecerts_result_source(roots, i), gnutls_strerror(n));
    }
    if (added == 0)
        fprintf(stderr, "warning: no trusted root certificate found; "
                        "`nativecerts sources` tells where it looked\n");
    nativecerts_result_free(roots); /* GnuTLS holds copies: the result can go */
    return 0;
}

/* Splits "host", "host:port" or "[v6]:port" in place; the port defaults to 443. */
static int split_host_port(char *arg, char **host, const char **port)
{
    char *colon;
    *port = "443";
    if (arg[0] == '[') {
        char *end = strchr(arg, ']');
        if (!end || (end[1] != '\0' && end[1] != ':')) return -1;
        *end = '\0';
        *host = arg + 1;
        if (end[1] == ':') *port = end + 2;
        return 0;
    }
    *host = arg;
    colon = strrchr(arg, ':');
    if (colon && strchr(arg, ':') == colon) { /* one colon: host:port, else bare IPv6 */
        *colon = '\0';
        *port = colon + 1;
    }
    return **host ? 0 : -1;
}

/* A TCP connection to the first address of host that accepts one, or -1. */
static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints = {0}, *list, *ai;
    int fd = -1;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &list) != 0) return -1;
    for (ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    return fd;
}

static int is_ip_literal(const char *host)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

int main(int argc, char **argv)
{
    char *host;
    const char *port;
    if (argc != 2 || split_host_port(argv[1], &host, &port) != 0) {
        fprintf(stderr, "usage: %s HOST[:PORT]\n", argv[0]);
        return 2;
    }

    int status = 2, fd = -1, ret;
    gnutls_certificate_credentials_t cred = NULL;
    gnutls_session_t session = NULL;
    if (gnutls_certificate_allocate_credentials(&cred) < 0 || trust_nativecerts(cred) != 0)
        goto done;
    if (gnutls_init(&session, GNUTLS_CLIENT) < 0) goto done;
    gnutls_set_default_priority(session);
    gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, cred);
    /* SNI for host names only (RFC 6066). The verification below checks the chain up to
     * the trusted roots and the name: DNS names, or IP addresses for an IP literal.
     * Without the name, any certificate from any trusted root would be accepted. */
    if (!is_ip_literal(host)) gnutls_server_name_set(session, GNUTLS_NAME_DNS, host, strlen(host));
    gnutls_session_set_verify_cert(session, host, 0);

    if ((fd = tcp_connect(host, port)) < 0) {
        fprintf(stderr, "%s: cannot connect to %s\n", argv[0], argv[1]);
        goto done;
    }
    gnutls_transport_set_int(session, fd);
    gnutls_handshake_set_timeout(session, GNUTLS_DEFAULT_HANDSHAKE_TIMEOUT);
    do {
        ret = gnutls_handshake(session);
    } while (ret < 0 && gnutls_error_is_fatal(ret) == 0);

    if (ret == 0) {
        char *desc = gnutls_session_get_desc(session);
        printf("verification: ok (%s)\n", desc ? desc : "");
        gnutls_free(desc);
        gnutls_bye(session, GNUTLS_SHUT_RDWR);
        status = 0;
    } else if (ret == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR) {
        gnutls_datum_t why = {NULL, 0};
        gnutls_certificate_verification_status_print(gnutls_session_get_verify_cert_status(session),
                                                     gnutls_certificate_type_get(session), &why, 0);
        printf("verification: failed: %s\n", why.data ? (const char *)why.data : "");
        gnutls_free(why.data);
        status = 1;
    } else {
        fprintf(stderr, "%s: TLS handshake with %s failed: %s\n", argv[0], argv[1],
                gnutls_strerror(ret));
    }

done:
    if (session) gnutls_deinit(session);
    if (fd >= 0) close(fd);
    if (cred) gnutls_certificate_free_credentials(cred);
    return status;
}
