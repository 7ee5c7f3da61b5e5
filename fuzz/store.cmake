# Store: recovery and reads over a damaged store directory.
rmq_add_fuzzer(fuzz_store_recovery SOURCES store/fuzz_store_recovery.cpp LIBS rmq::store)
