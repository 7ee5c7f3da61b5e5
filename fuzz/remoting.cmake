rmq_add_fuzzer(fuzz_frame_parser SOURCES remoting/fuzz_frame_parser.cpp LIBS rmq::remoting_codec)
rmq_add_fuzzer(fuzz_json_header SOURCES remoting/fuzz_json_header.cpp LIBS rmq::remoting_codec)
rmq_add_fuzzer(fuzz_binary_header SOURCES remoting/fuzz_binary_header.cpp LIBS rmq::remoting_codec)
rmq_add_fuzzer(fuzz_header_schemas SOURCES remoting/fuzz_header_schemas.cpp LIBS rmq::remoting_codec)
