/* gnutls_client — the GnuTLS twin of openssl_client.c: a TLS client that trusts what
 * this machine trusts, as nativecerts finds it (nativecerts/gnutls.h).
 *
 *   cc gnutls_client.c client_setup.c $(pkg-config --cflags --libs nativecerts gnutls) \
 *       -o gnutls_client
 *   ./gnutls_client example.com              (port 443)
 *   ./gnutls_client 127.0.0.1:8443 ca.pem    (trust only ca.pem)
 *
 * Prints "verification: ok" and exits 0 after a verified handshake; prints
 * "verification: failed: REASON" and exits 1 when the server is not trusted; exits 2 on
 * any other error (usage, connection, handshake). Copy freely (MIT OR Apache-2.0). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <nativecerts.h>
#include <nativecerts/gnutls.h>

#include "client_setup.h"

int main(int argc, char **argv)
{
    char *host, *port;
    nativecerts_options *opts;
    if (client_setup(argc, argv, &host, &port, &opts) != 0) return 2;

    int status = 2, fd = -1, ret;
    gnutls_certificate_credentials_t cred = NULL;
    gnutls_session_t session = NULL;
    nativecerts_result *roots;
    size_t skipped;
    if (gnutls_certificate_allocate_credentials(&cred) < 0 ||
        nativecerts_gnutls_load_credentials(cred, opts, &roots, &skipped) != NATIVECERTS_OK)
        goto done;
    client_report_roots(roots, skipped, "GnuTLS");
    nativecerts_result_free(roots); /* the credentials hold their own copies */

    if (gnutls_init(&session, GNUTLS_CLIENT) < 0) goto done;
    gnutls_set_default_priority(session);
    gnutls_credentials_set(session, GNUTLS_CRD_CERTIFICATE, cred);
    /* The handshake checks the chain up to the trusted roots and the name: DNS names, or
     * IP addresses for an IP literal. Without the name, any certificate from any trusted
     * root would be accepted. */
    if (!client_is_ip_literal(host))
        gnutls_server_name_set(session, GNUTLS_NAME_DNS, host, strlen(host));
    gnutls_session_set_verify_cert(session, host, 0);

    if ((fd = client_tcp_connect(host, port)) < 0) {
        fprintf(stderr, "%s: cannot connect to %s port %s\n", argv[0], host, port);
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
        fprintf(stderr, "%s: TLS handshake with %s failed: %s\n", argv[0], host,
                gnutls_strerror(ret));
    }

done:
    if (session) gnutls_deinit(session);
    if (fd >= 0) close(fd);
    if (cred) gnutls_certificate_free_credentials(cred);
    nativecerts_options_free(opts);
    return status;
}
