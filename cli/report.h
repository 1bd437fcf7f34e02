/* The sources report (every place the load considered) as the command prints it. */
#ifndef NC_CLI_REPORT_H
#define NC_CLI_REPORT_H

#include <stdio.h>

#include "nativecerts.h"

/* `nativecerts sources`: mode, profile, root, variables, every place with its status,
 * certificate count and errors, a summary, and the library's advice as the last lines
 * (why nothing is trusted, or what an added path holds instead of certificates). */
void report_text(FILE *f, const nativecerts_result *r);

/* `nativecerts sources --json`: {"mode","profile","root","sources":[...],"trusted",
 * "excluded","errors":[...],"files_read","bytes_read","advice"}. */
void report_json(FILE *f, const nativecerts_result *r);

/* One place i of r on a line, as `sources` shows it: status, certificates, kind, path
 * (and the same one, a dangling link's target, where it came from), then its errors. */
void report_place(FILE *f, const nativecerts_result *r, size_t i);

/* The status word of source i; why a variable has its status, or NULL. */
const char *report_status(const nativecerts_result *r, size_t i);
const char *report_variable_note(nativecerts_source_status status);

#endif
