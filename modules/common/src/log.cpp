#include "common/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>

namespace rmq::log {

namespace {

Level level_from_env() {
    const char* v = std::getenv("RMQ_LOG_LEVEL");
    if (!v) return Level::Info;
    std::string_view s(v);
    if (s == "trace") return Level::Trace;
    if (s == "debug") return Level::Debug;
    if (s == "warn") return Level::Warn;
    if (s == "error") return Level::Error;
    if (s == "off") return Level::Off;
    return Level::Info;
}

std::atomic<Level>& current() {
    static std::atomic<Level> level{level_from_env()};
    return level;
}

constexpr std::string_view kNames[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"};

}  // namespace

Level level() {
    return current().load(std::memory_order_relaxed);
}
void set_level(Level l) {
    current().store(l, std::memory_order_relaxed);
}
bool enabled(Level l) {
    return l >= level() && l != Level::Off;
}

void write(Level l, std::string_view component, std::string_view message) {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    static std::mutex mu;
    std::lock_guard lock(mu);
    std::fprintf(stderr, "%s.%03d %-5s [%.*s] %.*s\n", stamp, static_cast<int>(ms),
                 kNames[static_cast<int>(l)].data(), static_cast<int>(component.size()),
                 component.data(), static_cast<int>(message.size()), message.data());
}

}  // namespace rmq::log
