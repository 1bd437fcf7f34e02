/* What the command shows of one certificate, read with the public API. */
#ifndef NC_CLI_CERT_FIELDS_H
#define NC_CLI_CERT_FIELDS_H

#include <stddef.h>
#include <stdint.h>

typedef struct cert_fields {
    char sha256[65];  /* lowercase hex of the SHA-256 of the DER */
    char *subject;    /* RFC 4514; NULL when the DER is not a valid certificate */
    char *issuer;     /* idem */
    char *display;    /* short name for people; idem */
    int has_validity; /* 0 when the DER is not a valid certificate */
    int64_t not_before, not_after;
} cert_fields;

/* Writes the SHA-256 of der[0..len) as 64 lowercase hex digits and a NUL. */
void cert_sha256_hex(const unsigned char *der, size_t len, char out[65]);

/* Fills *f from der[0..len). Returns 0, or -1 when out of memory (f then needs no
 * freeing). */
int cert_fields_read(const unsigned char *der, size_t len, cert_fields *f);
void cert_fields_free(cert_fields *f);

#endif
