/* The certificate reading functions of the public API, used by the command for display
 * (nativecerts_cert_subject, _issuer, _display_name, _validity), over arbitrary bytes.
 * Checks: they refuse exactly what the DER check refuses; the validity is the one the
 * loader reads; each string is NUL-terminated, has the length returned, holds no NUL
 * or control byte (subject and issuer are escaped RFC 4514), and a smaller buffer gets a
 * prefix of it with the same return value. */
#include <string.h>

#include "codec/der.h"
#include "fuzz_target.h"
#include "nativecerts.h"

typedef size_t (*name_fn)(const unsigned char *, size_t, char *, size_t);

static void check_name(name_fn fn, const uint8_t *data, size_t size, int valid, int escaped,
                       const char *what)
{
    static char full[65536], part[65536];
    size_t n = fn(data, size, full, sizeof full);
    if (!valid) {
        FUZZ_CHECK(n == 0 && full[0] == '\0', "%s of an invalid certificate: %zu bytes", what, n);
        return;
    }
    if (n >= sizeof full) return; /* does not fit: only the length is known */
    FUZZ_CHECK(strlen(full) == n, "%s: %zu returned, %zu before the NUL", what, n, strlen(full));
    if (escaped)
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK((unsigned char)full[i] >= 0x20 && full[i] != 0x7F,
                       "%s: control byte 0x%02x at %zu", what, (unsigned char)full[i], i);
    size_t sizes[] = {0, 1, n / 2 + 1, n, n + 1};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t cap = sizes[k];
        memset(part, 'X', cap + 1);
        size_t m = fn(data, size, part, cap);
        FUZZ_CHECK(m == n, "%s: %zu with a buffer of %zu, %zu with a large one", what, m, cap, n);
        if (cap == 0) {
            FUZZ_CHECK(part[0] == 'X', "%s: wrote into a buffer of size 0", what);
            continue;
        }
        size_t kept = strnlen(part, cap);
        FUZZ_CHECK(kept < cap, "%s: not NUL-terminated within %zu", what, cap);
        FUZZ_CHECK(part[cap] == 'X', "%s: wrote past a buffer of %zu", what, cap);
        FUZZ_CHECK(memcmp(part, full, kept) == 0, "%s: a truncated string is not a prefix", what);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc__cert_limits info;
    int valid = nc__der_check_certificate(data, size, &info) == NC__DER_OK;
    int64_t nb = 0, na = 0;
    int rc = nativecerts_cert_validity(data, size, &nb, &na);
    FUZZ_CHECK((rc == NATIVECERTS_OK) == valid, "validity returns %d, DER check %s", rc,
               valid ? "accepts" : "refuses");
    if (valid)
        FUZZ_CHECK(nb == info.not_before && na == info.not_after,
                   "validity %lld..%lld, the loader reads %lld..%lld", (long long)nb, (long long)na,
                   (long long)info.not_before, (long long)info.not_after);
    check_name(nativecerts_cert_subject, data, size, valid, 1, "subject");
    check_name(nativecerts_cert_issuer, data, size, valid, 1, "issuer");
    check_name(nativecerts_cert_display_name, data, size, valid, 0, "display name");
    unsigned char digest[32];
    nativecerts_sha256(data, size, digest);
    return 0;
}
