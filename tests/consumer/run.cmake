message(STATUS "consumer test: not yet")
