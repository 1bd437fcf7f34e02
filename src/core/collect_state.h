/* The state of a load in progress: the core's alone. Included by the core's .c files
 * (src/core) and by white-box tests, never by a backend (src/unix, src/win, src/macos)
 * nor the command: they see the opaque nc__collect of core/collect.h and its calls
 * (tests/core/collection_private.cmake checks it). The state has five parts, each with
 * its file: sources and the read buffer (collect.c), the string pool (string_pool.c),
 * errors (load_errors.c), unique certificates and their sightings (der_pool.c), and
 * the files already read (file_identity.c). */
#ifndef NC_CORE_COLLECT_STATE_H
#define NC_CORE_COLLECT_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/collect.h"
#include "core/known_text.h"

typedef struct nc__cert_entry { /* one unique DER */
    size_t off;                 /* into der */
    size_t len;
    int64_t not_before, not_after;
    uint32_t hash;
    uint8_t eku; /* nc__eku: what its own extendedKeyUsage allows */
} nc__cert_entry;

typedef struct nc__occurrence { /* one sighting of a certificate in one source */
    uint32_t cert;
    uint32_t source;
    uint32_t path; /* string id of where it was found */
    uint8_t verdict;
    uint8_t role;
} nc__occurrence;

typedef struct nc__source {
    nativecerts_source_kind kind;
    nativecerts_source_status status;
    const char *origin; /* static: "profile", "option", "SSL_CERT_FILE", ... */
    uint32_t name;      /* string id */
    uint32_t value;     /* string id or NC__NONE */
    uint32_t same_as;
    size_t certs;
    size_t errors;
    uint8_t distrust_place; /* see nc__collect_distrust_place() */
    uint8_t incomplete;     /* a distrust place not read completely */
    uint32_t scope;         /* the one source it governs, or NC__NONE for all */
} nc__source;

typedef struct nc__error {
    nativecerts_error_kind kind;
    uint32_t path;    /* string id or NC__NONE */
    uint32_t message; /* string id */
    unsigned long line;
    long err;
    uint32_t source;
} nc__error;

typedef struct nc__file_seen { /* identity of a file or directory already read */
    uint64_t dev, ino;
    uint32_t occ_start, occ_end; /* its occurrences, for reuse in another role */
    uint8_t roles;               /* bit per nc__role it was applied in */
    uint8_t is_dir;
    uint8_t damaged; /* reading or parsing it reported an error: not all of it is known */
    uint32_t source; /* the first source that read it */
} nc__file_seen;

struct nc__collect {
    uint8_t *der; /* unique DER bytes, back to back */
    size_t der_len, der_cap;
    nc__cert_entry *certs;
    size_t ncerts, certs_cap;
    uint64_t *table; /* open addressing over certs: hash << 32 | index + 1, 0 = empty */
    size_t table_cap;
    nc__occurrence *occ;
    size_t nocc, occ_cap;
    nc__source *sources;
    size_t nsources, sources_cap;
    nc__error *errors;
    size_t nerrors, errors_cap;
    char *str; /* NUL-terminated strings, back to back; ids are offsets */
    size_t str_len, str_cap;
    nc__file_seen *seen;
    size_t nseen, seen_cap;
    uint64_t *seen_table; /* open addressing over seen: hash tag << 32 | index + 1, 0 = empty */
    size_t seen_table_cap;
    uint8_t *scratch; /* the read buffer, reused for every file */
    size_t scratch_cap;
    nc__known_text known; /* the text of a bundle, for the files that repeat it */
    size_t files_read;
    uint64_t bytes_read;
    uint64_t seed; /* of the DER hash */
    /* Sticky: the load has failed as a whole and stops (nc__collect_failed). An
     * allocation failed (ENOMEM), or, when resource_err is set, the system ran out of
     * descriptors or kernel memory (ERESOURCE): a file left unread could have distrusted
     * a root. */
    int oom;
    int resource_err; /* the errno that exhausted a resource, or 0 */
    /* Errors that leave part of a file unknown (all but the _recognised ones): a file
     * that adds to it is damaged (nc__file_seen). */
    size_t unknown_errors;
};

void nc__collect_init(nc__collect *c);
void nc__collect_free(nc__collect *c);

/* Frees what only reading needed (the read buffer, the kept bundle text) before a
 * result is built, so that the two are never held at once, and cuts the DER pool to
 * its size (c->oom after an allocation failure). */
void nc__collect_end_reading(nc__collect *c);

/* Grows *arr so that it holds at least need elements of size elem. Returns 0, or -1
 * with c->oom set (and at once when it is set already). */
int nc__collect_grow(nc__collect *c, void **arr, size_t *cap, size_t need, size_t elem);
#define NC__COLLECT_GROW(c, field, cap, need)                                                      \
    nc__collect_grow((c), (void **)&(c)->field, &(c)->cap, (need), sizeof *(c)->field)

/* Indexes are 32-bit: a load that would need n or more fails as out of memory does (the
 * result could otherwise miss a distrust). Returns 1, with c->oom set, at the limit. */
int nc__collect_at_limit(nc__collect *c, size_t n);

/* ---- The DER pool (der_pool.c) ------------------------------------------------------ */

/* The index of a certificate already collected with exactly these bytes, or NC__NONE:
 * a certificate seen before needs no second validation. Sets *hash, for
 * nc__collect_cert_hashed() when the bytes are new, so they are hashed once. */
uint32_t nc__collect_find_der(const nc__collect *c, const uint8_t *der, size_t len, uint32_t *hash);
/* nc__collect_cert() for bytes whose hash nc__collect_find_der() gave, with what
 * nc__der_check_certificate() found in them. */
int nc__collect_cert_hashed(nc__collect *c, uint32_t source, uint32_t path, const uint8_t *der,
                            size_t len, uint32_t hash, const nc__cert_limits *info,
                            nc__verdict verdict, nc__role role);
/* Makes room for extra more bytes of DER, so that a bundle sizes the pool once. Returns
 * 0, or -1 (out of memory). */
int nc__collect_reserve_der(nc__collect *c, size_t extra);
/* Adds a sighting of collected certificate `cert`. Returns 0, or -1 (out of memory). */
int nc__collect_sighting(nc__collect *c, uint32_t cert, uint32_t source, uint32_t path,
                         nc__verdict verdict, nc__role role);

#endif
