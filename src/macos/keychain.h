/* The macOS store: keychain trust settings of the user, admin and system domains
 * (contract §8), read through CoreFoundation and the Security framework. */
#ifndef NC_MACOS_KEYCHAIN_H
#define NC_MACOS_KEYCHAIN_H

#include "core/collect.h"

/* Reports the sources "keychain:user", "keychain:admin" and "keychain:system" (kind
 * store, origin "store") and hands each certificate that has trust settings to c once,
 * with the verdict of the highest domain that decides it for SSL server trust (trusted
 * or distrusted), or "not for server auth" from the highest domain that lists it when
 * none decides; its source is that domain. A failing call is an error of kind os with
 * the OSStatus: for a domain, the domain is skipped; for one certificate's settings,
 * that domain does not decide for it and the load goes on. No trust evaluation, no
 * network. */
void nc__keychain_load(nc__collect *c);

#endif
