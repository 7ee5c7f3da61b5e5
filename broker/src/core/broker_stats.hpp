#pragma once
// Per-topic and per-group traffic counters (Java's BrokerStatsManager / StatsItemSet), read by
// VIEW_BROKER_STATS_DATA and so by `mqadmin statsAll`. A request adds to an item's two atomics
// (after a shared-lock lookup); the broker's once-a-second tick takes the samples, so nothing
// samples on the request path.
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rmq::broker {

/// The stats names VIEW_BROKER_STATS_DATA knows (Java's Stats constants we count).
namespace stats_name {
inline constexpr std::string_view kTopicPutNums = "TOPIC_PUT_NUMS";
inline constexpr std::string_view kTopicPutSize = "TOPIC_PUT_SIZE";
inline constexpr std::string_view kGroupGetNums = "GROUP_GET_NUMS";
inline constexpr std::string_view kGroupGetSize = "GROUP_GET_SIZE";
inline constexpr std::string_view kSndbckPutNums = "SNDBCK_PUT_NUMS";
inline constexpr std::string_view kBrokerPutNums = "BROKER_PUT_NUMS";
inline constexpr std::string_view kBrokerGetNums = "BROKER_GET_NUMS";
}  // namespace stats_name

/// One window's figures (Java's StatsSnapshot): the growth between the window's first and last
/// samples, per second, and per call.
struct StatsWindow {
    int64_t sum = 0;
    double tps = 0;
    double avgpt = 0;
};

struct StatsItemView {
    StatsWindow minute;
    StatsWindow hour;
    StatsWindow day;
};

/// A counter with Java StatsItem's windows: a sample every 10 s (7 kept: the last minute), every
/// 10 min (7 kept: the last hour) and every hour (25 kept: the last day). Each window starts with
/// a zero sample one period before the item's creation, as in Java. Unlike Java, a view runs to
/// the moment it is asked for (the counters' current values are its last point), so a day's
/// total does not wait up to an hour for its next sample.
class StatsItem {
  public:
    explicit StatsItem(int64_t created_ms);

    void add(int64_t value, int64_t times) {
        value_.fetch_add(value, std::memory_order_relaxed);
        times_.fetch_add(times, std::memory_order_relaxed);
    }
    void sample(int64_t now_ms);
    StatsItemView view(int64_t now_ms) const;

  private:
    struct Snapshot {
        int64_t timestamp = 0;
        int64_t times = 0;
        int64_t value = 0;
    };
    struct Window {
        int64_t period_ms;
        size_t keep;
        std::deque<Snapshot> samples;
    };
    Snapshot current(int64_t now_ms) const;
    static void take(Window& window, const Snapshot& current);
    static StatsWindow compute(const Window& window, const Snapshot& current);

    std::atomic<int64_t> value_{0};
    std::atomic<int64_t> times_{0};
    mutable std::mutex mutex_;
    Window minute_{10'000, 7, {}};
    Window hour_{600'000, 7, {}};
    Window day_{3'600'000, 25, {}};
};

class BrokerStats {
  public:
    /// BROKER_PUT_NUMS and BROKER_GET_NUMS are keyed by the cluster name, as in Java.
    explicit BrokerStats(std::string cluster_name);

    /// A stored send: TOPIC_PUT_NUMS (messages, one call), TOPIC_PUT_SIZE, BROKER_PUT_NUMS.
    void on_put(const std::string& topic, int64_t messages, int64_t bytes);
    /// A pull that found messages: GROUP_GET_NUMS / SIZE for "<topic>@<group>", BROKER_GET_NUMS.
    void on_get(const std::string& topic, const std::string& group, int64_t messages,
                int64_t bytes);
    /// A CONSUMER_SEND_MSG_BACK put: SNDBCK_PUT_NUMS for "<topic>@<group>".
    void on_send_back(const std::string& topic, const std::string& group);

    /// The item's windows, or nothing for a name or key never counted.
    std::optional<StatsItemView> view(std::string_view name, std::string_view key,
                                      int64_t now_ms) const;
    /// The broker's tick: each item takes the samples that are due.
    void sample(int64_t now_ms);

  private:
    /// The message count and byte count of one key, found with one lookup per request.
    struct NumsAndSize {
        explicit NumsAndSize(int64_t created_ms) : nums(created_ms), size(created_ms) {}
        void sample(int64_t now_ms) {
            nums.sample(now_ms);
            size.sample(now_ms);
        }
        StatsItem nums;
        StatsItem size;
    };

    /// Entries by key (Java's StatsItemSet), created on first use and never removed, so a
    /// reference stays valid.
    template <class Entry>
    class ItemSet {
      public:
        Entry& item(const std::string& key);
        const Entry* find(std::string_view key) const;
        void sample(int64_t now_ms);

      private:
        mutable std::shared_mutex mutex_;
        std::unordered_map<std::string, std::unique_ptr<Entry>> items_;
    };

    /// The broker-wide item of `set`, created on first use (so unknown before, as in Java)
    /// and then reached without a lookup.
    StatsItem& broker_item(ItemSet<StatsItem>& set, std::atomic<StatsItem*>& cached);

    std::string cluster_name_;
    ItemSet<NumsAndSize> topic_put_;  // TOPIC_PUT_NUMS / TOPIC_PUT_SIZE by topic
    ItemSet<NumsAndSize> group_get_;  // GROUP_GET_NUMS / GROUP_GET_SIZE by topic@group
    ItemSet<StatsItem> sndbck_put_nums_;
    ItemSet<StatsItem> broker_put_nums_;
    ItemSet<StatsItem> broker_get_nums_;
    std::atomic<StatsItem*> broker_put_{nullptr};
    std::atomic<StatsItem*> broker_get_{nullptr};
};

}  // namespace rmq::broker
