#include "ha/slave_metadata_sync.hpp"

#include <chrono>

#include "common/log.hpp"
#include "core/broker_context.hpp"
#include "core/broker_error.hpp"
#include "store/metadata/consumer_offset_table.hpp"
#include "store/metadata/delay_offset_table.hpp"
#include "store/metadata/subscription_group.hpp"
#include "store/metadata/topic_config.hpp"

namespace rmq::broker {

namespace {

constexpr auto kFirstRound = std::chrono::seconds(3);
constexpr auto kPeriod = std::chrono::seconds(10);
constexpr auto kCallTimeout = std::chrono::milliseconds(3000);

}  // namespace

SlaveMetadataSync::SlaveMetadataSync(BrokerContext& broker) : broker_(broker) {
}

void SlaveMetadataSync::set_master(std::string master_addr) {
    // A broker never syncs from itself (a registration naming this broker as its own master).
    if (master_addr == broker_.identity.broker_addr) master_addr.clear();
    std::lock_guard lock(mutex_);
    if (!following_) return;
    if (master_addr != master_addr_ && !master_addr.empty())
        log::info("broker", "syncing metadata from master " + master_addr);
    master_addr_ = std::move(master_addr);
}

void SlaveMetadataSync::stop_following() {
    std::lock_guard lock(mutex_);
    following_ = false;
    master_addr_.clear();
}

std::string SlaveMetadataSync::master() const {
    std::lock_guard lock(mutex_);
    return master_addr_;
}

boost::asio::awaitable<void> SlaveMetadataSync::run() {
    auto wait = std::chrono::steady_clock::duration(kFirstRound);
    for (;;) {
        const bool awake = co_await service::ServiceRunner::sleep(wait);
        if (!awake) co_return;
        wait = kPeriod;
        auto synced = co_await sync_once();
        if (!synced)
            log::warn("broker", "metadata sync from the master: " + synced.error().message);
    }
}

boost::asio::awaitable<common::Result<void>> SlaveMetadataSync::sync_once() {
    const std::string from = master();
    if (from.empty()) co_return common::Result<void>{};
    using enum proto::RequestCode;
    struct Step {
        proto::RequestCode code;
        common::Result<void> (SlaveMetadataSync::*take)(const std::string&);
        const char* what;
    };
    // A 4.9.8 slave asks for the topics on the master's VIP port (listenPort − 2); every
    // master also serves it on its main port, which is the one a registration names.
    constexpr Step steps[] = {
        {GET_ALL_TOPIC_CONFIG, &SlaveMetadataSync::take_topics, "topic config"},
        {GET_ALL_CONSUMER_OFFSET, &SlaveMetadataSync::take_consumer_offsets, "consumer offsets"},
        {GET_ALL_DELAY_OFFSET, &SlaveMetadataSync::take_delay_offsets, "delay offsets"},
        {GET_ALL_SUBSCRIPTIONGROUP_CONFIG, &SlaveMetadataSync::take_subscription_groups,
         "subscription groups"},
    };
    common::Result<void> first_failure;
    for (const auto& step : steps) {
        auto body = co_await fetch(from, step.code);
        auto taken = body ? (this->*step.take)(*body) : common::Result<void>(body.error());
        if (!taken && first_failure)
            first_failure =
                common::in_context(std::string(step.what) + " from " + from, taken.error());
    }
    co_return first_failure;
}

boost::asio::awaitable<common::Result<std::string>> SlaveMetadataSync::fetch(
    std::string master, proto::RequestCode code) {
    auto request = remoting::RemotingCommand::request(proto::to_int(code));
    auto response = co_await client_.invoke(std::move(master), std::move(request), kCallTimeout);
    if (!response) co_return response.error();
    if (response->code != proto::to_int(proto::ResponseCode::SUCCESS))
        co_return common::Error{
            make_error_code(errc::peer_refused),
            "code " + std::to_string(response->code) + ": " + response->remark.value_or("")};
    co_return std::move(response->body);
}

common::Result<void> SlaveMetadataSync::take_topics(const std::string& body) {
    auto table = store::TopicConfigTable::decode(body);
    if (!table) return table.error();
    if (broker_.topics->replace_with_master_copy(std::move(*table)))
        log::info("broker", "topic config taken from the master");
    return {};
}

common::Result<void> SlaveMetadataSync::take_consumer_offsets(const std::string& body) {
    auto table = store::ConsumerOffsetTable::decode(body);
    if (!table) return table.error();
    broker_.offsets->merge_master_copy(*table);
    return broker_.offsets->persist();
}

common::Result<void> SlaveMetadataSync::take_delay_offsets(const std::string& body) {
    // A slave delivers no delayed messages; it keeps the file for the day it becomes master.
    auto table = store::DelayOffsetTable::decode(body);
    if (!table) return table.error();
    return table->persist(broker_.startup.store.config_path());
}

common::Result<void> SlaveMetadataSync::take_subscription_groups(const std::string& body) {
    auto table = store::SubscriptionGroupTable::decode(body);
    if (!table) return table.error();
    if (broker_.groups->replace_with_master_copy(std::move(*table)))
        log::info("broker", "subscription groups taken from the master");
    return {};
}

}  // namespace rmq::broker
