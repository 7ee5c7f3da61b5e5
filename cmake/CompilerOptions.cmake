# Project-wide warning, sanitizer and Asio settings. Everything is attached to the interface
# target rmq_build_options, which every project target links privately.
add_library(rmq_build_options INTERFACE)

target_compile_options(rmq_build_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false positives inside its own coroutine frames and std::variant.
  target_compile_options(rmq_build_options INTERFACE -Wno-maybe-uninitialized -Wno-dangling-pointer)
  target_compile_options(rmq_build_options INTERFACE -Wno-null-dereference)
  # GCC 12 pairs Asio's awaitable-frame operator delete with the global new (PR 109224).
  target_compile_options(rmq_build_options INTERFACE -Wno-mismatched-new-delete)
endif()
if(RMQ_WARNINGS_AS_ERRORS)
  target_compile_options(rmq_build_options INTERFACE -Werror)
endif()

if(RMQ_SANITIZE)
  target_compile_options(rmq_build_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                     -fno-sanitize-recover=undefined)
  target_link_options(rmq_build_options INTERFACE -fsanitize=address,undefined)
endif()

if(RMQ_BUILD_FUZZERS)
  # Coverage instrumentation in every library, so libFuzzer sees inside the code it exercises.
  target_compile_options(rmq_build_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
