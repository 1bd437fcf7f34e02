/*
 * nativecerts — the certificate authorities this operating system trusts, as DER.
 *
 * One call, nativecerts_load(), finds and reads the platform's trust store (or the
 * files named by SSL_CERT_FILE / SSL_CERT_DIR, or files you name), and returns:
 *
 *   - the trusted certificates: unique DER bytes, sorted by those bytes, each with the
 *     source that supplied it (a path, or a store name such as "windows:CurrentUser/ROOT");
 *   - the excluded certificates: found but not returned, with the reason and the source
 *     that decided it (distrusted, expired, not-yet-valid, not-for-server-auth,
 *     distrust-unknown);
 *   - the errors met on the way, as values (kind, path, line, errno, one message);
 *   - a report of every place that was considered and what became of it.
 *
 * One bad file never spoils the rest of the load: the call returns non-zero only for
 * invalid arguments, or when memory or file descriptors run out (then nothing is
 * returned: a partial load could lose a distrust). An empty store is a result with no certificates;
 * the errors and the sources report say why.
 *
 * Every handle is opaque. The library keeps no global mutable state, never calls setenv,
 * never prints, and is safe to call from any number of threads at once. Its messages
 * are English whatever locale the program sets. Strings are
 * UTF-8 (paths are passed through as bytes on Unix) and stay valid until the handle that
 * returned them is freed.
 *
 * Licensed MIT OR Apache-2.0.
 */
#ifndef NATIVECERTS_H
#define NATIVECERTS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(NATIVECERTS_SHARED)
#ifdef NATIVECERTS_BUILDING
#define NATIVECERTS_API __declspec(dllexport)
#else
#define NATIVECERTS_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && !defined(_WIN32)
#define NATIVECERTS_API __attribute__((visibility("default")))
#else
#define NATIVECERTS_API
#endif

#define NATIVECERTS_VERSION_MAJOR 0
#define NATIVECERTS_VERSION_MINOR 1
#define NATIVECERTS_VERSION_PATCH 0

/* The library's version as "MAJOR.MINOR.PATCH" (the one linked, not the header's). */
NATIVECERTS_API const char *nativecerts_version(void);

/* ---------------------------------------------------------------------------------- */
/* Return codes of the functions that return int.                                      */

#define NATIVECERTS_OK 0
#define NATIVECERTS_EINVAL 1 /* a NULL handle, an unknown name, a value out of range */
#define NATIVECERTS_ENOMEM 2 /* an allocation failed; nothing was returned */
/* The system ran out of a resource other than memory while loading (file descriptors:
 * EMFILE, ENFILE; kernel buffers: ENOBUFS; a system call's ENOMEM is NATIVECERTS_ENOMEM).
 * Nothing was returned: the file that could not be opened might have distrusted
 * a root, so a partial result could trust what it must not. The caller may retry. */
#define NATIVECERTS_ERESOURCE 3
/* nativecerts_read_os_release() found nothing it may read (see there). */
#define NATIVECERTS_ENOTFOUND 4
/* An adapter's TLS library cannot take the certificates the way the adapter hands them
 * over (nativecerts/curl.h: a libcurl whose TLS backend has no CURLOPT_CAINFO_BLOB).
 * Nothing was changed. */
#define NATIVECERTS_EUNSUPPORTED 5

/* ---------------------------------------------------------------------------------- */
/* Options. NULL options mean every default below.                                     */

typedef struct nativecerts_options nativecerts_options; /* opaque */

/* Creates options holding the defaults: the platform store, unless the environment
 * replaces it (SSL_CERT_FILE set, even to "", or SSL_CERT_DIR with a non-empty entry:
 * then only those paths are read, as rustls-native-certs reads them; a setuid or setgid
 * program ignores both), no extra paths, no validity filter, the compiled-in profile, no
 * root directory, a 64 MiB limit per file. Returns NATIVECERTS_OK and sets *out, or
 * NATIVECERTS_ENOMEM / NATIVECERTS_EINVAL (out is NULL). */
NATIVECERTS_API int nativecerts_options_new(nativecerts_options **out);

/* Frees options; NULL is allowed. A result does not refer to the options it came from. */
NATIVECERTS_API void nativecerts_options_free(nativecerts_options *opts);

/* Adds a file (PEM or one DER certificate) or a directory (every regular file in it) to
 * load in addition to whatever the platform or the environment gives. Loaded after them,
 * in the order added. The path is copied. */
NATIVECERTS_API int nativecerts_options_add_file(nativecerts_options *opts, const char *path);
NATIVECERTS_API int nativecerts_options_add_dir(nativecerts_options *opts, const char *path);

/* Non-zero: do not read SSL_CERT_FILE / SSL_CERT_DIR; the platform store is used. */
NATIVECERTS_API int nativecerts_options_set_ignore_env(nativecerts_options *opts, int on);

/* Non-zero: load neither the platform store nor the environment's paths; only the
 * files and directories added above. */
NATIVECERTS_API int nativecerts_options_set_skip_platform(nativecerts_options *opts, int on);

/* Non-zero: exclude certificates that are expired or not yet valid at the check time
 * (reasons "expired" / "not-yet-valid"). The Windows store's roots are always checked
 * so, unless another place trusts the same certificate. */
NATIVECERTS_API int nativecerts_options_set_skip_expired(nativecerts_options *opts, int on);

/* The check time for the validity filter, in seconds since 1970-01-01T00:00:00Z.
 * Setting it does not turn the filter on. Default: the time of the load. */
NATIVECERTS_API int nativecerts_options_set_time(nativecerts_options *opts, int64_t unix_time);

/* Resolves every path (those of the profile, of the environment and of the options) as
 * if `dir` were "/": absolute symbolic links and ".." stay inside it. For inspecting a
 * container image or a mounted disk. NULL clears it. Paths in the result are the ones
 * inside the root ("/etc/ssl/cert.pem"); nativecerts_result_root() gives the root.
 * With a root directory SSL_CERT_FILE / SSL_CERT_DIR are never read (they describe this
 * process's machine, not the image): the image's platform store is loaded, and the
 * files and directories added above are read inside the root, in addition to it. The
 * macOS keychain is this machine's too: under a root it is not read (its domains are
 * "ignored-option"). Not available on Windows: a root there is an error of kind io,
 * and nothing is loaded. */
NATIVECERTS_API int nativecerts_options_set_root(nativecerts_options *opts, const char *dir);

/* Selects the path tables of another system (see nativecerts_profile_name()).
 * Returns NATIVECERTS_EINVAL for an unknown name. */
NATIVECERTS_API int nativecerts_options_set_profile(nativecerts_options *opts, const char *name);

/* Files larger than this are an error of kind NATIVECERTS_ERROR_LIMIT and are not read.
 * 0 restores the default (64 MiB). */
NATIVECERTS_API int nativecerts_options_set_max_file_size(nativecerts_options *opts,
                                                          uint64_t bytes);

/* The profiles this build knows, by index from 0 until NULL: "linux", "android",
 * "freebsd", "dragonfly", "netbsd", "openbsd", "solaris", "illumos", "aix", "haiku",
 * "unix" (any other Unix), and "windows" / "macos" where those backends exist. */
NATIVECERTS_API const char *nativecerts_profile_name(size_t index);

/* The profile compiled in for this system. */
NATIVECERTS_API const char *nativecerts_profile_default(void);

/* ---------------------------------------------------------------------------------- */
/* Loading.                                                                            */

typedef struct nativecerts_result nativecerts_result; /* opaque */

/* Loads the trust store. opts may be NULL. On NATIVECERTS_OK, *out is a result the
 * caller frees with nativecerts_result_free(), even when it holds no certificate.
 * Returns NATIVECERTS_EINVAL (out is NULL), NATIVECERTS_ENOMEM or NATIVECERTS_ERESOURCE,
 * with *out = NULL: running out of memory or descriptors anywhere fails the whole call,
 * never a part of it.
 *
 * A result with no certificate is not a failure of the call (nothing is installed, the
 * environment names an empty file, ...), but a program that verifies servers can do
 * nothing with it: treat it as fatal there, unless you fall back to roots of your own on
 * purpose, and tell the user why with nativecerts_result_advice(). */
NATIVECERTS_API int nativecerts_load(const nativecerts_options *opts, nativecerts_result **out);

/* Frees a result and everything it handed out; NULL is allowed. With references taken
 * by nativecerts_result_retain(), releases one: the last release frees. */
NATIVECERTS_API void nativecerts_result_free(nativecerts_result *r);

/* Takes one more reference to r, for a holder that keeps the result beyond the caller's
 * use of it (the lazy OpenSSL store of nativecerts/openssl.h keeps one, to parse roots
 * from it when a verification asks). Release each reference with
 * nativecerts_result_free(). A result never changes, so the holders may read it from any
 * thread at once. Returns r; NULL for NULL. */
NATIVECERTS_API nativecerts_result *nativecerts_result_retain(const nativecerts_result *r);

/* Trusted certificates, index 0 .. count-1, sorted by DER bytes, each unique.
 * nativecerts_result_der() returns the DER and sets *len (len may be NULL). The bytes
 * belong to the result and stay valid and unchanged until it is freed (a result of a
 * store: until released, whatever the store does); a TLS library that copies them
 * (d2i_X509, gnutls_x509_crt_import, ...) lets you free the result right after.
 * nativecerts_result_source() is the first source (in load order) that trusted it.
 * Out-of-range indexes return NULL (and *len = 0). */
NATIVECERTS_API size_t nativecerts_result_count(const nativecerts_result *r);
NATIVECERTS_API const unsigned char *nativecerts_result_der(const nativecerts_result *r, size_t i,
                                                            size_t *len);
NATIVECERTS_API const char *nativecerts_result_source(const nativecerts_result *r, size_t i);

/* The trusted certificates as one PEM text, for anything that takes a bundle: libcurl's
 * CURLOPT_CAINFO_BLOB, Python's ssl cadata, Java's CertificateFactory. For each, in the
 * order above: "-----BEGIN CERTIFICATE-----", its DER in base64 (RFC 4648, '=' padded) in
 * lines of 64 characters, "-----END CERTIFICATE-----"; every line ends with "\n". These
 * are the bytes `nativecerts export --format pem` writes (RFC 7468's strict form): ASCII,
 * no NUL inside; a result with no certificate (or r NULL) gives "" and 0.
 * Written into buf as snprintf writes, like nativecerts_cert_subject(): always
 * NUL-terminated when n > 0, truncated if needed; buf may be NULL when n is 0. Returns
 * the length of the whole text (without the NUL), so a return >= n means buf was too
 * small. Asking costs nothing (the length follows from the DER lengths): call with n = 0,
 * allocate the return value + 1 bytes, call again; the text of a result never changes.
 * The caller's buffer, not one allocated here: there is nothing to free with an
 * allocator that must match the library's (each Windows DLL may have its own heap), the
 * result stays immutable and shared between threads, and the caller chooses where the
 * text lives and for how long (libcurl copies a blob by default). Never allocates. */
NATIVECERTS_API size_t nativecerts_result_pem(const nativecerts_result *r, char *buf, size_t n);

/* ---------------------------------------------------------------------------------- */
/* Excluded certificates: found, not returned. Sorted by DER bytes, each unique.       */

typedef enum nativecerts_reason {
    NATIVECERTS_REASON_DISTRUSTED = 1,          /* a source distrusts it; wins over any trust */
    NATIVECERTS_REASON_EXPIRED = 2,             /* validity filter on, notAfter < check time */
    NATIVECERTS_REASON_NOT_YET_VALID = 3,       /* validity filter on, notBefore > check time */
    NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH = 4, /* trusted only for other purposes */
    /* A place that can distrust it (an untrusted directory, Android's cacerts-removed,
     * the Windows Disallowed store, a macOS trust-settings domain) exists but could not
     * be read completely, so the load cannot know that it is not distrusted: it fails
     * closed. The source is that place; its errors say why. */
    NATIVECERTS_REASON_DISTRUST_UNKNOWN = 5
} nativecerts_reason;

NATIVECERTS_API size_t nativecerts_result_excluded_count(const nativecerts_result *r);
NATIVECERTS_API const unsigned char *nativecerts_result_excluded_der(const nativecerts_result *r,
                                                                     size_t i, size_t *len);
NATIVECERTS_API nativecerts_reason nativecerts_result_excluded_reason(const nativecerts_result *r,
                                                                      size_t i);
/* The source that decided the exclusion (for "distrusted", the distrusting source). */
NATIVECERTS_API const char *nativecerts_result_excluded_source(const nativecerts_result *r,
                                                               size_t i);

/* "distrusted", "expired", "not-yet-valid", "not-for-server-auth", "distrust-unknown";
 * NULL if unknown. */
NATIVECERTS_API const char *nativecerts_reason_name(nativecerts_reason reason);

/* ---------------------------------------------------------------------------------- */
/* Errors, in the order met.                                                           */

typedef enum nativecerts_error_kind {
    NATIVECERTS_ERROR_IO = 1,    /* open, read, stat, readdir failed, or not a regular file */
    NATIVECERTS_ERROR_PARSE = 2, /* a PEM block or a DER certificate is malformed */
    NATIVECERTS_ERROR_OS = 3,    /* an OS certificate store API failed */
    NATIVECERTS_ERROR_LIMIT = 4, /* a file over the size limit */
    NATIVECERTS_ERROR_NOMEM = 5  /* reserved: this version fails the whole call with
                                    NATIVECERTS_ENOMEM instead, since a partial load could
                                    lose a distrust and so widen trust */
} nativecerts_error_kind;

NATIVECERTS_API size_t nativecerts_result_error_count(const nativecerts_result *r);

/* One line a person can act on: "/etc/ssl/certs/x.pem:12: invalid base64 in
 * CERTIFICATE block", "/nope: cannot open: No such file or directory (errno 2)". */
NATIVECERTS_API const char *nativecerts_result_error_message(const nativecerts_result *r, size_t i);
NATIVECERTS_API nativecerts_error_kind nativecerts_result_error_kind(const nativecerts_result *r,
                                                                     size_t i);
/* The path concerned, or NULL. */
NATIVECERTS_API const char *nativecerts_result_error_path(const nativecerts_result *r, size_t i);
/* The 1-based line of a parse error in a PEM file, or 0. */
NATIVECERTS_API unsigned long nativecerts_result_error_line(const nativecerts_result *r, size_t i);
/* The number the system gave for error i, or 0. Despite the name, what it is depends on
 * the error's kind:
 *   io     an errno value (ENOENT, EACCES, EISDIR, ...) on every platform; on Windows the
 *          errno nearest the Win32 error, whose own code the message shows; 0 when no
 *          system call failed (a FIFO or a device named as a file).
 *   os     on Windows, the Win32 error code or HRESULT (CRYPT_E_*) of the failed store
 *          call, a DWORD converted to long: an HRESULT reads negative there, long having
 *          32 bits (the message shows it in hex). On macOS, the OSStatus of the failed
 *          Security framework call (negative, errSec*), or 0 when the call gave none.
 *          Elsewhere there are no errors of kind os.
 *   parse, limit   0.
 * Compare it with errno values for kind io only. */
NATIVECERTS_API long nativecerts_result_error_errno(const nativecerts_result *r, size_t i);
/* The index of the source (below) the error belongs to, or (size_t)-1. */
NATIVECERTS_API size_t nativecerts_result_error_source(const nativecerts_result *r, size_t i);

/* "io", "parse", "os", "limit", "nomem"; NULL if unknown. */
NATIVECERTS_API const char *nativecerts_error_kind_name(nativecerts_error_kind kind);

/* ---------------------------------------------------------------------------------- */
/* The sources report: every place the load considered, in the order considered.       */

typedef enum nativecerts_mode {
    NATIVECERTS_MODE_PLATFORM = 1,    /* the platform store (profile or OS store) */
    NATIVECERTS_MODE_ENVIRONMENT = 2, /* SSL_CERT_FILE / SSL_CERT_DIR replaced it */
    NATIVECERTS_MODE_EXPLICIT = 3     /* skip_platform: only the paths of the options */
} nativecerts_mode;

typedef enum nativecerts_source_kind {
    NATIVECERTS_SOURCE_ENV_VAR = 1,      /* SSL_CERT_FILE or SSL_CERT_DIR itself */
    NATIVECERTS_SOURCE_FILE = 2,         /* a file: bundle candidate, env or option */
    NATIVECERTS_SOURCE_DIRECTORY = 3,    /* a directory of certificates */
    NATIVECERTS_SOURCE_DISTRUST_DIR = 4, /* a directory whose certificates are distrusted */
    NATIVECERTS_SOURCE_STORE = 5         /* an OS store (keychain, Windows store) */
} nativecerts_source_kind;

typedef enum nativecerts_source_status {
    NATIVECERTS_STATUS_USED = 1,           /* read; see its count and errors */
    NATIVECERTS_STATUS_MISSING = 2,        /* does not exist (or a variable not set) */
    NATIVECERTS_STATUS_SAME_AS_OTHER = 3,  /* the same file or directory as an earlier one */
    NATIVECERTS_STATUS_SHADOWED = 4,       /* a bundle candidate after the one used */
    NATIVECERTS_STATUS_IGNORED_ENV = 5,    /* platform path not used: the environment chose */
    NATIVECERTS_STATUS_IGNORED_SETUID = 6, /* variable set, ignored in a setuid program */
    NATIVECERTS_STATUS_IGNORED_OPTION = 7, /* not used because of the options: a variable
                                              set but ignored (ignore_env, skip_platform,
                                              a root directory), a platform path with
                                              skip_platform, or the macOS keychain under
                                              a root directory */
    NATIVECERTS_STATUS_UNAVAILABLE = 8,    /* this process may not look at it (stat
                                              denied), as expected for Android's
                                              per-user stores: whether it exists cannot
                                              be known */
    NATIVECERTS_STATUS_FAILED = 9,         /* exists, could not be read: see its errors;
                                              or not looked at, the root directory having
                                              failed to open (the error of the root) */
    NATIVECERTS_STATUS_EMPTY = 10,         /* a variable set to nothing usable */
    /* A distrust place that exists but could not be read completely: every certificate
     * it could have distrusted is excluded as NATIVECERTS_REASON_DISTRUST_UNKNOWN. The
     * most important status to show a person: list these first. */
    NATIVECERTS_STATUS_INCOMPLETE = 11
} nativecerts_source_status;

NATIVECERTS_API nativecerts_mode nativecerts_result_mode(const nativecerts_result *r);
/* "platform", "environment", "explicit"; NULL if unknown. */
NATIVECERTS_API const char *nativecerts_mode_name(nativecerts_mode mode);
/* The profile used, e.g. "linux". */
NATIVECERTS_API const char *nativecerts_result_profile(const nativecerts_result *r);
/* The root directory option, or NULL. */
NATIVECERTS_API const char *nativecerts_result_root(const nativecerts_result *r);

NATIVECERTS_API size_t nativecerts_result_source_count(const nativecerts_result *r);
NATIVECERTS_API nativecerts_source_kind nativecerts_result_source_kind(const nativecerts_result *r,
                                                                       size_t i);
/* "variable", "file", "directory", "distrust-dir", "store"; NULL if unknown. */
NATIVECERTS_API const char *nativecerts_source_kind_name(nativecerts_source_kind kind);
/* The path, the store name ("keychain:system"), or the variable's name. */
NATIVECERTS_API const char *nativecerts_result_source_name(const nativecerts_result *r, size_t i);
/* For a variable, its value (NULL when unset); otherwise NULL. */
NATIVECERTS_API const char *nativecerts_result_source_value(const nativecerts_result *r, size_t i);
/* Where it came from: "SSL_CERT_FILE", "SSL_CERT_DIR", "option", "profile", "store". */
NATIVECERTS_API const char *nativecerts_result_source_origin(const nativecerts_result *r, size_t i);
NATIVECERTS_API nativecerts_source_status
nativecerts_result_source_status(const nativecerts_result *r, size_t i);
/* For NATIVECERTS_STATUS_SAME_AS_OTHER, the index of the earlier source; else (size_t)-1. */
NATIVECERTS_API size_t nativecerts_result_source_same_as(const nativecerts_result *r, size_t i);
/* Certificates parsed from it (trusted or not, before deduplication). */
NATIVECERTS_API size_t nativecerts_result_source_cert_count(const nativecerts_result *r, size_t i);
/* Errors that belong to it (see nativecerts_result_error_source()). */
NATIVECERTS_API size_t nativecerts_result_source_error_count(const nativecerts_result *r, size_t i);
/* Why a place is missing when a directory listing shows it: when source i has status
 * NATIVECERTS_STATUS_MISSING and its path is a symbolic link that leads nowhere, writes
 * what the link points to into buf (NUL-terminated, cut to n - 1 bytes) and returns 1;
 * otherwise returns 0 (also on Windows, and when n is 0). Looked at now, not during the
 * load, inside the result's root directory when it has one (the link is read with
 * readlinkat, nothing is opened for reading, nothing outside the root is examined), so
 * the load pays nothing for it. */
NATIVECERTS_API int nativecerts_result_source_dangling_link(const nativecerts_result *r, size_t i,
                                                            char *buf, size_t n);

/* "used", "missing", "same-as-other", "shadowed", "ignored-env", "ignored-setuid",
 * "ignored-option", "unavailable", "failed", "empty", "incomplete"; NULL if unknown. */
NATIVECERTS_API const char *nativecerts_source_status_name(nativecerts_source_status status);

/* What the load read: the files read and their bytes (each file once per call; a file
 * that could not be read does not count). */
NATIVECERTS_API size_t nativecerts_result_files_read(const nativecerts_result *r);
NATIVECERTS_API uint64_t nativecerts_result_bytes_read(const nativecerts_result *r);

/* ---------------------------------------------------------------------------------- */
/* A long-lived store, for programs that load often (HTTP clients built per request,   */
/* daemons). It keeps its last result and reloads only when a source changed.          */

typedef struct nativecerts_store nativecerts_store; /* opaque */

/* Creates a store that loads with a copy of opts (NULL: defaults). Nothing is read
 * until the first nativecerts_store_get(). Returns NATIVECERTS_OK, NATIVECERTS_EINVAL
 * (out is NULL) or NATIVECERTS_ENOMEM. */
NATIVECERTS_API int nativecerts_store_new(const nativecerts_options *opts, nativecerts_store **out);

/* Sets *out to the current result: the last one, when none of the places it read
 * changed since, else a fresh load. Results older than the maximum age are reloaded
 * regardless. The result is shared and immutable; release it with
 * nativecerts_result_free() (it stays valid after the store reloads or is freed). Safe
 * to call from many threads at once. Returns like nativecerts_load(); after a failure
 * the next get loads again.
 *
 * How a change is noticed (see nativecerts_store_get_mode()):
 *   Linux, BSD, macOS files: the operating system reports changes (inotify; kqueue) of
 *     every place the last load read: each bundle and directory and what their links
 *     lead to, every entry of a directory, the parent directories in which a missing
 *     file or directory would appear. A change is seen by the first get after the
 *     kernel reports it, and a get with nothing changed costs one non-blocking system
 *     call. With a root directory only what is inside it is watched. Where this is not
 *     available (inotify's limit on watches or instances reached, a file system that
 *     does not report every change: NFS, SMB, FUSE, 9p and the like; on BSD and macOS
 *     more files than a small share of the descriptor limit) the places are stamped
 *     instead: their identity, size and times are compared at each get (a few system
 *     calls per place). Then a replaced file and a directory whose entries changed are
 *     seen at once, a distrust directory is stamped entry by entry so that any change
 *     there is seen at once too, and an in-place edit of a file inside a trust
 *     directory is seen at the maximum age.
 *   Windows: the ROOT and Disallowed stores through registry change notifications on
 *     their keys (current user and machine, group policy and enterprise); files named
 *     by the environment or the options are stamped.
 *   The macOS keychain's trust settings: seen at the maximum age. The one notification
 *     Apple documents for them (kSecTrustSettingsChangedEventMask, through
 *     SecKeychainAddCallback) is deprecated since macOS 10.10 and comes as a callback,
 *     which this library cannot take without a thread or the caller's run loop.
 * A change made while a load runs makes the next get load again: a place whose change
 * time is close to the load's start is taken as changed during it (the next get loads
 * again, once); one dated beyond the present (a clock set back since) is not, so such
 * files never make every get load. The store starts no
 * thread; its descriptors are close-on-exec and closed by nativecerts_store_free(). A
 * process that forks gets its own notifications in the child at its next get. */
NATIVECERTS_API int nativecerts_store_get(nativecerts_store *s, nativecerts_result **out);

/* The maximum age of a result, in seconds (default 300; 0 reloads on every get;
 * INT64_MAX never reloads because of age). Measured on a clock that never steps back. */
NATIVECERTS_API int nativecerts_store_set_max_age(nativecerts_store *s, int64_t seconds);

/* How the store notices changes to what its current result read, the weakest of its
 * places deciding. */
typedef enum nativecerts_store_mode {
    NATIVECERTS_STORE_NOT_LOADED = 0, /* no result yet (or s is NULL) */
    NATIVECERTS_STORE_NOTIFIED = 1,   /* the system reports every change: seen at once */
    NATIVECERTS_STORE_STAMPED = 2,    /* some place is compared by its stamps at each get */
    NATIVECERTS_STORE_MAX_AGE = 3     /* some place (an OS store that reports nothing)
                                         is seen only at the maximum age */
} nativecerts_store_mode;

NATIVECERTS_API nativecerts_store_mode nativecerts_store_get_mode(nativecerts_store *s);

/* Frees the store; results handed out stay valid until released. NULL is allowed. */
NATIVECERTS_API void nativecerts_store_free(nativecerts_store *s);

/* ---------------------------------------------------------------------------------- */
/* The inspected system, for tools that tell a person what to do there.               */

/* Reads the os-release(5) file of the system that opts describe (its ID and ID_LIKE
 * name the package manager): the one under the root directory when opts set one, else
 * this machine's (NULL opts; no other option counts). As os-release(5) orders
 * them: /etc/os-release when it exists, else /usr/lib/os-release. A path that does not
 * resolve (missing, a dangling link, a component that is not a directory) does not
 * exist; one that exists but is refused below is the answer, with no fallback.
 *
 * The file is opened as the load opens certificate files: resolved inside the root (an
 * absolute symbolic link or ".." never leads out of it: a link to /etc/passwd reads the
 * image's own /etc/passwd), never blocking, and read only when it is a regular file
 * of fewer than n bytes. A FIFO, a device, a socket or a directory is never read; a
 * larger file is not read in part. The load itself never reads os-release.
 *
 * On NATIVECERTS_OK, buf holds the file's bytes followed by a NUL, and *len (len may be
 * NULL) their count: the text as it is, unparsed (a NUL inside it ends it early for C
 * string functions). Otherwise buf is "" (when n > 0) and *len is 0. Returns:
 *   NATIVECERTS_ENOTFOUND  nothing to read: neither file exists, or the one that exists
 *                          is not a regular file, holds n bytes or more, or cannot be
 *                          opened or read, or the root directory cannot be opened
 *                          (os-release(5): then assume ID=linux); always on Windows,
 *                          which has no os-release and no root directory option;
 *   NATIVECERTS_EINVAL     buf is NULL or n is 0;
 *   NATIVECERTS_ERESOURCE, NATIVECERTS_ENOMEM  the system ran out of descriptors or
 *                          memory: the file may exist, and a retry may read it. */
NATIVECERTS_API int nativecerts_read_os_release(const nativecerts_options *opts, char *buf,
                                                size_t n, size_t *len);

/* What a person can do about a result: why it trusts nothing, or what a file or
 * directory that was added to the options holds instead of certificates. Text to show
 * as it is (a TLS client that finds no root can print it beside its own error), the
 * same text that the nativecerts command prints; English, whatever the locale.
 *
 * When r trusts no certificate: why, then what to do. When it trusts some: only the
 * places added with nativecerts_options_add_file() / _add_dir() that gave none
 * (missing, unreadable, or holding no certificate), each with what to do; nothing (""
 * and 0) when there is none. When its root directory could not be opened: that alone,
 * since nothing in it was looked at. The text is lines, each ending in '\n':
 *   - lines that say what is wrong, the most important first: a distrust place that
 *     could not be read in full; certificates found but excluded; then each place that
 *     gave nothing, as "PATH (ROLE) WHAT", where ROLE is "added file", "added
 *     directory", "SSL_CERT_FILE", "SSL_CERT_DIR", "bundle" or "directory" and WHAT says
 *     what it holds instead when that can be told ("holds a private key (PRIVATE KEY),
 *     not a certificate", "holds PKCS#12 data ..., which is not read", "does not exist",
 *     "is empty"); or why the platform store gave nothing;
 *   - lines that begin with "note: ", which add what else matters;
 *   - lines that begin with "what to do: ", each a step, which lines that begin with two
 *     spaces continue ("  or ...").
 * Paths are shown as in error messages: control bytes escaped, so that each line is one.
 *
 * To say what a place holds, the file is read again, and to name the package that
 * installs CA certificates, the inspected system's os-release (see
 * nativecerts_read_os_release()), both as the load that made r read its files: inside
 * its root directory, never blocking, regular files only, a few hundred KiB at most.
 * Two calls may therefore differ when those files change in between.
 *
 * Writes at most n bytes into buf, always NUL-terminated when n > 0, cut at a UTF-8
 * character boundary; buf may be NULL when n is 0, to ask for the length. Returns the
 * length of the whole text (without the NUL): a return >= n means buf was too small.
 * NULL r gives 0. Out of memory, the text says less (no package, no file content)
 * rather than fail. */
NATIVECERTS_API size_t nativecerts_result_advice(const nativecerts_result *r, char *buf, size_t n);

/* ---------------------------------------------------------------------------------- */
/* Reading a certificate, for display, logging and OpenSSL's directories. These take  */
/* any DER certificate (not only those of a result) and allocate nothing, except the  */
/* name hashes for a name of more than 512 bytes.                                     */

/* Writes the subject (or issuer) name of a DER certificate into buf as an RFC 4514
 * string, exactly as `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` prints it
 * after "subject=" (attribute names as OpenSSL prints them, e.g. emailAddress; string
 * types decoded to UTF-8). Always NUL-terminates when n > 0, truncating if needed (never
 * inside a UTF-8 character); buf may be NULL when n is 0, to ask for the length.
 * Returns the length of the whole string (without the NUL), so a return >= n means
 * buf was too small; returns 0 when der is not a valid certificate (and for an empty
 * name). A value that cannot be shown as text (of an attribute type OpenSSL does not
 * know, of a type that is not a string, or not valid for its string type: bad UTF-8, an
 * odd-length BMPString, ...) is written #HEX of its DER, as RFC 4514 allows, also where
 * OpenSSL refuses the certificate; the text is always valid UTF-8, with no byte below
 * 0x20 and no DEL. */
NATIVECERTS_API size_t nativecerts_cert_subject(const unsigned char *der, size_t len, char *buf,
                                                size_t n);
NATIVECERTS_API size_t nativecerts_cert_issuer(const unsigned char *der, size_t len, char *buf,
                                               size_t n);

/* A short name for people: the subject's last non-empty commonName, else its
 * organizationName, else its organizationalUnitName, else the whole subject (as
 * nativecerts_cert_subject() writes it); UTF-8, unescaped, with control characters
 * (U+0000-U+001F, U+007F) replaced by U+FFFD so that it prints safely. Same return convention as
 * nativecerts_cert_subject(). */
NATIVECERTS_API size_t nativecerts_cert_display_name(const unsigned char *der, size_t len,
                                                     char *buf, size_t n);

/* The validity period, in seconds since 1970-01-01T00:00:00Z. Returns NATIVECERTS_OK,
 * or NATIVECERTS_EINVAL when der is not a valid certificate. */
NATIVECERTS_API int nativecerts_cert_validity(const unsigned char *der, size_t len,
                                              int64_t *not_before, int64_t *not_after);

/* SHA-256 (FIPS 180-4) of data: the certificate's fingerprint when given its DER. data
 * may be NULL when len is 0. */
NATIVECERTS_API void nativecerts_sha256(const unsigned char *data, size_t len,
                                        unsigned char out[32]);

/* OpenSSL's hash of the subject name: the value `openssl x509 -hash -noout` prints
 * (X509_subject_name_hash), by which `openssl rehash` names the links of a hashed
 * directory ("%08x.0") and OpenSSL's -CApath and SSL_CERT_DIR lookups find a certificate.
 * Computed without OpenSSL, from its rules: the first four bytes, read little-endian, of
 * the SHA-1 of the name's canonical form, in which every string value (but a
 * NumericString) becomes UTF-8 with the ASCII whitespace (space, TAB, LF, VT, FF, CR)
 * removed at both ends and each run of it inside made one space, and A-Z lowered
 * (nothing else is folded); each RDN's attributes are sorted; empty RDNs and the outer
 * SEQUENCE header are left out. Every certificate nativecerts reads, OpenSSL reads too,
 * and there the two values are equal.
 * Returns NATIVECERTS_OK and sets *hash. Returns NATIVECERTS_EINVAL when hash is NULL, or
 * when der is not a certificate nativecerts reads (as nativecerts_cert_validity judges)
 * and then sets *hash to 0, the value OpenSSL's X509_NAME_hash_ex returns when it cannot
 * hash; NATIVECERTS_ENOMEM (and *hash = 0) when a name of more than 512 bytes of DER
 * needed working memory that could not be allocated (a shorter one needs none). */
NATIVECERTS_API int nativecerts_cert_subject_hash(const unsigned char *der, size_t len,
                                                  uint32_t *hash);

/* The same for the issuer name (`openssl x509 -issuer_hash`): the hash under which a
 * hashed directory holds the certificates that may have issued this one. */
NATIVECERTS_API int nativecerts_cert_issuer_hash(const unsigned char *der, size_t len,
                                                 uint32_t *hash);

/* The same for a Name on its own: name[0..len) is exactly one DER Name, outer SEQUENCE
 * included, as i2d_X509_NAME writes it (e.g. the name a verifier asks an X509_LOOKUP
 * for). A Name is judged as in a certificate; one that nativecerts would refuse there
 * gives NATIVECERTS_EINVAL and *hash = 0. An empty Name hashes the empty string
 * (0xeea339da), as OpenSSL does. */
NATIVECERTS_API int nativecerts_name_hash(const unsigned char *name, size_t len, uint32_t *hash);

#ifdef __cplusplus
}
#endif

#endif /* NATIVECERTS_H */
