#include "runtime_info.hpp"

#include "catch.hpp"

using namespace rmq::broker;

TEST_CASE("runtime info: sizes and uptime in Java's wording") {
    CHECK(human_readable_bytes(0) == "0 B");
    CHECK(human_readable_bytes(1023) == "1023 B");
    CHECK(human_readable_bytes(1536) == "1.5 KiB");
    CHECK(human_readable_bytes(int64_t{252} << 30) == "252.0 GiB");
    CHECK(runtime_text(79'000) == "[ 0 days, 0 hours, 1 minutes, 19 seconds ]");
    CHECK(runtime_text((2 * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000LL)
          == "[ 2 days, 3 hours, 4 minutes, 5 seconds ]");
}
