/* locale_probe LOCALE MISSING_PATH: the library's error messages are English whatever
 * locale the program sets. Sets LOCALE with setlocale(LC_ALL), loads MISSING_PATH (which
 * must not exist) alone, and checks the message of its error against the C library's
 * English words for ENOENT, taken before the switch. Prints "translated" when the C
 * library's own strerror() changed language (so that the check meant something), else
 * "untranslated". Exits 0, 1 when the message is not English, 77 when LOCALE cannot be
 * set, 2 when the load fails. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nativecerts.h"

int main(int argc, char **argv)
{
    if (argc != 3) return 2;
    char english[256];
    snprintf(english, sizeof english, "%s", strerror(ENOENT)); /* the C locale's */
    if (!setlocale(LC_ALL, argv[1])) {
        fprintf(stderr, "locale_probe: cannot set the locale %s\n", argv[1]);
        return 77;
    }
    const char *local = strerror(ENOENT);
    int translated = strcmp(local, english) != 0;
    nativecerts_options *o;
    nativecerts_result *r;
    if (nativecerts_options_new(&o) != NATIVECERTS_OK ||
        nativecerts_options_set_skip_platform(o, 1) != NATIVECERTS_OK ||
        nativecerts_options_add_file(o, argv[2]) != NATIVECERTS_OK ||
        nativecerts_load(o, &r) != NATIVECERTS_OK)
        return 2;
    nativecerts_options_free(o);
    const char *message = nativecerts_result_error_count(r) == 1
                              ? nativecerts_result_error_message(r, 0)
                              : "(not one error)";
    int ok = strstr(message, english) != NULL && (!translated || !strstr(message, local));
    if (!ok) fprintf(stderr, "locale_probe: under %s: %s\n", argv[1], message);
    printf("%s\n", translated ? "translated" : "untranslated");
    nativecerts_result_free(r);
    return ok ? 0 : 1;
}
