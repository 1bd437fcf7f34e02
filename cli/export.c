/* Exporting the trusted roots. Base64 is written here: the command uses only the public
 * API of the library. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <direct.h>
#define make_dir(path) _mkdir(path)
#else
#include <sys/stat.h>
#define make_dir(path) mkdir(path, 0755)
#endif

#include "cert_fields.h"
#include "term_text.h"

static int failed(const char *what, const char *path)
{
    int err = errno;
    fprintf(stderr, "nativecerts: %s ", what);
    term_put(stderr, path);
    fprintf(stderr, ": %s\n", strerror(err));
    return -1;
}

/* RFC 7468: base64 in lines of 64 characters between the encapsulation lines. */
static void put_pem(FILE *f, const unsigned char *der, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    fputs("-----BEGIN CERTIFICATE-----\n", f);
    size_t column = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned long v = (unsigned long)der[i] << 16;
        if (i + 1 < len) v |= (unsigned long)der[i + 1] << 8;
        if (i + 2 < len) v |= der[i + 2];
        char quad[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
                        i + 1 < len ? alphabet[v >> 6 & 63] : '=',
                        i + 2 < len ? alphabet[v & 63] : '='};
        fwrite(quad, 1, 4, f);
        if ((column += 4) == 64) {
            fputc('\n', f);
            column = 0;
        }
    }
    if (column) fputc('\n', f);
    fputs("-----END CERTIFICATE-----\n", f);
}

static void put_all_pem(FILE *f, const nativecerts_result *r)
{
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        put_pem(f, der, len);
    }
}

int export_pem(const nativecerts_result *r, const char *output)
{
    if (!output) {
        put_all_pem(stdout, r);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : failed("cannot write", "stdout");
    }
    size_t n = strlen(output) + sizeof(".nativecerts-tmp");
    char *tmp = malloc(n);
    if (!tmp) return failed("out of memory writing", output);
    snprintf(tmp, n, "%s.nativecerts-tmp", output);
    FILE *f = fopen(tmp, "wb");
    int rc = 0;
    if (!f) {
        rc = failed("cannot create", tmp);
    } else {
        put_all_pem(f, r);
        int write_error = ferror(f);
        if (fclose(f) != 0 || write_error) rc = failed("cannot write", tmp);
#ifdef _WIN32
        if (rc == 0) remove(output); /* rename does not replace on Windows */
#endif
        if (rc == 0 && rename(tmp, output) != 0) rc = failed("cannot rename over", output);
        if (rc != 0) remove(tmp);
    }
    free(tmp);
    return rc;
}

int export_der(const nativecerts_result *r, const char *dir)
{
    if (make_dir(dir) != 0 && errno != EEXIST) return failed("cannot create directory", dir);
    size_t n = strlen(dir) + 1 + 64 + sizeof(".der");
    char *path = malloc(n);
    if (!path) return failed("out of memory writing to", dir);
    int rc = 0;
    for (size_t i = 0; i < nativecerts_result_count(r) && rc == 0; i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        char sha256[65];
        cert_sha256_hex(der, len, sha256);
        snprintf(path, n, "%s/%s.der", dir, sha256);
        FILE *f = fopen(path, "wb");
        if (!f) {
            rc = failed("cannot create", path);
        } else {
            size_t wrote = fwrite(der, 1, len, f);
            if (fclose(f) != 0 || wrote != len) rc = failed("cannot write", path);
        }
    }
    free(path);
    return rc;
}
