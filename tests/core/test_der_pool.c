/* The DER pool (src/core/der_pool.c): sized once for a bundle at its first certificate,
 * never for a file that holds none, and cut to its size when reading ends, since the
 * result keeps it. Each case is its own ctest:  test_der_pool CASE */
#include <stdlib.h>
#include <string.h>

#include "core/cert_file.h"
#include "core/collect_state.h"
#include "test_support.h"

/* Parses text (len bytes) from the read buffer, as a backend does. */
static void parse(nc__collect *c, const char *text, size_t len)
{
    uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_FILE, "option", "/f.pem", NULL);
    uint8_t *buf = nc__collect_scratch(c, len + 1);
    memcpy(buf, text, len);
    nc__cert_file_parse(c, s, "/f.pem", buf, len, NC__ROLE_TRUST);
}

static void text_without_certificates_reserves_nothing(void)
{
    /* 4 MiB of comment lines: nothing to decode, so no room is made for DER. */
    size_t len = (size_t)4 << 20;
    char *text = malloc(len);
    for (size_t i = 0; i < len; i++)
        text[i] = i % 64 == 63 ? '\n' : '#';
    nc__collect c;
    nc__collect_init(&c);
    parse(&c, text, len);
    CHECK_EQ_SIZE(c.der_cap, 0);
    CHECK_EQ_SIZE(c.ncerts, 0);
    nc__collect_free(&c);
    free(text);
}

static void bundle_sizes_pool_once_and_end_cuts_it(void)
{
    /* A bundle of two roots followed by 1 MiB of comments: room for the whole rest of
     * the file is made at the first certificate, and given back at the end. */
    size_t a_len, b_len;
    unsigned char *a = nct_fixture("root-a.der", &a_len), *b = nct_fixture("root-b.der", &b_len);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    nct_put_pem(f, a, a_len, "CERTIFICATE", 64, "\n");
    nct_put_pem(f, b, b_len, "CERTIFICATE", 64, "\n");
    for (int i = 0; i < (1 << 20) / 64; i++)
        fprintf(f, "%063d\n", i);
    fclose(f);
    nc__collect c;
    nc__collect_init(&c);
    parse(&c, text, len);
    CHECK_EQ_SIZE(c.ncerts, 2);
    CHECK_EQ_SIZE(c.der_len, a_len + b_len);
    CHECK(c.der_cap >= len / 2); /* reserved from the file's size, not grown by steps */
    nc__collect_end_reading(&c);
    CHECK(!c.oom);
    CHECK_EQ_SIZE(c.der_cap, a_len + b_len);
    CHECK(memcmp(c.der, a, a_len) == 0 && memcmp(c.der + a_len, b, b_len) == 0);
    nc__collect_free(&c);
    free(text);
    free(a);
    free(b);
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {
        {"text_without_certificates_reserves_nothing", text_without_certificates_reserves_nothing},
        {"bundle_sizes_pool_once_and_end_cuts_it", bundle_sizes_pool_once_and_end_cuts_it},
    };
    return nct_main(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
