/* Code that builds the store trees the reliability tests load, in a fresh directory that
 * is then used as the root option. (The layout files of tests/unix/layouts/ are data,
 * read by tests/unix/layout_runner.c.) */
#ifndef NC_RELIABILITY_TREE_BUILDER_H
#define NC_RELIABILITY_TREE_BUILDER_H

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
