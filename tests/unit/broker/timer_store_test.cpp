// The timer store's parts alone: the timing wheel hands out timers at their millisecond and never
// early, the timer log keeps every timer once and forgets the delivered, and the send-time rules
// park, pass or refuse a message as RocketMQ 5 does.
#include <fstream>
#include <random>

#include "catch.hpp"
#include "message/property_keys.hpp"
#include "proto/response_code.hpp"
#include "temp_dir.hpp"
#include "timer/timer_log.hpp"
#include "timer/timer_rules.hpp"
#include "timer/timer_wheel.hpp"

using namespace rmq;
using namespace rmq::broker::timer;
namespace prop = message::prop;

TEST_CASE("the timing wheel hands out each timer at its millisecond, earliest first") {
    const int64_t start = 1'700'000'000'000;
    TimingWheel wheel(start);
    std::mt19937 random(7);
    std::vector<int64_t> due;
    for (int i = 0; i < 5000; ++i) {
        const int64_t at = start + static_cast<int64_t>(random() % 60'000);
        REQUIRE(wheel.insert({at, i, 100}));
        due.push_back(at);
    }
    std::sort(due.begin(), due.end());
    CHECK(wheel.size() == 5000);
    CHECK(wheel.next_due() == due.front());

    std::vector<int64_t> handed;
    for (int64_t now = start; now < start + 60'000 + 37; now += 37) {
        for (const auto& e : wheel.take_due(now)) {
            CHECK(e.deliver_ms <= now);      // never early
            CHECK(e.deliver_ms > now - 37);  // and taken in the first step at or after it
            handed.push_back(e.deliver_ms);
        }
    }
    CHECK(handed == due);
    CHECK(wheel.size() == 0);
    CHECK_FALSE(wheel.next_due());
}

TEST_CASE("the wheel holds 65,536 ms ahead, takes late timers now, and wraps around") {
    const int64_t start = 5'000;
    TimingWheel wheel(start);
    CHECK(wheel.horizon() == start + TimingWheel::kSlots - 1);
    CHECK_FALSE(wheel.insert({wheel.horizon() + 1, 1, 1}));
    CHECK(wheel.insert({start - 1000, 3, 1}));  // overdue: due now
    CHECK(wheel.next_due() == start);
    auto now = wheel.take_due(start);
    REQUIRE(now.size() == 1);
    CHECK(now[0].commit_log_offset == 3);
    CHECK(wheel.insert({wheel.horizon(), 2, 1}));
    auto last = wheel.take_due(start + TimingWheel::kSlots - 1);
    REQUIRE(last.size() == 1);
    CHECK(last[0].commit_log_offset == 2);
    // Round and round: after each turn the same slots serve later times.
    int64_t t = start + TimingWheel::kSlots - 1;
    for (int turn = 0; turn < 5; ++turn) {
        CHECK(wheel.insert({t + 30'000, 10 + turn, 1}));
        CHECK(wheel.take_due(t + 29'999).empty());
        t += 40'000;
        auto due = wheel.take_due(t);
        REQUIRE(due.size() == 1);
        CHECK(due[0].commit_log_offset == 10 + turn);
    }
    CHECK(wheel.size() == 0);
}

TEST_CASE("the timer log keeps each timer once, in its bucket, and forgets the delivered") {
    test::TempDir dir;
    TimerLog log(dir.path() / "timerlog");
    REQUIRE(log.open());
    const int64_t boundary = 1'700'000'010'000;  // a multiple of 30 s
    const int64_t t0 = boundary + 10'000;
    CHECK(TimerLog::bucket_of(t0) == boundary);
    CHECK(TimerLog::bucket_of(boundary - 1) == boundary - TimerLog::kBucketMs);
    CHECK(TimerLog::bucket_of(-1) == -TimerLog::kBucketMs);
    for (int i = 0; i < 10; ++i)
        log.append({t0 + i * 10'000, 1000 + i, 64});
    log.append({t0, 1000, 64});  // written again, as a replay after a crash does
    REQUIRE(log.flush());
    const auto buckets = log.buckets();
    REQUIRE(buckets.size() == 4);  // 100 s of timers over 30 s buckets
    auto first = log.load(buckets[0]);
    REQUIRE(first);
    REQUIRE(first->size() == 2);
    CHECK(first->at(0).commit_log_offset == 1000);
    CHECK(first->at(1).commit_log_offset == 1001);

    REQUIRE(log.mark_delivered(buckets[0], 1000));
    auto after = log.load(buckets[0]);
    REQUIRE(after);
    REQUIRE(after->size() == 1);
    CHECK(after->at(0).commit_log_offset == 1001);

    // A torn last record (a crash mid-write) is left out.
    {
        std::ofstream torn(dir.path() / "timerlog" / std::string(20, '0'),
                           std::ios::binary | std::ios::app);
        torn << "partial";
    }
    REQUIRE(log.remove(buckets[0]));
    CHECK(log.buckets().size() == 4);  // the torn file of bucket 0 counts as one
    auto torn = log.load(0);
    REQUIRE(torn);
    CHECK(torn->empty());
}

namespace {

message::MessageExt sent(std::string_view key, std::string_view value) {
    message::MessageExt m;
    m.topic = "Orders";
    m.queue_id = 3;
    m.properties.set(key, value);
    m.properties.set(prop::kDelay, "2");
    return m;
}

}  // namespace

TEST_CASE("a timer property parks the message until its time, as RocketMQ 5 reads it") {
    const int64_t now = 1'700'000'000'000;
    const TimerSettings settings;
    auto at = [&](const message::MessageExt& m) {
        auto d = decide_timer(m, now, settings);
        REQUIRE(std::holds_alternative<ParkUntil>(d));
        return std::get<ParkUntil>(d).deliver_ms;
    };
    CHECK(at(sent(prop::kTimerDeliverMs, std::to_string(now + 1234))) == now + 1234);
    CHECK(at(sent(prop::kTimerDelayMs, "1234")) == now + 1234);
    CHECK(at(sent(prop::kTimerDelaySec, "3")) == now + 3000);
    // TIMER_DELAY_SEC wins over the others, then TIMER_DELAY_MS.
    auto both = sent(prop::kTimerDeliverMs, std::to_string(now + 9));
    both.properties.set(prop::kTimerDelayMs, "50");
    CHECK(at(both) == now + 50);

    auto m = sent(prop::kTimerDelayMs, "1234");
    park(m, now + 1234);
    CHECK(m.topic == kTimerTopic);
    CHECK(m.queue_id == 0);
    CHECK(m.properties.get(prop::kRealTopic) == "Orders");
    CHECK(m.properties.get(prop::kRealQueueId) == "3");
    CHECK(m.properties.get(prop::kTimerOutMs) == std::to_string(now + 1234));
    CHECK_FALSE(m.properties.contains(prop::kDelay));  // the timer decides, not a delay level
}

TEST_CASE("a timer already due is not parked, and a bad or too distant one is refused") {
    const int64_t now = 1'700'000'000'000;
    TimerSettings settings;
    const auto decide = [&](const message::MessageExt& m) {
        return decide_timer(m, now, settings);
    };
    CHECK(std::holds_alternative<NotParked>(decide(sent("OTHER", "1"))));
    CHECK(std::holds_alternative<NotParked>(decide(sent(prop::kTimerDeliverMs, "5"))));
    CHECK(std::holds_alternative<NotParked>(decide(sent(prop::kTimerDelayMs, "0"))));
    CHECK(std::holds_alternative<NotParked>(decide(sent(prop::kTimerDelayMs, "-20"))));

    const auto refusal = [&](const message::MessageExt& m) {
        auto d = decide(m);
        REQUIRE(std::holds_alternative<TimerRefusal>(d));
        return std::get<TimerRefusal>(d);
    };
    const auto illegal = proto::to_int(proto::ResponseCode::MESSAGE_ILLEGAL);
    auto too_far = refusal(sent(prop::kTimerDelaySec, std::to_string(3 * 24 * 3600 + 1)));
    CHECK(too_far.code == illegal);
    CHECK(too_far.remark.find("max delay 259200000ms") != std::string::npos);
    CHECK(refusal(sent(prop::kTimerDelayMs, "9223372036854775807")).code == illegal);
    CHECK(refusal(sent(prop::kTimerDelaySec, "9223372036854775807")).code == illegal);
    auto not_number = refusal(sent(prop::kTimerDelayMs, "soon"));
    CHECK(not_number.code == illegal);
    CHECK(not_number.remark.find("TIMER_DELAY_MS is not a number: soon") != std::string::npos);
    CHECK(std::holds_alternative<ParkUntil>(decide(sent(prop::kTimerDelaySec, "259200"))));

    settings.max_delay_sec = 60;
    CHECK(refusal(sent(prop::kTimerDelayMs, "60001")).code == illegal);
    settings.enabled = false;
    auto disabled = refusal(sent(prop::kTimerDelayMs, "10"));
    CHECK(disabled.code == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK(disabled.remark == "accurate timer message is not enabled, timerWheelEnable is false");
}
