// The broker's data plane loaded through the real `mqbroker` and `mqnamesrv` processes of this
// build tree (started on ephemeral loopback ports, store in a scratch directory removed after),
// each figure next to a reference measured in the same run:
// - SEND_MESSAGE_V2 of 1 KiB bodies (ASYNC_FLUSH, one topic, its queues taken round-robin),
//   closed loop, against the same frames answered by an echo server on our transport, in
//   interleaved batches; MB/s also as a fraction of the disk's raw sequential-write rate;
// - the broker's peak RSS after the sends (VmHWM from /proc);
// - end-to-end latency: a paced producer puts its steady-clock send time in each body, a
//   consumer holding one long-polling PULL_MESSAGE per queue records delivery minus send.
//
// RMQ_BENCH_DIR picks the directory of the store and of the disk reference (default:
// ./bench-broker-tmp, i.e. the disk you run from), as bench_store does; RMQ_BENCH_MQBROKER another
// build's mqbroker to measure instead of this build's.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/client.hpp"
#include "remoting/loopback_load.hpp"
#include "remoting/server.hpp"
#include "support/child_process.hpp"
#include "support/client_requests.hpp"

namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

const std::string kTopic = "BenchTopic";
constexpr int kQueues = 4;
constexpr size_t kBodyBytes = 1024;
constexpr int kSendsPerBatch = 10'000;
constexpr int kSendBatches = 12;
// End to end: one message per kPace keeps the broker far from saturation, so the figure is the
// path's latency, not queueing behind other sends.
constexpr int kEndToEndMessages = 2'000;
constexpr auto kPace = 1ms;
constexpr int64_t kSuspendMillis = 15'000;
// The first messages of each queue after the broker starts are delivered up to tens of
// milliseconds late (the dispatcher's first page faults on new consume-queue and index files);
// they are reported apart (cold_e2e_).
constexpr int kWarmUpPerQueue = 16;
constexpr int kWarmUpMessages = kWarmUpPerQueue * kQueues;
// Small enough that a run's store stays within a few hundred MB, large enough that rolling to a
// new commit-log file is rare (once per ≈ 110 000 messages of 1 KiB).
constexpr int kCommitLogFileBytes = 128 << 20;
// The index file is preallocated whole (420 MB with RocketMQ's defaults); 2 M entries, more than
// a run writes, keep it at 42 MB with the same code path.
constexpr int kIndexEntries = 2'000'000;
constexpr int kIndexHashSlots = 500'000;

// ---- Scratch space and the disk reference -------------------------------------------------------

fs::path bench_root() {
    const char* env = std::getenv("RMQ_BENCH_DIR");
    fs::path dir = env ? fs::path(env) : fs::current_path() / "bench-broker-tmp";
    fs::create_directories(dir);
    return dir;
}

/// MB/s of writing `total` bytes sequentially in 1 MiB pwrites into a preallocated file with one
/// fdatasync at the end: bench_store's ASYNC_FLUSH reference, on the disk the store is on.
double raw_write_mb_per_s(size_t total) {
    const fs::path path = bench_root() / "raw-write";
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0) return 0;
    if (::posix_fallocate(fd, 0, static_cast<off_t>(total)) != 0) {
        ::close(fd);
        return 0;
    }
    ::fdatasync(fd);
    const std::string block(1 << 20, 'r');
    const auto t0 = bench::Clock::now();
    for (size_t off = 0; off < total; off += block.size())
        if (::pwrite(fd, block.data(), block.size(), static_cast<off_t>(off))
            != static_cast<ssize_t>(block.size()))
            break;
    ::fdatasync(fd);
    const double seconds = bench::micros_since(t0) / 1e6;
    ::close(fd);
    fs::remove(path);
    return static_cast<double>(total) / seconds / 1e6;
}

/// Measured once, before any broker runs, so the broker's own flushing does not disturb it.
double disk_reference_mb_per_s() {
    static const double mb = raw_write_mb_per_s(size_t{256} << 20);
    return mb;
}

// ---- The real servers ---------------------------------------------------------------------------

/// `key` of /proc/<pid>/status in MiB (the kernel writes it in kB), 0 if absent.
double proc_status_mib(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(key + ":")) return std::stod(line.substr(key.size() + 1)) / 1024.0;
    return 0;
}

/// CPU seconds (user + system, all threads) the process has used so far, from /proc/<pid>/stat.
double process_cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name, which is in parentheses and may contain spaces: utime and
    // stime are the 12th and 13th of them.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 1; i <= 13 && fields >> field; ++i)
        if (i >= 12) ticks += std::stod(field);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// This build's mqbroker, or RMQ_BENCH_MQBROKER's (another build's, to compare two versions on
/// the same machine state with the same load).
std::string mqbroker_binary() {
    const char* other = std::getenv("RMQ_BENCH_MQBROKER");
    return other && *other ? other : RMQ_MQBROKER;
}

/// mqnamesrv and an mqbroker registered with it, with their files under one scratch directory
/// that is removed when they are stopped.
class Servers {
  public:
    Servers() : dir_(bench_root() / ("bench-broker-" + std::to_string(::getpid()))) {}
    ~Servers() { stop(); }
    Servers(const Servers&) = delete;
    Servers& operator=(const Servers&) = delete;

    bool start(std::string& error) {
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        return start_namesrv(error) && start_broker(error);
    }
    /// SIGTERM (a graceful stop, as mqshutdown does); the exit code says whether it was clean.
    void stop() {
        if (broker_) broker_exit_ = terminate(*broker_);
        if (namesrv_) terminate(*namesrv_);
        broker_.reset();
        namesrv_.reset();
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    const std::string& broker_addr() const { return broker_addr_; }
    pid_t broker_pid() const { return broker_->pid(); }
    std::optional<int> broker_exit() const { return broker_exit_; }
    std::string broker_log() const { return broker_ ? broker_->log() : std::string(); }

  private:
    bool start_namesrv(std::string& error) {
        namesrv_ = std::make_unique<test::ChildProcess>(
            RMQ_MQNAMESRV,
            std::vector<std::string>{"listenPort=0", "kvConfigPath=" + (dir_ / "kv.json").string(),
                                     "configStorePath=" + (dir_ / "namesrv.properties").string()},
            dir_ / "namesrv.log");
        const std::string port = boot_address(*namesrv_, std::regex("listening on port (\\d+)"));
        if (port.empty()) {
            error = "mqnamesrv did not boot: " + namesrv_->log();
            return false;
        }
        namesrv_addr_ = "127.0.0.1:" + port;
        return true;
    }

    bool start_broker(std::string& error) {
        const auto config = dir_ / "broker.properties";
        std::ofstream(config) << "brokerClusterName=BenchCluster\nbrokerName=bench-broker\n"
                              << "brokerIP1=127.0.0.1\nflushDiskType=ASYNC_FLUSH\n"
                              << "storePathRootDir=" << (dir_ / "store").string() << "\n"
                              << "mappedFileSizeCommitLog=" << kCommitLogFileBytes << "\n"
                              << "maxIndexNum=" << kIndexEntries << "\n"
                              << "maxHashSlotNum=" << kIndexHashSlots << "\n";
        broker_ = std::make_unique<test::ChildProcess>(
            mqbroker_binary(),
            std::vector<std::string>{"-c", config.string(), "-n", namesrv_addr_, "listenPort=0"},
            dir_ / "broker.log");
        broker_addr_ =
            boot_address(*broker_, std::regex("The broker\\[([0-9.]+:\\d+)\\] boot success"));
        if (broker_addr_.empty()) error = "mqbroker did not boot: " + broker_->log();
        return !broker_addr_.empty();
    }

    /// The first group of `pattern` in the log once the process printed "boot success".
    static std::string boot_address(test::ChildProcess& process, const std::regex& pattern) {
        if (!process.wait_for_log("boot success", 20s)) return "";
        const std::string log = process.log();
        std::smatch m;
        return std::regex_search(log, m, pattern) ? m[1].str() : "";
    }

    static std::optional<int> terminate(test::ChildProcess& process) {
        if (!process.running()) return process.wait_exit(0ms);
        process.signal(SIGTERM);
        return process.wait_exit(15s);
    }

    fs::path dir_;
    std::unique_ptr<test::ChildProcess> namesrv_;
    std::unique_ptr<test::ChildProcess> broker_;
    std::string namesrv_addr_;
    std::string broker_addr_;
    std::optional<int> broker_exit_;
};

/// The benchmark topic with kQueues queues, created as `mqadmin updateTopic` does.
bool create_topic(const std::string& broker) {
    auto request = test::create_topic_request(kTopic, kQueues);
    remoting::RemotingClient admin;
    auto response = admin.invoke_sync(broker, std::move(request), 5s);
    return response && response->code == 0;
}

// ---- Requests -----------------------------------------------------------------------------------

/// A SEND_MESSAGE_V2 as a 4.x producer sends it: tag, a unique key (which the broker indexes, as
/// RocketMQ does for every message) and WAIT=true.
RemotingCommand send_request(int32_t queue, std::string body) {
    static std::atomic<uint64_t> sequence{0};
    char key[40];
    std::snprintf(key, sizeof key, "7F000001%08X%016llX", static_cast<unsigned>(::getpid()),
                  static_cast<unsigned long long>(sequence++));
    test::Send s;
    s.topic = kTopic;
    s.queue_id = queue;
    s.properties = std::string("TAGS\x01TagA\x02UNIQ_KEY\x01") + key + "\x02WAIT\x01true\x02";
    s.body = std::move(body);
    return test::send_request(s);
}

RemotingCommand bulk_send_request(int n) {
    return send_request(n % kQueues, std::string(kBodyBytes, 'm'));
}

/// The body of an end-to-end message: the steady-clock send time in nanoseconds (20 digits), then
/// padding to kBodyBytes.
std::string timestamped_body() {
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(bench::Clock::now().time_since_epoch())
            .count();
    char digits[24];
    std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(ns));
    std::string body(kBodyBytes, 'e');
    body.replace(0, 20, digits);
    return body;
}

/// Microseconds from the send time written by timestamped_body() to `now`.
double micros_since_sent(const std::string& body, bench::Clock::time_point now) {
    long long sent_ns = 0;
    std::from_chars(body.data(), body.data() + std::min<size_t>(20, body.size()), sent_ns);
    const auto now_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
    return static_cast<double>(now_ns - sent_ns) / 1e3;
}

RemotingCommand held_pull_request(int32_t queue, int64_t offset) {
    proto::PullMessageRequestHeader h;
    h.consumerGroup = "BenchConsumer";
    h.topic = kTopic;
    h.queueId = queue;
    h.queueOffset = offset;
    h.maxMsgNums = 32;
    h.sysFlag = proto::pull_sys_flag::kSuspend | proto::pull_sys_flag::kSubscription;
    h.commitOffset = 0;
    h.suspendTimeoutMillis = kSuspendMillis;
    h.subscription = "*";
    h.subVersion = 0;
    h.expressionType = "TAG";
    auto request = RemotingCommand::request(proto::to_int(RequestCode::PULL_MESSAGE));
    request.set_header(h);
    return request;
}

// ---- 1. Send throughput and latency -------------------------------------------------------------

/// The reference: the same SEND_MESSAGE_V2 frames answered by a processor that does no work, on
/// our transport with one I/O thread, with a response header of the broker's size (msgId,
/// queueId, queueOffset).
std::unique_ptr<remoting::RemotingServer> echo_server() {
    return bench::reference_server(
        proto::to_int(RequestCode::SEND_MESSAGE_V2),
        [](remoting::RequestContext&,
           RemotingCommand& request) -> asio::awaitable<std::optional<RemotingCommand>> {
            auto response = RemotingCommand::response_to(request, 0);
            response.ext_fields.emplace();
            response.ext_fields->set("msgId", "7F00000100002A9F00000000000A1B2C");
            response.ext_fields->set("queueId", "0");
            response.ext_fields->set("queueOffset", "123456");
            co_return response;
        });
}

/// Runs `state`'s iterations as batches against the broker and the echo in turns, alternating
/// which goes first, so that load from other processes hits both alike. Returns the seconds the
/// broker batches and the echo batches took.
std::pair<double, double> interleaved_batches(benchmark::State& state, bench::RequestLoad& sends,
                                              bench::RequestLoad& echoes) {
    double send_seconds = 0;
    double echo_seconds = 0;
    bool echo_first = false;
    for (auto _ : state) {
        if (echo_first) echo_seconds += echoes.run(kSendsPerBatch);
        const double seconds = sends.run(kSendsPerBatch);
        if (!echo_first) echo_seconds += echoes.run(kSendsPerBatch);
        echo_first = !echo_first;
        send_seconds += seconds;
        state.SetIterationTime(seconds);
    }
    return {send_seconds, echo_seconds};
}

void report_rss(benchmark::State& state, pid_t broker) {
    state.counters["broker_peak_rss_MiB"] = proc_status_mib(broker, "VmHWM");
    state.counters["broker_rss_MiB"] = proc_status_mib(broker, "VmRSS");
    // Mapped commit-log pages count in RSS as file pages; the heap is the anonymous part.
    state.counters["broker_rss_anon_MiB"] = proc_status_mib(broker, "RssAnon");
}

/// range(0) connections × range(1) sends in flight on each, against a fresh broker.
void BM_Send(benchmark::State& state) {
    const int connections = static_cast<int>(state.range(0));
    const int window = static_cast<int>(state.range(1));
    const double disk_mb = disk_reference_mb_per_s();
    Servers servers;
    std::string error;
    if (!servers.start(error) || !create_topic(servers.broker_addr())) {
        state.SkipWithError(("servers: " + error).c_str());
        return;
    }
    state.counters["broker_boot_rss_MiB"] = proc_status_mib(servers.broker_pid(), "VmRSS");
    auto echo = echo_server();
    {
        bench::RequestLoad sends(servers.broker_addr(), connections, window, bulk_send_request);
        bench::RequestLoad echoes("127.0.0.1:" + std::to_string(echo->port()), connections, window,
                                  bulk_send_request);
        if (!sends.warm_up() || !echoes.warm_up()) {
            state.SkipWithError("warm-up send failed");
            return;
        }
        const double cpu_before = process_cpu_seconds(servers.broker_pid());
        const auto [send_seconds, echo_seconds] = interleaved_batches(state, sends, echoes);
        // The broker idles during the echo batches, so its CPU time is the sends' alone.
        state.counters["broker_cpu_us_per_msg"] =
            (process_cpu_seconds(servers.broker_pid()) - cpu_before) * 1e6
            / static_cast<double>(kSendsPerBatch * state.iterations());
        if (sends.failed() || echoes.failed()) state.SkipWithError("a send failed");
        const double rate = static_cast<double>(sends.total()) / send_seconds;
        const double echo_rate = static_cast<double>(echoes.total()) / echo_seconds;
        const double mb = rate * static_cast<double>(kBodyBytes) / 1e6;
        state.counters["msgs_per_s"] = rate;
        state.counters["MB_per_s"] = mb;
        state.counters["echo_msgs_per_s"] = echo_rate;
        state.counters["x_echo"] = rate / echo_rate;
        state.counters["disk_MB_per_s"] = disk_mb;
        state.counters["x_disk"] = disk_mb > 0 ? mb / disk_mb : 0;
        sends.latencies().report(state);
        echoes.latencies().report(state, "echo_");
    }
    report_rss(state, servers.broker_pid());
    echo->stop();
    servers.stop();
    if (servers.broker_exit() != 0) state.SkipWithError("the broker did not stop cleanly");
}

// A fixed number of batches, whatever --benchmark_min_time says: every message stays in the store
// (and, mapped, in the broker's RSS) until the run ends, so the count bounds the disk used
// (≈ 12 × 10 000 × 1.2 KB = 145 MB of commit log per shape; each shape gets a fresh store).
BENCHMARK(BM_Send)
    ->ArgNames({"connections", "window"})
    ->Args({1, 1})
    ->Args({1, 16})
    ->Args({4, 32})
    ->Iterations(kSendBatches)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// ---- 1b. Sends beside topic auto-creation
// --------------------------------------------------------

constexpr int kAutoCreatedPerIteration = 300;
constexpr int kBesideBatch = 100;

/// A send to a topic the broker does not have yet, created from TBW102 (a new topic each time).
RemotingCommand auto_create_send_request(int) {
    static std::atomic<int> next{0};
    test::Send s;
    s.topic = "AutoTopic-" + std::to_string(::getpid()) + "-" + std::to_string(next++);
    s.body = std::string(kBodyBytes, 'a');
    return test::send_request(s);
}

/// Sends on one connection while another connection's sends auto-create topics (each creation
/// changes topics.json and re-registers with the name server), against the same kind of sends
/// alone just before: whether the creations stall everyone else's sends.
void BM_SendBesideTopicCreation(benchmark::State& state) {
    Servers servers;
    std::string error;
    if (!servers.start(error) || !create_topic(servers.broker_addr())) {
        state.SkipWithError(("servers: " + error).c_str());
        return;
    }
    bench::RequestLoad alone(servers.broker_addr(), 1, 1, bulk_send_request);
    bench::RequestLoad beside(servers.broker_addr(), 1, 1, bulk_send_request);
    bench::RequestLoad creating(servers.broker_addr(), 1, 1, auto_create_send_request);
    if (!alone.warm_up() || !beside.warm_up() || !creating.warm_up()) {
        state.SkipWithError("warm-up send failed");
        return;
    }
    double creation_seconds = 0;
    for (auto _ : state) {
        alone.run(kBesideBatch * 10);
        std::atomic<bool> created{false};
        std::thread creator([&] {
            creation_seconds += creating.run(kAutoCreatedPerIteration);
            created = true;
        });
        while (!created)
            beside.run(kBesideBatch);
        creator.join();
    }
    if (alone.failed() || beside.failed() || creating.failed())
        state.SkipWithError("a send failed");
    state.counters["topics_created_per_s"] =
        static_cast<double>(creating.total()) / creation_seconds;
    alone.latencies().report(state, "alone_");
    beside.latencies().report(state, "beside_creation_");
    servers.stop();
}

BENCHMARK(BM_SendBesideTopicCreation)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

// ---- 2. End-to-end latency ----------------------------------------------------------------------

/// A consumer holding one long-polling pull per queue on its own client thread, re-issued from
/// nextBeginOffset on every answer, recording delivery time minus the send time in each body.
class HeldPullConsumer {
  public:
    explicit HeldPullConsumer(std::string broker)
        : broker_(std::move(broker)),
          pool_(std::make_shared<remoting::IoContextPool>(1)),
          client_(remoting::ClientConfig{}, pool_) {
        pool_->start();
    }
    ~HeldPullConsumer() { stop(); }
    HeldPullConsumer(const HeldPullConsumer&) = delete;
    HeldPullConsumer& operator=(const HeldPullConsumer&) = delete;

    void start() {
        running_ = kQueues;
        for (int32_t queue = 0; queue < kQueues; ++queue)
            asio::co_spawn(pool_->at(0), follow(queue), asio::detached);
    }
    /// Closing the client answers the held pulls with an error, which ends each loop.
    void stop() {
        if (stopping_.exchange(true)) return;
        client_.close();
        if (running_ > 0) done_.get_future().wait_for(10s);
        pool_->stop();
    }

    /// Waits until `n` messages were delivered; false after `timeout`.
    bool wait_delivered(int64_t n, std::chrono::milliseconds timeout) const {
        const auto deadline = bench::Clock::now() + timeout;
        while (delivered_ < n && bench::Clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        return delivered_ >= n;
    }
    int64_t delivered() const { return delivered_; }
    bool failed() const { return failed_; }
    bench::Latencies& latencies() { return latencies_; }
    bench::Latencies& cold_latencies() { return cold_latencies_; }

  private:
    asio::awaitable<void> follow(int32_t queue) {
        int64_t offset = 0;
        while (!stopping_) {
            auto request = held_pull_request(queue, offset);
            auto response = co_await client_.invoke(broker_, std::move(request),
                                                    std::chrono::milliseconds(kSuspendMillis) + 5s);
            if (!response) {
                if (!stopping_) failed_ = true;  // a lost connection, not our own close()
                break;
            }
            if (!answer_ok(*response)) break;
            if (response->code == 0) record(response->body);
            offset = std::stoll(*response->ext("nextBeginOffset"));
        }
        if (--running_ == 0) done_.set_value();
    }

    /// SUCCESS, or a held pull that expired empty; anything else while running is a failure.
    bool answer_ok(const RemotingCommand& response) {
        const bool ok = response.code == 0
                        || response.code == proto::to_int(ResponseCode::PULL_NOT_FOUND)
                        || response.code == proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY);
        if (!ok && !stopping_) failed_ = true;
        return ok && response.ext("nextBeginOffset") != nullptr;
    }

    void record(const std::string& body) {
        const auto now = bench::Clock::now();
        std::vector<double> local;
        std::vector<double> cold;
        for (const auto& message : message::decode_messages(std::span<const char>(body))) {
            const double micros = micros_since_sent(message.body, now);
            (message.queue_offset < kWarmUpPerQueue ? cold : local).push_back(micros);
        }
        delivered_ += static_cast<int64_t>(local.size() + cold.size());
        latencies_.add(local);
        cold_latencies_.add(cold);
    }

    std::string broker_;
    std::shared_ptr<remoting::IoContextPool> pool_;
    remoting::RemotingClient client_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> failed_{false};
    std::atomic<int> running_{0};
    std::atomic<int64_t> delivered_{0};
    std::promise<void> done_;
    bench::Latencies latencies_;
    bench::Latencies cold_latencies_;
};

/// `count` sends, one per kPace, each waiting for its answer; false if one failed.
bool paced_sends(remoting::RemotingClient& producer, const std::string& broker, int count,
                 bench::Latencies& send_latencies) {
    std::vector<double> local;
    const auto start = bench::Clock::now();
    for (int i = 0; i < count; ++i) {
        std::this_thread::sleep_until(start + i * kPace);
        const auto sent = bench::Clock::now();
        auto response =
            producer.invoke_sync(broker, send_request(i % kQueues, timestamped_body()), 10s);
        if (!response || response->code != 0) return false;
        local.push_back(bench::micros_since(sent));
    }
    send_latencies.add(local);
    return true;
}

/// kWarmUpPerQueue messages to every queue, delivered before the measured ones.
bool deliver_warm_up(remoting::RemotingClient& producer, const std::string& broker,
                     HeldPullConsumer& consumer) {
    bench::Latencies ignored;
    return paced_sends(producer, broker, kWarmUpMessages, ignored)
           && consumer.wait_delivered(kWarmUpMessages, 30s);
}

/// Paced sends delivered to held pulls: e2e_ (delivery minus send), cold_e2e_ (the warm-up
/// messages, the first of each queue after start-up) and send_ latencies.
void BM_EndToEnd(benchmark::State& state) {
    Servers servers;
    std::string error;
    if (!servers.start(error) || !create_topic(servers.broker_addr())) {
        state.SkipWithError(("servers: " + error).c_str());
        return;
    }
    HeldPullConsumer consumer(servers.broker_addr());
    consumer.start();
    remoting::RemotingClient producer;
    if (!deliver_warm_up(producer, servers.broker_addr(), consumer)) {
        state.SkipWithError("warm-up messages were not delivered");
        return;
    }
    int64_t sent = kWarmUpMessages;
    bench::Latencies send_latencies;
    for (auto _ : state) {
        if (!paced_sends(producer, servers.broker_addr(), kEndToEndMessages, send_latencies)) {
            state.SkipWithError("a send failed");
            break;
        }
        sent += kEndToEndMessages;
        if (!consumer.wait_delivered(sent, 10s)) {
            state.SkipWithError("not every message was delivered");
            break;
        }
    }
    consumer.stop();
    if (consumer.failed()) state.SkipWithError("a pull failed");
    state.counters["delivered"] = static_cast<double>(consumer.delivered() - kWarmUpMessages);
    consumer.latencies().report(state, "e2e_");
    consumer.cold_latencies().report(state, "cold_e2e_");
    send_latencies.report(state, "send_");
    producer.close();
    servers.stop();
}

// A fixed number of paced batches: the figure is latency, so the sample count matters, not time.
BENCHMARK(BM_EndToEnd)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
