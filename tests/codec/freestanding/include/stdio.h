/* The part of <stdio.h> base64_rules.c uses, for a build without a C library (shim.c). */
#ifndef NC_SHIM_STDIO_H
#define NC_SHIM_STDIO_H
int printf(const char *fmt, ...);
#endif
