/* TEST DOUBLE — NOT APPLE'S stdio.h. The declarations src/macos/*.c use, with the
 * signatures of the C standard, for the Apple-target syntax check only
 * (.ci/steps/macos-syntax.sh), where glibc's headers cannot be used. */
#ifndef NC_FAKE_STDIO_H
#define NC_FAKE_STDIO_H

#include <stddef.h>

int snprintf(char *restrict s, size_t n, const char *restrict format, ...);

#endif
