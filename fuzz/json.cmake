# JSON module: the lenient fastjson-dialect parser (config files, request bodies).
rmq_add_fuzzer(fuzz_json_lenient SOURCES json/fuzz_json_lenient.cpp LIBS rmq::json)
