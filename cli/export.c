/* Exporting the trusted roots: one PEM bundle, one DER file per root, or a directory
 * of PEM files that OpenSSL looks up by subject hash. */
#include "export.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert_fields.h"
#include "output_file.h"
#include "term_text.h"

/* HASH.N: 8 hex digits, a dot, N up to UINT_MAX, a NUL. */
#define LINK_NAME_SIZE sizeof("ffffffff.4294967295")

int export_failed(const char *what, const char *path, int err)
{
    fprintf(stderr, "nativecerts: %s ", what);
    term_put(stderr, path);
    fprintf(stderr, ": %s\n", strerror(err));
    return -1;
}

int export_refused(const char *path, const char *why)
{
    fputs("nativecerts: refusing to write ", stderr);
    term_put(stderr, path);
    fprintf(stderr, ": %s\n", why);
    return -1;
}

/* The bundle as the library writes it (nativecerts_result_pem), so that every program
 * that asks the library for PEM gets these same bytes; made before anything is opened,
 * so that running out of memory leaves the output untouched. NULL after saying why. */
static char *pem_text(const nativecerts_result *r, size_t *len, const char *shown)
{
    *len = nativecerts_result_pem(r, NULL, 0);
    char *text = malloc(*len + 1);
    if (!text) return export_failed("out of memory writing", shown, ENOMEM), NULL;
    nativecerts_result_pem(r, text, *len + 1);
    return text;
}

int export_pem(const nativecerts_result *r, const char *output)
{
    size_t len;
    char *text = pem_text(r, &len, output ? output : "-");
    if (!text) return -1;
    int rc;
    if (!output || !strcmp(output, "-")) {
        fwrite(text, 1, len, stdout);
        rc = output_flush(stdout, "standard output");
    } else {
        output_file o;
        rc = output_open(&o, output);
        if (rc == 0) {
            fwrite(text, 1, len, o.stream); /* a short write sets the error output_commit sees */
            rc = output_commit(&o);
        }
    }
    free(text);
    return rc;
}

/* The roots as files of a directory: each named by the SHA-256 of its DER, in hex. */
typedef struct root_file {
    char hex[65];  /* the file's name without its extension */
    size_t index;  /* in the result */
    uint32_t hash; /* OpenSSL's subject hash, for the links of openssl-dir */
    unsigned seq;  /* N of the link HASH.N */
} root_file;

typedef struct root_files {
    root_file *file;     /* sorted by hex */
    root_file **by_hash; /* openssl-dir: sorted by hash, then hex, which is then by seq */
    size_t n;
    const char *ext; /* ".der", ".pem" */
} root_files;

static int by_hex(const void *a, const void *b)
{
    return memcmp(((const root_file *)a)->hex, ((const root_file *)b)->hex, 64);
}

/* openssl rehash reads a directory's file names in strcmp order and numbers the links of
 * one hash in that order. These names are 64 lowercase hex digits and ".pem": that order
 * is by_hex. */
static int by_hash_then_hex(const void *a, const void *b)
{
    const root_file *x = *(root_file *const *)a, *y = *(root_file *const *)b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return memcmp(x->hex, y->hex, 64);
}

/* The same order once the links are numbered, N growing with the hex within a hash. */
static int by_link(const void *a, const void *b)
{
    const root_file *x = *(root_file *const *)a, *y = *(root_file *const *)b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return x->seq != y->seq ? (x->seq < y->seq ? -1 : 1) : 0;
}

/* Fills *set with a file per root of r, named SHA256HEX followed by ext. Returns 0, or -1
 * after saying why. */
static int root_files_make(root_files *set, const nativecerts_result *r, const char *ext,
                           const char *dir)
{
    memset(set, 0, sizeof *set);
    set->n = nativecerts_result_count(r);
    set->ext = ext;
    set->file = calloc(set->n ? set->n : 1, sizeof *set->file);
    if (!set->file) return export_failed("out of memory writing to", dir, ENOMEM);
    for (size_t i = 0; i < set->n; i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        cert_sha256_hex(der, len, set->file[i].hex);
        set->file[i].index = i;
    }
    qsort(set->file, set->n, sizeof *set->file, by_hex);
    return 0;
}

static void root_files_free(root_files *set)
{
    free(set->file);
    free(set->by_hash);
}

/* A name of the form SHA256HEX.EXT (lowercase hex) that names no root of the set. */
static int is_stale_root(const char *name, const root_files *set)
{
    size_t ext = strlen(set->ext);
    if (strlen(name) != 64 + ext || strcmp(name + 64, set->ext) != 0) return 0;
    root_file key;
    for (size_t i = 0; i < 64; i++)
        if (!strchr("0123456789abcdef", name[i])) return 0;
    memcpy(key.hex, name, 64);
    return !bsearch(&key, set->file, set->n, sizeof *set->file, by_hex);
}

static int is_stale_der(const char *name, void *ctx)
{
    return is_stale_root(name, ctx);
}

int export_der(const nativecerts_result *r, const char *dir)
{
    if (!strcmp(dir, "-")) return export_refused("-", "export --format der needs a directory");
    root_files set;
    if (root_files_make(&set, r, ".der", dir) != 0) return -1;
    output_dir d;
    int rc = output_dir_open(&d, dir);
    if (rc == 0) {
        /* Removed first: should a write fail half way, the directory still holds no root
         * that this export does not trust. */
        rc = output_dir_remove(&d, is_stale_der, &set);
        for (size_t i = 0; i < set.n && rc == 0; i++) {
            size_t len;
            const unsigned char *der = nativecerts_result_der(r, set.file[i].index, &len);
            char name[64 + sizeof(".der")];
            snprintf(name, sizeof name, "%s.der", set.file[i].hex);
            rc = output_dir_write(&d, name, der, len);
        }
        if (output_dir_close(&d) != 0) rc = -1;
    }
    root_files_free(&set);
    return rc;
}

/* The value of hex digit c in either case, or -1. */
static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The name of a link as openssl rehash makes it: the subject hash in 8 hex digits, a dot,
 * and the number N of the certificate among those of that hash, in decimal. OpenSSL's
 * lookup reads a file or a link of that name alike, and rehash reads the digits in either
 * case, as a file system that ignores case does. Sets *hash and *seq. */
static int is_hash_name(const char *name, uint32_t *hash, unsigned *seq)
{
    uint32_t h = 0;
    for (int i = 0; i < 8; i++) {
        int digit = hex_digit(name[i]);
        if (digit < 0) return 0;
        h = h << 4 | (uint32_t)digit;
    }
    const char *n = name + 9;
    if (name[8] != '.' || !*n || (n[0] == '0' && n[1]) || strlen(n) > 10) return 0;
    unsigned long long v = 0;
    for (; *n; n++) {
        if (*n < '0' || *n > '9') return 0;
        v = v * 10 + (unsigned)(*n - '0');
    }
    if (v > UINT_MAX) return 0;
    *hash = h;
    *seq = (unsigned)v;
    return 1;
}

/* A root file (SHA256HEX.pem) or a hash link (HASH.N) that this export does not write. */
static int is_stale_openssl(const char *name, void *ctx)
{
    const root_files *set = ctx;
    root_file key = {.seq = 0}, *k = &key;
    if (!is_hash_name(name, &key.hash, &key.seq)) return is_stale_root(name, set);
    char own[LINK_NAME_SIZE];
    snprintf(own, sizeof own, "%08x.%u", (unsigned)key.hash, key.seq);
    return strcmp(name, own) != 0 || !bsearch(&k, set->by_hash, set->n, sizeof k, by_link);
}

/* Gives every root its subject hash and the N of its link HASH.N, and fills
 * set->by_hash. Returns 0, or -1 after saying why. */
static int number_links(root_files *set, const nativecerts_result *r, const char *dir)
{
    set->by_hash = malloc(set->n ? set->n * sizeof *set->by_hash : 1);
    if (!set->by_hash) return export_failed("out of memory writing to", dir, ENOMEM);
    for (size_t i = 0; i < set->n; i++) {
        root_file *f = set->by_hash[i] = &set->file[i];
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, f->index, &len);
        int rc = nativecerts_cert_subject_hash(der, len, &f->hash);
        if (rc == NATIVECERTS_ENOMEM) return export_failed("out of memory writing to", dir, ENOMEM);
        if (rc != NATIVECERTS_OK)
            return export_failed("cannot compute the subject hash of root", f->hex, EINVAL);
    }
    qsort(set->by_hash, set->n, sizeof *set->by_hash, by_hash_then_hex);
    for (size_t i = 1; i < set->n; i++)
        if (set->by_hash[i]->hash == set->by_hash[i - 1]->hash)
            set->by_hash[i]->seq = set->by_hash[i - 1]->seq + 1;
    return 0;
}

/* Where each root's block starts in the bundle text, which holds them in result order,
 * one "-----BEGIN CERTIFICATE-----" to "-----END CERTIFICATE-----\n" each; start[n] is the
 * text's length. NULL after saying why. */
static size_t *pem_blocks(const char *text, size_t len, size_t n, const char *dir)
{
    static const char end[] = "-----END CERTIFICATE-----\n";
    size_t *start = malloc((n + 1) * sizeof *start);
    if (!start) return export_failed("out of memory writing to", dir, ENOMEM), NULL;
    const char *at = text;
    for (size_t i = 0; i < n; i++) {
        start[i] = (size_t)(at - text);
        at = strstr(at, end);
        if (!at) {
            free(start);
            return export_failed("cannot split the bundle written to", dir, EINVAL), NULL;
        }
        at += sizeof end - 1;
    }
    start[n] = len;
    return start;
}

int export_openssl_dir(const nativecerts_result *r, const char *dir)
{
    if (!strcmp(dir, "-"))
        return export_refused("-", "export --format openssl-dir needs a directory");
    root_files set;
    if (root_files_make(&set, r, ".pem", dir) != 0) return -1;
    size_t len = 0, *start = NULL;
    char *text = NULL;
    int rc = number_links(&set, r, dir);
    if (rc == 0 && !(text = pem_text(r, &len, dir))) rc = -1;
    if (rc == 0 && !(start = pem_blocks(text, len, set.n, dir))) rc = -1;
    output_dir d;
    if (rc == 0 && (rc = output_dir_open(&d, dir)) == 0) {
        /* Removed first, as for DER: a link to a root no longer trusted then dangles until
         * its name is given to another root, so that no step trusts one. */
        rc = output_dir_remove(&d, is_stale_openssl, &set);
        for (size_t i = 0; i < set.n && rc == 0; i++) {
            const root_file *f = &set.file[i];
            const char *pem = text + start[f->index];
            size_t pem_len = start[f->index + 1] - start[f->index];
            char name[64 + sizeof(".pem")], link[LINK_NAME_SIZE];
            snprintf(name, sizeof name, "%s.pem", f->hex);
            snprintf(link, sizeof link, "%08x.%u", (unsigned)f->hash, f->seq);
            rc = output_dir_write(&d, name, pem, pem_len);
            if (rc == 0) rc = output_dir_link(&d, link, name, pem, pem_len);
        }
        if (output_dir_close(&d) != 0) rc = -1;
    }
    free(start);
    free(text);
    root_files_free(&set);
    return rc;
}
