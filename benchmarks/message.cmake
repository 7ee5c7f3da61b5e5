# Message codecs: record encode/decode and properties, against memcpy of the same bytes.
rmq_add_benchmark(bench_message SOURCES message/bench_message.cpp LIBS rmq::message)
