# The TLS libraries of the adapters (include/nativecerts/*.h), found for the examples
# and the tests that build on them. Each stack found gets the target nc_tls_<stack>,
# which links it; NC_TLS_STACKS lists them. NC_TLS_PACKAGE_<stack> names the Debian
# package that provides it, for the message of a test skipped without it. Nothing here
# is installed: the adapters are header only, and libnativecerts links none of these.
include_guard(DIRECTORY)

set(NC_TLS_STACKS "")
set(NC_TLS_ALL_STACKS openssl gnutls mbedtls wolfssl bearssl curl)
set(NC_TLS_PACKAGE_openssl libssl-dev)
set(NC_TLS_PACKAGE_gnutls libgnutls28-dev)
set(NC_TLS_PACKAGE_mbedtls libmbedtls-dev)
set(NC_TLS_PACKAGE_wolfssl libwolfssl-dev)
set(NC_TLS_PACKAGE_bearssl libbearssl-dev)
set(NC_TLS_PACKAGE_curl libcurl4-openssl-dev)

# A test in place of one that needs a stack not found: it skips (77) and names the
# package to install, so that a missing stack is never a silent pass.
function(nc_tls_skip_test name stack)
  add_test(NAME ${name} COMMAND sh -c
    "echo 'skipped: ${stack} not found (Debian: ${NC_TLS_PACKAGE_${stack}})'; exit 77")
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77)
endfunction()

# A stack found here that does not link with this build's compiler and flags is left
# out, as if it were not installed: this machine's shared, glibc-built libraries in a
# static or musl build (CC=musl-gcc, -DCMAKE_EXE_LINKER_FLAGS=-static).
include(CheckCSourceCompiles)
function(nc_tls_stack name)
  set(CMAKE_REQUIRED_LIBRARIES ${ARGN})
  set(CMAKE_REQUIRED_QUIET ON)
  check_c_source_compiles("int main(void) { return 0; }" NC_TLS_${name}_LINKS)
  if(NOT NC_TLS_${name}_LINKS)
    message(STATUS "${name} found, but it does not link with this compiler and flags: left out")
    return()
  endif()
  add_library(nc_tls_${name} INTERFACE)
  target_link_libraries(nc_tls_${name} INTERFACE ${ARGN})
  set(NC_TLS_STACKS ${NC_TLS_STACKS} ${name} PARENT_SCOPE)
endfunction()

# OpenSSL and GnuTLS are also found by name (tests that compare with OpenSSL, the bench):
# left out, they are not found there either.
find_package(OpenSSL QUIET COMPONENTS Crypto SSL)
if(OpenSSL_FOUND)
  nc_tls_stack(openssl OpenSSL::SSL OpenSSL::Crypto)
  if(NOT "openssl" IN_LIST NC_TLS_STACKS)
    set(CMAKE_DISABLE_FIND_PACKAGE_OpenSSL ON)
    unset(OpenSSL_FOUND)
    unset(OPENSSL_FOUND)
  endif()
endif()

find_package(GnuTLS QUIET)
if(GNUTLS_FOUND)
  nc_tls_stack(gnutls GnuTLS::GnuTLS)
  if(NOT "gnutls" IN_LIST NC_TLS_STACKS)
    set(CMAKE_DISABLE_FIND_PACKAGE_GnuTLS ON)
    unset(GnuTLS_FOUND)
    unset(GNUTLS_FOUND)
  endif()
endif()

find_package(CURL QUIET)
if(CURL_FOUND)
  nc_tls_stack(curl CURL::libcurl)
endif()

# wolfSSL ships a .pc, used where pkg-config is; Mbed TLS 2 and BearSSL do not.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(NC_WOLFSSL QUIET IMPORTED_TARGET wolfssl)
endif()
if(NC_WOLFSSL_FOUND)
  nc_tls_stack(wolfssl PkgConfig::NC_WOLFSSL)
else()
  find_path(NC_WOLFSSL_INCLUDE_DIR wolfssl/options.h)
  find_library(NC_WOLFSSL_LIBRARY wolfssl)
  if(NC_WOLFSSL_INCLUDE_DIR AND NC_WOLFSSL_LIBRARY)
    nc_tls_stack(wolfssl ${NC_WOLFSSL_LIBRARY})
    if(TARGET nc_tls_wolfssl) # a stack left out has none
      target_include_directories(nc_tls_wolfssl INTERFACE ${NC_WOLFSSL_INCLUDE_DIR})
    endif()
  endif()
endif()

find_path(NC_MBEDTLS_INCLUDE_DIR mbedtls/x509_crt.h)
find_library(NC_MBEDTLS_LIBRARY mbedtls)
find_library(NC_MBEDX509_LIBRARY mbedx509)
find_library(NC_MBEDCRYPTO_LIBRARY mbedcrypto)
if(NC_MBEDTLS_INCLUDE_DIR AND NC_MBEDTLS_LIBRARY AND NC_MBEDX509_LIBRARY
   AND NC_MBEDCRYPTO_LIBRARY)
  nc_tls_stack(mbedtls ${NC_MBEDTLS_LIBRARY} ${NC_MBEDX509_LIBRARY} ${NC_MBEDCRYPTO_LIBRARY})
  if(TARGET nc_tls_mbedtls) # a stack left out has none
    target_include_directories(nc_tls_mbedtls INTERFACE ${NC_MBEDTLS_INCLUDE_DIR})
  endif()
endif()

find_path(NC_BEARSSL_INCLUDE_DIR bearssl.h)
find_library(NC_BEARSSL_LIBRARY bearssl)
if(NC_BEARSSL_INCLUDE_DIR AND NC_BEARSSL_LIBRARY)
  nc_tls_stack(bearssl ${NC_BEARSSL_LIBRARY})
  if(TARGET nc_tls_bearssl) # a stack left out has none
    target_include_directories(nc_tls_bearssl INTERFACE ${NC_BEARSSL_INCLUDE_DIR})
  endif()
endif()
