/* What the reliability tests ask of every result, whatever hostile thing produced it:
 * errors that a person can act on, a fingerprint to compare results across threads and
 * runs, and the process's descriptors, memory and time around a load. */
#ifndef NC_RELIABILITY_RESULT_CHECKS_H
#define NC_RELIABILITY_RESULT_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include "nativecerts.h"
#include "test_support.h"

/* Checks every error of r: a non-empty message of one line (no control byte); kinds io,
 * parse, limit and nomem carry a path, which the message shows (a path holding control
 * bytes may be shown escaped: then its printable runs must appear); a parse error of a
 * PEM file carries its line, shown as "PATH:LINE: ". Failures are reported with `what`
 * and counted in nct_failures. Returns the number of errors checked. */
size_t rel_check_errors(const nativecerts_result *r, const char *what);

/* A canonical text of everything in r (certificates by content hash and source,
 * exclusions, errors, sources, counts): equal texts, equal results. Free it. */
char *rel_fingerprint(const nativecerts_result *r);

/* Open descriptors of this process (entries of /proc/self/fd), or -1 without procfs. */
int rel_fd_count(void);

/* Peak resident size of this process so far, in KiB. */
long rel_peak_rss_kib(void);

/* Monotonic time in seconds. */
double rel_now(void);

/* 64-bit FNV-1a of bytes. */
uint64_t rel_hash(const void *p, size_t n);

#endif
