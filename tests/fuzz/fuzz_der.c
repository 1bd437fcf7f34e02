/* The DER side of the codec over arbitrary bytes: the certificate check, the element
 * reader walked recursively, the DER sniffing, and the time decoder. Beyond "no crash, no
 * overread": an accepted certificate is exactly one element that fills the buffer, the
 * check gives the same answer twice, and a decoded time lies within years 0..9999 give
 * or take the offset the format allows. */
#include <string.h>

#include "codec/der.h"
#include "codec/pem.h"
#include "fuzz_target.h"

/* Walks every element, into constructed ones, to a bounded depth. */
static void walk(const uint8_t *p, const uint8_t *end, int depth)
{
    while (p < end) {
        const uint8_t *before = p;
        nc__der_elem e;
        if (nc__der_next(&p, end, &e) != NC__DER_OK) {
            FUZZ_CHECK(p == before, "a failed read moved the position");
            return;
        }
        FUZZ_CHECK(p > before && p <= end, "the position did not advance inside the buffer");
        FUZZ_CHECK(e.content >= before && e.content + e.len == p, "content outside its element");
        if ((e.tag & 0x20) && depth < 32) walk(e.content, e.content + e.len, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc__cert_limits info = {0, 0, NC__EKU_ABSENT}, again = {1, 1, NC__EKU_SERVER};
    nc__der_err err = nc__der_check_certificate(data, size, &info);
    nc__der_err err2 = nc__der_check_certificate(data, size, &again);
    const char *msg = nc__der_err_message(err), *msg2 = nc__der_err_message(err2);
    FUZZ_CHECK(err == err2, "two answers: %s / %s", msg ? msg : "ok", msg2 ? msg2 : "ok");
    FUZZ_CHECK(info.not_before == again.not_before && info.not_after == again.not_after &&
                   info.eku == again.eku,
               "two readings");
    if (err == NC__DER_OK) {
        FUZZ_CHECK(size > 0 && data[0] == 0x30, "accepted a non-SEQUENCE");
        FUZZ_CHECK(nc__der_element_length(data, size) == size, "accepted with bytes after");
        FUZZ_CHECK(info.eku != NC__EKU_MALFORMED, "accepted a malformed extended key usage");
    } else {
        FUZZ_CHECK(msg != NULL && *msg != '\0', "fault %d without a message", (int)err);
        /* Filled only when the extendedKeyUsage is the only fault. */
        FUZZ_CHECK(info.eku == NC__EKU_MALFORMED ||
                       (info.not_before == 0 && info.not_after == 0 && info.eku == NC__EKU_ABSENT),
                   "a refused certificate's reading was left");
    }
    FUZZ_CHECK(nc__der_element_length(data, size) <= size, "element longer than the buffer");
    (void)nc__pem_looks_like_der(data, size);
    walk(data, data + size, 0);

    /* The first byte picks UTCTime or GeneralizedTime; the rest is the content. */
    if (size >= 1) {
        int64_t t = 0;
        unsigned tag = (data[0] & 1) ? 0x18 : 0x17;
        if (nc__der_time_to_unix(tag, data + 1, size - 1, &t) == 0) {
            const int64_t year0 = -62167219200, year10000 = 253402300800, day = 86400;
            FUZZ_CHECK(t >= year0 - day && t < year10000 + day, "time %lld out of range",
                       (long long)t);
            FUZZ_CHECK(size - 1 >= 11, "a time from %zu bytes", size - 1);
        }
    }
    return 0;
}
