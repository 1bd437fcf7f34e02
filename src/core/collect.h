/* The load in progress. Platform backends and file readers hand over exactly four
 * things here: sources (what was considered), certificates with provenance and a
 * verdict, errors, and which files were read. finish.c turns it into a result. */
#ifndef NC_CORE_COLLECT_H
#define NC_CORE_COLLECT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"
#include "core/known_text.h"
#include "nativecerts.h"

#define NC__NONE UINT32_MAX

/* The role of a source: its certificates are trust anchors, or are distrusted. */
typedef enum nc__role { NC__ROLE_TRUST = 1, NC__ROLE_DISTRUST = 2 } nc__role;

/* What the source itself says of one certificate. */
typedef enum nc__verdict {
    NC__VERDICT_TRUSTED = 1,
    NC__VERDICT_DISTRUSTED = 2,
    NC__VERDICT_NOT_SERVER = 3,
    /* Trusted only while valid at the check time, whatever skip_expired says: the
     * Windows store, which does not express validity on its own (contract §1). */
    NC__VERDICT_TRUSTED_IF_VALID = 4,
    /* A distrust place holds this certificate but its decision for it could not be read
     * (a macOS domain whose settings for it fail to load): it may be distrusted, so it
     * is excluded as distrust-unknown unless another source distrusts it outright. */
    NC__VERDICT_DISTRUST_UNKNOWN = 5,
    /* Trusted for TLS server authentication by name (a TRUSTED CERTIFICATE trust list
     * holding serverAuth or anyExtendedKeyUsage): trusted even when the certificate's own
     * extendedKeyUsage names neither, as OpenSSL lets explicit trust override it. */
    NC__VERDICT_TRUSTED_EXPLICITLY = 6
} nc__verdict;

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

typedef struct nc__collect {
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
    /* Sticky: the load has failed as a whole and stops. An allocation failed (ENOMEM),
     * or, when resource_err is set, the system ran out of descriptors or kernel memory
     * (ERESOURCE): a file left unread could have distrusted a root. */
    int oom;
    int resource_err; /* the errno that exhausted a resource, or 0 */
    /* Errors that leave part of a file unknown (all but the _recognised ones): a file
     * that adds to it is damaged (nc__file_seen). */
    size_t unknown_errors;
} nc__collect;

void nc__collect_init(nc__collect *c);
void nc__collect_free(nc__collect *c);

/* Stores a copy of s (or of s[0..n)); returns its id, NC__NONE on failure. */
uint32_t nc__collect_str(nc__collect *c, const char *s);
uint32_t nc__collect_strn(nc__collect *c, const char *s, size_t n);
/* The string of an id; valid until the next nc__collect_str call. */
const char *nc__collect_get_str(const nc__collect *c, uint32_t id);

/* Adds a source to the report; returns its index (NC__NONE after an allocation
 * failure; the other calls accept NC__NONE and do nothing for it). */
uint32_t nc__collect_source(nc__collect *c, nativecerts_source_kind kind, const char *origin,
                            const char *name, const char *value);
void nc__collect_status(nc__collect *c, uint32_t source, nativecerts_source_status status);
void nc__collect_same_as(nc__collect *c, uint32_t source, uint32_t earlier);

/* Records an error. path may be NULL; line 0 and err 0 mean none. The message is made
 * from path, line, the formatted text and, for err != 0, the system's words for it. */
void nc__collect_error(nc__collect *c, uint32_t source, nativecerts_error_kind kind,
                       const char *path, unsigned long line, long err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* nc__collect_error() for damage met around a certificate that was still recognised in
 * a distrust role (bytes after it, as OpenSSL's d2i_X509 reads it): reported, but its
 * distrust place stays complete, since what it distrusts is known. */
void nc__collect_error_recognised(nc__collect *c, uint32_t source, nativecerts_error_kind kind,
                                  const char *path, unsigned long line, long err, const char *fmt,
                                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Whether err (an errno value) means the system ran out of a resource: EMFILE, ENFILE,
 * ENOMEM, ENOBUFS. nc__collect_error() fails the load for these by itself (kind io);
 * a backend whose errors are OS codes calls nc__collect_exhausted() for its own. */
int nc__errno_is_exhaustion(long err);
/* Fails the whole load: the system ran out of a resource (err: the errno to report). */
void nc__collect_exhausted(nc__collect *c, int err);

/* Fail closed. A distrust place (an untrusted directory, Android's cacerts-removed, the
 * Windows Disallowed store, a macOS trust-settings domain) must be read completely, or
 * the load cannot know what it distrusts. nc__collect_distrust_place() marks source as
 * one; scope is the one source whose certificates it can distrust (Android's removed
 * list governs the system directory only), or NC__NONE for every certificate of the
 * load. From then on any error recorded against it (but nc__collect_error_recognised)
 * makes it incomplete, and so does nc__collect_incomplete(): the certificates it could
 * have distrusted are then excluded as distrust-unknown, and its status is
 * "incomplete". A place that does not exist is not incomplete. */
void nc__collect_distrust_place(nc__collect *c, uint32_t source, uint32_t scope);
void nc__collect_incomplete(nc__collect *c, uint32_t source);

/* English words for an errno value, the same in every locale ("error N" for a value
 * the table does not hold). */
void nc__errno_text(int err, char *buf, size_t n);

/* Adds one certificate (DER already validated; info, with its validity and its
 * extendedKeyUsage for the core's rule, from nc__der_check_certificate) seen in source at
 * path id. Returns 0, or -1 after an allocation failure. */
int nc__collect_cert(nc__collect *c, uint32_t source, uint32_t path, const uint8_t *der, size_t len,
                     const nc__cert_limits *info, nc__verdict verdict, nc__role role);

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

/* Looks up a file or directory by identity. Returns its record or NULL. */
nc__file_seen *nc__collect_find_seen(nc__collect *c, uint64_t dev, uint64_t ino, int is_dir);
/* Remembers one; returns it (NULL after an allocation failure). */
nc__file_seen *nc__collect_add_seen(nc__collect *c, uint64_t dev, uint64_t ino, int is_dir,
                                    uint32_t source);
/* Re-applies the certificates of a file read earlier in a new role and source, under
 * the name it was reached by this time (a file that is both trusted and distrusted is
 * read once, and its distrust still wins). Does nothing when the role was applied. A
 * damaged file reached in a distrust place makes that place incomplete: the first read
 * may have been strict where a distrust read would have recognised more. */
void nc__collect_reuse(nc__collect *c, nc__file_seen *f, uint32_t source, const char *path,
                       nc__role role);

/* Frees what only reading needed (the read buffer, the kept bundle text) before a
 * result is built, so that the two are never held at once, and cuts the DER pool to
 * its size (c->oom after an allocation failure). */
void nc__collect_end_reading(nc__collect *c);

/* The read buffer, at least n bytes; NULL when it cannot be had. */
uint8_t *nc__collect_scratch(nc__collect *c, size_t n);

/* For a file read into the read buffer in pieces, when the buffer (*cap bytes) is full:
 * a file now over max bytes is an error of kind "limit" for path; else the buffer
 * doubles (to max + 1 at most), keeping its bytes. Returns the buffer, or NULL once
 * the error (limit, or out of memory) is reported. */
uint8_t *nc__collect_read_more(nc__collect *c, uint32_t source, const char *path, uint64_t max,
                               size_t *cap);

#endif
