# Message module parsers: stored records, properties strings, batch bodies.
# (Libraries are instrumented for coverage by the fuzz preset, cmake/CompilerOptions.cmake.)
rmq_add_fuzzer(fuzz_record SOURCES message/fuzz_record.cpp LIBS rmq::message)
rmq_add_fuzzer(fuzz_properties SOURCES message/fuzz_properties.cpp LIBS rmq::message)
rmq_add_fuzzer(fuzz_batch SOURCES message/fuzz_batch.cpp LIBS rmq::message)
