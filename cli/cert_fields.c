/* Names, validity and fingerprint of a certificate, in buffers of their exact size. */
#include "cert_fields.h"

#include <stdlib.h>

#include "nativecerts.h"

typedef size_t (*name_call)(const unsigned char *der, size_t len, char *buf, size_t n);

/* The whole text of one name call, or NULL (*oom set when out of memory). */
static char *read_name(name_call call, const unsigned char *der, size_t len, int valid, int *oom)
{
    if (!valid) return NULL;
    size_t n = call(der, len, NULL, 0);
    char *text = malloc(n + 1);
    if (!text) {
        *oom = 1;
        return NULL;
    }
    call(der, len, text, n + 1);
    return text;
}

void cert_sha256_hex(const unsigned char *der, size_t len, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char digest[32];
    nativecerts_sha256(der, len, digest);
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 15];
    }
    out[64] = '\0';
}

int cert_fields_read(const unsigned char *der, size_t len, cert_fields *f)
{
    cert_sha256_hex(der, len, f->sha256);
    f->has_validity =
        nativecerts_cert_validity(der, len, &f->not_before, &f->not_after) == NATIVECERTS_OK;
    int oom = 0, valid = f->has_validity;
    f->subject = read_name(nativecerts_cert_subject, der, len, valid, &oom);
    f->issuer = read_name(nativecerts_cert_issuer, der, len, valid, &oom);
    f->display = read_name(nativecerts_cert_display_name, der, len, valid, &oom);
    if (oom) {
        cert_fields_free(f);
        return -1;
    }
    return 0;
}

void cert_fields_free(cert_fields *f)
{
    free(f->subject);
    free(f->issuer);
    free(f->display);
    f->subject = f->issuer = f->display = NULL;
}
