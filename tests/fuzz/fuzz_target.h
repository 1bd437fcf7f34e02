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
