/* The words for the values of the public enums, and the profiles' names: every word the
 * library or the command prints for one of them comes from here. Fixed strings, stable
 * across releases (scripts match on them). */
#include "core/profile.h"
#include "nativecerts.h"

const char *nativecerts_reason_name(nativecerts_reason reason)
{
    switch (reason) {
    case NATIVECERTS_REASON_DISTRUSTED:
        return "distrusted";
    case NATIVECERTS_REASON_EXPIRED:
        return "expired";
    case NATIVECERTS_REASON_NOT_YET_VALID:
        return "not-yet-valid";
    case NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH:
        return "not-for-server-auth";
    case NATIVECERTS_REASON_DISTRUST_UNKNOWN:
        return "distrust-unknown";
    }
    return NULL;
}

const char *nativecerts_mode_name(nativecerts_mode mode)
{
    switch (mode) {
    case NATIVECERTS_MODE_PLATFORM:
        return "platform";
    case NATIVECERTS_MODE_ENVIRONMENT:
        return "environment";
    case NATIVECERTS_MODE_EXPLICIT:
        return "explicit";
    }
    return NULL;
}

const char *nativecerts_error_kind_name(nativecerts_error_kind kind)
{
    switch (kind) {
    case NATIVECERTS_ERROR_IO:
        return "io";
    case NATIVECERTS_ERROR_PARSE:
        return "parse";
    case NATIVECERTS_ERROR_OS:
        return "os";
    case NATIVECERTS_ERROR_LIMIT:
        return "limit";
    case NATIVECERTS_ERROR_NOMEM:
        return "nomem";
    }
    return NULL;
}

const char *nativecerts_source_kind_name(nativecerts_source_kind kind)
{
    switch (kind) {
    case NATIVECERTS_SOURCE_ENV_VAR:
        return "variable";
    case NATIVECERTS_SOURCE_FILE:
        return "file";
    case NATIVECERTS_SOURCE_DIRECTORY:
        return "directory";
    case NATIVECERTS_SOURCE_DISTRUST_DIR:
        return "distrust-dir";
    case NATIVECERTS_SOURCE_STORE:
        return "store";
    }
    return NULL;
}

const char *nativecerts_source_status_name(nativecerts_source_status status)
{
    switch (status) {
    case NATIVECERTS_STATUS_USED:
        return "used";
    case NATIVECERTS_STATUS_MISSING:
        return "missing";
    case NATIVECERTS_STATUS_SAME_AS_OTHER:
        return "same-as-other";
    case NATIVECERTS_STATUS_SHADOWED:
        return "shadowed";
    case NATIVECERTS_STATUS_IGNORED_ENV:
        return "ignored-env";
    case NATIVECERTS_STATUS_IGNORED_SETUID:
        return "ignored-setuid";
    case NATIVECERTS_STATUS_IGNORED_OPTION:
        return "ignored-option";
    case NATIVECERTS_STATUS_UNAVAILABLE:
        return "unavailable";
    case NATIVECERTS_STATUS_FAILED:
        return "failed";
    case NATIVECERTS_STATUS_EMPTY:
        return "empty";
    case NATIVECERTS_STATUS_INCOMPLETE:
        return "incomplete";
    }
    return NULL;
}

const char *nativecerts_profile_name(size_t index)
{
    const nc__profile *p = nc__profile_at(index);
    return p ? p->name : NULL;
}

const char *nativecerts_profile_default(void)
{
    return nc__profile_builtin()->name;
}
