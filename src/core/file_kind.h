/* What a file holds when it gave no certificate: a private key, a revocation list, a
 * signing request, PKCS#12 or PKCS#7 data. Told from the PEM label of its first block, or
 * from the shape of its DER, so that a person learns what they named instead of "not a
 * valid certificate". */
#ifndef NC_CORE_FILE_KIND_H
#define NC_CORE_FILE_KIND_H

#include <stddef.h>
#include <stdint.h>

#include "nativecerts.h"

typedef enum nc__file_kind {
    NC__FILE_UNKNOWN = 0,  /* could not be read, or nothing recognised */
    NC__FILE_EMPTY,        /* no byte at all */
    NC__FILE_CERTIFICATES, /* has certificate blocks: what is wrong is in the errors */
    NC__FILE_PRIVATE_KEY,
    NC__FILE_PUBLIC_KEY,
    NC__FILE_CSR,
    NC__FILE_CRL,
    NC__FILE_PKCS12,
    NC__FILE_PKCS7,
    NC__FILE_OTHER_PEM, /* a PEM block of another label */
    NC__FILE_TEXT       /* text without a PEM block */
} nc__file_kind;

typedef struct nc__file_content {
    nc__file_kind kind;
    int der;        /* the kind was told from DER, not from a PEM label */
    char label[48]; /* the PEM label ("RSA PRIVATE KEY"), cut, printable ASCII; or "" */
} nc__file_content;

/* What buf[0..len) holds. */
void nc__file_content_of(const uint8_t *buf, size_t len, nc__file_content *out);

/* Reads the file at path as a load with opts resolves it (inside the root directory,
 * never blocking, regular files only, at most a few hundred KiB) and says what it holds;
 * NC__FILE_UNKNOWN when it cannot be read. */
void nc__file_content_read(const nativecerts_options *opts, const char *path,
                           nc__file_content *out);

#endif
