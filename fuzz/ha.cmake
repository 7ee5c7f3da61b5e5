rmq_add_fuzzer(fuzz_ha_stream SOURCES ha/fuzz_ha_stream.cpp LIBS rmq::ha)
