# Run by `cmake --install` (see install.cmake, which sets the NC_PC_* variables): writes
# nativecerts.pc for the prefix being installed to and installs it under DESTDIR.
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${NC_PC_${_dir}}")
    set(NC_PC_FULL_${_dir} "${NC_PC_${_dir}}")
  elseif(_dir STREQUAL "LIBDIR")
    set(NC_PC_FULL_${_dir} "\${exec_prefix}/${NC_PC_${_dir}}")
  else()
    set(NC_PC_FULL_${_dir} "\${prefix}/${NC_PC_${_dir}}")
  endif()
endforeach()
set(NC_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")

# One work file per prefix and DESTDIR, so that concurrent installs of one build tree
# into different places do not write the same file.
string(MD5 _nc_key "$ENV{DESTDIR}|${CMAKE_INSTALL_PREFIX}")
set(_nc_pc "${NC_PC_WORK_DIR}/${_nc_key}/nativecerts.pc")
configure_file("${NC_PC_TEMPLATE}" "${_nc_pc}" @ONLY)

if(IS_ABSOLUTE "${NC_PC_LIBDIR}")
  set(_nc_dest "${NC_PC_LIBDIR}/pkgconfig")
else()
  set(_nc_dest "${CMAKE_INSTALL_PREFIX}/${NC_PC_LIBDIR}/pkgconfig")
endif()
file(INSTALL DESTINATION "${_nc_dest}" TYPE FILE FILES "${_nc_pc}")
