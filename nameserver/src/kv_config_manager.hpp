#pragma once
// The name server's KV config (KVConfigManager, spec/behaviours.md §1.6): namespace → key →
// value, rewritten to kvConfig.json ({"configTable":{…}}, compact) after every change.
#include <filesystem>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace rmq::nameserver {

class KvConfigManager {
  public:
    using Table = std::map<std::string, std::string>;

    explicit KvConfigManager(std::filesystem::path file) : file_(std::move(file)) {}

    /// Reads the file (or its .bak); a missing file is an empty table.
    store::Result<void> load();

    /// Each change is persisted before it returns; a failed write is reported (the change stays
    /// in memory, as Java's does).
    store::Result<void> put(std::string_view ns, std::string_view key, std::string_view value);
    store::Result<void> remove(std::string_view ns, std::string_view key);
    std::optional<std::string> get(std::string_view ns, std::string_view key) const;
    std::optional<Table> namespace_table(std::string_view ns) const;

    const std::filesystem::path& file() const { return file_; }

  private:
    store::Result<void> persist_locked() const;

    std::filesystem::path file_;
    mutable std::shared_mutex mutex_;
    std::map<std::string, Table> tables_;
};

}  // namespace rmq::nameserver
