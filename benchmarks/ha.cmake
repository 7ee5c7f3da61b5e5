# Replication: a new slave's catch-up rate over loopback against the disk's raw write rate.
rmq_add_benchmark(bench_replication SOURCES ha/bench_replication.cpp LIBS rmq::ha_service rmq::store)
rmq_use_mimalloc(bench_replication)
