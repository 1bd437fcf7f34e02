# Sourced by cross.sh and musl.sh (not run: it does not end in .sh):
#   native_tests DIR   configures (does not build) a native build of this tree in DIR and
#                      writes DIR/tests.txt, its tests one a line, and DIR/tls.txt, a
#                      regular expression matching those a build without OpenSSL and
#                      GnuTLS does not have. Every other test must be in a cross or
#                      static build too (ctest_summary.py checks it).
native_tests() {
  local dir=$1
  rm -rf "$dir"
  cmake -S . -B "$dir" >/dev/null
  ctest --test-dir "$dir" -N | sed -n 's/^ *Test *#[0-9]*: //p' >"$dir/tests.txt"
  cmake -S . -B "$dir/without" -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON \
    -DCMAKE_DISABLE_FIND_PACKAGE_GnuTLS=ON >/dev/null 2>&1
  ctest --test-dir "$dir/without" -N | sed -n 's/^ *Test *#[0-9]*: //p' >"$dir/without.txt"
  local names
  names=$(grep -vxFf "$dir/without.txt" "$dir/tests.txt" | paste -sd '|' -)
  echo "^(${names:-\$^})\$" >"$dir/tls.txt"
}
