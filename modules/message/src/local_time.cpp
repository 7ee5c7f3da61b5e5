#include <ctime>

#include "message/message_id.hpp"

namespace rmq::message {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

// Midnight on the 1st of the month containing `ms`, shifted by `month_delta` months. mktime
// normalizes an out-of-range tm_mon and works out DST from tm_isdst = -1.
int64_t month_start(int64_t ms, int month_delta) {
    const time_t secs = static_cast<time_t>(floor_div(ms, 1000));
    std::tm t{};
    localtime_r(&secs, &t);
    t.tm_mday = 1;
    t.tm_hour = 0;
    t.tm_min = 0;
    t.tm_sec = 0;
    t.tm_mon += month_delta;
    t.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&t)) * 1000;
}

}  // namespace

int64_t local_month_start(int64_t ms) {
    return month_start(ms, 0);
}
int64_t local_next_month_start(int64_t ms) {
    return month_start(ms, 1);
}

}  // namespace rmq::message
