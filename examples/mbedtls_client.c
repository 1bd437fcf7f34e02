/* mbedtls_client — a TLS client on Mbed TLS that trusts what this machine trusts, as
 * nativecerts finds it (nativecerts/mbedtls.h).
 *
 *   cc mbedtls_client.c client_setup.c $(pkg-config --cflags --libs nativecerts) \
 *       -lmbedtls -lmbedx509 -lmbedcrypto -o mbedtls_client
 *   ./mbedtls_client example.com              (port 443)
 *   ./mbedtls_client localhost:8443 ca.pem    (trust only ca.pem)
 *
 * Mbed TLS checks the server's DNS names only (not IP addresses, before 3.x): name the
 * server by its host name. Prints "verification: ok" and exits 0 after a verified
 * handshake; prints "verification: failed: REASON" and exits 1 when the server is not
 * trusted; exits 2 on any other error (usage, connection, handshake). Copy freely (MIT OR
 * Apache-2.0). */
#include <stdio.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <nativecerts.h>
#include <nativecerts/mbedtls.h>

#include "client_setup.h"

int main(int argc, char **argv)
{
    char *host, *port;
    nativecerts_options *opts;
    if (client_setup(argc, argv, &host, &port, &opts) != 0) return 2;

    int status = 2, ret;
    char why[512];
    mbedtls_x509_crt roots;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    mbedtls_net_context net;
    mbedtls_x509_crt_init(&roots);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ssl_config_init(&conf);
    mbedtls_ssl_init(&ssl);
    mbedtls_net_init(&net);

    nativecerts_result *result;
    size_t skipped;
    if (nativecerts_mbedtls_load_chain(&roots, opts, &result, &skipped) != NATIVECERTS_OK)
        goto done;
    client_report_roots(result, skipped, "Mbed TLS");
    nativecerts_result_free(result); /* the chain holds its own copies */

    if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0)) != 0 ||
        (ret =
             mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT)) != 0)
        goto failed;
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&conf, &roots, NULL);
    /* The name the certificate must be for (and the SNI): without it, any certificate
     * from any trusted root would be accepted. */
    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0 ||
        (ret = mbedtls_ssl_set_hostname(&ssl, host)) != 0)
        goto failed;

    if (mbedtls_net_connect(&net, host, port, MBEDTLS_NET_PROTO_TCP) != 0) {
        fprintf(stderr, "%s: cannot connect to %s port %s\n", argv[0], host, port);
        goto done;
    }
    mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL);
    do {
        ret = mbedtls_ssl_handshake(&ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);

    if (ret == 0) {
        printf("verification: ok (%s, %s)\n", mbedtls_ssl_get_version(&ssl),
               mbedtls_ssl_get_ciphersuite(&ssl));
        mbedtls_ssl_close_notify(&ssl);
        status = 0;
        goto done;
    }
    if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        /* One line per reason, each ending in "\n". */
        mbedtls_x509_crt_verify_info(why, sizeof why, "", mbedtls_ssl_get_verify_result(&ssl));
        printf("verification: failed: %s", why);
        status = 1;
        goto done;
    }
failed:
    mbedtls_strerror(ret, why, sizeof why);
    fprintf(stderr, "%s: TLS with %s failed: %s\n", argv[0], host, why);

done:
    mbedtls_net_free(&net);
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    mbedtls_x509_crt_free(&roots);
    nativecerts_options_free(opts);
    return status;
}
