# Remoting transport: loopback request/response against raw TCP echo of the same frames.
rmq_add_benchmark(bench_loopback SOURCES remoting/bench_loopback.cpp LIBS rmq::remoting)
