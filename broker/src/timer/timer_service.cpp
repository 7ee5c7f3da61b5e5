#include "timer/timer_service.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "json/parse.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "schedule/delayed_delivery.hpp"
#include "store/config_file.hpp"
#include "timer/timer_rules.hpp"

namespace rmq::broker::timer {

namespace asio = boost::asio;

namespace {

constexpr std::string_view kCheckpointFile = "timerCheck.json";
// A bucket is read into the wheel 30 s before it begins, so the wheel holds at most the next
// 60 s (its window is 65.5 s).
constexpr int64_t kLoadAhead = 30'000;
// A delivered bucket's files stay this long after its end, for a timer the dispatcher was slow
// to hand over.
constexpr int64_t kBucketGrace = 5'000;
constexpr int64_t kCheckpointPeriod = 1'000;
constexpr int64_t kRetryFailedPut = 100;
// A slave deletes a followed bucket once all of it was delivered, looking this long after its
// end, once a minute.
constexpr int64_t kFollowedBucketAge = 10 * 60'000;
constexpr int64_t kFollowedGcPeriod = 60'000;

/// Which timer a delivered message came from: the parked record's commit-log offset.
constexpr std::string_view kTimerSource = "__TIMER_SRC";

int64_t load_checkpoint(const std::string& text) {
    auto v = json::parse(text);
    if (!v) return -1;
    const auto* offset = v->find("enqueueOffset");
    return offset && offset->if_int() ? *offset->if_int() : -1;
}

}  // namespace

/// How the dispatcher's thread wakes the service: at most one wake-up posted at a time.
struct TimerService::Signal {
    std::mutex mutex;
    std::optional<asio::any_io_executor> strand;
    asio::steady_timer* wake = nullptr;  // on the strand
    std::atomic<bool> posted{false};
    std::atomic<bool> following{false};
    std::vector<std::pair<int64_t, int64_t>> delivered;  // bucket, timer offset; under mutex

    void notify(const std::shared_ptr<Signal>& self) {
        if (posted.exchange(true)) return;
        std::lock_guard lock(mutex);
        if (!strand) {
            posted = false;
            return;
        }
        asio::post(*strand, [self] {
            self->posted = false;
            if (self->wake) self->wake->cancel();
        });
    }
};

TimerService::TimerService(asio::any_io_executor pool, store::MessageStore& store,
                           std::filesystem::path store_root, std::filesystem::path config_dir)
    : store_(store),
      config_dir_(std::move(config_dir)),
      log_(std::move(store_root) / "timerlog"),
      runner_(std::move(pool), "broker"),
      signal_(std::make_shared<Signal>()) {
    store_.add_arrival_listener([weak = std::weak_ptr<Signal>(signal_)](
                                    const store::DispatchRequest& r) {
        auto signal = weak.lock();
        if (!signal) return;
        if (r.topic == kTimerTopic) {
            signal->notify(signal);
            return;
        }
        // A slave learns from the replicated log which timers its master delivered.
        if (!signal->following) return;
        const auto source = message::find_property(r.properties, kTimerSource);
        if (source.empty()) return;
        const auto out = message::find_property(r.properties, message::prop::kTimerOutMs);
        int64_t offset = 0, due = 0;
        if (std::from_chars(source.data(), source.data() + source.size(), offset).ec != std::errc()
            || std::from_chars(out.data(), out.data() + out.size(), due).ec != std::errc())
            return;
        {
            std::lock_guard lock(signal->mutex);
            signal->delivered.emplace_back(TimerLog::bucket_of(due), offset);
        }
        signal->notify(signal);
    });
}

TimerService::~TimerService() {
    shutdown();
}

store::Result<void> TimerService::load() {
    if (auto r = log_.open(); !r) return r;
    auto text = store::read_config_file(config_dir_ / kCheckpointFile, [](std::string_view t) {
        return load_checkpoint(std::string(t)) >= 0
                   ? store::Result<void>{}
                   : store::Result<void>{
                       common::Error{store::errc::bad_config, "no enqueueOffset"}};
    });
    if (!text) return text.error();
    enqueue_offset_ = *text ? load_checkpoint(**text) : 0;
    persisted_offset_ = enqueue_offset_;
    publish_stats();
    return {};
}

void TimerService::start(bool deliver) {
    if (stopping_ || started_.exchange(true)) return;
    delivering_ = deliver;
    signal_->following = !deliver;
    runner_.spawn("timer messages", [this] { return run(); });
}

void TimerService::promote() {
    if (delivering_.exchange(true)) return;
    signal_->notify(signal_);
}

void TimerService::apply_remote_deliveries() {
    std::vector<std::pair<int64_t, int64_t>> delivered;
    {
        std::lock_guard lock(signal_->mutex);
        delivered.swap(signal_->delivered);
    }
    for (const auto& [bucket, offset] : delivered) {
        if (auto r = log_.mark_delivered(bucket, offset); !r)
            log::error("timer", "cannot record a timer the master delivered: " + r.error().message);
        ++delivered_;
    }
}

void TimerService::drop_followed_buckets(int64_t now_ms) {
    if (now_ms - last_followed_gc_ < kFollowedGcPeriod) return;
    last_followed_gc_ = now_ms;
    for (auto it = far_.begin(); it != far_.end();) {
        if (*it + TimerLog::kBucketMs + kFollowedBucketAge > now_ms) break;
        auto left = log_.load(*it);
        if (!left || !left->empty()) {
            ++it;
            continue;
        }
        if (auto r = log_.remove(*it); !r) log::warn("timer", r.error().message);
        it = far_.erase(it);
    }
}

asio::awaitable<void> TimerService::follow(asio::steady_timer& wake) {
    int64_t last_persist = common::epoch_millis();
    while (!delivering_ && !stopping_) {
        const int64_t now = common::epoch_millis();
        if (auto r = enqueue_new(now); !r) log::error("timer", r.error().message);
        apply_remote_deliveries();
        drop_followed_buckets(now);
        if (now - last_persist >= kCheckpointPeriod) {
            persist();
            last_persist = now;
        }
        publish_stats();
        wake.expires_after(std::chrono::milliseconds(kCheckpointPeriod));
        co_await wake.async_wait(asio::as_tuple(asio::use_awaitable));
        const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
        if (cancelled != asio::cancellation_type::none) co_return;
    }
    // Promoted: what the master delivered until now is marked (the dispatcher queues no more
    // once following is off); the rest is ours to deliver.
    signal_->following = false;
    apply_remote_deliveries();
}

void TimerService::shutdown() {
    if (stopping_.exchange(true) || !started_) return;
    runner_.stop();
    persist();
}

TimerService::Stats TimerService::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void TimerService::publish_stats() {
    std::lock_guard lock(mutex_);
    stats_ = {enqueue_offset_, wheel_ ? wheel_->size() : 0, delivered_,
              far_.size() + pending_.size()};
}

void TimerService::persist() {
    const int64_t offset = enqueue_offset_;
    if (offset == persisted_offset_) return;
    if (auto r = log_.flush(); !r) {
        log::error("timer", "cannot write the timer log: " + r.error().message);
        return;  // the checkpoint must not pass timers that are not in the log
    }
    const std::string text = "{\n\t\"enqueueOffset\":" + std::to_string(offset) + "\n}";
    if (auto r = store::write_config_file(config_dir_ / kCheckpointFile, text); !r) {
        log::error("timer", "cannot write timerCheck.json: " + r.error().message);
        return;
    }
    persisted_offset_ = offset;
}

store::Result<void> TimerService::enqueue_new(int64_t now_ms) {
    auto queue = store_.consume_queues().find(std::string(kTimerTopic), 0);
    if (!queue) return {};
    int64_t next = enqueue_offset_ = std::max(enqueue_offset_, queue->min_offset());
    for (;;) {
        const auto units = queue->read_from(next);
        if (units.empty()) break;
        for (size_t i = 0; i < units.count(); ++i) {
            const store::CqUnit unit = units[i];
            if (unit.is_hole()) continue;
            const TimerEntry entry{unit.tags_code, unit.commit_log_offset, unit.size};
            log_.append(entry);
            const int64_t bucket = TimerLog::bucket_of(entry.deliver_ms);
            if (bucket < loaded_until_) {
                // Its bucket is in the wheel already (or past: a timer the dispatcher handed
                // over late, or that came due while it waited).
                if (!wheel_->insert(entry)) {
                    log::error("timer", "a timer due at " + std::to_string(entry.deliver_ms)
                                            + " is beyond the wheel at " + std::to_string(now_ms)
                                            + "; kept in the log");
                    far_.insert(bucket);
                    continue;
                }
                ++pending_[bucket];
            } else {
                far_.insert(bucket);
            }
        }
        next = units.first_index() + static_cast<int64_t>(units.count());
    }
    if (auto r = log_.flush(); !r) return r;
    enqueue_offset_ = next;
    return {};
}

store::Result<void> TimerService::load_buckets(int64_t now_ms) {
    const int64_t until = TimerLog::bucket_of(now_ms + kLoadAhead) + TimerLog::kBucketMs;
    while (!far_.empty() && *far_.begin() < until) {
        const int64_t bucket = *far_.begin();
        auto entries = log_.load(bucket);
        if (!entries) return entries.error();
        size_t added = 0;
        for (const auto& e : *entries)
            if (wheel_->insert(e)) ++added;
        pending_[bucket] += added;
        far_.erase(far_.begin());
    }
    loaded_until_ = std::max(loaded_until_, until);
    return {};
}

asio::awaitable<void> TimerService::deliver(const std::vector<TimerEntry>& due) {
    const store::PutOptions options{.reroute_delayed = false, .wait_for_flush = false};
    for (const auto& entry : due) {
        const int64_t bucket = TimerLog::bucket_of(entry.deliver_ms);
        auto record = store_.select_one_message_by_offset(entry.commit_log_offset, entry.size);
        auto decoded = message::decode_record(record.bytes);
        std::optional<message::MessageExt> real;
        if (!decoded.is_message()) {
            log::warn("timer", "no timer record at commit-log offset "
                                   + std::to_string(entry.commit_log_offset) + ", skipped");
        } else if (auto built = due_message(std::move(decoded).record()); !built) {
            log::error("timer", "timer at commit-log offset "
                                    + std::to_string(entry.commit_log_offset) + ": "
                                    + built.error().message + ", skipped");
        } else {
            real = std::move(*built);
            // Names its timer, for a slave to mark it delivered from the replicated log.
            real->properties.set(kTimerSource, std::to_string(entry.commit_log_offset));
        }
        if (real) {
            const auto result = co_await store_.put(std::move(*real), options);
            if (!result.ok()) {
                log::warn("timer", "delivering the timer at commit-log offset "
                                       + std::to_string(entry.commit_log_offset) + " failed ("
                                       + std::string(store::to_string(result.status))
                                       + "), retrying");
                retry_.push_back(entry);
                retry_at_ = common::epoch_millis() + kRetryFailedPut;
                continue;
            }
        }
        if (auto r = log_.mark_delivered(bucket, entry.commit_log_offset); !r)
            log::error("timer",
                       "cannot record a delivered timer (a restart would deliver it "
                       "again): "
                           + r.error().message);
        if (auto it = pending_.find(bucket); it != pending_.end() && it->second > 0) --it->second;
        ++delivered_;
    }
}

void TimerService::drop_finished_buckets(int64_t now_ms) {
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->second > 0 || it->first + TimerLog::kBucketMs + kBucketGrace > now_ms) {
            ++it;
            continue;
        }
        if (auto r = log_.remove(it->first); !r) log::warn("timer", r.error().message);
        it = pending_.erase(it);
    }
}

std::optional<int64_t> TimerService::next_wake(int64_t now_ms) const {
    std::optional<int64_t> next = wheel_->next_due();
    const auto consider = [&](int64_t at) { next = next ? std::min(*next, at) : at; };
    if (!far_.empty()) consider(std::max(now_ms, *far_.begin() - kLoadAhead));
    if (!retry_.empty()) consider(retry_at_);
    if (!pending_.empty()) consider(now_ms + kCheckpointPeriod);
    return next;
}

asio::awaitable<void> TimerService::run() {
    asio::steady_timer wake(co_await asio::this_coro::executor);
    {
        std::lock_guard lock(signal_->mutex);
        signal_->strand = co_await asio::this_coro::executor;
        signal_->wake = &wake;
    }
    struct Unhook {
        Signal& s;
        ~Unhook() {
            std::lock_guard lock(s.mutex);
            s.wake = nullptr;
            s.strand.reset();
        }
    } unhook{*signal_};

    for (int64_t bucket : log_.buckets())
        far_.insert(bucket);
    loaded_until_ = INT64_MIN;
    co_await follow(wake);
    if (stopping_ || !delivering_) co_return;
    int64_t now = common::epoch_millis();
    wheel_.emplace(now);
    // The queue first, so that a timer both in the log and after the checkpoint (a crash
    // between the two) is read from its bucket once.
    if (auto r = enqueue_new(now); !r) log::error("timer", r.error().message);
    int64_t last_persist = now;
    for (;;) {
        now = common::epoch_millis();
        auto due = wheel_->take_due(now);
        if (auto r = enqueue_new(now); !r) log::error("timer", r.error().message);
        if (auto r = load_buckets(now); !r) log::error("timer", r.error().message);
        auto more = wheel_->take_due(now);
        due.insert(due.end(), more.begin(), more.end());
        if (!retry_.empty() && retry_at_ <= now) {
            due.insert(due.end(), retry_.begin(), retry_.end());
            retry_.clear();
        }
        if (!due.empty()) co_await deliver(due);
        publish_stats();
        if (stopping_) co_return;
        now = common::epoch_millis();
        drop_finished_buckets(now);
        if (now - last_persist >= kCheckpointPeriod) {
            persist();
            last_persist = now;
        }
        const auto next = next_wake(now);
        if (next && *next <= now) continue;
        if (next)
            wake.expires_after(std::chrono::milliseconds(*next - now));
        else if (persisted_offset_ != enqueue_offset_)
            wake.expires_after(std::chrono::milliseconds(kCheckpointPeriod));
        else
            wake.expires_at(asio::steady_timer::time_point::max());  // until a timer comes
        co_await wake.async_wait(asio::as_tuple(asio::use_awaitable));
        const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
        if (stopping_ || cancelled != asio::cancellation_type::none) co_return;
    }
}

}  // namespace rmq::broker::timer
