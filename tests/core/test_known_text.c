/* Identical PEM text is not decoded twice (src/core/known_text.h): a bundle read
 * into the read buffer keeps its text, and a later file's CERTIFICATE block with the very
 * same text is its certificate without decoding. What is decoded and what is not shows
 * in c.known.hits; everything else must be as if every block had been decoded.
 * Each case is its own ctest:  test_known_text CASE */
#include <stdlib.h>
#include <string.h>

#include "core/cert_file.h"
#include "core/collect_state.h"
#include "core/finish.h"
#include "test_support.h"

static const char *const fixtures[] = {"root-a.der", "root-b.der", "gen-2050.der"};

/* PEM text of fixtures[first..first+n) with the given label, width and line end. */
static char *pem_of(size_t first, size_t n, const char *label, int width, const char *eol,
                    size_t *len)
{
    static char *text; /* static: open_memstream keeps its address until fclose */
    text = NULL;
    FILE *f = open_memstream(&text, len);
    for (size_t i = first; i < first + n; i++) {
        size_t der_len;
        unsigned char *der = nct_fixture(fixtures[i], &der_len);
        nct_put_pem(f, der, der_len, label, width, eol);
        free(der);
    }
    fclose(f);
    return text;
}

/* Parses text as a file at path the way a backend does: from the read buffer. */
static void parse(nc__collect *c, const char *path, const char *text, size_t len, nc__role role)
{
    uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_FILE, "option", path, NULL);
    uint8_t *buf = nc__collect_scratch(c, len + 1);
    memcpy(buf, text, len);
    nc__cert_file_parse(c, s, path, buf, len, role);
}

/* parse() of one fixture written as PEM. */
static void parse_one(nc__collect *c, const char *path, size_t fixture, const char *label,
                      int width, const char *eol, nc__role role)
{
    size_t len;
    char *text = pem_of(fixture, 1, label, width, eol, &len);
    parse(c, path, text, len, role);
    free(text);
}

static void parse_bundle(nc__collect *c)
{
    size_t len;
    char *bundle = pem_of(0, 3, "CERTIFICATE", 64, "\n", &len);
    parse(c, "/bundle.pem", bundle, len, NC__ROLE_TRUST);
    free(bundle);
    CHECK(c->known.text != NULL);
    CHECK_EQ_SIZE(c->ncerts, 3);
}

static void repeated_blocks_are_not_decoded(void)
{
    nc__collect c;
    nc__collect_init(&c);
    parse_bundle(&c);
    for (size_t i = 0; i < 3; i++)
        parse_one(&c, "/dir/one.pem", i, "CERTIFICATE", 64, "\n", NC__ROLE_TRUST);
    CHECK_EQ_SIZE(c.known.hits, 3);
    CHECK_EQ_SIZE(c.ncerts, 3);
    CHECK_EQ_SIZE(c.nocc, 6); /* each certificate seen in the bundle and in its file */
    CHECK_EQ_SIZE(c.nerrors, 0);
    nc__collect_free(&c);
}

static void other_text_is_decoded(void)
{
    /* The same certificates, written otherwise: CRLF, 76 columns, another label. */
    nc__collect c;
    nc__collect_init(&c);
    parse_bundle(&c);
    parse_one(&c, "/crlf.pem", 0, "CERTIFICATE", 64, "\r\n", NC__ROLE_TRUST);
    parse_one(&c, "/wide.pem", 1, "CERTIFICATE", 76, "\n", NC__ROLE_TRUST);
    parse_one(&c, "/x509.pem", 2, "X509 CERTIFICATE", 64, "\n", NC__ROLE_TRUST);
    CHECK_EQ_SIZE(c.known.hits, 0);
    CHECK_EQ_SIZE(c.ncerts, 3); /* decoded, and found to be the same certificates */
    CHECK_EQ_SIZE(c.nocc, 6);
    CHECK_EQ_SIZE(c.nerrors, 0);
    nc__collect_free(&c);
}

static void changed_byte_is_decoded(void)
{
    /* One base64 character of the signature changed: other bytes, so decoded, and a new
     * certificate (the DER check does not verify signatures). */
    nc__collect c;
    nc__collect_init(&c);
    parse_bundle(&c);
    size_t len;
    char *one = pem_of(0, 1, "CERTIFICATE", 64, "\n", &len);
    size_t at = (size_t)(strstr(one, "-----END") - one) - 10;
    one[at] = one[at] == 'A' ? 'B' : 'A';
    parse(&c, "/changed.pem", one, len, NC__ROLE_TRUST);
    free(one);
    CHECK_EQ_SIZE(c.known.hits, 0);
    CHECK_EQ_SIZE(c.ncerts, 4);
    nc__collect_free(&c);
}

/* Errors after a recognised block keep their lines: the same file parsed with and
 * without a kept bundle gives the same errors. */
static void lines_after_a_known_block(void)
{
    size_t len;
    char *one = pem_of(1, 1, "CERTIFICATE", 64, "\n", &len);
    const char *bad = "text\n-----BEGIN CERTIFICATE-----\nMIIB*\n-----END CERTIFICATE-----\n";
    char *file = malloc(len + strlen(bad) + 1);
    memcpy(file, one, len);
    strcpy(file + len, bad);
    size_t file_len = len + strlen(bad);
    free(one);

    nc__collect plain, known;
    nc__collect_init(&plain);
    parse(&plain, "/f.pem", file, file_len, NC__ROLE_TRUST);
    nc__collect_init(&known);
    parse_bundle(&known);
    size_t before = known.nerrors;
    parse(&known, "/f.pem", file, file_len, NC__ROLE_TRUST);
    CHECK_EQ_SIZE(known.known.hits, 1);
    CHECK_EQ_SIZE(plain.nerrors, 1);
    CHECK_EQ_SIZE(known.nerrors - before, 1);
    if (plain.nerrors == 1 && known.nerrors == before + 1) {
        CHECK(plain.errors[0].line > 1);
        CHECK_EQ_SIZE(known.errors[before].line, plain.errors[0].line);
        CHECK_STR(nc__collect_get_str(&known, known.errors[before].message),
                  nc__collect_get_str(&plain, plain.errors[0].message));
    }
    free(file);
    nc__collect_free(&plain);
    nc__collect_free(&known);
}

static void only_a_file_of_several_blocks_is_kept(void)
{
    /* A first file of one block is not kept; the next, of two, is; a file that is not
     * in the read buffer (owned by someone else) never is. */
    nc__collect c;
    nc__collect_init(&c);
    size_t len;
    parse_one(&c, "/one.pem", 0, "CERTIFICATE", 64, "\n", NC__ROLE_TRUST);
    CHECK(c.known.text == NULL);
    char *two = pem_of(1, 2, "CERTIFICATE", 64, "\n", &len);
    uint32_t s = nc__collect_source(&c, NATIVECERTS_SOURCE_FILE, "option", "/two.pem", NULL);
    nc__cert_file_parse(&c, s, "/two.pem", (uint8_t *)two, len, NC__ROLE_TRUST);
    CHECK(c.known.text == NULL);
    free(two);
    two = pem_of(1, 2, "CERTIFICATE", 64, "\n", &len);
    parse(&c, "/two-again.pem", two, len, NC__ROLE_TRUST);
    free(two);
    CHECK(c.known.text != NULL);
    CHECK_EQ_SIZE(c.known.nblocks, 2);
    nc__collect_free(&c);
}

static void known_block_distrusted(void)
{
    /* The bundle trusts; the same text in a distrusting file still distrusts. */
    nc__collect c;
    nc__collect_init(&c);
    parse_bundle(&c);
    parse_one(&c, "/untrusted/a.pem", 0, "CERTIFICATE", 64, "\n", NC__ROLE_DISTRUST);
    CHECK_EQ_SIZE(c.known.hits, 1);
    nativecerts_result *r = nc__finish(&c, 0, 1700000000);
    nc__collect_free(&c);
    CHECK(r != NULL);
    if (!r) return;
    CHECK_EQ_SIZE(nativecerts_result_count(r), 2);
    size_t der_len;
    unsigned char *der = nct_fixture(fixtures[0], &der_len);
    long i = nct_find_excluded(r, der, der_len);
    CHECK(i >= 0);
    if (i >= 0)
        CHECK(nativecerts_result_excluded_reason(r, (size_t)i) == NATIVECERTS_REASON_DISTRUSTED);
    free(der);
    nativecerts_result_free(r);
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {
        {"repeated_blocks_are_not_decoded", repeated_blocks_are_not_decoded},
        {"other_text_is_decoded", other_text_is_decoded},
        {"changed_byte_is_decoded", changed_byte_is_decoded},
        {"lines_after_a_known_block", lines_after_a_known_block},
        {"only_a_file_of_several_blocks_is_kept", only_a_file_of_several_blocks_is_kept},
        {"known_block_distrusted", known_block_distrusted},
    };
    return nct_main(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
