rmq_add_benchmark(bench_codec SOURCES codec/bench_codec.cpp LIBS rmq::remoting_codec)
