// The name server loaded the way RocketMQ clients and brokers load it, each figure next to a
// reference measured in the same run:
// - GET_ROUTEINFO_BY_TOPIC for random topics over loopback against an echo server answering the
//   very same requests, so the ratio is the cost of the route lookup and the route's JSON;
// - REGISTER_BROKER through NameServerProcessor::handle, with a changed data version (the whole
//   topic table is applied) and an unchanged one (Java's cheap path), against decoding the same
//   RegisterBrokerBody alone;
// - the registry's heap per topic-queue entry, counted by this program's operator new.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "body/register_broker_body.hpp"
#include "message/checksum.hpp"
#include "nameserver.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/client.hpp"
#include "remoting/frame.hpp"
#include "remoting/loopback_load.hpp"
#include "remoting/server.hpp"

// ---- Live-heap accounting ----------------------------------------------------------------------
// Counting is switched on only while a registry is built, so the other benchmarks pay one relaxed
// load per allocation. Usable sizes (not requested sizes) are what the allocator really spends.
namespace {

std::atomic<bool> g_counting{false};
std::atomic<int64_t> g_live_bytes{0};

void* counted_alloc(size_t n) noexcept {
    void* p = std::malloc(n == 0 ? 1 : n);
    if (p && g_counting.load(std::memory_order_relaxed))
        g_live_bytes.fetch_add(static_cast<int64_t>(malloc_usable_size(p)),
                               std::memory_order_relaxed);
    return p;
}

void counted_free(void* p) noexcept {
    if (!p) return;
    if (g_counting.load(std::memory_order_relaxed))
        g_live_bytes.fetch_sub(static_cast<int64_t>(malloc_usable_size(p)),
                               std::memory_order_relaxed);
    std::free(p);
}

void* counted_alloc_or_throw(size_t n) {
    if (void* p = counted_alloc(n)) return p;
    throw std::bad_alloc();
}

}  // namespace

void* operator new(size_t n) {
    return counted_alloc_or_throw(n);
}
void* operator new[](size_t n) {
    return counted_alloc_or_throw(n);
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
    return counted_alloc(n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
    return counted_alloc(n);
}
void operator delete(void* p) noexcept {
    counted_free(p);
}
void operator delete[](void* p) noexcept {
    counted_free(p);
}
void operator delete(void* p, size_t) noexcept {
    counted_free(p);
}
void operator delete[](void* p, size_t) noexcept {
    counted_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    counted_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    counted_free(p);
}

namespace {

namespace asio = boost::asio;
using namespace rmq;
using proto::RequestCode;
using remoting::RemotingCommand;

constexpr int kRequestsPerIteration = 20'000;
// The registry clients query: 2 clusters of 4 broker names (each a master and a slave), every
// topic of a cluster on all of its brokers, as mqadmin updateTopic -c creates them.
constexpr int kClusters = 2;
constexpr int kBrokersPerCluster = 4;
constexpr int kTopicsPerCluster = 1'000;
constexpr int kTopicQueueEntries = kClusters * kTopicsPerCluster * kBrokersPerCluster;

std::string topic_name(int cluster, int i) {
    char name[48];
    std::snprintf(name, sizeof name, "BenchmarkTopic_%d_%05d", cluster, i);
    return name;
}

/// What a broker's NameServerRegistrar sends: a JSON RegisterBrokerBody with its CRC.
RemotingCommand register_request(const std::string& cluster, const std::string& broker_name,
                                 int64_t broker_id, const std::string& broker_addr,
                                 const std::vector<std::string>& topics, int64_t version) {
    body::RegisterBrokerBody body;
    auto& wrapper = body.topic_config_serialize_wrapper;
    wrapper.data_version = {1'700'000'000'000, version};
    for (const auto& topic : topics) {
        body::TopicConfig config;
        config.topic_name = topic;
        config.read_queue_nums = 8;
        config.write_queue_nums = 8;
        wrapper.topic_config_table.insert_or_assign(topic, std::move(config));
    }
    proto::RegisterBrokerRequestHeader h;
    h.brokerName = broker_name;
    h.brokerAddr = broker_addr;
    h.clusterName = cluster;
    h.haServerAddr = broker_addr.substr(0, broker_addr.find(':')) + ":10912";
    h.brokerId = broker_id;
    h.compressed = false;
    auto request = RemotingCommand::request(proto::to_int(RequestCode::REGISTER_BROKER));
    request.body = body.encode();
    h.bodyCrc32 = message::body_crc(request.body);
    request.set_header(h);
    return request;
}

/// Every master's and slave's registration of the registry.
std::vector<RemotingCommand> registry_requests() {
    std::vector<RemotingCommand> out;
    for (int c = 0; c < kClusters; ++c) {
        std::vector<std::string> topics;
        for (int i = 0; i < kTopicsPerCluster; ++i)
            topics.push_back(topic_name(c, i));
        const std::string cluster = "BenchmarkCluster" + std::to_string(c);
        for (int b = 0; b < kBrokersPerCluster; ++b) {
            const std::string name = "broker-" + std::to_string(c) + "-" + std::to_string(b);
            const std::string host = std::to_string(c) + "." + std::to_string(b);
            for (int64_t id = 0; id < 2; ++id)
                out.push_back(register_request(cluster, name, id,
                                               "10." + std::to_string(id) + "." + host + ":10911",
                                               topics, 1));
        }
    }
    return out;
}

RemotingCommand route_request(const std::string& topic) {
    proto::GetRouteInfoRequestHeader h;
    h.topic = topic;
    auto request = RemotingCommand::request(proto::to_int(RequestCode::GET_ROUTEINFO_BY_TOPIC));
    request.set_header(h);
    return request;
}

/// The same random topics for the name server and its reference.
const std::vector<std::string>& random_topics() {
    static const std::vector<std::string> topics = [] {
        std::mt19937 rng(20261122);
        std::uniform_int_distribution<int> cluster(0, kClusters - 1);
        std::uniform_int_distribution<int> index(0, kTopicsPerCluster - 1);
        std::vector<std::string> out;
        for (int i = 0; i < kRequestsPerIteration; ++i)
            out.push_back(topic_name(cluster(rng), index(rng)));
        return out;
    }();
    return topics;
}

RemotingCommand random_route_request(int n) {
    return route_request(random_topics()[static_cast<size_t>(n) % random_topics().size()]);
}

std::filesystem::path scratch_dir() {
    return std::filesystem::temp_directory_path()
           / ("bench_nameserver-" + std::to_string(::getpid()));
}

// ---- 1. Route queries over loopback -------------------------------------------------------------

/// The reference: the same requests answered by a processor that does nothing (bench_loopback's
/// echo, registered under GET_ROUTEINFO_BY_TOPIC so that the frames are byte for byte the same).
std::unique_ptr<remoting::RemotingServer> echo_server() {
    return bench::reference_server(
        proto::to_int(RequestCode::GET_ROUTEINFO_BY_TOPIC),
        [](remoting::RequestContext&,
           RemotingCommand& request) -> asio::awaitable<std::optional<RemotingCommand>> {
            auto response = RemotingCommand::response_to(request, 0);
            response.body = std::move(request.body);
            co_return response;
        });
}

/// Batches against the name server and against the echo reference are interleaved (in turns,
/// alternating which goes first), so both see the same machine; the time column is the name
/// server's.
void BM_RouteQuery(benchmark::State& state) {
    const int connections = static_cast<int>(state.range(0));
    const int window = static_cast<int>(state.range(1));
    nameserver::NameServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    options.io_threads = 1;
    options.kv_config_path = scratch_dir() / "kvConfig.json";
    options.startup.namesrv.config_store_path = scratch_dir() / "namesrv.properties";
    // The registering connection stays idle while clients query; neither it nor its brokers may
    // be dropped mid-run.
    options.idle_timeout = std::chrono::hours(1);
    options.broker_expiry = std::chrono::hours(1);
    nameserver::NameServer namesrv(options);
    if (auto started = namesrv.start(); !started) {
        state.SkipWithError(("name server: " + started.error().message).c_str());
        return;
    }
    const std::string address = "127.0.0.1:" + std::to_string(namesrv.port());

    // Through the real REGISTER_BROKER path, on one connection as a broker would keep it.
    remoting::RemotingClient registrar;
    for (auto& request : registry_requests()) {
        auto response = registrar.invoke_sync(address, std::move(request), std::chrono::seconds(5));
        if (!response || response->code != 0) {
            state.SkipWithError("REGISTER_BROKER failed");
            return;
        }
    }
    auto sample = registrar.invoke_sync(address, random_route_request(0), std::chrono::seconds(5));
    if (!sample || sample->code != 0) {
        state.SkipWithError("no route for a registered topic");
        return;
    }

    auto echo = echo_server();
    {
        bench::RequestLoad routes(address, connections, window, random_route_request);
        bench::RequestLoad echoes("127.0.0.1:" + std::to_string(echo->port()), connections, window,
                                  random_route_request);
        if (!routes.warm_up() || !echoes.warm_up()) {
            state.SkipWithError("warm-up request failed");
            return;
        }
        double routes_seconds = 0;
        double echo_seconds = 0;
        bool echo_first = false;
        for (auto _ : state) {
            if (echo_first) echo_seconds += echoes.run(kRequestsPerIteration);
            const double seconds = routes.run(kRequestsPerIteration);
            if (!echo_first) echo_seconds += echoes.run(kRequestsPerIteration);
            echo_first = !echo_first;
            routes_seconds += seconds;
            state.SetIterationTime(seconds);
        }
        if (routes.failed() || echoes.failed()) state.SkipWithError("a request failed");
        const double rate = static_cast<double>(routes.total()) / routes_seconds;
        const double echo_rate = static_cast<double>(echoes.total()) / echo_seconds;
        state.counters["req_per_s"] = rate;
        state.counters["echo_req_per_s"] = echo_rate;
        state.counters["x_echo"] = rate / echo_rate;
        routes.latencies().report(state);
        echoes.latencies().report(state, "echo_");
    }
    state.counters["frame_bytes"] =
        static_cast<double>(remoting::encode_frame(random_route_request(0)).size());
    state.counters["response_bytes"] = static_cast<double>(remoting::encode_frame(*sample).size());
    echo->stop();
    registrar.close();
    namesrv.stop();
    std::filesystem::remove_all(scratch_dir());
}

BENCHMARK(BM_RouteQuery)
    ->ArgNames({"connections", "window"})
    ->Args({1, 1})
    ->Args({1, 16})
    ->Args({16, 16})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// ---- 2. Registration cost -----------------------------------------------------------------------

struct Registrar {
    nameserver::RouteInfoManager routes;
    nameserver::KvConfigManager kv{scratch_dir() / "kvConfig.json"};
    nameserver::NameServerProcessor processor{routes, kv, {}};
};

std::vector<std::string> broker_topics(int count) {
    std::vector<std::string> topics;
    for (int i = 0; i < count; ++i)
        topics.push_back(topic_name(0, i));
    return topics;
}

/// This thread's CPU time: other processes on the machine do not inflate it.
double thread_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// range(0) topics; range(1) = 1: every call carries a new data version, so the whole table is
/// applied (a broker after a topic change); 0: the same version every time (the 30-s heartbeat).
/// Each iteration also decodes the same body alone, the reference (x_decode), in turns with the
/// registration. Times are this thread's CPU time.
void BM_RegisterBroker(benchmark::State& state) {
    const auto topics = broker_topics(static_cast<int>(state.range(0)));
    const bool changed = state.range(1) != 0;
    // Two versions taken in turn: each call differs from the one before, with identical sizes.
    const RemotingCommand versions[2] = {
        register_request("BenchmarkCluster0", "broker-0-0", 0, "10.0.0.0:10911", topics, 1),
        register_request("BenchmarkCluster0", "broker-0-0", 0, "10.0.0.0:10911", topics, 2)};
    Registrar r;
    if (auto first = r.processor.handle(versions[0], 1); !first || first->code != 0) {
        state.SkipWithError("REGISTER_BROKER failed");
        return;
    }
    size_t call = 0;
    double register_seconds = 0;
    double decode_seconds = 0;
    for (auto _ : state) {
        const auto& request = versions[changed ? (++call & 1) : 0];
        double start = thread_seconds();
        auto response = r.processor.handle(request, 1);
        benchmark::DoNotOptimize(response);
        const double seconds = thread_seconds() - start;
        start = thread_seconds();
        auto body = body::RegisterBrokerBody::decode(request.body);
        benchmark::DoNotOptimize(body);
        decode_seconds += thread_seconds() - start;
        register_seconds += seconds;
        state.SetIterationTime(seconds);
    }
    const auto iterations = static_cast<double>(state.iterations());
    state.counters["decode_us"] = decode_seconds / iterations * 1e6;
    state.counters["x_decode"] = register_seconds / decode_seconds;
    state.counters["body_bytes"] = static_cast<double>(versions[0].body.size());
}

BENCHMARK(BM_RegisterBroker)
    ->ArgNames({"topics", "changed"})
    ->ArgsProduct({{1'000, 10'000}, {1, 0}})
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

// ---- 3. Memory ----------------------------------------------------------------------------------

/// The heap the registry keeps after every registration of range(0): 0 = the route-query
/// registry (2 × 4 brokers with masters and slaves, 1 000 topics per cluster), 1 = one master
/// with 10 000 topics. Requests are built before counting starts and outlive the measurement,
/// so only what the name server keeps is counted.
void BM_RegistryMemory(benchmark::State& state) {
    std::vector<RemotingCommand> requests;
    int64_t entries = 0;
    if (state.range(0) == 0) {
        requests = registry_requests();
        entries = kTopicQueueEntries;
    } else {
        requests.push_back(register_request("BenchmarkCluster0", "broker-0-0", 0, "10.0.0.0:10911",
                                            broker_topics(10'000), 1));
        entries = 10'000;
    }
    int64_t bytes = 0;
    for (auto _ : state) {
        auto registrar = std::make_unique<Registrar>();
        g_live_bytes = 0;
        g_counting = true;
        for (const auto& request : requests) {
            auto response = registrar->processor.handle(request, 1);
            benchmark::DoNotOptimize(response);
        }
        g_counting = false;
        bytes = g_live_bytes.load();
        state.PauseTiming();
        registrar.reset();
        state.ResumeTiming();
    }
    state.counters["heap_bytes"] = static_cast<double>(bytes);
    state.counters["entries"] = static_cast<double>(entries);
    state.counters["bytes_per_entry"] = static_cast<double>(bytes) / static_cast<double>(entries);
}

BENCHMARK(BM_RegistryMemory)
    ->ArgNames({"registry"})
    ->Arg(0)
    ->Arg(1)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
