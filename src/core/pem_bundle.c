/* A PEM bundle from a result: what `nativecerts export --format pem` writes, into the
 * caller's buffer. The length is known from the DER lengths alone; the text is encoded
 * one line at a time, and no further than the buffer reaches. */
#include "core/pem_bundle.h"

#include <string.h>

#include "codec/base64.h"
#include "core/result.h"

static const char begin[] = "-----BEGIN CERTIFICATE-----\n";
static const char end[] = "-----END CERTIFICATE-----\n";

/* RFC 7468: lines of 64 base64 characters, 48 bytes of DER. */
#define LINE_CHARS 64
#define LINE_BYTES 48

/* The first n bytes of a text, the rest only counted. */
typedef struct sink {
    char *out;
    size_t n, pos;
} sink;

static void put(sink *s, const char *p, size_t len)
{
    if (s->pos < s->n) memcpy(s->out + s->pos, p, len < s->n - s->pos ? len : s->n - s->pos);
    s->pos += len;
}

size_t nc__pem_certificate(const uint8_t *der, size_t len, char *out, size_t n)
{
    size_t chars = NC__BASE64_ENCODED(len);
    size_t total =
        sizeof begin - 1 + chars + (chars + LINE_CHARS - 1) / LINE_CHARS + sizeof end - 1;
    sink s = {out, n < total ? n : total, 0};
    put(&s, begin, sizeof begin - 1);
    for (size_t i = 0; i < len && s.pos < s.n; i += LINE_BYTES) {
        char line[LINE_CHARS + 1];
        size_t k = nc__base64_encode(der + i, len - i < LINE_BYTES ? len - i : LINE_BYTES, line);
        line[k] = '\n';
        put(&s, line, k + 1);
    }
    put(&s, end, sizeof end - 1);
    return total;
}

size_t nativecerts_result_pem(const nativecerts_result *r, char *buf, size_t n)
{
    size_t count = nativecerts_result_count(r), total = 0;
    size_t cap = buf != NULL && n > 0 ? n - 1 : 0; /* room for the text, before its NUL */
    for (size_t i = 0; i < count; i++) {
        const nc__res_cert *c = &r->certs[i];
        int room = total < cap;
        total +=
            nc__pem_certificate(c->der, c->len, room ? buf + total : NULL, room ? cap - total : 0);
    }
    if (buf != NULL && n > 0) buf[total < cap ? total : cap] = '\0';
    return total;
}
