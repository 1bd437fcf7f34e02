/* The store layouts the reliability tests load, built in a fresh directory that is then
 * used as the root option. */
#ifndef NC_RELIABILITY_LAYOUTS_H
#define NC_RELIABILITY_LAYOUTS_H

#include <stddef.h>

/* path = root + rel; writes the fixtures (tests/data/certs names) concatenated. */
void rel_put(const char *root, const char *rel, const char *const *fixtures);
void rel_text(const char *root, const char *rel, const char *text);
void rel_link(const char *root, const char *target, const char *rel);

/* FreeBSD-like: a bundle (with a TRUSTED CERTIFICATE reject and an expired root), two
 * directories (PEM, DER, links, a broken file, a README), an untrusted directory. Load
 * it with profile "freebsd". */
void rel_make_mixed_layout(const char *root);

#endif
