// Frame encode/decode of a typical SEND_MESSAGE_V2 request (the hottest command) in both header
// serializations, against a memcpy of the same bytes as the reference.
#include <benchmark/benchmark.h>

#include <cstring>

#include "proto/headers.hpp"
#include "remoting/frame.hpp"

using namespace rmq::remoting;

namespace {

RemotingCommand send_request(SerializeType type, size_t body_size) {
    RemotingCommand cmd = RemotingCommand::request(310);
    cmd.opaque = 123456;
    cmd.serialize_type = type;
    auto& ext = cmd.ext_fields.emplace();
    ext.set("a", "benchmark_producer_group");
    ext.set("b", "BenchmarkTopic");
    ext.set("c", "TBW102");
    ext.set("d", "4");
    ext.set("e", "3");
    ext.set("f", "0");
    ext.set("g", "1795356829227");
    ext.set("h", "0");
    ext.set("i",
            "KEYS\x01order-12345\x02UNIQ_KEY\x01"
            "C00002021F074E0E2F2A6F333E2A0000\x02WAIT\x01true"
            "\x02TAGS\x01TagA");
    ext.set("j", "0");
    ext.set("k", "false");
    ext.set("m", "false");
    ext.set("n", "broker-a");
    cmd.body.assign(body_size, 'x');
    return cmd;
}

void BM_EncodeFrame(benchmark::State& state) {
    auto cmd = send_request(static_cast<SerializeType>(state.range(0)), 1024);
    std::string out;
    for (auto _ : state) {
        out.clear();
        encode_frame_prefix(cmd, out);
        out += cmd.body;
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
}

void BM_DecodeFrame(benchmark::State& state) {
    auto bytes = encode_frame(send_request(static_cast<SerializeType>(state.range(0)), 1024));
    FrameParser parser;
    for (auto _ : state) {
        parser.append(bytes);
        FrameView view;
        parser.next(view);
        auto cmd = decode_frame(view);
        benchmark::DoNotOptimize(cmd.ok());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}

void BM_DecodeTypedSendHeader(benchmark::State& state) {
    auto cmd = send_request(SerializeType::JSON, 0);
    for (auto _ : state) {
        auto h = cmd.decode_header<rmq::proto::SendMessageRequestHeaderV2>();
        benchmark::DoNotOptimize(h.ok());
    }
}

void BM_MemcpyReference(benchmark::State& state) {
    auto bytes = encode_frame(send_request(SerializeType::JSON, 1024));
    std::string out(bytes.size(), '\0');
    for (auto _ : state) {
        std::memcpy(out.data(), bytes.data(), bytes.size());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}

}  // namespace

BENCHMARK(BM_EncodeFrame)->Arg(0)->Arg(1)->ArgName("rocketmq_binary");
BENCHMARK(BM_DecodeFrame)->Arg(0)->Arg(1)->ArgName("rocketmq_binary");
BENCHMARK(BM_DecodeTypedSendHeader);
BENCHMARK(BM_MemcpyReference);
BENCHMARK_MAIN();
