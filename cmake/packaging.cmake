# pkg-config file, CMake package config, and CPack .deb packages.
include(CMakePackageConfigHelpers)
# The .pc files are written at install time (cmake/install_pc.cmake), for
# the prefix given to cmake --install.
set(KZ_SYSTEM_LIBDIRS ${CMAKE_C_IMPLICIT_LINK_DIRECTORIES} /lib /usr/lib /lib64 /usr/lib64)
install(CODE "
  set(KZ_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(KZ_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(KZ_SYSTEM_LIBDIRS \"${KZ_SYSTEM_LIBDIRS}\")
  set(KZ_VERSION \"${PROJECT_VERSION}\")
  set(KZ_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
  set(KZ_BINARY_DIR \"${PROJECT_BINARY_DIR}\")
  include(\"${PROJECT_SOURCE_DIR}/cmake/install_pc.cmake\")" COMPONENT dev)

set(KZTEXT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kztext)
install(EXPORT kztextTargets NAMESPACE kztext:: DESTINATION ${KZTEXT_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/kztextConfig.cmake.in
  ${PROJECT_BINARY_DIR}/kztextConfig.cmake INSTALL_DESTINATION ${KZTEXT_CMAKE_DIR})
# 0.x: only the same minor version is compatible (see the soname policy).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kztextConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/kztextConfig.cmake ${PROJECT_BINARY_DIR}/kztextConfigVersion.cmake
  DESTINATION ${KZTEXT_CMAKE_DIR} COMPONENT dev)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
# The lexicon compiled into the library is derived from hunspell word lists,
# whose notices must travel with binaries.
install(FILES ${PROJECT_SOURCE_DIR}/data/translit/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
  RENAME NOTICE-translit-lexicon.md COMPONENT runtime)

set(CPACK_PACKAGE_NAME kztext)
set(CPACK_PACKAGE_VENDOR "kztext developers")
set(CPACK_PACKAGE_CONTACT "kztext developers <kztext@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Kazakh, Russian and English news text processing")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev cli python)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libkztext${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libkztext-dev)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME kztext)
set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-kztext)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# The CLI needs libkztext (declared below), libc and libmicrohttpd (kztext serve).
set(CPACK_DEBIAN_CLI_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libkztext${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR} (= ${PROJECT_VERSION}), libicu-dev, libutf8proc-dev")
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libkztext${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR} (= ${PROJECT_VERSION}), libc6, libmicrohttpd12")
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS "libkztext${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR} (= ${PROJECT_VERSION}), python3")
set(CPACK_DEBIAN_PYTHON_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
