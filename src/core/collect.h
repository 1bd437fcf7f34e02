/* The load in progress, as a backend sees it: an opaque nc__collect and the calls that
 * hand it exactly four things. Sources (what was considered), certificates with
 * provenance and a verdict, errors, and which files were read. Its state is the core's
 * (core/collect_state.h, included by src/core only); finish.c turns it into a result. */
#ifndef NC_CORE_COLLECT_H
#define NC_CORE_COLLECT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"
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
     * Windows store, which does not express validity on its own (docs/trust.md). */
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

/* The load in progress. Its fields are the core's alone. */
typedef struct nc__collect nc__collect;

/* ---- The load as a whole ------------------------------------------------------------ */

/* Whether the load has failed as a whole and stops: memory ran out (ENOMEM), or the
 * system ran out of descriptors or kernel memory (ERESOURCE). A file left unread could
 * have distrusted a root, so nothing of the load is returned. A backend stops reading
 * once this is set. */
int nc__collect_failed(const nc__collect *c);

/* Fails the whole load: the system ran out of a resource (err: the errno to report;
 * ENOMEM for memory, which is how a backend reports its own allocation failure). */
void nc__collect_exhausted(nc__collect *c, int err);

/* Whether err (an errno value) means the system ran out of a resource: EMFILE, ENFILE,
 * ENOMEM, ENOBUFS. nc__collect_error() fails the load for these by itself (kind io);
 * a backend whose errors are OS codes calls nc__collect_exhausted() for its own. */
int nc__errno_is_exhaustion(long err);

/* The seed of this load's hash tables, for a backend's own table of names that files
 * choose (so that they cannot be prepared against it in advance). */
uint64_t nc__collect_seed(const nc__collect *c);

/* ---- Strings ------------------------------------------------------------------------ */

/* Stores a copy of s (or of s[0..n)); returns its id, NC__NONE on failure. */
uint32_t nc__collect_str(nc__collect *c, const char *s);
uint32_t nc__collect_strn(nc__collect *c, const char *s, size_t n);
/* The string of an id; valid until the next nc__collect_str call. */
const char *nc__collect_get_str(const nc__collect *c, uint32_t id);

/* ---- Sources ------------------------------------------------------------------------ */

/* Adds a source to the report; returns its index (NC__NONE after an allocation
 * failure; the other calls accept NC__NONE and do nothing for it). */
uint32_t nc__collect_source(nc__collect *c, nativecerts_source_kind kind, const char *origin,
                            const char *name, const char *value);
void nc__collect_status(nc__collect *c, uint32_t source, nativecerts_source_status status);
void nc__collect_same_as(nc__collect *c, uint32_t source, uint32_t earlier);

/* Fail closed (docs/fail-closed.md). A distrust place (an untrusted directory,
 * Android's cacerts-removed, the Windows Disallowed store, a macOS trust-settings domain)
 * must be read completely, or the load cannot know what it distrusts.
 * nc__collect_distrust_place() marks source as one; scope is the one source whose
 * certificates it can distrust (Android's removed list governs the system directory
 * only), or NC__NONE for every certificate of the load. From then on any error recorded
 * against it (but nc__collect_error_recognised) makes it incomplete, and so does
 * nc__collect_incomplete(): the certificates it could have distrusted are then excluded
 * as distrust-unknown, and its status is "incomplete". A place that does not exist is
 * not incomplete. */
void nc__collect_distrust_place(nc__collect *c, uint32_t source, uint32_t scope);
void nc__collect_incomplete(nc__collect *c, uint32_t source);

/* ---- Errors ------------------------------------------------------------------------- */

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

/* English words for an errno value, the same in every locale ("error N" for a value
 * the table does not hold). */
void nc__errno_text(int err, char *buf, size_t n);

/* ---- Certificates ------------------------------------------------------------------- */

/* Adds one certificate (DER already validated; info, with its validity and its
 * extendedKeyUsage for the core's rule, from nc__der_check_certificate) seen in source at
 * path id. Returns 0, or -1 after an allocation failure. Files go through
 * nc__cert_file_parse (core/cert_file.h) instead. */
int nc__collect_cert(nc__collect *c, uint32_t source, uint32_t path, const uint8_t *der, size_t len,
                     const nc__cert_limits *info, nc__verdict verdict, nc__role role);

/* ---- Each file once ----------------------------------------------------------------- */

/* Every file and directory is read once per load, however many names or roles lead to
 * it; dev and ino are its identity.
 *
 * A file met before in this load: its certificates are applied again to source in role,
 * under the name path it was reached by this time (a file that is both trusted and
 * distrusted is read once, and its distrust still wins; a damaged file reached in a
 * distrust place makes that place incomplete: the first read may have been strict where
 * a distrust read would have recognised more); *earlier (earlier may be NULL) is the
 * source that read it first; returns 1. A file not met before is remembered as read by
 * source in role; *file names it for nc__collect_file_damaged() and
 * nc__cert_file_parse_read(); returns 0. Returns -1 after an allocation failure. */
int nc__collect_file_once(nc__collect *c, uint64_t dev, uint64_t ino, uint32_t source,
                          const char *path, nc__role role, uint32_t *earlier, uint32_t *file);
/* A file remembered by nc__collect_file_once() could not be read: not all of it is
 * known, so a distrust place that reaches it again is incomplete. */
void nc__collect_file_damaged(nc__collect *c, uint32_t file);

/* Whether the directory was read already in role: then *earlier is the source that read
 * it, and it is not to be read again (returns 1). Otherwise it is remembered as read in
 * role, by source when met first (returns 0). */
int nc__collect_dir_once(nc__collect *c, uint64_t dev, uint64_t ino, uint32_t source, nc__role role,
                         uint32_t *earlier);

/* ---- The read buffer ---------------------------------------------------------------- */

/* The read buffer, at least n bytes; NULL when it cannot be had. */
uint8_t *nc__collect_scratch(nc__collect *c, size_t n);

/* For a file read into the read buffer in pieces, when the buffer (*cap bytes) is full:
 * a file now over max bytes is an error of kind "limit" for path; else the buffer
 * doubles (to max + 1 at most), keeping its bytes. Returns the buffer, or NULL once
 * the error (limit, or out of memory) is reported. */
uint8_t *nc__collect_read_more(nc__collect *c, uint32_t source, const char *path, uint64_t max,
                               size_t *cap);

#endif
