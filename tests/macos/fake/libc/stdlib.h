/* TEST DOUBLE — NOT APPLE'S stdlib.h. The declarations src/macos/*.c use, with the
 * signatures of the C standard, for the Apple-target syntax check only
 * (.ci/steps/macos-syntax.sh), where glibc's headers cannot be used. */
#ifndef NC_FAKE_STDLIB_H
#define NC_FAKE_STDLIB_H

#include <stddef.h>

void *malloc(size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
void qsort(void *base, size_t nel, size_t width, int (*compar)(const void *, const void *));

#endif
