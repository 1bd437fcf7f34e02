# The collection's state is the core's alone: no file outside src/core (a backend of
# src/unix, src/win or src/macos, or the command of cli/) includes core/collect_state.h,
# nor a core header that includes it (finish.h, result_build.h, ...). Backends then see
# nc__collect as an opaque type, and naming one of its fields fails to compile.
#   cmake -DROOT=<source directory> -P collection_private.cmake
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source directory> -P collection_private.cmake")
endif()

# The private headers: collect_state.h, and every core header that includes one of them,
# followed until no more are found.
set(private "core/collect_state.h")
file(GLOB core_headers RELATIVE ${ROOT}/src ${ROOT}/src/core/*.h)
set(grew TRUE)
while(grew)
  set(grew FALSE)
  foreach(h ${core_headers})
    list(FIND private ${h} known)
    if(NOT known EQUAL -1)
      continue()
    endif()
    file(STRINGS ${ROOT}/src/${h} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line ${includes})
      string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" name "${line}")
      list(FIND private ${name} hit)
      if(NOT hit EQUAL -1)
        list(APPEND private ${h})
        set(grew TRUE)
        break()
      endif()
    endforeach()
  endforeach()
endwhile()

file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/src/*.c ${ROOT}/src/*.h ${ROOT}/cli/*.c
     ${ROOT}/cli/*.h)
set(offenders "")
set(checked 0)
foreach(f ${files})
  if(f MATCHES "^src/core/")
    continue()
  endif()
  math(EXPR checked "${checked} + 1")
  file(STRINGS ${ROOT}/${f} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${includes})
    string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" name "${line}")
    list(FIND private ${name} hit)
    if(NOT hit EQUAL -1)
      list(APPEND offenders "${f} includes ${name}")
    endif()
  endforeach()
endforeach()

if(checked EQUAL 0)
  message(FATAL_ERROR "no file outside src/core found under ${ROOT}: nothing was checked")
endif()
if(offenders)
  string(REPLACE ";" "\n  " list "${offenders}")
  message(FATAL_ERROR "the collection's state is the core's (private headers: ${private});\n"
                      "outside src/core:\n  ${list}")
endif()
message(STATUS "${checked} files outside src/core, none includes: ${private}")
