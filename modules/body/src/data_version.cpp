#include "body/data_version.hpp"

#include <chrono>

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {
int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

DataVersion DataVersion::now() {
    return {now_ms(), 0};
}

void DataVersion::next_version() {
    timestamp = now_ms();
    ++counter;
}

json::Value DataVersion::to_json() const {
    json::Value v;
    v.set("counter", counter);
    v.set("timestamp", timestamp);
    return v;
}

std::string DataVersion::encode() const {
    return json::write(to_json());
}

Result<DataVersion> DataVersion::from_json(const json::Value& value) {
    DataVersion version = now();  // fastjson starts from `new DataVersion()`
    auto read = detail::Reader(value, "dataVersion")
                    .read("counter", version.counter)
                    .read("timestamp", version.timestamp)
                    .result();
    if (!read) return read.error();
    return version;
}

Result<DataVersion> DataVersion::decode(std::string_view text) {
    auto doc = detail::parse_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

}  // namespace rmq::body
