/* nativecerts_result_advice: why a result trusts nothing, or what a named file holds
 * instead of certificates, and what a person can do about it. A client of the result's
 * public accessors, as any caller could be; what to install comes from the profile's
 * row (core/profile.h): its what_to_do, or the command of its Linux distributions, and
 * how to rebuild an empty bundle, its rebuild. A root directory that cannot be opened
 * is said alone: nothing in it was looked at, so nothing can be said of its places. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collect.h" /* nc__errno_text: the same words as the errors */
#include "core/file_kind.h"
#include "core/options.h"
#include "core/profile.h"
#include "nativecerts.h"

#define NONE ((size_t)-1)

/* What the advice reads of os-release: enough for ID and ID_LIKE, which come early. */
#define OS_RELEASE_MAX 8192

/* Steps said at most once, however many places call for them. */
enum step {
    STEP_CERT_FILE = 1,   /* name the CA certificate's file instead */
    STEP_CHECK_PATH = 2,  /* a named path does not exist */
    STEP_READABLE = 4,    /* a place exists but could not be read */
    STEP_REBUILD = 8,     /* the bundle exists but holds nothing */
    STEP_ENVIRONMENT = 16 /* fix or unset the variables */
};

typedef struct advice {
    char *buf;
    size_t n, len; /* len: the length of the whole text, written or not */
    const nativecerts_result *r;
    nativecerts_options *opts; /* the result's root, to read its files; NULL: none read */
    unsigned steps;
} advice;

#if defined(__GNUC__) && !defined(__MINGW32__) /* MinGW's "printf" is msvcrt's: no %zu */
__attribute__((format(printf, 2, 3)))
#endif
static void
put(advice *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = a->len < a->n ? vsnprintf(a->buf + a->len, a->n - a->len, fmt, ap)
                          : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (w > 0) a->len += (size_t)w;
}

/* A path as messages show it: control bytes as \n, \t or \xHH and a backslash doubled,
 * so that each line of the advice stays one line whatever a file name holds. */
static void put_path(advice *a, const char *path)
{
    if (!*path) put(a, "''");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '\n' || *p == '\t')
            put(a, "\\%c", *p == '\n' ? 'n' : 't');
        else if (*p < 0x20 || *p == 0x7f)
            put(a, "\\x%02x", *p);
        else if (*p == '\\')
            put(a, "\\\\");
        else
            put(a, "%c", *p);
    }
}

/* Ends the text at a UTF-8 character boundary when it was cut. */
static void end_text(advice *a)
{
    if (a->n == 0 || a->len < a->n) return;
    size_t cut = a->n - 1, start = cut;
    while (start > 0 && ((unsigned char)a->buf[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0) {
        unsigned char lead = (unsigned char)a->buf[start - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (start - 1 + need > cut) cut = start - 1;
    }
    a->buf[cut] = '\0';
}

/* ---------------------------------------------------------------------------------- */
/* The places of the result.                                                          */

static int is_path(const nativecerts_result *r, size_t i)
{
    nativecerts_source_kind k = nativecerts_result_source_kind(r, i);
    return k == NATIVECERTS_SOURCE_FILE || k == NATIVECERTS_SOURCE_DIRECTORY;
}

static int has_origin(const nativecerts_result *r, size_t i, const char *origin)
{
    const char *o = nativecerts_result_source_origin(r, i);
    return o && strcmp(o, origin) == 0;
}

/* A place that was read, or tried, and gave no certificate. */
static int gave_nothing(const nativecerts_result *r, size_t i)
{
    nativecerts_source_status s = nativecerts_result_source_status(r, i);
    return s == NATIVECERTS_STATUS_MISSING || s == NATIVECERTS_STATUS_FAILED ||
           (s == NATIVECERTS_STATUS_USED && nativecerts_result_source_cert_count(r, i) == 0);
}

static size_t first_error_of(const nativecerts_result *r, size_t s)
{
    for (size_t e = 0; e < nativecerts_result_error_count(r); e++)
        if (nativecerts_result_error_source(r, e) == s) return e;
    return NONE;
}

static size_t first_with_status(const nativecerts_result *r, nativecerts_source_status status)
{
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if (nativecerts_result_source_status(r, i) == status) return i;
    return NONE;
}

/* Who named place i, in a word: "added file", "SSL_CERT_FILE", "bundle", ... */
static const char *role_of(const nativecerts_result *r, size_t i)
{
    int dir = nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_DIRECTORY;
    if (has_origin(r, i, "option")) return dir ? "added directory" : "added file";
    if (has_origin(r, i, "SSL_CERT_FILE")) return "SSL_CERT_FILE";
    if (has_origin(r, i, "SSL_CERT_DIR")) return "SSL_CERT_DIR";
    return dir ? "directory" : "bundle";
}

/* What a file of kind k holds instead, after "holds ". */
static const char *holds(nc__file_kind k)
{
    switch (k) {
    case NC__FILE_PRIVATE_KEY:
        return "a private key";
    case NC__FILE_PUBLIC_KEY:
        return "a public key";
    case NC__FILE_CSR:
        return "a certificate signing request";
    case NC__FILE_CRL:
        return "a certificate revocation list";
    case NC__FILE_PKCS12:
        return "PKCS#12 data (certificates with their keys, as in a .p12 or .pfx file)";
    case NC__FILE_PKCS7:
        return "a PKCS#7 bundle";
    default:
        return NULL;
    }
}

/* The step for a file of kind k found at path. */
static void step_for_content(advice *a, const char *path, const nc__file_content *c)
{
    if (c->kind == NC__FILE_PKCS12 || c->kind == NC__FILE_PKCS7) {
        int p12 = c->kind == NC__FILE_PKCS12;
        put(a, "what to do: convert it: openssl %s%s -in ", p12 ? "pkcs12" : "pkcs7",
            !p12 && c->der ? " -inform DER" : "");
        put_path(a, path);
        put(a, " %s -out ca.pem, then name ca.pem instead\n", p12 ? "-nokeys" : "-print_certs");
    } else if (c->kind != NC__FILE_UNKNOWN && c->kind != NC__FILE_CERTIFICATES &&
               !(a->steps & STEP_CERT_FILE)) {
        a->steps |= STEP_CERT_FILE;
        put(a, "what to do: name the file of the CA certificate instead: PEM with CERTIFICATE "
               "blocks, or one DER certificate\n");
    }
}

/* One line: "PATH (ROLE) PREDICATE", then the step it calls for. */
static void put_place(advice *a, size_t i)
{
    const nativecerts_result *r = a->r;
    const char *path = nativecerts_result_source_name(r, i);
    nativecerts_source_status status = nativecerts_result_source_status(r, i);
    size_t e = first_error_of(r, i);
    nc__file_content c = {NC__FILE_UNKNOWN, 0, ""};
    int named = has_origin(r, i, "option");
    put_path(a, path);
    put(a, " (%s) ", role_of(r, i));
    if (status == NATIVECERTS_STATUS_MISSING) {
        put(a, "does not exist%s\n", nativecerts_result_root(r) ? " in the root directory" : "");
        if (named && !(a->steps & STEP_CHECK_PATH)) {
            a->steps |= STEP_CHECK_PATH;
            put(a, "what to do: check the path%s\n",
                nativecerts_result_root(r) ? " (inside the root directory, where a relative "
                                             "path starts at its top)"
                                           : "");
        }
        return;
    }
    if (status == NATIVECERTS_STATUS_FAILED && e != NONE &&
        nativecerts_result_error_errno(r, e) == EISDIR) {
        put(a, "is a directory\n");
        if (named) put(a, "what to do: add it as a directory (--dir)\n");
        return;
    }
    if (status == NATIVECERTS_STATUS_FAILED) {
        put(a, "exists but could not be read");
        if (e != NONE) put(a, " (%s)", nativecerts_result_error_message(r, e));
        put(a, "\n");
        a->steps |= STEP_READABLE;
        return;
    }
    if (nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_FILE && a->opts)
        nc__file_content_read(a->opts, path, &c);
    if (c.kind == NC__FILE_EMPTY) {
        put(a, "is empty\n");
    } else if (c.kind == NC__FILE_PKCS12 || c.kind == NC__FILE_PKCS7) {
        put(a, "holds %s, which is not read\n", holds(c.kind));
    } else if (holds(c.kind)) {
        put(a, "holds %s (%s), not a certificate\n", holds(c.kind), c.der ? "DER" : c.label);
    } else if (c.kind == NC__FILE_OTHER_PEM) {
        put(a, "holds a PEM block %s, not a certificate\n", c.label);
    } else if (c.kind == NC__FILE_TEXT) {
        put(a, "holds no PEM block (no -----BEGIN CERTIFICATE----- line)\n");
    } else if (e != NONE) {
        size_t more = nativecerts_result_source_error_count(r, i) - 1;
        put(a, "holds no valid certificate (%s", nativecerts_result_error_message(r, e));
        if (more) put(a, "; and %zu more error%s", more, more == 1 ? "" : "s");
        put(a, ")\n");
    } else {
        put(a, "holds no certificate\n");
    }
    if (named) step_for_content(a, path, &c);
    if (!named && c.kind != NC__FILE_PKCS12 && c.kind != NC__FILE_PKCS7) a->steps |= STEP_REBUILD;
}

/* Places added by the options that gave nothing; returns how many. */
static size_t put_added(advice *a)
{
    size_t n = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(a->r); i++) {
        if (is_path(a->r, i) && has_origin(a->r, i, "option") && gave_nothing(a->r, i)) {
            put_place(a, i);
            n++;
        }
    }
    return n;
}

/* ---------------------------------------------------------------------------------- */
/* The system to install on.                                                          */

/* The words ID and ID_LIKE of the inspected system's os-release, as " a b c ". */
static void os_release_ids(const advice *a, char *out, size_t n)
{
    char release[OS_RELEASE_MAX];
    snprintf(out, n, " ");
    if (!a->opts || nativecerts_read_os_release(a->opts, release, sizeof release, NULL) != 0)
        return;
    for (const char *line = release; *line;) {
        size_t end = strcspn(line, "\n"), len = strlen(out);
        const char *v = !strncmp(line, "ID=", 3)        ? line + 3
                        : !strncmp(line, "ID_LIKE=", 8) ? line + 8
                                                        : NULL;
        for (; v && v < line + end && len + 2 < n; v++)
            if (*v != '"' && *v != '\'') out[len++] = *v;
        if (v && len + 1 < n) {
            out[len++] = ' ';
            out[len] = '\0';
        }
        line += end + (line[end] == '\n');
    }
}

/* Non-zero when a word of ids (" a b ") is one of words (" x y "). */
static int shares_word(const char *ids, const char *words)
{
    char one[64];
    for (const char *w = ids; *w;) {
        w += strspn(w, " ");
        size_t len = strcspn(w, " ");
        if (len == 0) break;
        if (len + 3 <= sizeof(one)) {
            snprintf(one, sizeof(one), " %.*s ", (int)len, w);
            if (strstr(words, one)) return 1;
        }
        w += len;
    }
    return 0;
}

static void put_install(advice *a)
{
    const nc__profile *p = nc__profile_find(nativecerts_result_profile(a->r));
    const char *where = nativecerts_result_root(a->r) ? "in the image" : "on this system";
    if (p && p->what_to_do) {
        put(a, "what to do: %s\n", p->what_to_do);
        return;
    }
    const nc__distro *none = &(const nc__distro){NULL, NULL};
    const nc__distro *distros = p && p->distros ? p->distros : none;
    char ids[256];
    os_release_ids(a, ids, sizeof(ids));
    for (const nc__distro *d = distros; d->ids; d++) {
        if (shares_word(ids, d->ids)) {
            put(a, "what to do: install CA certificates %s: %s\n", where, d->install);
            return;
        }
    }
    put(a, "what to do: install your system's CA certificates package %s:\n", where);
    for (const nc__distro *d = distros; d->ids; d++)
        put(a, "  %s\n", d->install);
}

/* ---------------------------------------------------------------------------------- */
/* Why nothing is trusted.                                                            */

/* Certificates found and excluded: a line that says how many of each reason. Returns
 * the number excluded as distrust-unknown. */
static size_t put_excluded(advice *a)
{
    const nativecerts_result *r = a->r;
    size_t n = nativecerts_result_excluded_count(r), by[NATIVECERTS_REASON_DISTRUST_UNKNOWN + 1];
    size_t place = first_with_status(r, NATIVECERTS_STATUS_INCOMPLETE);
    memset(by, 0, sizeof by);
    for (size_t i = 0; i < n; i++) {
        unsigned reason = (unsigned)nativecerts_result_excluded_reason(r, i);
        if (reason < sizeof by / sizeof by[0]) by[reason]++;
    }
    size_t unknown = by[NATIVECERTS_REASON_DISTRUST_UNKNOWN];
    if (unknown > 0 && place != NONE) {
        put_path(a, nativecerts_result_source_name(r, place));
        put(a,
            ", a place that can distrust certificates, could not be read completely, so "
            "%zu certificate%s found %s excluded as distrust-unknown\n",
            unknown, unknown == 1 ? "" : "s", unknown == 1 ? "is" : "are");
    } else if (unknown > 0) {
        put(a,
            "%zu certificate%s found %s excluded as distrust-unknown: a distrust of them "
            "could not be read completely\n",
            unknown, unknown == 1 ? "" : "s", unknown == 1 ? "is" : "are");
    }
    if (n > unknown) {
        put(a, "%zu %scertificate%s found %s excluded (", n - unknown, unknown ? "other " : "",
            n - unknown == 1 ? "" : "s", n - unknown == 1 ? "is" : "are");
        const char *sep = "";
        for (unsigned k = 1; k < NATIVECERTS_REASON_DISTRUST_UNKNOWN; k++) {
            if (!by[k]) continue;
            put(a, "%s%zu %s", sep, by[k], nativecerts_reason_name((nativecerts_reason)k));
            sep = ", ";
        }
        put(a, ")\n");
    }
    return unknown;
}

static void put_excluded_steps(advice *a, size_t unknown)
{
    const nativecerts_result *r = a->r;
    size_t place = first_with_status(r, NATIVECERTS_STATUS_INCOMPLETE);
    if (place != NONE) {
        put(a, "what to do: make ");
        put_path(a, nativecerts_result_source_name(r, place));
        put(a, " readable in full (see its errors): until then, nothing it could distrust is "
               "trusted\n");
    } else if (unknown > 0) {
        put(a, "what to do: repair the distrust entries that could not be read: `nativecerts "
               "list --json` shows the certificates excluded as distrust-unknown, with the "
               "source of each\n");
    }
    if (nativecerts_result_excluded_count(r) > unknown)
        put(a, "what to do: see why each was excluded: `nativecerts list --json` gives the "
               "reason and source of each (for expired or not-yet-valid ones, check the check "
               "time and the clock)\n");
}

/* The variables chose the paths and they gave nothing. */
static void put_environment(advice *a)
{
    const nativecerts_result *r = a->r;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        if (nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_ENV_VAR) {
            const char *value = nativecerts_result_source_value(r, i);
            const char *name = nativecerts_result_source_name(r, i);
            if (nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_EMPTY)
                put(a, "%s is set but names no directory\n", name);
            else if (value && !*value &&
                     nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_USED)
                put(a, "%s is set but empty, which names no file\n", name);
        } else if (is_path(r, i) && gave_nothing(r, i) &&
                   (has_origin(r, i, "SSL_CERT_FILE") || has_origin(r, i, "SSL_CERT_DIR")) &&
                   *nativecerts_result_source_name(r, i)) {
            put_place(a, i);
        }
    }
    put(a, "note: SSL_CERT_FILE and SSL_CERT_DIR, when set, replace the system store, which "
           "was not read\n");
    put(a, "what to do: point SSL_CERT_FILE at a PEM bundle of the CA certificates you trust, "
           "or unset them (unset SSL_CERT_FILE SSL_CERT_DIR) to use the system store "
           "(`nativecerts list --no-env` shows what it holds)\n");
}

/* The platform store gave nothing: what exists there and what is wrong with it. */
static void put_platform(advice *a)
{
    const nativecerts_result *r = a->r;
    size_t places = 0, stores = 0, found = 0, gave = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        if (!has_origin(r, i, "profile") && !has_origin(r, i, "store")) continue;
        nativecerts_source_status s = nativecerts_result_source_status(r, i);
        places++;
        stores += nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_STORE;
        gave += s == NATIVECERTS_STATUS_USED && nativecerts_result_source_cert_count(r, i) > 0;
        if (!is_path(r, i) || (s != NATIVECERTS_STATUS_FAILED && s != NATIVECERTS_STATUS_USED))
            continue;
        found++;
        if (gave_nothing(r, i)) put_place(a, i);
    }
    if (gave > 0) return; /* certificates were found, and excluded: said above */
    if (stores > 0 && found == 0)
        put(a, "the %s store holds no certificate trusted for TLS server authentication\n",
            nativecerts_result_profile(r));
    else if (found == 0)
        put(a,
            "none of the %zu places of the %s profile exists%s: no CA certificates are "
            "installed\n",
            places, nativecerts_result_profile(r),
            nativecerts_result_root(r) ? " in the root directory" : "");
    if (a->steps & STEP_READABLE)
        put(a, "what to do: make what could not be read readable to this program\n");
    const nc__profile *p = nc__profile_find(nativecerts_result_profile(r));
    if ((a->steps & STEP_REBUILD) && p && p->rebuild)
        put(a, "what to do: rebuild the bundle: %s\n", p->rebuild);
    put_install(a);
    if (nativecerts_result_root(r))
        put(a, "  or name a PEM bundle of the CA certificates you trust (--file PATH)\n");
    else
        put(a, "  or point SSL_CERT_FILE at a PEM bundle of the CA certificates you trust\n");
}

/* The error of a root directory that could not be opened (the one without a source, on
 * the root's path), or NONE. */
static size_t root_error(const nativecerts_result *r)
{
    const char *root = nativecerts_result_root(r);
    for (size_t e = 0; root && e < nativecerts_result_error_count(r); e++) {
        const char *path = nativecerts_result_error_path(r, e);
        if (nativecerts_result_error_source(r, e) == NONE && path && strcmp(path, root) == 0)
            return e;
    }
    return NONE;
}

/* Nothing inside the root was looked at: what is wrong is the root, not a place. */
static void put_root(advice *a, size_t e)
{
    const nativecerts_result *r = a->r;
    long err = nativecerts_result_error_errno(r, e);
    if (err == 0) { /* no system call failed: the option itself is refused (Windows) */
        put(a, "%s\n", nativecerts_result_error_message(r, e));
        put(a, "what to do: load without a root directory (--root)\n");
        return;
    }
    char words[96];
    nc__errno_text((int)err, words, sizeof words);
    put(a, "the root directory ");
    put_path(a, nativecerts_result_root(r));
    put(a, " cannot be opened: %s\n", words);
    put(a, "note: nothing was looked at: every place is inside the root directory\n");
    put(a, "what to do: check the root directory (--root): a directory this program can open\n");
}

static void put_nothing_trusted(advice *a)
{
    const nativecerts_result *r = a->r;
    size_t unknown = put_excluded(a);
    size_t excluded = nativecerts_result_excluded_count(r);
    if (unknown > 0 && unknown == excluded) {
        put_excluded_steps(a, unknown);
        return;
    }
    switch (nativecerts_result_mode(r)) {
    case NATIVECERTS_MODE_ENVIRONMENT:
        put_added(a);
        put_environment(a);
        break;
    case NATIVECERTS_MODE_EXPLICIT:
        if (put_added(a) == 0 && excluded == 0)
            put(a, "nothing was named: the platform store is skipped and no file or directory "
                   "was added\n");
        break;
    case NATIVECERTS_MODE_PLATFORM:
        put_added(a);
        put_platform(a);
        break;
    }
    if (excluded > 0) put_excluded_steps(a, unknown);
}

size_t nativecerts_result_advice(const nativecerts_result *r, char *buf, size_t n)
{
    advice a = {buf, buf ? n : 0, 0, r, NULL, 0};
    if (a.n > 0) buf[0] = '\0';
    if (!r) return 0;
    /* The root of the result, so that its files and os-release are read where the load
     * read. Out of memory, nothing is read and the advice is only less precise. */
    if (nativecerts_options_new(&a.opts) == NATIVECERTS_OK &&
        nativecerts_options_set_root(a.opts, nativecerts_result_root(r)) != NATIVECERTS_OK) {
        nativecerts_options_free(a.opts);
        a.opts = NULL;
    }
    size_t root = root_error(r);
    if (root != NONE)
        put_root(&a, root);
    else if (nativecerts_result_count(r) > 0)
        put_added(&a);
    else
        put_nothing_trusted(&a);
    nativecerts_options_free(a.opts);
    end_text(&a);
    return a.len;
}
