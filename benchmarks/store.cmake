# Message store: append throughput against the disk's raw sequential-write rate, consume-queue
# lookups, recovery time.
rmq_add_benchmark(bench_store SOURCES store/bench_store.cpp LIBS rmq::store)
rmq_use_mimalloc(bench_store)
