/* pem_cases: every pem/NAME.in is scanned and must yield exactly the blocks listed in
 * pem/NAME.expect, in order, one per line:
 *
 *   cert LINE NAME       a CERTIFICATE block at LINE whose bytes are data/certs/NAME.der
 *   trusted LINE NAME    a TRUSTED CERTIFICATE block at LINE starting with NAME.der
 *   bytes LINE [HEX]     a CERTIFICATE block at LINE holding exactly these bytes
 *   error LINE MESSAGE   a parse error at LINE with this message
 *
 * An empty .expect means no block at all. Every input is scanned three ways, each held to
 * the same .expect: decoded in place; decoded into a separate buffer, each block's text
 * then still as read; and again with a known-text hook that recognises the CERTIFICATE
 * blocks of the second scan by their text, so that they come back undecoded (KNOWN),
 * yet with the same lines and certificates, and every later line number unchanged.
 * Every input is also scanned cut at each length, in a buffer of exactly that size, so
 * that AddressSanitizer sees any unbounded read.
 *
 * Usage: pem_cases CASE_DIR CERT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"
#include "codec/pem.h"

typedef struct runner {
    const char *cert_dir;
    int failures;
} runner;

enum { IN_PLACE, KEEP_TEXT, KNOWN_TEXT };

/* The CERTIFICATE blocks of a KEEP_TEXT scan, for the KNOWN_TEXT one. */
typedef struct kept {
    const uint8_t *buf;
    struct {
        size_t off, len;
        unsigned long lines;
        uint8_t der[4096];
        size_t der_len;
    } blocks[64];
    size_t n, hits;
} kept;

static int known_hook(void *ctx, const uint8_t *text, size_t n, uint32_t *id, unsigned long *lines)
{
    kept *k = ctx;
    for (size_t i = 0; i < k->n; i++)
        if (k->blocks[i].len == n && memcmp(k->buf + k->blocks[i].off, text, n) == 0) {
            *id = (uint32_t)i;
            *lines = k->blocks[i].lines;
            k->hits++;
            return 1;
        }
    return 0;
}

static const char *kind_name(nc__pem_kind kind)
{
    switch (kind) {
    case NC__PEM_CERTIFICATE:
        return "cert";
    case NC__PEM_TRUSTED:
        return "trusted";
    case NC__PEM_ERROR:
        return "error";
    case NC__PEM_KNOWN:
        return "known";
    }
    return "?";
}

static void describe(const nc__pem_block *b, char *out, size_t size)
{
    snprintf(out, size, "%s at line %lu (%zu bytes)%s%s", kind_name(b->kind), b->line, b->der_len,
             b->kind == NC__PEM_ERROR ? ": " : "", b->kind == NC__PEM_ERROR ? b->message : "");
}

/* Checks one block against one expectation line; returns 0 when it matches. */
static int matches(runner *r, const char *name, const nc__pem_block *b, char *line)
{
    char kind[16], rest[256] = "";
    unsigned long want_line;
    int consumed = 0;
    char got[160];
    describe(b, got, sizeof(got));

    if (sscanf(line, "%15s %lu %n", kind, &want_line, &consumed) < 2) {
        case_fail(&r->failures, name, "bad expectation line: %s", line);
        return -1;
    }
    snprintf(rest, sizeof(rest), "%s", line + consumed);

    if (strcmp(kind, "error") == 0) {
        if (b->kind != NC__PEM_ERROR || b->line != want_line || strcmp(b->message, rest) != 0) {
            case_fail(&r->failures, name, "want error at line %lu: %s; got %s", want_line, rest,
                      got);
            return -1;
        }
        return 0;
    }

    nc__pem_kind want_kind = strcmp(kind, "trusted") == 0 ? NC__PEM_TRUSTED : NC__PEM_CERTIFICATE;
    if (b->kind != want_kind || b->line != want_line) {
        case_fail(&r->failures, name, "want %s at line %lu; got %s", kind, want_line, got);
        return -1;
    }

    uint8_t want[4096];
    size_t want_len;
    if (strcmp(kind, "bytes") == 0) {
        long n = case_hex(rest, want, sizeof(want));
        if (n < 0) {
            case_fail(&r->failures, name, "bad hex: %s", rest);
            return -1;
        }
        want_len = (size_t)n;
    } else if (strcmp(kind, "cert") == 0 || strcmp(kind, "trusted") == 0) {
        char path[1024];
        case_path(path, sizeof(path), r->cert_dir, rest, ".der");
        uint8_t *der = case_read_file(path, &want_len);
        if (der == NULL || want_len > sizeof(want)) {
            case_fail(&r->failures, name, "cannot read %s", path);
            free(der);
            return -1;
        }
        memcpy(want, der, want_len);
        free(der);
    } else {
        case_fail(&r->failures, name, "unknown expectation: %s", kind);
        return -1;
    }

    /* A TRUSTED block holds the certificate and then OpenSSL's trust data. */
    int same =
        b->kind == NC__PEM_TRUSTED
            ? b->der_len >= want_len && memcmp(b->der, want, want_len) == 0
            : b->der_len == want_len && (want_len == 0 || memcmp(b->der, want, want_len) == 0);
    if (!same) {
        case_fail(&r->failures, name, "block at line %lu: decoded bytes differ from %s", want_line,
                  rest);
        return -1;
    }
    return 0;
}

/* One scan of in against the expectations, in one of the three ways. buf is the scanned
 * copy; for KEEP_TEXT it stays in k (the caller frees it). */
static uint8_t *scan(runner *r, const char *name, const uint8_t *in, size_t in_len,
                     const char *expect, int way, kept *k)
{
    static const char *const way_name[] = {"in place", "text kept", "known text"};
    char label[300];
    snprintf(label, sizeof label, "%s (%s)", name, way_name[way]);
    uint8_t *buf = case_exact_copy(in, in_len);
    uint8_t out[8192];
    size_t expect_len = strlen(expect);
    char *copy = malloc(expect_len + 1), *cursor = copy, *line;
    memcpy(copy, expect, expect_len + 1);
    nc__pem_scanner s;
    nc__pem_block b;
    nc__pem_init(&s, buf, in_len);
    if (way == KEEP_TEXT) {
        s.out = out;
        s.out_cap = sizeof out;
        k->buf = buf;
        k->n = 0;
    } else if (way == KNOWN_TEXT) {
        s.known = known_hook;
        s.known_ctx = k;
        k->hits = 0;
    }
    size_t certs = 0;
    while ((line = case_next_line(&cursor)) != NULL) {
        if (!nc__pem_next(&s, &b)) {
            case_fail(&r->failures, label, "no more blocks; want: %s", line);
            break;
        }
        if (b.kind == NC__PEM_KNOWN) { /* the block of the kept scan, undecoded */
            b.kind = NC__PEM_CERTIFICATE;
            b.der = k->blocks[b.known].der;
            b.der_len = k->blocks[b.known].der_len;
        } else if (b.kind != NC__PEM_ERROR) {
            const uint8_t *lo = way == KEEP_TEXT ? out : buf;
            size_t cap = way == KEEP_TEXT ? sizeof out : in_len;
            if (b.der < lo || b.der_len > cap || (size_t)(b.der - lo) > cap - b.der_len)
                case_fail(&r->failures, label, "decoded bytes lie outside the buffer");
        }
        if (b.kind == NC__PEM_CERTIFICATE) {
            certs++;
            if (b.text_off > in_len || b.text_len > in_len - b.text_off ||
                memcmp(in + b.text_off, "-----BEGIN ", 11) != 0)
                case_fail(&r->failures, label, "block at line %lu: text range wrong", b.line);
            else if (way == KEEP_TEXT &&
                     (!b.text_kept || memcmp(buf + b.text_off, in + b.text_off, b.text_len)))
                case_fail(&r->failures, label, "block at line %lu: text not kept", b.line);
            if (way == KEEP_TEXT && k->n < 64 && b.der_len <= sizeof k->blocks[0].der) {
                k->blocks[k->n].off = b.text_off;
                k->blocks[k->n].len = b.text_len;
                k->blocks[k->n].lines = b.text_lines;
                memcpy(k->blocks[k->n].der, b.der, b.der_len);
                k->blocks[k->n++].der_len = b.der_len;
            }
        }
        if (matches(r, label, &b, line) != 0) break;
    }
    if (line == NULL && nc__pem_next(&s, &b)) {
        char got[160];
        describe(&b, got, sizeof(got));
        case_fail(&r->failures, label, "unexpected block: %s", got);
    }
    if (way == KNOWN_TEXT && line == NULL && k->hits != certs)
        case_fail(&r->failures, label, "%zu of %zu certificate blocks recognised", k->hits, certs);
    free(copy);
    if (way == KEEP_TEXT) return buf;
    free(buf);
    return NULL;
}

static void run_case(runner *r, const char *dir, const char *name)
{
    char path[1024];
    size_t in_len, expect_len;
    case_path(path, sizeof(path), dir, name, ".in");
    uint8_t *in = case_read_file(path, &in_len);
    case_path(path, sizeof(path), dir, name, ".expect");
    uint8_t *expect = case_read_file(path, &expect_len);
    if (in == NULL || expect == NULL) {
        case_fail(&r->failures, name, "missing .in or .expect");
        free(in);
        free(expect);
        return;
    }

    static kept k;
    scan(r, name, in, in_len, (const char *)expect, IN_PLACE, &k);
    uint8_t *kept_buf = scan(r, name, in, in_len, (const char *)expect, KEEP_TEXT, &k);
    scan(r, name, in, in_len, (const char *)expect, KNOWN_TEXT, &k);
    free(kept_buf);
    nc__pem_scanner s;
    nc__pem_block b;

    /* Every prefix, in a buffer of its exact size: nothing may be read past the end. */
    for (size_t cut = 0; cut < in_len; cut++) {
        uint8_t *part = case_exact_copy(in, cut);
        nc__pem_init(&s, part, cut);
        unsigned guard = 0;
        while (nc__pem_next(&s, &b) && ++guard < 100000)
            ;
        if (s.pos > cut) case_fail(&r->failures, name, "scanner went past the end at cut %zu", cut);
        free(part);
    }
    free(in);
    free(expect);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CASE_DIR CERT_DIR\n", argv[0]);
        return 2;
    }
    runner r = {argv[2], 0};
    size_t count;
    char **names = case_list_dir(argv[1], ".in", &count);
    if (count == 0) {
        fprintf(stderr, "no cases in %s\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < count; i++)
        run_case(&r, argv[1], names[i]);
    case_free_list(names, count);
    case_check_orphans(&r.failures, argv[1], ".expect", ".in");
    printf("pem_cases: %zu cases, %d failures\n", count, r.failures);
    return r.failures == 0 ? 0 : 1;
}
