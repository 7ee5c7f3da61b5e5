# Remoting transport: loopback request/response against raw TCP echo of the same frames.
rmq_add_benchmark(bench_loopback SOURCES remoting/bench_loopback.cpp LIBS rmq::remoting)
# Servers run on mimalloc; measure the transport the way it will run.
rmq_use_mimalloc(bench_loopback)
