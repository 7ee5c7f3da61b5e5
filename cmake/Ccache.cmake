# Use ccache when it is installed: rebuilds after a branch switch or a clean CI checkout reuse
# earlier object files instead of recompiling Asio-heavy translation units.
find_program(RMQ_CCACHE ccache)
if(RMQ_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${RMQ_CCACHE})
  message(STATUS "ccache: ${RMQ_CCACHE}")
endif()
