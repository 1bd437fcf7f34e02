/* The result handed to the caller: flat arrays over two owned pools (DER bytes and
 * strings), taken over from the load without copying. */
#ifndef NC_CORE_RESULT_H
#define NC_CORE_RESULT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "nativecerts.h"

typedef struct nc__res_cert {
    const uint8_t *der;
    size_t len;
    const char *source;
    nativecerts_reason reason; /* excluded ones only */
} nc__res_cert;

typedef struct nc__res_error {
    nativecerts_error_kind kind;
    const char *path;
    const char *message;
    unsigned long line;
    long err;
    size_t source;
} nc__res_error;

typedef struct nc__res_source {
    nativecerts_source_kind kind;
    nativecerts_source_status status;
    const char *name;
    const char *value;
    const char *origin;
    size_t same_as;
    size_t certs;
    size_t errors;
} nc__res_source;

struct nativecerts_result {
    atomic_size_t refs; /* results of a store are shared; the last free frees */
    nc__res_cert *certs;
    size_t ncerts;
    nc__res_cert *excluded;
    size_t nexcluded;
    nc__res_error *errors;
    size_t nerrors;
    nc__res_source *sources;
    size_t nsources;
    nativecerts_mode mode;
    const char *profile; /* static */
    const char *root;    /* in strings, or NULL */
    size_t files_read;
    uint64_t bytes_read;
    uint8_t *der_pool;
    char *strings;
};

/* Takes one more reference (for nativecerts_store). */
void nc__result_retain(nativecerts_result *r);

#endif
