# Name server: route queries over loopback against an echo of the same requests, registration
# against decoding its body, and the registry's heap per topic-queue entry.
rmq_add_benchmark(bench_nameserver SOURCES nameserver/bench_nameserver.cpp
                  LIBS rmq::nameserver_core rmq::remoting)
# For remoting/loopback_load.hpp, the load generator bench_loopback uses too.
target_include_directories(bench_nameserver PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
# mqnamesrv runs on mimalloc; the heap figures are what that allocator spends.
rmq_use_mimalloc(bench_nameserver)
