/* Times as the command prints and reads them: YYYY-MM-DDTHH:MM:SSZ, always UTC, computed
 * here (no gmtime, no TZ, no locale). */
#ifndef NC_CLI_UTC_H
#define NC_CLI_UTC_H

#include <stdint.h>

#define UTC_TEXT_MAX 32

/* Writes t (seconds since 1970-01-01T00:00:00Z) as "YYYY-MM-DDTHH:MM:SSZ"; a year
 * outside 0..9999 is written as it is, with its sign. */
void utc_format(int64_t t, char out[UTC_TEXT_MAX]);

/* Reads exactly "YYYY-MM-DDTHH:MM:SSZ" (a real date, seconds 00..59), or "YYYY-MM-DD",
 * which is that day's midnight UTC. Returns 0, or -1. */
int utc_parse(const char *text, int64_t *t);

#endif
