/* `nativecerts export`: the trusted roots as a PEM bundle or as DER files. */
#ifndef NC_CLI_EXPORT_H
#define NC_CLI_EXPORT_H

#include "nativecerts.h"

/* Writes every trusted root of r as PEM to `output`, or to stdout when it is NULL. A
 * file is written beside its final name and renamed over it once complete, so that a
 * reader never sees half a bundle. Returns 0, or -1 after saying why on stderr. */
int export_pem(const nativecerts_result *r, const char *output);

/* Writes every trusted root of r to directory dir (created when missing) as
 * SHA256HEX.der. Returns 0, or -1 after saying why on stderr. */
int export_der(const nativecerts_result *r, const char *dir);

#endif
