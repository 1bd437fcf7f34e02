/* Civil dates from and to day counts (the proleptic Gregorian calendar, in eras of 400
 * years that repeat exactly: 146097 days). */
#include "utc.h"

#include <stdio.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void utc_format(int64_t t, char out[UTC_TEXT_MAX])
{
    int64_t days = floor_div(t, 86400), secs = t - days * 86400, y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, UTC_TEXT_MAX, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* Reads n decimal digits at *p; -1 when they are not there. */
static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (**p < '0' || **p > '9') return -1;
        v = v * 10 + (**p - '0');
    }
    return v;
}

static int expect(const char **p, char c)
{
    if (**p != c) return -1;
    (*p)++;
    return 0;
}

int utc_parse(const char *text, int64_t *t)
{
    static const int month_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *p = text;
    int y = digits(&p, 4);
    if (y < 0 || expect(&p, '-')) return -1;
    int m = digits(&p, 2);
    if (m < 1 || m > 12 || expect(&p, '-')) return -1;
    int d = digits(&p, 2), hh = 0, mm = 0, ss = 0;
    if (*p != '\0') { /* a date alone is its midnight */
        if (expect(&p, 'T')) return -1;
        hh = digits(&p, 2);
        if (hh < 0 || hh > 23 || expect(&p, ':')) return -1;
        mm = digits(&p, 2);
        if (mm < 0 || mm > 59 || expect(&p, ':')) return -1;
        ss = digits(&p, 2);
        if (ss < 0 || ss > 59 || expect(&p, 'Z') || *p != '\0') return -1;
    }
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > month_days[m - 1] || (m == 2 && d == 29 && !leap)) return -1;
    *t = days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
    return 0;
}
