/* OpenSSL's printing of names (see openssl_names.h). */
#include "openssl_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *oracle_name_text(const X509_NAME *name)
{
    BIO *b = BIO_new(BIO_s_mem());
    if (b == NULL || X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
        fprintf(stderr, "X509_NAME_print_ex failed\n");
        exit(99);
    }
    char *data;
    long n = BIO_get_mem_data(b, &data);
    char *s = malloc((size_t)n + 1);
    if (s == NULL) exit(99);
    if (n > 0) memcpy(s, data, (size_t)n);
    s[n] = '\0';
    BIO_free(b);
    return s;
}
