#include "body/consumer_list.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value GetConsumerListByGroupResponseBody::to_json() const {
    json::Value v;
    v.set("consumerIdList", detail::string_array(consumer_id_list));
    return v;
}

std::string GetConsumerListByGroupResponseBody::encode() const {
    return json::write(to_json());
}

Result<GetConsumerListByGroupResponseBody> GetConsumerListByGroupResponseBody::from_json(
    const json::Value& value) {
    GetConsumerListByGroupResponseBody b;
    auto read =
        detail::Reader(value, "consumer list").read("consumerIdList", b.consumer_id_list).result();
    if (!read) return read.error();
    return b;
}

Result<GetConsumerListByGroupResponseBody> GetConsumerListByGroupResponseBody::decode(
    std::string_view text) {
    return detail::decode_as<GetConsumerListByGroupResponseBody>(text);
}

}  // namespace rmq::body
