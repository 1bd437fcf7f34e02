# Sourced by the tests that run set-id copies of a program (env_setuid_ignored.sh,
# setuid_cli.sh). A cross build runs its programs under an emulator (NC_EMULATOR: its
# path, then its arguments, from tests/CMakeLists.txt). The kernel honours the set-id
# bits of the file it executes, which is then the emulator: so each set-id copy of the
# program gets a copy of the emulator beside it with the same bits, owner and group, as
# binfmt_misc's "C" flag would hand the emulator the program's credentials. The emulated
# program then sees the effective ids and AT_SECURE a native one would. Natively,
# both functions do nothing.
#   emu_copy DIR MODE   copies the emulator to DIR/emulator, owned by root, with MODE
#   emu_in DIR          prints the words that run a program through DIR/emulator
emu_path=${NC_EMULATOR:-}
emu_path=${emu_path%% *} # its words hold no blanks of their own
emu_args=${NC_EMULATOR:-}
emu_args=${emu_args#"$emu_path"}

emu_copy() {
    [ -n "$emu_path" ] || return 0
    cp "$emu_path" "$1/emulator" && chown 0:0 "$1/emulator" && chmod "$2" "$1/emulator"
}
emu_in() {
    if [ -n "$emu_path" ]; then echo "$1/emulator$emu_args"; fi
}
