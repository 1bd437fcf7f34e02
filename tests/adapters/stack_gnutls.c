/* The GnuTLS adapter under the contract test: certificate credentials; asked through an
 * iteration of their trust list. */
#include <nativecerts/gnutls.h>

#include <stdlib.h>
#include <string.h>

#include "stack.h"

const char *const stack_name = "GnuTLS";
static gnutls_certificate_credentials_t cred;

void stack_open(void)
{
    if (gnutls_certificate_allocate_credentials(&cred) < 0) exit(1);
}

void stack_close(void)
{
    gnutls_certificate_free_credentials(cred);
    cred = NULL;
}

int stack_load(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    return nativecerts_gnutls_load_credentials(cred, opts, result, skipped);
}

int stack_load_null(const nativecerts_options *opts, nativecerts_result **result, size_t *skipped)
{
    int a = nativecerts_gnutls_load_credentials(NULL, opts, result, skipped);
    if (a != NATIVECERTS_EINVAL || *result || *skipped) return a;
    return nativecerts_gnutls_load_trust_list(NULL, opts, result, skipped);
}

int stack_add(const nativecerts_result *r, size_t *skipped)
{
    return nativecerts_gnutls_add_credentials(cred, r, skipped);
}

int stack_holds(const unsigned char *der, size_t len)
{
    gnutls_x509_trust_list_t list = NULL;
    gnutls_x509_trust_list_iter_t iter = NULL;
    gnutls_x509_crt_t crt;
    int found = 0;
    gnutls_certificate_get_trust_list(cred, &list);
    while (!found && gnutls_x509_trust_list_iter_get_ca(list, &iter, &crt) == 0) {
        gnutls_datum_t mine = {NULL, 0};
        if (gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &mine) == 0)
            found = mine.size == len && memcmp(mine.data, der, len) == 0;
        gnutls_free(mine.data);
        gnutls_x509_crt_deinit(crt);
    }
    gnutls_x509_trust_list_iter_deinit(iter);
    return found;
}
