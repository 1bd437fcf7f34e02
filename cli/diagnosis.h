/* What `list` and `export` say on standard error beside their output: why nothing is
 * trusted (the diagnosis: the cause, the places that matter, what to do), which file or
 * directory added with --file or --dir gave no certificate, and that the environment
 * chose the certificates instead of the system store. The words of the causes and steps
 * are the library's (nativecerts_result_advice()). */
#ifndef NC_CLI_DIAGNOSIS_H
#define NC_CLI_DIAGNOSIS_H

#include <stdio.h>

#include "nativecerts.h"

/* The places added with --file or --dir that gave no certificate: missing, unreadable,
 * or holding none. */
size_t diagnosis_added_failures(const nativecerts_result *r);

/* Nothing is trusted: "nativecerts: no trusted CA certificate found: CAUSE", the other
 * causes and notes, then "looked at (mode, profile, root):" and the places that matter
 * (places whose distrust is unknown first; a few of those that do not exist; none that
 * the mode left unread), then the steps. */
void diagnosis_print(FILE *f, const nativecerts_result *r);

/* Something is trusted but an added place gave nothing: what it holds, what to do. */
void diagnosis_added(FILE *f, const nativecerts_result *r);

/* One line when the environment chose the certificates (SSL_CERT_FILE or SSL_CERT_DIR
 * set: the system store was not read), or when a setuid program ignored the variables. */
void diagnosis_environment(FILE *f, const nativecerts_result *r);

/* Non-zero when error e of r is shown by the diagnosis (when nothing is trusted) or by
 * diagnosis_added() (otherwise), so that the warnings need not repeat it. */
int diagnosis_shows_error(const nativecerts_result *r, size_t e);

#endif
