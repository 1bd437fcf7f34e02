/* The sources report (SPEC §7) as the command prints it. */
#ifndef NC_CLI_REPORT_H
#define NC_CLI_REPORT_H

#include <stdio.h>

#include "nativecerts.h"

/* `nativecerts sources`: mode, profile, root, variables, every place with its status,
 * certificate count and errors, a summary, and advice as the last lines when nothing is
 * trusted. */
void report_text(FILE *f, const nativecerts_result *r);

/* `nativecerts sources --json`: {"mode","profile","root","sources":[...],"trusted",
 * "excluded","errors":[...],"files_read","bytes_read","advice"}. */
void report_json(FILE *f, const nativecerts_result *r);

/* What `list` and `export` print on stderr when nothing is trusted: the report in short
 * (places that exist, a few of those that do not) and the advice. */
void report_diagnosis(FILE *f, const nativecerts_result *r);

#endif
