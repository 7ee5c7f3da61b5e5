// mqbench producer: `senders` coroutines per client instance, each sending in a loop (or with
// callbacks and a window, -a), paced by --rate, reporting every --interval.
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <random>

#include "report.hpp"
#include "rocketmq/producer.hpp"
#include "run.hpp"
#include "topic_setup.hpp"

namespace mqbench {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

std::string random_body(int size) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::mt19937 rng(42);
    std::string body(static_cast<size_t>(size), 'x');
    for (auto& c : body)
        c = kChars[rng() % (sizeof(kChars) - 1)];
    return body;
}

/// Sends answered with a warning instead of SEND_OK, by every sender.
std::atomic<uint64_t> g_not_send_ok{0};

struct Sender {
    const Options& options;
    rocketmq::Producer& producer;
    Meter& meter;
    const std::string& body;
    std::chrono::nanoseconds period{0};  // 0 = unpaced
    uint64_t sequence = 0;

    rocketmq::Message next() {
        rocketmq::Message m(options.topic, options.tags, body);
        if (options.keys)
            m.set_keys("k" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "-"
                       + std::to_string(sequence));
        ++sequence;
        return m;
    }

    asio::awaitable<void> pace(Clock::time_point& next_at) {
        if (period.count() == 0) co_return;
        next_at += period;
        asio::steady_timer timer(co_await asio::this_coro::executor, next_at);
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }

    asio::awaitable<void> run_sync() {
        auto next_at = Clock::now();
        while (!g_stop) {
            co_await pace(next_at);
            const auto started = Clock::now();
            rocketmq::Result<rocketmq::SendResult> r = rocketmq::Error{};
            if (options.batch > 1) {
                std::vector<rocketmq::Message> batch;
                for (int i = 0; i < options.batch; ++i)
                    batch.push_back(next());
                r = co_await producer.send_batch(std::move(batch));
            } else {
                r = co_await producer.send(next());
            }
            const auto micros =
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started)
                    .count();
            if (r) {
                if (r->status != rocketmq::SendStatus::send_ok) ++g_not_send_ok;
                meter.record(static_cast<uint64_t>(micros), static_cast<uint64_t>(options.batch));
            } else {
                meter.fail(r.error().message(), static_cast<uint64_t>(options.batch));
            }
        }
    }

    asio::awaitable<void> run_async() {
        auto executor = co_await asio::this_coro::executor;
        asio::steady_timer window_open(executor, Clock::time_point::max());
        int in_flight = 0;
        auto next_at = Clock::now();
        while (!g_stop) {
            while (in_flight >= options.async_window && !g_stop) {
                window_open.expires_at(Clock::now() + std::chrono::milliseconds(100));
                co_await window_open.async_wait(asio::as_tuple(asio::use_awaitable));
            }
            co_await pace(next_at);
            ++in_flight;
            const auto started = Clock::now();
            producer.send(next(), [&, started](rocketmq::Result<rocketmq::SendResult> r) {
                --in_flight;
                const auto micros =
                    std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started)
                        .count();
                if (r) {
                    if (r->status != rocketmq::SendStatus::send_ok) ++g_not_send_ok;
                    meter.record(static_cast<uint64_t>(micros), 1);
                } else {
                    meter.fail(r.error().message(), 1);
                }
                window_open.cancel();
            });
        }
        while (in_flight > 0) {  // the callbacks refer to this frame
            window_open.expires_at(Clock::now() + std::chrono::milliseconds(100));
            co_await window_open.async_wait(asio::as_tuple(asio::use_awaitable));
        }
    }
};

}  // namespace

int run_producer(const Options& options) {
    if (auto problem =
            ensure_topic(options.namesrv, options.cluster, options.topic, options.queues);
        !problem.empty()) {
        std::fprintf(stderr, "mqbench: cannot prepare topic %s: %s\n", options.topic.c_str(),
                     problem.c_str());
        return 1;
    }
    const std::string body = random_body(options.message_size);
    std::vector<std::unique_ptr<rocketmq::Producer>> producers;
    std::vector<std::unique_ptr<Meter>> meters;
    std::vector<std::unique_ptr<Sender>> senders;
    const double per_sender_rate =
        options.rate > 0 ? options.rate / (options.senders * options.connections) : 0;
    for (int c = 0; c < options.connections; ++c) {
        rocketmq::ProducerOptions po;
        po.group = options.group;
        po.enable_msg_trace = options.trace;
        rocketmq::ClientOptions co;
        co.namesrv_addr = options.namesrv;
        co.instance_name = "mqbench-" + std::to_string(c);
        producers.push_back(std::make_unique<rocketmq::Producer>(po, co));
        meters.push_back(std::make_unique<Meter>());
        if (auto started = producers.back()->start(); !started) {
            std::fprintf(stderr, "mqbench: %s\n", started.error().message().c_str());
            return 1;
        }
    }
    const double cpu_before = cpu_seconds();
    const auto started = Clock::now();
    for (int c = 0; c < options.connections; ++c) {
        for (int s = 0; s < options.senders; ++s) {
            auto sender =
                std::make_unique<Sender>(Sender{options, *producers[c], *meters[c], body});
            if (per_sender_rate > 0)
                sender->period = std::chrono::nanoseconds(
                    static_cast<int64_t>(1e9 / per_sender_rate * options.batch));
            auto* raw = sender.get();
            senders.push_back(std::move(sender));
            asio::co_spawn(producers[c]->executor(),
                           options.async ? raw->run_async() : raw->run_sync(), asio::detached);
        }
    }

    Histogram total;
    uint64_t total_ok = 0, total_failed = 0;
    auto next = started;
    auto last = started;
    bool more = true;
    while (more) {
        more = wait_next_interval(options, started, next);
        const auto now = Clock::now();
        Histogram interval;
        uint64_t ok = 0, failed = 0;
        std::string error;
        for (auto& m : meters) {
            std::lock_guard lock(m->mutex);
            interval.merge(m->interval);
            m->interval.clear();
            ok += m->ok;
            failed += m->failed;
            if (!m->last_error.empty()) error = m->last_error;
        }
        const double seconds = std::chrono::duration<double>(now - last).count();
        last = now;
        const uint64_t new_ok = ok - total_ok;
        total_ok = ok;
        const uint64_t new_failed = failed - total_failed;
        total_failed = failed;
        if (!options.json || more)
            std::printf(
                "Send TPS: %.0f  Max RT(ms): %.3f  Average RT(ms): %.3f  p50: %.3f  "
                "p99: %.3f  p999: %.3f  Send Failed: %llu\n",
                new_ok / seconds, ms(interval.max()), interval.mean() / 1000.0,
                ms(interval.percentile(0.5)), ms(interval.percentile(0.99)),
                ms(interval.percentile(0.999)), static_cast<unsigned long long>(new_failed));
        if (new_failed > 0 && !error.empty())
            std::fprintf(stderr, "last error: %s\n", error.c_str());
        std::fflush(stdout);
    }
    g_stop = true;
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    const double cpu = cpu_seconds() - cpu_before;
    for (auto& m : meters) {
        std::lock_guard lock(m->mutex);
        total.merge(m->total);
    }
    Summary s;
    s.messages = total_ok;
    s.seconds = elapsed;
    s.send_tps = total_ok / elapsed;
    s.send_failed = total_failed;
    s.send_not_ok = g_not_send_ok;
    s.send_rt_avg_ms = total.mean() / 1000.0;
    s.send_rt_p50_ms = ms(total.percentile(0.5));
    s.send_rt_p99_ms = ms(total.percentile(0.99));
    s.send_rt_p999_ms = ms(total.percentile(0.999));
    s.send_rt_max_ms = ms(total.max());
    s.client_cpu_us_per_msg = total_ok ? cpu * 1e6 / static_cast<double>(total_ok) : 0;
    producers.clear();  // shut down: in-flight sends end, the producers unregister
    if (options.json) {
        s.print_json();
    } else {
        std::printf(
            "Summary: %llu sent (%llu not SEND_OK), %llu failed in %.1f s; TPS %.0f; RT avg %.3f "
            "p50 %.3f p99 %.3f p999 %.3f max %.3f ms; client CPU %.2f µs/msg\n",
            static_cast<unsigned long long>(total_ok),
            static_cast<unsigned long long>(s.send_not_ok),
            static_cast<unsigned long long>(total_failed), elapsed, s.send_tps, s.send_rt_avg_ms,
            s.send_rt_p50_ms, s.send_rt_p99_ms, s.send_rt_p999_ms, s.send_rt_max_ms,
            s.client_cpu_us_per_msg);
    }
    return total_failed > 0 && total_ok == 0 ? 1 : 0;
}

}  // namespace mqbench
