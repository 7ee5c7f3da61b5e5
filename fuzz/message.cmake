# Message module parsers: stored records, properties strings, batch bodies.
# The harness alone gets -fsanitize=fuzzer from rmq_add_fuzzer; the library must be instrumented
# too, or libFuzzer sees no coverage inside the code under test.
target_compile_options(rmq_message PRIVATE -fsanitize=fuzzer-no-link)
rmq_add_fuzzer(fuzz_record SOURCES message/fuzz_record.cpp LIBS rmq::message)
rmq_add_fuzzer(fuzz_properties SOURCES message/fuzz_properties.cpp LIBS rmq::message)
rmq_add_fuzzer(fuzz_batch SOURCES message/fuzz_batch.cpp LIBS rmq::message)
