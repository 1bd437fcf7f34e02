/* What every fuzz target shares: the libFuzzer entry point and a check that aborts with
 * a message (libFuzzer then saves the input as a crash). Targets build two ways: with
 * clang -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt, run.sh), and with replay_main.c in
 * the normal build, where ctest replays the seed corpora and every saved regression. */
#ifndef NC_FUZZ_TARGET_H
#define NC_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nativecerts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: fuzz check failed: %s: ", __FILE__, __LINE__, #cond);          \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A copy of data in a buffer of exactly size bytes (1 when empty), so that AddressSanitizer
 * sees any read past the end, and so that in-place decoding does not touch the input. */
static inline uint8_t *fuzz_copy(const uint8_t *data, size_t size)
{
    uint8_t *p = malloc(size ? size : 1);
    if (!p) abort();
    for (size_t i = 0; i < size; i++)
        p[i] = data[i];
    return p;
}

/* A result's trusted list (excluded = 0) or excluded list (1), read alike. */
static inline size_t fuzz_list_count(const nativecerts_result *r, int excluded)
{
    return excluded ? nativecerts_result_excluded_count(r) : nativecerts_result_count(r);
}

static inline const unsigned char *fuzz_list_der(const nativecerts_result *r, int excluded,
                                                 size_t i, size_t *len)
{
    return excluded ? nativecerts_result_excluded_der(r, i, len)
                    : nativecerts_result_der(r, i, len);
}

static inline const char *fuzz_list_source(const nativecerts_result *r, int excluded, size_t i)
{
    return excluded ? nativecerts_result_excluded_source(r, i) : nativecerts_result_source(r, i);
}

/* The order of the result's lists: by DER bytes, a prefix first. */
static inline int fuzz_der_compare(const unsigned char *a, size_t an, const unsigned char *b,
                                   size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

/* The index of the first certificate of the list that is not after the one before it
 * (the list is not sorted, or not unique), or the list's length. */
static inline size_t fuzz_list_unsorted(const nativecerts_result *r, int excluded)
{
    size_t n = fuzz_list_count(r, excluded), prev_len = 0, len = 0;
    const unsigned char *prev = NULL;
    for (size_t i = 0; i < n; i++, prev_len = len) {
        const unsigned char *der = fuzz_list_der(r, excluded, i, &len);
        if (prev && fuzz_der_compare(prev, prev_len, der, len) >= 0) return i;
        prev = der;
    }
    return n;
}

/* Lines as the PEM scanner counts them: ends at LF, CRLF or CR. */
static inline unsigned long fuzz_line_count(const uint8_t *p, size_t n)
{
    unsigned long lines = 1;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\n' || (p[i] == '\r' && !(i + 1 < n && p[i + 1] == '\n'))) lines++;
    }
    return lines;
}

#endif
