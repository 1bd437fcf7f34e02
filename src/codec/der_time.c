/* ASN.1 UTCTime and GeneralizedTime to Unix time, with OpenSSL's leniency. */
#include "codec/der.h"

#define TAG_UTC_TIME 0x17
#define TAG_GENERALIZED_TIME 0x18

static int is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* Reads two decimal digits at p[*at]; returns -1 when they are not there. */
static int two_digits(const uint8_t *p, size_t n, size_t *at, int *value)
{
    if (n - *at < 2 || !is_digit(p[*at]) || !is_digit(p[*at + 1])) return -1;
    *value = (p[*at] - '0') * 10 + (p[*at + 1] - '0');
    *at += 2;
    return 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar, without timegm
 * (not C11, and it depends on the C library). Shifting the year to start in March puts
 * the leap day last; 400-year eras repeat exactly (146097 days). */
static int64_t days_from_civil(int year, int month, int day)
{
    int64_t y = year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int nc__der_time_to_unix(unsigned tag, const uint8_t *p, size_t n, int64_t *out)
{
    size_t at = 0;
    int year, v, month, day, hour, minute, second = 0;

    if (tag == TAG_UTC_TIME) {
        if (two_digits(p, n, &at, &v) != 0) return -1;
        year = v < 50 ? 2000 + v : 1900 + v;
    } else if (tag == TAG_GENERALIZED_TIME) {
        int century;
        if (two_digits(p, n, &at, &century) != 0 || two_digits(p, n, &at, &v) != 0) return -1;
        year = century * 100 + v;
    } else {
        return -1;
    }
    if (two_digits(p, n, &at, &month) != 0 || month < 1 || month > 12) return -1;
    if (two_digits(p, n, &at, &day) != 0 || day < 1 || day > days_in_month(year, month)) return -1;
    if (two_digits(p, n, &at, &hour) != 0 || hour > 23) return -1;
    if (two_digits(p, n, &at, &minute) != 0 || minute > 59) return -1;
    /* Seconds, then a GeneralizedTime fraction, may be absent: OpenSSL reads both. */
    if (at < n && is_digit(p[at])) {
        if (two_digits(p, n, &at, &second) != 0 || second > 59) return -1;
        if (tag == TAG_GENERALIZED_TIME && at < n && p[at] == '.') {
            size_t first = ++at;
            while (at < n && is_digit(p[at]))
                at++;
            if (at == first) return -1;
        }
    }

    int64_t offset = 0; /* local time minus UTC, in seconds */
    if (at < n && p[at] == 'Z') {
        at++;
    } else if (at < n && (p[at] == '+' || p[at] == '-')) {
        int sign = p[at] == '-' ? -1 : 1, oh, om;
        at++;
        if (two_digits(p, n, &at, &oh) != 0 || oh > 12 || two_digits(p, n, &at, &om) != 0 ||
            om > 59)
            return -1;
        offset = sign * (oh * 3600 + om * 60);
    } else {
        return -1;
    }
    if (at != n) return -1;

    *out = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
    return 0;
}
