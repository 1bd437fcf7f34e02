# Sourced by the tests that watch a load under strace (file_read_once_strace.sh,
# device_nodes_strace.sh, root_escape.sh), after setting nct_work_name:
#   skip / fail   exit 77 with a reason / report a failure (status=1) and go on
#   strace        must be installed and able to trace, or the test is skipped
#   $work         a fresh directory, its canonical name (strace -y prints those),
#                 removed on exit
#   ASAN_OPTIONS  leak checks off: LeakSanitizer cannot run under ptrace (each test
#                 runs its load untraced as well, where leaks are checked)
#   $emu          a cross build's emulator, to put before each program run (unquoted)
skip() { echo "skipped: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; status=1; }

command -v strace >/dev/null 2>&1 || skip "strace not found"
strace -f -qq -o /dev/null true 2>/dev/null || skip "strace cannot trace here (ptrace refused?)"

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-$nct_work_name.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
work=$(cd "$work" && pwd -P)

ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS
status=0
emu=${NC_EMULATOR:-}
