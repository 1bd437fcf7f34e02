/* A certificate file in a trust role and in a distrust role, against OpenSSL's d2i_X509:
 * the cases of distrust_cases.txt (see there for the format). In a distrust role a damaged
 * file must still distrust the certificate it begins with, as leniently as d2i_X509 reads
 * it, and report the damage without making its place incomplete; in a trust role nothing
 * is returned from it. Each case runs through nc__cert_file_parse, as a backend's read
 * does, in a source marked as a distrust place for the distrust role.
 *
 * Usage: test_distrust_recognition CASES_FILE TESTS_DIR */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "case_files.h"
#include "der_edit.h"
#include "core/cert_file.h"
#include "core/collect_state.h"
#include "test_support.h"

#define MAX_BYTES 65536

typedef struct bytes {
    uint8_t *p;
    size_t n;
} bytes;

/* TAIL or CERT: "-" (nothing), a file relative to tests_dir (it has a '/'), the input of
 * a DER case as FILE:TITLE (codec/der/cases.txt:TITLE), or hex. */
static int read_part(const char *tests_dir, const char *word, bytes *out)
{
    out->n = 0;
    out->p = malloc(MAX_BYTES);
    if (!out->p) return -1;
    if (strcmp(word, "-") == 0) return 0;
    if (strchr(word, '/') == NULL) {
        long n = case_hex(word, out->p, MAX_BYTES);
        out->n = n < 0 ? 0 : (size_t)n;
        return n < 0 ? -1 : 0;
    }
    char path[2048], certs[2048];
    size_t len;
    const char *colon = strchr(word, ':');
    uint8_t *data;
    if (colon != NULL) {
        int n = snprintf(path, sizeof path, "%s/%.*s", tests_dir, (int)(colon - word), word);
        if (n < 0 || (size_t)n >= sizeof path) return -1;
        case_path(certs, sizeof certs, tests_dir, "data/certs", "");
        data = der_case_input(path, colon + 1, certs, &len);
    } else {
        case_path(path, sizeof path, tests_dir, word, "");
        data = case_read_file(path, &len);
    }
    if (!data || len > MAX_BYTES) {
        free(data);
        return -1;
    }
    memcpy(out->p, data, len);
    out->n = len;
    free(data);
    return 0;
}

/* The file's bytes: the DER as it is, or one PEM block of label holding it. */
static bytes make_file(const char *form, const bytes *der)
{
    bytes f = {NULL, 0};
    if (strcmp(form, "der") == 0) {
        f.p = malloc(der->n ? der->n : 1);
        if (f.p) memcpy(f.p, der->p, der->n);
        f.n = der->n;
        return f;
    }
    const char *label = strcmp(form, "pem") == 0       ? "CERTIFICATE"
                        : strcmp(form, "trusted") == 0 ? "TRUSTED CERTIFICATE"
                                                       : NULL;
    if (!label) return f;
    char *text = NULL;
    FILE *m = open_memstream(&text, &f.n);
    if (!m) return f;
    nct_put_pem(m, der->p, der->n, label, 64, "\n");
    fclose(m);
    f.p = (uint8_t *)text;
    return f;
}

/* What OpenSSL reads from the file: the decoded bytes (the file itself for der), then
 * d2i_X509 on them. Returns the length d2i_X509 consumed, 0 when it reads nothing;
 * *decoded is set to the bytes it read from (malloc'ed). */
static size_t openssl_reads(const char *form, const bytes *file, uint8_t **decoded)
{
    *decoded = NULL;
    long len = (long)file->n;
    unsigned char *data = NULL;
    if (strcmp(form, "der") == 0) {
        data = OPENSSL_malloc(file->n ? file->n : 1);
        if (data) memcpy(data, file->p, file->n);
    } else {
        BIO *bio = BIO_new_mem_buf(file->p, (int)file->n);
        char *name = NULL, *header = NULL;
        if (!bio || PEM_read_bio(bio, &name, &header, &data, &len) != 1) data = NULL;
        OPENSSL_free(name);
        OPENSSL_free(header);
        BIO_free(bio);
    }
    if (!data) return 0;
    const unsigned char *p = data;
    X509 *x = d2i_X509(NULL, &p, len);
    size_t used = x ? (size_t)(p - data) : 0;
    X509_free(x);
    ERR_clear_error();
    *decoded = malloc(len > 0 ? (size_t)len : 1);
    if (*decoded) memcpy(*decoded, data, (size_t)len);
    OPENSSL_free(data);
    return used;
}

/* Parses the file in role into c and checks the outcome against want. *got and *got_len
 * are the one certificate it gave (inside c), or NULL, for the comparison with OpenSSL. */
static void run_role(int *failures, const char *name, const bytes *file, const bytes *cert,
                     nc__role role, const char *want, const uint8_t **got, size_t *got_len,
                     nc__collect *c)
{
    const char *role_name = role == NC__ROLE_TRUST ? "trust" : "distrust";
    nc__collect_init(c);
    uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_FILE, "option", "/case", NULL);
    if (role == NC__ROLE_DISTRUST) nc__collect_distrust_place(c, s, NC__NONE);
    uint8_t *buf = nc__collect_scratch(c, file->n + 1);
    if (!buf) exit(99);
    memcpy(buf, file->p, file->n);
    nc__cert_file_parse(c, s, "/case", buf, file->n, role);

    int found = c->ncerts == 1 && c->certs[0].len == cert->n &&
                memcmp(c->der + c->certs[0].off, cert->p, cert->n) == 0;
    int incomplete = c->sources[s].incomplete;
    const char *outcome =
        c->ncerts == 0 && c->nerrors == 1 && (role == NC__ROLE_TRUST || incomplete) ? "error"
        : found && c->nerrors == 0 && !incomplete                                   ? "found"
        : found && c->nerrors == 1 && !incomplete                                   ? "recognised"
                                                  : "something else";
    if (strcmp(outcome, want) != 0)
        case_fail(failures, name, "%s role: want %s, got %s (%zu certificates, %zu errors%s)",
                  role_name, want, outcome, c->ncerts, c->nerrors,
                  incomplete ? ", place incomplete" : "");
    for (size_t i = 0; i < c->nocc; i++)
        if (c->occ[i].role != role)
            case_fail(failures, name, "%s role: a sighting in another role", role_name);
    *got = c->ncerts == 1 ? c->der + c->certs[0].off : NULL;
    *got_len = c->ncerts == 1 ? c->certs[0].len : 0;
}

static void run_case(int *failures, const char *tests_dir, char *line)
{
    char name[128], form[16], cert_word[512], tail_word[1024], trust[16], distrust[16];
    int used = 0;
    if (sscanf(line, "%127s %15s %511s %1023s %15s %15s %n", name, form, cert_word, tail_word,
               trust, distrust, &used) != 6) {
        case_fail(failures, line, "bad case line");
        return;
    }
    int stricter = strncmp(line + used, "[stricter: ", 11) == 0;
    if (line[used] != '\0' && !stricter) {
        case_fail(failures, name, "unexpected text: %s", line + used);
        return;
    }
    bytes cert, tail;
    if (read_part(tests_dir, cert_word, &cert) || read_part(tests_dir, tail_word, &tail) ||
        cert.n + tail.n > MAX_BYTES) {
        case_fail(failures, name, "cannot read its certificate or tail");
        free(cert.p);
        free(tail.p);
        return;
    }
    bytes der = {malloc(cert.n + tail.n + 1), cert.n + tail.n};
    if (!der.p) exit(99);
    memcpy(der.p, cert.p, cert.n);
    memcpy(der.p + cert.n, tail.p, tail.n);
    bytes file = make_file(form, &der);
    if (!file.p) {
        case_fail(failures, name, "unknown form %s", form);
    } else {
        nc__collect tc, dc;
        const uint8_t *t_got, *d_got;
        size_t t_len, d_len;
        run_role(failures, name, &file, &cert, NC__ROLE_TRUST, trust, &t_got, &t_len, &tc);
        run_role(failures, name, &file, &cert, NC__ROLE_DISTRUST, distrust, &d_got, &d_len, &dc);

        /* The distrust role recognises what d2i_X509 reads, from the same decoded bytes:
         * the same leading certificate, or nothing (then only where marked stricter). */
        uint8_t *decoded;
        size_t theirs = openssl_reads(form, &file, &decoded);
        if (d_got && (theirs != d_len || memcmp(decoded, d_got, d_len) != 0))
            case_fail(failures, name, "distrusts %zu bytes, d2i_X509 reads %zu", d_len, theirs);
        if (!d_got && theirs && !stricter)
            case_fail(failures, name,
                      "d2i_X509 reads %zu bytes: say why we do not ([stricter: ...])", theirs);
        if (!d_got && !theirs && stricter)
            case_fail(failures, name, "d2i_X509 reads nothing either: drop the stricter note");
        if (d_got && stricter) case_fail(failures, name, "recognised: drop the stricter note");
        free(decoded);
        nc__collect_free(&tc);
        nc__collect_free(&dc);
    }
    free(file.p);
    free(der.p);
    free(cert.p);
    free(tail.p);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASES_FILE TESTS_DIR\n", argv[0]);
        return 2;
    }
    return case_run_lines("test_distrust_recognition", argv[1], run_case, argv[2]);
}
