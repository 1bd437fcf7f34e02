# Sourced by the steps of this directory (not run: it does not end in .sh):
#   need PKG...   installs the Debian packages that are missing, with one apt-get update.
need() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
}

# valgrind memcheck as the runner of every test program (CMake puts the emulator before
# each add_test command that is a target): any error, and any definite or indirect leak,
# fails that test.
NC_VALGRIND="valgrind;-q;--error-exitcode=99;--leak-check=full;--errors-for-leak-kinds=definite,indirect;--show-leak-kinds=definite,indirect;--num-callers=30"
