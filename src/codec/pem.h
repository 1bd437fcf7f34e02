/* PEM scanning (contract §6): finds BEGIN/END blocks in a buffer and decodes the
 * certificate ones in place. Knows nothing of files or trust. */
#ifndef NC_CODEC_PEM_H
#define NC_CODEC_PEM_H

#include <stddef.h>
#include <stdint.h>

typedef enum nc__pem_kind {
    NC__PEM_CERTIFICATE = 1, /* CERTIFICATE or X509 CERTIFICATE: der = the certificate */
    NC__PEM_TRUSTED = 2,     /* TRUSTED CERTIFICATE: der = certificate + OpenSSL aux data */
    NC__PEM_ERROR = 3        /* a malformed block: message says why, line says where */
} nc__pem_kind;

typedef struct nc__pem_block {
    nc__pem_kind kind;
    uint8_t *der;       /* decoded bytes, inside the scanned buffer (overwrites its base64) */
    size_t der_len;
    unsigned long line; /* 1-based: the BEGIN line, or the line of the error */
    char message[96];   /* for NC__PEM_ERROR: "invalid base64 in CERTIFICATE block" */
} nc__pem_block;

typedef struct nc__pem_scanner {
    uint8_t *buf;       /* writable: certificate blocks are decoded over their text */
    size_t len;
    size_t pos;
    unsigned long line; /* line number of buf[pos] */
} nc__pem_scanner;

/* Starts a scan of buf[0..len); a UTF-8 BOM at the start is skipped. */
void nc__pem_init(nc__pem_scanner *s, uint8_t *buf, size_t len);

/* Finds the next certificate block or error. Blocks with other labels (keys, CRLs) are
 * skipped without decoding their base64, but a missing or mismatched END in them is
 * still an error. Returns 1 and fills *out, or 0 at the end of the buffer. The decoded
 * bytes are not checked as DER here. */
int nc__pem_next(nc__pem_scanner *s, nc__pem_block *out);

/* Non-zero when buf looks like DER rather than text: it starts with a SEQUENCE tag and
 * a length form that a certificate uses. The caller then validates it as one DER
 * certificate; PEM files never start this way. */
int nc__pem_looks_like_der(const uint8_t *buf, size_t len);

#endif
