/* Accessors of a result: bounds-checked reads of arrays built by result_build.c. */
#include "core/result.h"

#include "core/backend.h"

#include <stdint.h>
#include <stdlib.h>

void nc__result_retain(nativecerts_result *r)
{
    atomic_fetch_add_explicit(&r->refs, 1, memory_order_relaxed);
}

nativecerts_result *nativecerts_result_retain(const nativecerts_result *r)
{
    /* Only the atomic count changes: the result itself stays as it was made. */
    nativecerts_result *m = (nativecerts_result *)(uintptr_t)r;
    if (m) nc__result_retain(m);
    return m;
}

void nativecerts_result_free(nativecerts_result *r)
{
    if (!r) return;
    if (atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) != 1) return;
    free(r->certs);
    free(r->excluded);
    free(r->errors);
    free(r->sources);
    free(r->der_pool);
    free(r->strings);
    free(r);
}

static const nc__res_cert *cert_at(const nc__res_cert *arr, size_t n, size_t i, size_t *len)
{
    if (len) *len = 0;
    if (i >= n) return NULL;
    if (len) *len = arr[i].len;
    return &arr[i];
}

size_t nativecerts_result_count(const nativecerts_result *r)
{
    return r ? r->ncerts : 0;
}

const unsigned char *nativecerts_result_der(const nativecerts_result *r, size_t i, size_t *len)
{
    const nc__res_cert *c = r ? cert_at(r->certs, r->ncerts, i, len) : cert_at(NULL, 0, 0, len);
    return c ? c->der : NULL;
}

const char *nativecerts_result_source(const nativecerts_result *r, size_t i)
{
    return r && i < r->ncerts ? r->certs[i].source : NULL;
}

size_t nativecerts_result_excluded_count(const nativecerts_result *r)
{
    return r ? r->nexcluded : 0;
}

const unsigned char *nativecerts_result_excluded_der(const nativecerts_result *r, size_t i,
                                                     size_t *len)
{
    const nc__res_cert *c =
        r ? cert_at(r->excluded, r->nexcluded, i, len) : cert_at(NULL, 0, 0, len);
    return c ? c->der : NULL;
}

nativecerts_reason nativecerts_result_excluded_reason(const nativecerts_result *r, size_t i)
{
    return r && i < r->nexcluded ? r->excluded[i].reason : (nativecerts_reason)0;
}

const char *nativecerts_result_excluded_source(const nativecerts_result *r, size_t i)
{
    return r && i < r->nexcluded ? r->excluded[i].source : NULL;
}

size_t nativecerts_result_error_count(const nativecerts_result *r)
{
    return r ? r->nerrors : 0;
}

#define ERROR_FIELD(r, i, field, none) ((r) && (i) < (r)->nerrors ? (r)->errors[i].field : (none))

const char *nativecerts_result_error_message(const nativecerts_result *r, size_t i)
{
    return ERROR_FIELD(r, i, message, NULL);
}

nativecerts_error_kind nativecerts_result_error_kind(const nativecerts_result *r, size_t i)
{
    return ERROR_FIELD(r, i, kind, (nativecerts_error_kind)0);
}

const char *nativecerts_result_error_path(const nativecerts_result *r, size_t i)
{
    return ERROR_FIELD(r, i, path, NULL);
}

unsigned long nativecerts_result_error_line(const nativecerts_result *r, size_t i)
{
    return ERROR_FIELD(r, i, line, 0);
}

long nativecerts_result_error_errno(const nativecerts_result *r, size_t i)
{
    return ERROR_FIELD(r, i, err, 0);
}

size_t nativecerts_result_error_source(const nativecerts_result *r, size_t i)
{
    return ERROR_FIELD(r, i, source, (size_t)-1);
}

nativecerts_mode nativecerts_result_mode(const nativecerts_result *r)
{
    return r ? r->mode : (nativecerts_mode)0;
}

const char *nativecerts_result_profile(const nativecerts_result *r)
{
    return r ? r->profile : NULL;
}

const char *nativecerts_result_root(const nativecerts_result *r)
{
    return r ? r->root : NULL;
}

size_t nativecerts_result_source_count(const nativecerts_result *r)
{
    return r ? r->nsources : 0;
}

#define SOURCE_FIELD(r, i, field, none)                                                            \
    ((r) && (i) < (r)->nsources ? (r)->sources[i].field : (none))

nativecerts_source_kind nativecerts_result_source_kind(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, kind, (nativecerts_source_kind)0);
}

const char *nativecerts_result_source_name(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, name, NULL);
}

int nativecerts_result_source_dangling_link(const nativecerts_result *r, size_t i, char *buf,
                                            size_t n)
{
    if (!buf || n == 0 || nativecerts_result_source_status(r, i) != NATIVECERTS_STATUS_MISSING)
        return 0;
    const char *path = nativecerts_result_source_name(r, i);
    return path && *path && nc__backend_dangling_link(r->root, path, buf, n);
}

const char *nativecerts_result_source_value(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, value, NULL);
}

const char *nativecerts_result_source_origin(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, origin, NULL);
}

nativecerts_source_status nativecerts_result_source_status(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, status, (nativecerts_source_status)0);
}

size_t nativecerts_result_source_same_as(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, same_as, (size_t)-1);
}

size_t nativecerts_result_source_cert_count(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, certs, 0);
}

size_t nativecerts_result_source_error_count(const nativecerts_result *r, size_t i)
{
    return SOURCE_FIELD(r, i, errors, 0);
}

size_t nativecerts_result_files_read(const nativecerts_result *r)
{
    return r ? r->files_read : 0;
}

uint64_t nativecerts_result_bytes_read(const nativecerts_result *r)
{
    return r ? r->bytes_read : 0;
}
