/* What a person can do when nothing is trusted: which package to install on which
 * system, which command rebuilds the bundle, which variable to fix. */
#ifndef NC_CLI_ADVICE_H
#define NC_CLI_ADVICE_H

#include <stddef.h>

#include "nativecerts.h"

/* Writes the advice for r (which holds no trusted root) into buf as lines that each end
 * in '\n', notes ("note: ") and steps ("what to do: "), the step for a distrust place that
 * could not be read in full first; NUL-terminated, cut to n - 1 bytes. For the Linux
 * profile, the distribution is read from os-release under the result's root (or /), by
 * the library: inside the root, never blocking, regular files only. */
void advice_text(const nativecerts_result *r, char *buf, size_t n);

#endif
