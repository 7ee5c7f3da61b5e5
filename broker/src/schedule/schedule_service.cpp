#include "schedule/schedule_service.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "message/record.hpp"
#include "schedule/delayed_delivery.hpp"

namespace rmq::broker {

namespace {

namespace asio = boost::asio;

// Java's FIRST_DELAY_TIME, DELAY_FOR_A_WHILE and DELAY_FOR_A_PERIOD.
constexpr auto kFirstRun = std::chrono::seconds(1);
constexpr auto kNextRun = std::chrono::milliseconds(100);
constexpr auto kAfterError = std::chrono::seconds(10);

}  // namespace

ScheduleService::ScheduleService(asio::any_io_executor pool, store::MessageStore& store,
                                 store::DelayLevels levels, std::filesystem::path config_dir,
                                 std::chrono::milliseconds persist_period)
    : store_(store),
      levels_(std::move(levels)),
      config_dir_(std::move(config_dir)),
      persist_period_(persist_period),
      runner_(std::move(pool), "broker") {
}

ScheduleService::~ScheduleService() {
    shutdown();
}

store::Result<void> ScheduleService::load() {
    auto loaded = store::DelayOffsetTable::load(config_dir_);
    if (!loaded) return loaded.error();
    std::lock_guard lock(mutex_);
    table_ = std::move(*loaded);
    for (auto& [level, offset] : table_.offsets) {
        auto queue = store_.consume_queues().find(store::kScheduleTopic, level - 1);
        if (!queue) continue;
        const int64_t corrected =
            clamp_delay_offset(offset, queue->min_offset(), queue->max_offset());
        if (corrected == offset) continue;
        log::warn("schedule", "delay level " + std::to_string(level) + ": offset "
                                  + std::to_string(offset) + " corrected to "
                                  + std::to_string(corrected));
        offset = corrected;
        dirty_ = true;
    }
    return {};
}

void ScheduleService::start() {
    if (stopping_ || started_.exchange(true)) return;
    for (int32_t level = 1; level <= levels_.max_level(); ++level)
        runner_.spawn("delay level " + std::to_string(level),
                      [this, level] { return run_level(level); });
    runner_.spawn("delayOffset.json writer", [this] { return run_persister(); });
}

void ScheduleService::shutdown() {
    if (stopping_.exchange(true) || !started_) return;
    // A coroutine that is awaiting a put sees stopping_ when the put completes and ends before
    // its next wait.
    runner_.stop();
    if (auto r = persist(); !r)
        log::error("schedule", "cannot write delayOffset.json: " + r.error().message);
}

std::map<int32_t, int64_t> ScheduleService::offsets() const {
    std::lock_guard lock(mutex_);
    return table_.offsets;
}

store::Result<void> ScheduleService::persist() {
    store::DelayOffsetTable copy;
    {
        std::lock_guard lock(mutex_);
        copy = table_;
        dirty_ = false;
    }
    return copy.persist(config_dir_);
}

int64_t ScheduleService::offset_of(int32_t level) const {
    std::lock_guard lock(mutex_);
    auto it = table_.offsets.find(level);
    return it == table_.offsets.end() ? 0 : it->second;
}

void ScheduleService::set_offset(int32_t level, int64_t offset) {
    std::lock_guard lock(mutex_);
    auto& slot = table_.offsets[level];
    if (slot == offset) return;
    slot = offset;
    dirty_ = true;
}

asio::awaitable<void> ScheduleService::run_level(int32_t level) {
    int64_t offset = offset_of(level);
    std::chrono::milliseconds pause = kFirstRun;
    for (;;) {
        // Named, not a loop condition: GCC 12 miscompiles a co_await there.
        const bool awake = co_await service::ServiceRunner::sleep(pause);
        if (!awake || stopping_) co_return;
        pause = kNextRun;
        try {
            offset = co_await deliver_due(level, offset);
        } catch (const std::exception& e) {
            log::error("schedule", "delay level " + std::to_string(level) + " at offset "
                                       + std::to_string(offset) + ": " + e.what());
            pause = kAfterError;
        }
        if (stopping_) co_return;
    }
}

asio::awaitable<void> ScheduleService::run_persister() {
    for (;;) {
        const bool awake = co_await service::ServiceRunner::sleep(persist_period_);
        if (!awake || stopping_) co_return;
        bool dirty = false;
        {
            std::lock_guard lock(mutex_);
            dirty = dirty_;
        }
        if (!dirty) continue;
        if (auto r = persist(); !r)
            log::error("schedule", "cannot write delayOffset.json: " + r.error().message);
    }
}

asio::awaitable<int64_t> ScheduleService::deliver_due(int32_t level, int64_t offset) {
    auto queue = store_.consume_queues().find(store::kScheduleTopic, level - 1);
    if (!queue) co_return offset;
    const auto units = queue->read_from(offset);
    if (units.empty())
        co_return clamp_delay_offset(offset, queue->min_offset(), queue->max_offset());
    const int64_t level_delay = levels_.delay_ms(level);
    for (size_t i = 0; i < units.count(); ++i) {
        if (stopping_) co_return units.first_index() + static_cast<int64_t>(i);
        const store::CqUnit unit = units[i];
        const int64_t index = units.first_index() + static_cast<int64_t>(i);
        const int64_t now = common::epoch_millis();
        if (!unit.is_hole() && corrected_deliver_time(now, unit.tags_code, level_delay) > now)
            co_return index;  // not due yet: this level waits here
        std::optional<message::MessageExt> due;
        if (!unit.is_hole()) {
            auto record = store_.select_one_message_by_offset(unit.commit_log_offset, unit.size);
            auto decoded = message::decode_record(record.bytes);
            if (!decoded.is_message()) {
                log::warn("schedule", "delay level " + std::to_string(level) + " offset "
                                          + std::to_string(index) + ": no record at "
                                          + std::to_string(unit.commit_log_offset) + ", skipped");
            } else if (auto built = due_message(std::move(decoded).record()); !built) {
                log::error("schedule", "delay level " + std::to_string(level) + " offset "
                                           + std::to_string(index) + ": " + built.error().message
                                           + ", skipped");
            } else {
                due = std::move(*built);
            }
        }
        if (due) {
            // In memory only, as Java's WAIT=false: no flush or replica wait per delivery.
            const store::PutOptions options{.reroute_delayed = false, .wait_for_flush = false};
            message::MessageExt msg = std::move(*due);
            const auto result = co_await store_.put(std::move(msg), options);
            if (!result.ok()) {
                log::warn("schedule", "delay level " + std::to_string(level) + " offset "
                                          + std::to_string(index) + ": put failed ("
                                          + std::string(store::to_string(result.status))
                                          + "), retrying");
                co_return index;
            }
        }
        set_offset(level, index + 1);
    }
    co_return units.first_index() + static_cast<int64_t>(units.count());
}

}  // namespace rmq::broker
