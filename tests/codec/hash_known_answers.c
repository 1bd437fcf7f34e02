/* hash_known_answers: SHA-256 and SHA-1 give the FIPS 180-4 example digests (and NIST's
 * one-million-'a' vector), and the digest OpenSSL's libcrypto gives for every length from
 * 0 to 1000 bytes, in one call and fed in uneven pieces.
 *
 *   hash_known_answers sha256 | sha1 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "case_files.h"
#include "hash/sha1.h"
#include "hash/sha256.h"
#include "nativecerts.h"

static int failures;

/* One hash behind the same three calls, and libcrypto's one-shot function for it. */
typedef union context {
    nc__sha256 sha256;
    nc__sha1 sha1;
} context;

typedef struct hash {
    const char *name;
    size_t size;
    void (*init)(context *h);
    void (*update)(context *h, const uint8_t *data, size_t len);
    void (*final)(context *h, uint8_t *out);
    void (*public_call)(const unsigned char *data, size_t len, unsigned char *out); /* or NULL */
    unsigned char *(*libcrypto)(const unsigned char *data, size_t len, unsigned char *out);
} hash;

static void sha256_init(context *h)
{
    nc__sha256_init(&h->sha256);
}
static void sha256_update(context *h, const uint8_t *d, size_t n)
{
    nc__sha256_update(&h->sha256, d, n);
}
static void sha256_final(context *h, uint8_t *out)
{
    nc__sha256_final(&h->sha256, out);
}
static void sha1_init(context *h)
{
    nc__sha1_init(&h->sha1);
}
static void sha1_update(context *h, const uint8_t *d, size_t n)
{
    nc__sha1_update(&h->sha1, d, n);
}
static void sha1_final(context *h, uint8_t *out)
{
    nc__sha1_final(&h->sha1, out);
}

static const hash hashes[] = {
    {"sha256", 32, sha256_init, sha256_update, sha256_final, nativecerts_sha256, SHA256},
    {"sha1", 20, sha1_init, sha1_update, sha1_final, NULL, SHA1},
};

static void known(const hash *a, const char *label, const char *msg, size_t repeat,
                  const char *expected)
{
    context h;
    uint8_t d[32];
    char got[65];
    a->init(&h);
    for (size_t i = 0; i < repeat; i++)
        a->update(&h, (const uint8_t *)msg, strlen(msg));
    a->final(&h, d);
    for (size_t i = 0; i < a->size; i++)
        sprintf(got + 2 * i, "%02x", d[i]);
    if (strcmp(got, expected) != 0) case_fail(&failures, label, "%s, expected %s", got, expected);
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA1.pdf", "SHA2_Additional"). */
static const char msg_448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg_896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                              "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static void sha256_examples(const hash *a)
{
    known(a, "empty", "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    known(a, "abc", "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    known(a, "448 bits", msg_448, 1,
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    known(a, "896 bits", msg_896, 1,
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    known(a, "one million a", "a", 1000000,
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void sha1_examples(const hash *a)
{
    known(a, "empty", "", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    known(a, "abc", "abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d");
    known(a, "448 bits", msg_448, 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    known(a, "896 bits", msg_896, 1, "a49b2446a02c645bf419f995b67091253a04a259");
    known(a, "one million a", "a", 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

/* Every length across the block boundaries, against libcrypto, whole and in pieces. */
static void against_libcrypto(const hash *a)
{
    static uint8_t data[1000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 131 + 7);
    for (size_t len = 0; len <= sizeof(data); len++) {
        uint8_t theirs[32], ours[32], pieces[32];
        a->libcrypto(data, len, theirs);
        uint8_t *exact = case_exact_copy(data, len);
        context h;
        if (a->public_call) {
            a->public_call(exact, len, ours);
        } else {
            a->init(&h);
            a->update(&h, exact, len);
            a->final(&h, ours);
        }
        a->init(&h);
        for (size_t at = 0, step = 1; at < len; at += step, step = step * 2 % 67 + 1)
            a->update(&h, exact + at, step < len - at ? step : len - at);
        a->final(&h, pieces);
        char label[32];
        snprintf(label, sizeof(label), "length %zu", len);
        if (memcmp(ours, theirs, a->size) != 0) case_fail(&failures, label, "one call differs");
        if (memcmp(pieces, theirs, a->size) != 0) case_fail(&failures, label, "pieces differ");
        free(exact);
    }
}

int main(int argc, char **argv)
{
    const hash *a = NULL;
    for (size_t i = 0; argc == 2 && i < sizeof hashes / sizeof *hashes; i++)
        if (strcmp(argv[1], hashes[i].name) == 0) a = &hashes[i];
    if (a == NULL) {
        fprintf(stderr, "usage: %s sha256|sha1\n", argv[0]);
        return 2;
    }
    if (a->size == 32)
        sha256_examples(a);
    else
        sha1_examples(a);
    against_libcrypto(a);
    printf("%s_known_answers: %d failures\n", a->name, failures);
    return failures == 0 ? 0 : 1;
}
