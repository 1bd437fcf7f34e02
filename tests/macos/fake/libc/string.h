/* TEST DOUBLE — NOT APPLE'S string.h. The declarations src/macos/*.c use, with the
 * signatures of the C standard, for the Apple-target syntax check only
 * (.ci/steps/macos-syntax.sh), where glibc's headers cannot be used. */
#ifndef NC_FAKE_STRING_H
#define NC_FAKE_STRING_H

#include <stddef.h>

int memcmp(const void *s1, const void *s2, size_t n);

#endif
