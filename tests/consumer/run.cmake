# install.consumer: installs the build into a temporary prefix and uses every
# installed piece from there: find_package, pkg-config (shared and static),
# the CLI and the Python package.
file(REMOVE_RECURSE ${WORK_DIR})
set(PREFIX ${WORK_DIR}/prefix)
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

# find_package
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/cmake-build
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${LIB_DIR} ${WORK_DIR}/cmake-build/consumer_shared)
run(${WORK_DIR}/cmake-build/consumer_static)

# pkg-config, shared and static
set(ENV{PKG_CONFIG_PATH} ${PC_DIR})
run(pkg-config --cflags --libs kztext)
string(STRIP "${OUT}" FLAGS)
separate_arguments(FLAGS UNIX_COMMAND "${FLAGS}")
run(cc ${SOURCE_DIR}/tests/consumer/main.c ${FLAGS} -o ${WORK_DIR}/pc_shared)
run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${LIB_DIR} ${WORK_DIR}/pc_shared)
run(pkg-config --static --cflags --libs kztext)
string(STRIP "${OUT}" FLAGS)
separate_arguments(FLAGS UNIX_COMMAND "${FLAGS}")
run(cc ${SOURCE_DIR}/tests/consumer/main.c -static-libgcc -o ${WORK_DIR}/pc_static
    ${LIB_DIR}/libkztext.a ${FLAGS})
run(${WORK_DIR}/pc_static)

# The CLI and its man page
run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${LIB_DIR} ${PREFIX}/bin/kztext --version)
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
run(${CMAKE_COMMAND} -E env --unset=KZTEXT_LIBRARY PYTHONPATH=${SITE_DIR} ${PYTHON3} -c
    "import kztext, kztext._lib as l; assert l.lib._name.startswith('${PREFIX}'), l.lib._name; assert kztext.normalize('Е\\u0308') == 'Ё'; print('python ok')")
message(STATUS "consumer: find_package, pkg-config, CLI and Python all work from ${PREFIX}")

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
  run(cc ${SOURCE_DIR}/tests/consumer/main.c -I${R}/include -L${R}/lib -lkztext -o ${WORK_DIR}/deb_consumer)
  run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${R}/lib ${WORK_DIR}/deb_consumer)
  run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${R}/lib ${R}/bin/kztext --version)
  message(STATUS "consumer: the four .deb packages work when unpacked")
endif()
