#include "kv_config_manager.hpp"

#include <mutex>

#include "json/parse.hpp"
#include "json/write.hpp"
#include "store/config_file.hpp"

namespace rmq::nameserver {

namespace {

store::Result<void> validate(std::string_view text) {
    auto parsed = json::parse(text);
    if (!parsed) return common::Error{store::errc::bad_config, parsed.error().message};
    return {};
}

}  // namespace

store::Result<void> KvConfigManager::load() {
    auto text = store::read_config_file(file_, validate);
    if (!text) return text.error();
    std::unique_lock lock(mutex_);
    tables_.clear();
    if (!*text) return {};
    auto doc = json::parse(**text);
    const json::Value* table = doc ? doc->find("configTable") : nullptr;
    const auto* namespaces = table ? table->if_object() : nullptr;
    if (!namespaces) return {};
    for (const auto& ns : *namespaces) {
        const auto* entries = ns.value.if_object();
        if (!entries) continue;
        auto& out = tables_[ns.key];
        for (const auto& kv : *entries) {
            if (const auto* s = kv.value.if_string()) out[kv.key] = *s;
        }
    }
    return {};
}

store::Result<void> KvConfigManager::persist_locked() const {
    json::Value table = json::Value::object();
    for (const auto& [ns, entries] : tables_) {
        json::Value values = json::Value::object();
        for (const auto& [k, v] : entries)
            values.set(k, v);
        table.set(ns, std::move(values));
    }
    json::Value doc = json::Value::object();
    doc.set("configTable", std::move(table));
    return store::write_config_file(file_, json::write(doc));
}

store::Result<void> KvConfigManager::put(std::string_view ns, std::string_view key,
                                         std::string_view value) {
    std::unique_lock lock(mutex_);
    tables_[std::string(ns)][std::string(key)] = std::string(value);
    return persist_locked();
}

store::Result<void> KvConfigManager::remove(std::string_view ns, std::string_view key) {
    std::unique_lock lock(mutex_);
    auto t = tables_.find(std::string(ns));
    if (t == tables_.end() || t->second.erase(std::string(key)) == 0) return {};
    if (t->second.empty()) tables_.erase(t);
    return persist_locked();
}

std::optional<std::string> KvConfigManager::get(std::string_view ns, std::string_view key) const {
    std::shared_lock lock(mutex_);
    auto t = tables_.find(std::string(ns));
    if (t == tables_.end()) return std::nullopt;
    auto v = t->second.find(std::string(key));
    if (v == t->second.end()) return std::nullopt;
    return v->second;
}

std::optional<KvConfigManager::Table> KvConfigManager::namespace_table(std::string_view ns) const {
    std::shared_lock lock(mutex_);
    auto t = tables_.find(std::string(ns));
    if (t == tables_.end() || t->second.empty()) return std::nullopt;
    return t->second;
}

}  // namespace rmq::nameserver
