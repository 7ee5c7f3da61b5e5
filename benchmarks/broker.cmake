# Broker data plane: sends (throughput, latency, peak RSS) and send-to-long-poll delivery latency
# against the real mqbroker and mqnamesrv of this build tree, next to an echo of the same frames
# and the disk's raw write rate.
rmq_add_benchmark(bench_broker SOURCES broker/bench_broker.cpp
                  LIBS rmq::remoting rmq::body rmq::proto rmq::message)
# remoting/loopback_load.hpp (the load generator bench_loopback uses) and the process and request
# helpers of the integration tests (tests/support: child_process.hpp, client_requests.hpp).
target_include_directories(bench_broker PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                                                ${PROJECT_SOURCE_DIR}/tests)
add_dependencies(bench_broker mqnamesrv mqbroker)
target_compile_definitions(bench_broker PRIVATE RMQ_MQNAMESRV="$<TARGET_FILE:mqnamesrv>"
                                                RMQ_MQBROKER="$<TARGET_FILE:mqbroker>")
# The client side runs on mimalloc as the servers do.
rmq_use_mimalloc(bench_broker)
