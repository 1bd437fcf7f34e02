/* Exporting the trusted roots: one PEM bundle, or one DER file per root. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert_fields.h"
#include "output_file.h"
#include "term_text.h"

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

int export_pem(const nativecerts_result *r, const char *output)
{
    /* The bundle as the library writes it (nativecerts_result_pem), so that every program
     * that asks the library for PEM gets these same bytes; made before anything is
     * opened, so that running out of memory leaves the output untouched. */
    size_t len = nativecerts_result_pem(r, NULL, 0);
    char *text = malloc(len + 1);
    if (!text) return export_failed("out of memory writing", output ? output : "-", ENOMEM);
    nativecerts_result_pem(r, text, len + 1);
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

typedef struct der_names {
    char (*hex)[65]; /* SHA256HEX of every root exported */
    size_t n;
} der_names;

/* A name of the form the DER export writes, SHA256HEX.der, for no root of this export. */
static int is_stale(const char *name, void *ctx)
{
    const der_names *set = ctx;
    if (strlen(name) != 64 + 4 || strcmp(name + 64, ".der") != 0) return 0;
    for (size_t i = 0; i < 64; i++)
        if (!strchr("0123456789abcdef", name[i])) return 0;
    for (size_t i = 0; i < set->n; i++)
        if (!memcmp(set->hex[i], name, 64)) return 0;
    return 1;
}

int export_der(const nativecerts_result *r, const char *dir)
{
    if (!strcmp(dir, "-")) return export_refused("-", "export --format der needs a directory");
    size_t n = nativecerts_result_count(r);
    der_names names = {malloc(n ? n * sizeof *names.hex : 1), n};
    if (!names.hex) return export_failed("out of memory writing to", dir, ENOMEM);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        cert_sha256_hex(der, len, names.hex[i]);
    }
    output_dir d;
    int rc = output_dir_open(&d, dir);
    if (rc == 0) {
        /* Removed first: should a write fail half way, the directory still holds no root
         * that this export does not trust. */
        rc = output_dir_remove(&d, is_stale, &names);
        for (size_t i = 0; i < n && rc == 0; i++) {
            size_t len;
            const unsigned char *der = nativecerts_result_der(r, i, &len);
            char name[64 + sizeof(".der")];
            snprintf(name, sizeof name, "%s.der", names.hex[i]);
            output_file o;
            rc = output_dir_file(&d, name, &o);
            if (rc == 0) {
                fwrite(der, 1, len, o.stream);
                rc = output_commit(&o);
            }
        }
        if (output_dir_close(&d) != 0) rc = -1;
    }
    free(names.hex);
    return rc;
}
