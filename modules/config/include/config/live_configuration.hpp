#pragma once
// A server's configuration while it runs (Java's Configuration): GET_*_CONFIG reads it,
// UPDATE_*_CONFIG changes it, bumps its version and writes every key back to the server's
// config file. `Startup` is NamesrvStartup or BrokerStartup.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.hpp"
#include "config/runtime_update.hpp"

namespace rmq::config {

template <class Startup>
class LiveConfiguration {
  public:
    /// Writes a whole config file safely (the caller's durable write).
    using FileWriter =
        std::function<common::Result<void>(const std::filesystem::path&, std::string_view)>;

    LiveConfiguration(Startup startup, std::filesystem::path file, FileWriter write_file)
        : startup_(std::move(startup)),
          file_(std::move(file)),
          write_file_(std::move(write_file)),
          timestamp_(now_ms()) {}

    /// A copy of the current settings.
    Startup snapshot() const {
        std::lock_guard lock(mutex_);
        return startup_;
    }
    /// `read(settings)` under the lock: for hot paths that need a few values, not a copy of all.
    template <class F>
    auto read(F&& read) const {
        std::lock_guard lock(mutex_);
        return read(static_cast<const Startup&>(startup_));
    }
    /// Every key as `key=value` lines (the GET_*_CONFIG body).
    std::string properties_text() const {
        std::lock_guard lock(mutex_);
        return print_config(const_cast<Startup&>(startup_).schemas());
    }
    /// The configuration's DataVersion as (timestamp, counter).
    std::pair<int64_t, int64_t> version() const {
        std::lock_guard lock(mutex_);
        return {timestamp_, counter_};
    }
    const std::filesystem::path& file() const { return file_; }

    /// Applies the update (see apply_runtime_update), then persists. Returns the keys applied.
    proto::Result<std::vector<std::string>> update(std::string_view properties_text,
                                                   std::string_view black_list) {
        std::lock_guard lock(mutex_);
        auto schemas = startup_.schemas();
        auto keys = apply_runtime_update(schemas, properties_text, black_list);
        if (!keys) return keys;
        timestamp_ = now_ms();
        ++counter_;
        if (auto written = write_file_(file_, print_config(schemas)); !written)
            return proto::ProtocolError{
                proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                "applied, but not written to " + file_.string() + ": " + written.error().message};
        return keys;
    }

  private:
    static int64_t now_ms() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    mutable std::mutex mutex_;
    Startup startup_;
    std::filesystem::path file_;
    FileWriter write_file_;
    int64_t timestamp_ = 0;
    int64_t counter_ = 0;
};

}  // namespace rmq::config
