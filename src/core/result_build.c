/* Building a result from a decided collection: the certificates in the order of their
 * DER bytes, the errors and sources copied out of the collection into the result's own
 * arrays, and the two pools (DER bytes, strings) handed over without a copy, so that a
 * result of a thousand roots costs no second copy of them. */
#include "core/result_build.h"

#include <stdlib.h>
#include <string.h>

static int compare_der(const void *a, const void *b)
{
    const nc__res_cert *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->der, y->der, n);
    if (r) return r;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Sorting by DER bytes compares 32-byte prefixes held in the sort array itself, so that
 * most comparisons read no certificate (a thousand roots' DER is spread over megabytes;
 * a comparison that reads two of them costs two cache misses). Ties go to compare_der. */
typedef struct sort_key {
    uint64_t k[4]; /* bytes 0..31, big-endian, zero past the end */
    nc__res_cert cert;
} sort_key;

static int compare_keys(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    for (int i = 0; i < 4; i++)
        if (x->k[i] != y->k[i]) return x->k[i] < y->k[i] ? -1 : 1;
    return compare_der(&x->cert, &y->cert);
}

/* Sorts v[0..n) by DER bytes. Returns 0, or -1 when memory ran out (v unchanged). */
static int sort_by_der(nc__res_cert *v, size_t n)
{
    if (n < 2) return 0;
    sort_key *keys = malloc(n * sizeof *keys);
    if (!keys) return -1;
    for (size_t i = 0; i < n; i++) {
        for (size_t w = 0; w < 4; w++) {
            uint64_t k = 0;
            for (size_t b = 8 * w; b < 8 * w + 8; b++)
                k = k << 8 | (b < v[i].len ? v[i].der[b] : 0);
            keys[i].k[w] = k;
        }
        keys[i].cert = v[i];
    }
    qsort(keys, n, sizeof *keys, compare_keys);
    for (size_t i = 0; i < n; i++)
        v[i] = keys[i].cert;
    free(keys);
    return 0;
}

static const char *str_or_null(const nc__collect *c, uint32_t id)
{
    return id == NC__NONE ? NULL : c->str + id;
}

nativecerts_result *nc__result_new(void)
{
    nativecerts_result *r = calloc(1, sizeof *r);
    if (r) atomic_init(&r->refs, 1);
    return r;
}

int nc__result_reserve(nativecerts_result *r, size_t n)
{
    if (!n) return 0;
    r->certs = malloc(n * sizeof *r->certs);
    r->excluded = malloc(n * sizeof *r->excluded);
    return r->certs && r->excluded ? 0 : -1;
}

void nc__result_add(nativecerts_result *r, nc__res_cert cert)
{
    if (cert.reason)
        r->excluded[r->nexcluded++] = cert;
    else
        r->certs[r->ncerts++] = cert;
}

int nc__result_complete(nativecerts_result *r, nc__collect *c)
{
    if (sort_by_der(r->certs, r->ncerts) || sort_by_der(r->excluded, r->nexcluded)) return -1;

    if (c->nerrors && !(r->errors = malloc(c->nerrors * sizeof *r->errors))) return -1;
    for (size_t i = 0; i < c->nerrors; i++) {
        const nc__error *e = &c->errors[i];
        r->errors[i] = (nc__res_error){e->kind,
                                       str_or_null(c, e->path),
                                       c->str + e->message,
                                       e->line,
                                       e->err,
                                       e->source == NC__NONE ? (size_t)-1 : e->source};
    }
    r->nerrors = c->nerrors;
    if (c->nsources && !(r->sources = malloc(c->nsources * sizeof *r->sources))) return -1;
    for (size_t i = 0; i < c->nsources; i++) {
        const nc__source *s = &c->sources[i];
        r->sources[i] =
            (nc__res_source){s->kind,          s->status,
                             c->str + s->name, str_or_null(c, s->value),
                             s->origin,        s->same_as == NC__NONE ? (size_t)-1 : s->same_as,
                             s->certs,         s->errors};
    }
    r->nsources = c->nsources;
    r->files_read = c->files_read;
    r->bytes_read = c->bytes_read;
    /* The result owns the pools from here. */
    r->der_pool = c->der;
    r->strings = c->str;
    c->der = NULL;
    c->str = NULL;
    return 0;
}
