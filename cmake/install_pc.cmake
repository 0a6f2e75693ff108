# Run by cmake --install (install(CODE) in packaging.cmake): writes kztext.pc
# and kztext-static.pc with the prefix actually installed into, which
# --prefix may change after configuring.  Absolute paths keep --cflags
# clean (no lib/pkgconfig/../../include).
set(PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
# Under ${prefix}, so pkg-config --define-variable=prefix=... still works.
set(PC_LIBDIR "\${prefix}/${KZ_LIBDIR}")
set(PC_INCLUDEDIR "\${prefix}/${KZ_INCLUDEDIR}")
# A program linked against a prefix outside the linker's default path finds
# the library at run time too (no LD_LIBRARY_PATH).
set(PC_RPATH "")
list(FIND KZ_SYSTEM_LIBDIRS "${CMAKE_INSTALL_PREFIX}/${KZ_LIBDIR}" _sys)
if(_sys EQUAL -1)
  set(PC_RPATH " -Wl,-rpath,\${libdir}")
endif()
set(PROJECT_VERSION "${KZ_VERSION}")
foreach(pc kztext kztext-static)
  configure_file("${KZ_SOURCE_DIR}/cmake/${pc}.pc.in" "${KZ_BINARY_DIR}/${pc}.pc" @ONLY)
  file(INSTALL "${KZ_BINARY_DIR}/${pc}.pc" DESTINATION "${CMAKE_INSTALL_PREFIX}/${KZ_LIBDIR}/pkgconfig")
endforeach()
