/* OpenSSL's RFC 2253 text of a name, the reference of the name tests (tests only). */
#ifndef NC_TESTS_OPENSSL_NAMES_H
#define NC_TESTS_OPENSSL_NAMES_H

#include <openssl/x509.h>

/* What X509_NAME_print_ex(XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) prints, i.e. what
 * `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` prints after "subject=".
 * malloc'd; exits (99) when OpenSSL or malloc fails. */
char *oracle_name_text(const X509_NAME *name);

#endif
