/* The part of <stdlib.h> base64_rules.c uses, for a build without a C library (shim.c). */
#ifndef NC_SHIM_STDLIB_H
#define NC_SHIM_STDLIB_H
#include <stddef.h>
void *malloc(size_t n);
void free(void *p);
#endif
