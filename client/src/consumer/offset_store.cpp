#include "consumer/offset_store.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "body/reset_offset.hpp"
#include "common/log.hpp"
#include "consumer/broker_calls.hpp"
#include "core/client_instance.hpp"
#include "core/errors.hpp"
#include "core/message_codec.hpp"
#include "core/system_properties.hpp"

namespace rocketmq::detail {

void OffsetStore::update(const MessageQueue& queue, int64_t offset, bool increase_only) {
    auto [it, inserted] = table_.try_emplace(queue, offset);
    if (inserted) return;
    if (!increase_only || offset > it->second) it->second = offset;
}

int64_t OffsetStore::read_memory(const MessageQueue& queue) const {
    auto it = table_.find(queue);
    return it == table_.end() ? -1 : it->second;
}

namespace {

class RemoteOffsetStore final : public OffsetStore {
  public:
    RemoteOffsetStore(ClientInstance& client, std::string group)
        : client_(client), group_(std::move(group)) {}

    asio::awaitable<Result<int64_t>> read_stored(const MessageQueue& queue) override {
        auto stored = co_await query_consumer_offset(client_, group_, queue);
        if (stored && *stored >= 0) update(queue, *stored, false);
        co_return stored;
    }

    asio::awaitable<void> persist_all(const std::set<MessageQueue>& queues) override {
        std::vector<MessageQueue> unused;
        for (const auto& [queue, offset] : table_) {
            if (!queues.contains(queue)) {
                unused.push_back(queue);
                continue;
            }
            co_await update_consumer_offset(client_, group_, queue, offset);
        }
        for (const auto& q : unused)
            table_.erase(q);
    }

    asio::awaitable<void> persist(const MessageQueue& queue) override {
        auto it = table_.find(queue);
        if (it != table_.end()) co_await update_consumer_offset(client_, group_, queue, it->second);
    }

  private:
    ClientInstance& client_;
    std::string group_;
};

class LocalOffsetStore final : public OffsetStore {
  public:
    LocalOffsetStore(std::filesystem::path file) : file_(std::move(file)) {}

    Result<void> load() override {
        for (const auto& path : {file_, std::filesystem::path(file_.string() + ".bak")}) {
            std::ifstream in(path);
            if (!in) continue;
            std::stringstream text;
            text << in.rdbuf();
            auto body = rmq::body::ResetOffsetBody::decode(text.str());
            if (!body) {
                rmq::log::warn("client", "cannot read offsets from " + path.string() + ": "
                                             + body.error().message);
                continue;
            }
            for (const auto& [queue, offset] : body->offset_table)
                table_[from_body(queue)] = offset;
            return {};
        }
        return {};
    }

    asio::awaitable<Result<int64_t>> read_stored(const MessageQueue& queue) override {
        co_return read_memory(queue);
    }

    asio::awaitable<void> persist_all(const std::set<MessageQueue>& queues) override {
        rmq::body::ResetOffsetBody body;
        for (const auto& [queue, offset] : table_)
            if (queues.contains(queue)) body.offset_table.insert_or_assign(to_body(queue), offset);
        write(body.encode());
        co_return;
    }

    asio::awaitable<void> persist(const MessageQueue& queue) override {
        std::set<MessageQueue> all;
        for (const auto& [q, offset] : table_)
            all.insert(q);
        all.insert(queue);
        co_await persist_all(all);
    }

  private:
    /// As Java's MixAll.string2File: write a temporary file, keep the previous one as .bak.
    void write(const std::string& text) {
        std::error_code ec;
        std::filesystem::create_directories(file_.parent_path(), ec);
        const auto tmp = file_.string() + ".tmp";
        {
            std::ofstream out(tmp, std::ios::trunc);
            out << text;
            if (!out) {
                rmq::log::warn("client", "cannot write offsets to " + tmp);
                return;
            }
        }
        if (std::filesystem::exists(file_, ec))
            std::filesystem::copy_file(file_, file_.string() + ".bak",
                                       std::filesystem::copy_options::overwrite_existing, ec);
        std::filesystem::rename(tmp, file_, ec);
        if (ec)
            rmq::log::warn("client",
                           "cannot write offsets to " + file_.string() + ": " + ec.message());
    }

    std::filesystem::path file_;
};

}  // namespace

std::unique_ptr<OffsetStore> make_remote_offset_store(ClientInstance& client, std::string group) {
    return std::make_unique<RemoteOffsetStore>(client, std::move(group));
}

std::unique_ptr<OffsetStore> make_local_offset_store(ClientInstance& client, std::string group,
                                                     std::string dir) {
    if (dir.empty()) dir = system_property("rocketmq.client.localOffsetStoreDir").value_or("");
    if (dir.empty()) {
        const char* home = std::getenv("HOME");
        dir = std::string(home ? home : ".") + "/.rocketmq_offsets";
    }
    return std::make_unique<LocalOffsetStore>(std::filesystem::path(dir) / client.client_id()
                                              / group / "offsets.json");
}

}  // namespace rocketmq::detail
