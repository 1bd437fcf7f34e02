/* SSL_CERT_FILE and SSL_CERT_DIR, with exactly rustls-native-certs 0.8.4's rules
 * (docs/environment.md), read setuid-safely. */
#ifndef NC_CORE_ENV_H
#define NC_CORE_ENV_H

#include "core/backend.h"

/* Reports both variables as sources. When they select paths (SSL_CERT_FILE present,
 * even empty, or SSL_CERT_DIR with a non-empty entry), loads only those and returns 1;
 * otherwise returns 0 and the platform store is to be used. ignore: the options say
 * not to read them (they are still reported, as ignored). */
int nc__env_load(nc__collect *c, nc__backend *b, int ignore);

#endif
