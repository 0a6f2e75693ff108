# install.consumer: installs the build into a temporary prefix and uses every
# installed piece from there, with no environment variables (no
# LD_LIBRARY_PATH, no KZTEXT_LIBRARY, no PYTHONPATH): find_package,
# pkg-config (shared and static, checked with ldd), the CLI, the Python
# package installed by cmake --install, and pip install into a bare venv.
file(REMOVE_RECURSE ${WORK_DIR})
set(PREFIX ${WORK_DIR}/prefix)
# Every command runs with an environment cleared of what could hide a
# missing RPATH or a library lookup that only works in the build tree.
foreach(v LD_LIBRARY_PATH KZTEXT_LIBRARY PYTHONPATH PKG_CONFIG_PATH PYTHONHOME VIRTUAL_ENV)
  unset(ENV{${v}})
endforeach()
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
file(GLOB_RECURSE PC ${PREFIX}/*/kztext.pc)
file(GLOB_RECURSE CFG ${PREFIX}/*/kztextConfig.cmake)
if(NOT PC OR NOT CFG)
  message(FATAL_ERROR "kztext.pc or kztextConfig.cmake not installed")
endif()
get_filename_component(PC_DIR ${PC} DIRECTORY)
get_filename_component(LIB_DIR ${PC_DIR} DIRECTORY)
file(RELATIVE_PATH LIB_REL ${PREFIX} ${LIB_DIR})

# find_package
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/cmake-build
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
run(${WORK_DIR}/cmake-build/consumer_shared)
run(${WORK_DIR}/cmake-build/consumer_static)

# Asserts what ldd says of a program: whether libkztext.so is loaded, and
# from where.
function(check_ldd prog want_shared)
  run(ldd ${prog})
  set(from "")
  if(OUT MATCHES "libkztext\\.so[^ ]* => ([^ ]+)")
    get_filename_component(from ${CMAKE_MATCH_1} REALPATH)  # $ORIGIN/../lib
    get_filename_component(from ${from} DIRECTORY)
  endif()
  get_filename_component(want ${LIB_DIR} REALPATH)
  if(want_shared AND NOT from STREQUAL want)
    message(FATAL_ERROR "${prog} does not load libkztext.so from ${LIB_DIR}:\n${OUT}")
  elseif(NOT want_shared AND OUT MATCHES "libkztext")
    message(FATAL_ERROR "${prog} should be static in libkztext:\n${OUT}")
  elseif(OUT MATCHES "not found")
    message(FATAL_ERROR "${prog}: a library is not found:\n${OUT}")
  endif()
endfunction()
check_ldd(${WORK_DIR}/cmake-build/consumer_shared TRUE)
check_ldd(${WORK_DIR}/cmake-build/consumer_static FALSE)

# pkg-config, shared and static: clean flags, programs that run as built.
set(ENV{PKG_CONFIG_PATH} ${PC_DIR})
run(pkg-config --cflags kztext)
if(OUT MATCHES "UTF8PROC|\\.\\./|pkgconfig")
  message(FATAL_ERROR "pkg-config --cflags kztext is not clean: ${OUT}")
endif()
run(pkg-config --cflags --libs kztext)
string(STRIP "${OUT}" FLAGS)
separate_arguments(FLAGS UNIX_COMMAND "${FLAGS}")
run(cc ${SOURCE_DIR}/tests/consumer/main.c ${FLAGS} -o ${WORK_DIR}/pc_shared)
run(${WORK_DIR}/pc_shared)
check_ldd(${WORK_DIR}/pc_shared TRUE)
run(pkg-config --static --cflags --libs kztext-static)
string(STRIP "${OUT}" FLAGS)
separate_arguments(FLAGS UNIX_COMMAND "${FLAGS}")
run(cc ${SOURCE_DIR}/tests/consumer/main.c ${FLAGS} -o ${WORK_DIR}/pc_static)
run(${WORK_DIR}/pc_static)
check_ldd(${WORK_DIR}/pc_static FALSE)
# An install without the shared library (-DBUILD_SHARED_LIBS=OFF): there
# -lkztext is the archive and kztext.pc's private part completes the link.
set(SO ${WORK_DIR}/static-only)
file(COPY ${PREFIX}/ DESTINATION ${SO})
file(GLOB SO_LIBS ${SO}/${LIB_REL}/libkztext.so*)
file(REMOVE ${SO_LIBS})
run(pkg-config --define-variable=prefix=${SO} --static --cflags --libs kztext)
string(STRIP "${OUT}" FLAGS)
separate_arguments(FLAGS UNIX_COMMAND "${FLAGS}")
run(cc ${SOURCE_DIR}/tests/consumer/main.c ${FLAGS} -o ${WORK_DIR}/pc_static_only)
run(${WORK_DIR}/pc_static_only)
check_ldd(${WORK_DIR}/pc_static_only FALSE)
unset(ENV{PKG_CONFIG_PATH})

# The CLI and its man page
run(${PREFIX}/bin/kztext --version)
check_ldd(${PREFIX}/bin/kztext TRUE)
# Run from elsewhere: the RPATH is relative to the binary, not the cwd.
file(WRITE ${WORK_DIR}/in.txt "Қазақстан\n")
execute_process(COMMAND ${PREFIX}/bin/kztext translit ${WORK_DIR}/in.txt WORKING_DIRECTORY /
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "Qazaqstan\n")
  message(FATAL_ERROR "installed kztext translit: ${rc} [${out}]")
endif()
if(NOT EXISTS ${PREFIX}/share/man/man1/kztext.1)
  message(FATAL_ERROR "man page not installed")
endif()

# The Python package finds the installed library by itself.
file(GLOB_RECURSE PYINIT ${PREFIX}/__init__.py)
list(FILTER PYINIT INCLUDE REGEX "/kztext/__init__.py$")
if(NOT PYINIT)
  message(FATAL_ERROR "Python package not installed")
endif()
get_filename_component(PKG_DIR ${PYINIT} DIRECTORY)
get_filename_component(SITE_DIR ${PKG_DIR} DIRECTORY)
run(${CMAKE_COMMAND} -E env PYTHONPATH=${SITE_DIR} ${PYTHON3} -c
    "import kztext, kztext._lib as l; assert l.lib._name.startswith('${PREFIX}'), l.lib._name; assert kztext.normalize('Е\\u0308') == 'Ё'; print('python ok')")

# pip install into a bare venv (only what python3 -m venv gives: no wheel),
# offline, from the in-tree build backend, told the prefix; then import with
# nothing set.
run(${PYTHON3} -m venv ${WORK_DIR}/venv)
run(${WORK_DIR}/venv/bin/python -m pip install --no-index --quiet
    --config-settings prefix=${PREFIX} ${SOURCE_DIR}/bindings/python)
execute_process(COMMAND env -i ${WORK_DIR}/venv/bin/python -c
    "import kztext, kztext._lib as l; assert l.lib._name.startswith('${PREFIX}/'), l.lib._name; assert kztext.translit('Қазақстан') == 'Qazaqstan'; print(kztext.__file__)"
    WORKING_DIRECTORY / RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^${WORK_DIR}/venv/")
  message(FATAL_ERROR "import kztext from the venv: ${rc} ${out} ${err}")
endif()
# Without the prefix the import fails and says where it looked and what to do.
run(${WORK_DIR}/venv/bin/python -m pip install --no-index --quiet --force-reinstall
    ${SOURCE_DIR}/bindings/python)
execute_process(COMMAND env -i ${WORK_DIR}/venv/bin/python -c "import kztext"
    WORKING_DIRECTORY / RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 AND NOT EXISTS /usr/local/lib/libkztext.so.0.4 AND NOT EXISTS /usr/lib/libkztext.so.0.4)
  message(FATAL_ERROR "import kztext found a library without being told the prefix")
endif()
if(NOT rc EQUAL 0 AND NOT (err MATCHES "/usr/local/lib/libkztext.so.0.4 \\(default prefix\\): no such file"
                           AND err MATCHES "--config-settings prefix=DIR" AND err MATCHES "KZTEXT_LIBRARY"))
  message(FATAL_ERROR "the import error does not name the paths tried and the fix:\n${err}")
endif()
message(STATUS "consumer: find_package, pkg-config, CLI, Python (cmake --install and pip in a bare venv) all work from ${PREFIX}")

# The .deb packages (runtime, -dev, CLI, Python): built by CPack, unpacked
# into a directory, used from there.
find_program(DPKG_DEB dpkg-deb)
if(DPKG_DEB)
  run(cpack --config ${BUILD_DIR}/CPackConfig.cmake -G DEB -B ${WORK_DIR}/debs)
  file(GLOB DEBS ${WORK_DIR}/debs/*.deb)
  list(LENGTH DEBS n)
  if(NOT n EQUAL 4)
    message(FATAL_ERROR "expected 4 .deb packages, got: ${DEBS}")
  endif()
  foreach(deb ${DEBS})
    run(${DPKG_DEB} -x ${deb} ${WORK_DIR}/debroot)
  endforeach()
  set(R ${WORK_DIR}/debroot/usr)
  # Unpacked away from /usr, a program needs the rpath that an install
  # into /usr would not.
  run(cc ${SOURCE_DIR}/tests/consumer/main.c -I${R}/include -L${R}/lib -lkztext -Wl,-rpath,${R}/lib
      -o ${WORK_DIR}/deb_consumer)
  run(${WORK_DIR}/deb_consumer)
  run(${R}/bin/kztext --version)
  file(GLOB DEB_PC ${R}/lib/pkgconfig/kztext.pc)
  file(READ ${DEB_PC} pc)
  if(NOT pc MATCHES "prefix=/usr\n")
    message(FATAL_ERROR "the -dev package's kztext.pc is not for /usr:\n${pc}")
  endif()
  message(STATUS "consumer: the four .deb packages work when unpacked")
endif()
