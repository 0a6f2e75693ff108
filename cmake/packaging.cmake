# packaging: filled in by cmake/packaging.cmake
