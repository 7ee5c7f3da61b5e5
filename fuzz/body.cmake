# JSON command bodies (modules/body) and the name server's request handling.
rmq_add_fuzzer(fuzz_body SOURCES body/fuzz_body.cpp LIBS rmq::body)
rmq_add_fuzzer(fuzz_nameserver SOURCES nameserver/fuzz_nameserver.cpp LIBS rmq::nameserver_core)
