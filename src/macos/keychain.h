/* The macOS store: keychain trust settings of the user, admin and system domains, read
 * through CoreFoundation and the Security framework. */
#ifndef NC_MACOS_KEYCHAIN_H
#define NC_MACOS_KEYCHAIN_H

#include "core/collect.h"

/* Reports the sources "keychain:user", "keychain:admin" and "keychain:system" (kind
 * store, origin "store") and hands each certificate that has trust settings to c once,
 * with the verdict of the highest domain that decides it for SSL server trust (trusted
 * or distrusted), or "not for server auth" from the highest domain that lists it when
 * none decides; its source is that domain. No trust evaluation, no network.
 *
 * Fails closed. Each domain is a distrust place for every certificate of the load (a
 * Deny wins over every source): when it cannot be listed completely (a failing call
 * other than errSecNoTrustSettings, a certificate the list or SecCertificateCopyData
 * does not give, bytes that are not a certificate) it is incomplete, and the core trusts
 * nothing. When one certificate's settings cannot be read (a failure other than
 * errSecItemNotFound, which means "no settings in this domain"), that domain's verdict on
 * it is unknown: it is handed over as distrust-unknown unless a higher domain decides.
 * Errors are of kind os with the OSStatus; errSecAllocate fails the whole load. */
void nc__keychain_load(nc__collect *c);

#endif
