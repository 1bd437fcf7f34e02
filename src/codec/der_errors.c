/* The messages of the DER faults, from the one list in codec/der_errors.h. */
#include "codec/der_errors.h"

#include <stddef.h>

static const char *const messages[NC__DER_ERR_COUNT] = {
#define NC__DER_ERR_MESSAGE(name, message) [NC__DER_ERR_##name] = message,
    NC__DER_ERRORS(NC__DER_ERR_MESSAGE)
#undef NC__DER_ERR_MESSAGE
};

const char *nc__der_err_message(nc__der_err err)
{
    return err > NC__DER_OK && err < NC__DER_ERR_COUNT ? messages[err] : NULL;
}
