/* `nativecerts export`: the trusted roots as a PEM bundle, as DER files, or as a hashed
 * directory for OpenSSL. */
#ifndef NC_CLI_EXPORT_H
#define NC_CLI_EXPORT_H

#include "nativecerts.h"

/* Writes every trusted root of r as PEM to `output`, or to stdout when it is NULL or "-".
 * A file is replaced whole or not at all, as output_open (output_file.h) says. Returns
 * 0, or -1 after saying why on stderr. */
int export_pem(const nativecerts_result *r, const char *output);

/* Writes every trusted root of r to directory dir (created when missing) as
 * SHA256HEX.der, and removes the files of that form that name no root of r: left from an
 * earlier export, they would go on trusting a root since distrusted or expired. Other
 * files are left alone. Returns 0, or -1 after saying why on stderr. */
int export_der(const nativecerts_result *r, const char *dir);

/* Writes every trusted root of r to directory dir (created when missing) as a directory
 * that OpenSSL's -CApath and SSL_CERT_DIR read: SHA256HEX.pem per root, and the links
 * HASH.N that `openssl rehash` makes for those files (HASH its subject hash in 8 lowercase
 * hex digits, N numbering the roots of one hash in the order of their file names, from 0).
 * Removes first the files of those two forms that this export does not write; other files
 * are left alone. Returns 0, or -1 after saying why on stderr. */
int export_openssl_dir(const nativecerts_result *r, const char *dir);

/* Say on stderr "nativecerts: WHAT PATH: <strerror(err)>", and "nativecerts: refusing to
 * write PATH: WHY". Both return -1. */
int export_failed(const char *what, const char *path, int err);
int export_refused(const char *path, const char *why);

#endif
