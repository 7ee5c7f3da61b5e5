// mqbench consumer: push consumers with a coroutine listener that counts messages and records
// born-to-consume latency (the producer's born timestamp to now, same machine clock).
#include <boost/asio/awaitable.hpp>
#include <memory>

#include "report.hpp"
#include "rocketmq/push_consumer.hpp"
#include "run.hpp"

namespace mqbench {

using Clock = std::chrono::steady_clock;

namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int run_consumer(const Options& options) {
    std::vector<std::unique_ptr<rocketmq::PushConsumer>> consumers;
    std::vector<std::unique_ptr<Meter>> meters;
    for (int c = 0; c < options.connections; ++c) {
        rocketmq::PushConsumerOptions po;
        po.group = options.group;
        po.consume_thread_max = options.senders;
        po.enable_msg_trace = options.trace;
        rocketmq::ClientOptions co;
        co.namesrv_addr = options.namesrv;
        co.instance_name = "mqbench-consumer-" + std::to_string(c);
        auto consumer = std::make_unique<rocketmq::PushConsumer>(po, co);
        auto meter = std::make_unique<Meter>();
        if (auto subscribed =
                consumer->subscribe(options.topic, options.tags.empty() ? "*" : options.tags);
            !subscribed) {
            std::fprintf(stderr, "mqbench: %s\n", subscribed.error().message().c_str());
            return 1;
        }
        consumer->set_listener(
            [m = meter.get()](
                std::span<const rocketmq::ReceivedMessage> batch,
                rocketmq::ConsumeContext&) -> boost::asio::awaitable<rocketmq::ConsumeResult> {
                const auto now = now_ms();
                for (const auto& msg : batch)
                    m->record(static_cast<uint64_t>(std::max<int64_t>(0, now - msg.born_timestamp))
                                  * 1000,
                              1);
                co_return rocketmq::ConsumeResult::success;
            });
        if (auto started = consumer->start_blocking(); !started) {
            std::fprintf(stderr, "mqbench: %s\n", started.error().message().c_str());
            return 1;
        }
        consumers.push_back(std::move(consumer));
        meters.push_back(std::move(meter));
    }
    const double cpu_before = cpu_seconds();
    const auto started = Clock::now();
    auto next = started;
    auto last = started;
    uint64_t total_ok = 0;
    bool more = true;
    while (more) {
        more = wait_next_interval(options, started, next);
        const auto now = Clock::now();
        Histogram interval;
        uint64_t ok = 0;
        for (auto& m : meters) {
            std::lock_guard lock(m->mutex);
            interval.merge(m->interval);
            m->interval.clear();
            ok += m->ok;
        }
        const double seconds = std::chrono::duration<double>(now - last).count();
        last = now;
        const uint64_t fresh = ok - total_ok;
        total_ok = ok;
        if (!options.json || more)
            std::printf("Consume TPS: %.0f  B2C avg(ms): %.1f  p50: %.1f  p99: %.1f  max: %.1f\n",
                        fresh / seconds, interval.mean() / 1000.0, ms(interval.percentile(0.5)),
                        ms(interval.percentile(0.99)), ms(interval.max()));
        std::fflush(stdout);
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    const double cpu = cpu_seconds() - cpu_before;
    Histogram total;
    for (auto& m : meters) {
        std::lock_guard lock(m->mutex);
        total.merge(m->total);
    }
    Summary s;
    s.messages = total_ok;
    s.seconds = elapsed;
    s.consume_tps = total_ok / elapsed;
    s.b2c_p50_ms = ms(total.percentile(0.5));
    s.b2c_p99_ms = ms(total.percentile(0.99));
    s.b2c_max_ms = ms(total.max());
    s.client_cpu_us_per_msg = total_ok ? cpu * 1e6 / static_cast<double>(total_ok) : 0;
    consumers.clear();
    if (options.json) {
        s.print_json();
    } else {
        std::printf(
            "Summary: %llu consumed in %.1f s; TPS %.0f; B2C p50 %.1f p99 %.1f max %.1f "
            "ms; client CPU %.2f µs/msg\n",
            static_cast<unsigned long long>(total_ok), elapsed, s.consume_tps, s.b2c_p50_ms,
            s.b2c_p99_ms, s.b2c_max_ms, s.client_cpu_us_per_msg);
    }
    return 0;
}

}  // namespace mqbench
