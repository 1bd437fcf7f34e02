/* sha256_known_answers: SHA-256 gives the FIPS 180-4 example digests (and NIST's
 * one-million-'a' vector), and the digest OpenSSL's libcrypto gives for every length from
 * 0 to 1000 bytes, in one call and fed in uneven pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "case_files.h"
#include "hash/sha256.h"
#include "nativecerts.h"

static int failures;

static void hex(char out[65], const uint8_t d[32])
{
    for (int i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void known(const char *label, const char *msg, size_t repeat, const char *expected)
{
    nc__sha256 h;
    uint8_t d[32];
    char got[65];
    nc__sha256_init(&h);
    for (size_t i = 0; i < repeat; i++)
        nc__sha256_update(&h, (const uint8_t *)msg, strlen(msg));
    nc__sha256_final(&h, d);
    hex(got, d);
    if (strcmp(got, expected) != 0) case_fail(&failures, label, "%s, expected %s", got, expected);
}

int main(void)
{
    /* FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional"). */
    known("empty", "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    known("abc", "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    known("448 bits", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    known(
        "896 bits",
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrl"
        "mnopqrsmnopqrstnopqrstu",
        1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    known("one million a", "a", 1000000,
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    /* Every length across the block boundaries, against libcrypto, whole and in pieces. */
    static uint8_t data[1000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 131 + 7);
    for (size_t len = 0; len <= sizeof(data); len++) {
        uint8_t theirs[32], ours[32], pieces[32];
        SHA256(data, len, theirs);
        uint8_t *exact = case_exact_copy(data, len);
        nativecerts_sha256(exact, len, ours);
        nc__sha256 h;
        nc__sha256_init(&h);
        for (size_t at = 0, step = 1; at < len; at += step, step = step * 2 % 67 + 1)
            nc__sha256_update(&h, exact + at, step < len - at ? step : len - at);
        nc__sha256_final(&h, pieces);
        char label[32];
        snprintf(label, sizeof(label), "length %zu", len);
        if (memcmp(ours, theirs, 32) != 0) case_fail(&failures, label, "one call differs");
        if (memcmp(pieces, theirs, 32) != 0) case_fail(&failures, label, "pieces differ");
        free(exact);
    }
    printf("sha256_known_answers: %d failures\n", failures);
    return failures == 0 ? 0 : 1;
}
