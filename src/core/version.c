/* The library's version as text, from the numbers in nativecerts.h. */
#include "nativecerts.h"

#define STR2(x) #x
#define STR(x) STR2(x)

const char *nativecerts_version(void)
{
    return STR(NATIVECERTS_VERSION_MAJOR) "." STR(NATIVECERTS_VERSION_MINOR) "." STR(
        NATIVECERTS_VERSION_PATCH);
}
