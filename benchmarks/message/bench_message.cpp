// Record and properties codecs on a typical 1 KiB message, with memcpy of the same number of
// bytes as the reference point.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "message/checksum.hpp"
#include "message/java_hash.hpp"
#include "message/properties.hpp"
#include "message/record.hpp"

using namespace rmq::message;

namespace {

// What a 4.9.8 single send stores: keys, a user property, UNIQ_KEY, CLUSTER and TAGS.
const std::string kProperties =
    "KEYS\x01order-12345 customer-678\x02idx\x01"
    "42\x02UNIQ_KEY\x01"
    "C00002022ABE4E0E2F2A6F3678840000\x02"
    "CLUSTER\x01"
    "DefaultCluster\x02TAGS\x01TagA";

struct Sample {
    std::string body = std::string(1024, 'x');
    RecordView view;
    std::string bytes;

    Sample() {
        for (std::size_t i = 0; i < body.size(); ++i)
            body[i] = static_cast<char>('a' + i % 26);
        view.topic = "BenchmarkTopic";
        view.queue_id = 3;
        view.queue_offset = 123456;
        view.commit_log_offset = 987654321;
        view.born_timestamp = 1795357040773;
        view.store_timestamp = 1795357040783;
        view.born_host = *HostAddress::parse("192.0.2.2:51710");
        view.store_host = *HostAddress::parse("127.0.0.1:20911");
        view.body = body;
        view.body_crc = body_crc(body);
        view.properties = kProperties;
        (void)encode_record(view, bytes);
    }
};

const Sample& sample() {
    static const Sample s;
    return s;
}

void BM_RecordEncodeTo(benchmark::State& state) {
    const Sample& s = sample();
    std::string buf(s.bytes.size(), '\0');
    for (auto _ : state) {
        auto n = encode_record_to(s.view, buf);
        benchmark::DoNotOptimize(n);
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.bytes.size()));
}
BENCHMARK(BM_RecordEncodeTo);

void BM_RecordEncodeAppend(benchmark::State& state) {
    const Sample& s = sample();
    std::string out;
    out.reserve(s.bytes.size());
    for (auto _ : state) {
        out.clear();
        auto n = encode_record(s.view, out);
        benchmark::DoNotOptimize(n);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.bytes.size()));
}
BENCHMARK(BM_RecordEncodeAppend);

void BM_RecordDecodeView(benchmark::State& state) {
    const Sample& s = sample();
    for (auto _ : state) {
        auto r = decode_record_view(s.bytes);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.bytes.size()));
}
BENCHMARK(BM_RecordDecodeView);

void BM_RecordDecodeViewVerifyCrc(benchmark::State& state) {
    const Sample& s = sample();
    for (auto _ : state) {
        auto r = decode_record_view(s.bytes, DecodeOptions{.verify_body_crc = true});
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.bytes.size()));
}
BENCHMARK(BM_RecordDecodeViewVerifyCrc);

void BM_RecordDecodeOwning(benchmark::State& state) {
    const Sample& s = sample();
    for (auto _ : state) {
        auto r = decode_record(s.bytes);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.bytes.size()));
}
BENCHMARK(BM_RecordDecodeOwning);

void BM_MemcpyRecordSize(benchmark::State& state) {
    const Sample& s = sample();
    std::string dst(s.bytes.size(), '\0');
    for (auto _ : state) {
        std::memcpy(dst.data(), s.bytes.data(), s.bytes.size());
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.bytes.size()));
}
BENCHMARK(BM_MemcpyRecordSize);

void BM_PropertiesParse(benchmark::State& state) {
    for (auto _ : state) {
        Properties p = parse_properties(kProperties);
        benchmark::DoNotOptimize(p);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kProperties.size()));
}
BENCHMARK(BM_PropertiesParse);

void BM_PropertiesEncode(benchmark::State& state) {
    const Properties p = parse_properties(kProperties);
    std::string out;
    for (auto _ : state) {
        out.clear();
        append_properties(out, p);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kProperties.size()));
}
BENCHMARK(BM_PropertiesEncode);

void BM_MemcpyPropertiesSize(benchmark::State& state) {
    std::string dst(kProperties.size(), '\0');
    for (auto _ : state) {
        std::memcpy(dst.data(), kProperties.data(), kProperties.size());
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kProperties.size()));
}
BENCHMARK(BM_MemcpyPropertiesSize);

void BM_BodyCrc1KiB(benchmark::State& state) {
    const Sample& s = sample();
    for (auto _ : state)
        benchmark::DoNotOptimize(body_crc(s.body));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.body.size()));
}
BENCHMARK(BM_BodyCrc1KiB);

void BM_TagsHashCode(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(tags_hash_code("TagA"));
}
BENCHMARK(BM_TagsHashCode);

}  // namespace

BENCHMARK_MAIN();
