# All third-party libraries come from Debian's packages (scripts/install-deps) or, for users on
# other systems, from vcpkg in manifest mode (the `vcpkg` preset). docs/dependencies.md says why
# each one is here.
find_package(Boost 1.81 REQUIRED CONFIG)
find_package(simdjson REQUIRED CONFIG)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
find_package(mimalloc CONFIG)
if(RMQ_BUILD_TESTS)
  find_package(Catch2 REQUIRED CONFIG)
endif()
if(RMQ_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED CONFIG)
endif()

# Asio and Beast are compiled once (modules/asio) instead of in every translation unit.
add_library(rmq_asio_config INTERFACE)
target_compile_definitions(rmq_asio_config INTERFACE
  BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED BOOST_ASIO_DISABLE_BOOST_COROUTINE)
target_link_libraries(rmq_asio_config INTERFACE Boost::headers Threads::Threads)

# Every server binary uses mimalloc as its global allocator (mimalloc-override semantics via the
# shared library placed first on the link line).
function(rmq_use_mimalloc target)
  if(TARGET mimalloc)
    target_link_libraries(${target} PRIVATE mimalloc)
  elseif(TARGET mimalloc-static)
    target_link_libraries(${target} PRIVATE mimalloc-static)
  else()
    message(FATAL_ERROR "mimalloc not found: run scripts/install-deps")
  endif()
endfunction()
