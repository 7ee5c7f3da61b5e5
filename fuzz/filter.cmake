# Filter module: the SQL92 selector's compiler and evaluator.
rmq_add_fuzzer(fuzz_sql_selector SOURCES filter/fuzz_sql_selector.cpp LIBS rmq::filter)
