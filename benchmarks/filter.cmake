# Filters: SQL92 selectors compiled and evaluated, against tag-hash filtering of the same messages.
rmq_add_benchmark(bench_filter SOURCES filter/bench_filter.cpp LIBS rmq::filter rmq::message)
