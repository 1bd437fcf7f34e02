/* advice_probe [--root DIR] [--os PROFILE] [--no-platform] [--file PATH]... : loads with
 * that selection and prints nativecerts_result_advice() for the result, after checking
 * the function's contract: the length asked with (NULL, 0) is the length written; every
 * smaller buffer receives a NUL-terminated prefix of the text that ends on a UTF-8
 * character boundary, and the same return; n = 0 writes nothing; NULL r gives 0. Exits
 * 1 after saying what broke the contract, 2 for bad arguments or a failed load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nativecerts.h"

static int failed;

static void check(int ok, const char *what, size_t n)
{
    if (!ok) {
        fprintf(stderr, "advice_probe: %s (n = %zu)\n", what, n);
        failed = 1;
    }
}

/* Non-zero when s ends with a whole UTF-8 character (or is empty). */
static int ends_whole(const char *s)
{
    size_t len = strlen(s), start = len;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0) return len == 0;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return len - (start - 1) == need;
}

static void check_contract(const nativecerts_result *r, const char *text, size_t len)
{
    char *buf = malloc(len + 2);
    if (!buf) exit(2);
    memset(buf, 'x', len + 2);
    check(nativecerts_result_advice(r, buf, 0) == len && buf[0] == 'x', "n = 0 wrote", 0);
    for (size_t n = 1; n <= len + 1; n++) {
        memset(buf, 'x', len + 2);
        size_t got = nativecerts_result_advice(r, buf, n);
        check(got == len, "another length", n);
        check(memchr(buf, '\0', n) != NULL, "not NUL-terminated within n", n);
        check(buf[n] == 'x' || n == len + 1, "wrote past n", n);
        if (!memchr(buf, '\0', n)) continue;
        check(strncmp(buf, text, strlen(buf)) == 0, "not a prefix of the text", n);
        check(ends_whole(buf), "cut inside a UTF-8 character", n);
        check(n <= len || strcmp(buf, text) == 0, "the whole text does not fit its size", n);
        check(strlen(buf) + 4 >= n - 1 || n > len, "cut more than a character short", n);
    }
    check(nativecerts_result_advice(NULL, buf, len + 2) == 0 && buf[0] == '\0', "NULL r", 0);
    free(buf);
}

int main(int argc, char **argv)
{
    nativecerts_options *o;
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) return 2;
    for (int i = 1; i < argc; i++) {
        int rc = NATIVECERTS_EINVAL;
        if (!strcmp(argv[i], "--no-platform"))
            rc = nativecerts_options_set_skip_platform(o, 1);
        else if (i + 1 < argc && !strcmp(argv[i], "--root"))
            rc = nativecerts_options_set_root(o, argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--os"))
            rc = nativecerts_options_set_profile(o, argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--file"))
            rc = nativecerts_options_add_file(o, argv[++i]);
        if (rc != NATIVECERTS_OK) {
            fprintf(stderr, "advice_probe: bad argument %s\n", argv[i]);
            return 2;
        }
    }
    nativecerts_result *r;
    int rc = nativecerts_load(o, &r);
    nativecerts_options_free(o);
    if (rc != NATIVECERTS_OK) return 2;
    size_t len = nativecerts_result_advice(r, NULL, 0);
    char *text = malloc(len + 1);
    if (!text) return 2;
    check(nativecerts_result_advice(r, text, len + 1) == len && strlen(text) == len,
          "the text is not as long as asked", len + 1);
    check_contract(r, text, len);
    fputs(text, stdout);
    free(text);
    nativecerts_result_free(r);
    return failed;
}
