#include "body/query_consume_queue.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

void set_if(json::Value& v, std::string_view name, const std::optional<std::string>& text) {
    if (text) v.set(std::string(name), *text);
}

std::string quoted_or_null(const std::optional<std::string>& text) {
    return "'" + text.value_or("null") + "'";
}

}  // namespace

json::Value ConsumeQueueData::to_json() const {
    json::Value v;
    set_if(v, "bitMap", bit_map);
    v.set("eval", eval);
    set_if(v, "extendDataJson", extend_data_json);
    set_if(v, "msg", msg);
    v.set("physicOffset", physic_offset);
    v.set("physicSize", physic_size);
    v.set("tagsCode", tags_code);
    return v;
}

Result<ConsumeQueueData> ConsumeQueueData::from_json(const json::Value& value) {
    ConsumeQueueData d;
    auto read = detail::Reader(value, "consume queue data")
                    .read("bitMap", d.bit_map)
                    .read("eval", d.eval)
                    .read("extendDataJson", d.extend_data_json)
                    .read("msg", d.msg)
                    .read("physicOffset", d.physic_offset)
                    .read("physicSize", d.physic_size)
                    .read("tagsCode", d.tags_code)
                    .result();
    if (!read) return read.error();
    return d;
}

std::string ConsumeQueueData::to_string() const {
    return "ConsumeQueueData{physicOffset=" + std::to_string(physic_offset) + ", physicSize="
           + std::to_string(physic_size) + ", tagsCode=" + std::to_string(tags_code)
           + ", extendDataJson=" + quoted_or_null(extend_data_json)
           + ", bitMap=" + quoted_or_null(bit_map) + ", eval=" + (eval ? "true" : "false")
           + ", msg=" + quoted_or_null(msg) + "}";
}

json::Value QueryConsumeQueueResponseBody::to_json() const {
    json::Value v;
    set_if(v, "filterData", filter_data);
    v.set("maxQueueIndex", max_queue_index);
    v.set("minQueueIndex", min_queue_index);
    json::Value list = json::Value::array();
    for (const auto& d : queue_data)
        list.push_back(d.to_json());
    v.set("queueData", std::move(list));
    if (subscription_data) v.set("subscriptionData", subscription_data->to_json());
    return v;
}

std::string QueryConsumeQueueResponseBody::encode() const {
    return json::write(to_json());
}

Result<QueryConsumeQueueResponseBody> QueryConsumeQueueResponseBody::from_json(
    const json::Value& value) {
    QueryConsumeQueueResponseBody body;
    detail::Reader reader(value, "query consume queue body");
    reader.read("filterData", body.filter_data)
        .read("maxQueueIndex", body.max_queue_index)
        .read("minQueueIndex", body.min_queue_index)
        .read_list("queueData", body.queue_data);
    if (auto r = reader.result(); !r) return r.error();
    if (const json::Value* sub = reader.property("subscriptionData")) {
        auto decoded = SubscriptionData::from_json(*sub);
        if (!decoded) return decoded.error();
        body.subscription_data = std::move(*decoded);
    }
    return body;
}

Result<QueryConsumeQueueResponseBody> QueryConsumeQueueResponseBody::decode(std::string_view text) {
    return detail::decode_as<QueryConsumeQueueResponseBody>(text);
}

}  // namespace rmq::body
