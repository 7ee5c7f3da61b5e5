#include "body/consume_stats_list.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

using GroupStats = OrderedMap<std::string, std::vector<ConsumeStats>>;

Result<std::vector<ConsumeStats>> stats_list_from_json(const json::Value& value) {
    const json::Array* array = value.if_array();
    if (!array) return detail::bad_body("consume stats list: a group's value is not an array");
    return detail::list_from_json<ConsumeStats>(*array, "consumeStatsList",
                                                ConsumeStats::from_json);
}

Result<GroupStats> group_stats_from_json(const json::Value& value) {
    const json::Object* object = value.if_object();
    if (!object) return detail::bad_body("consume stats list: an element is not an object");
    return detail::string_map_from_json<std::vector<ConsumeStats>>(*object, "consumeStatsList",
                                                                   stats_list_from_json);
}

}  // namespace

json::Value ConsumeStatsList::to_json() const {
    json::Value list = json::Value::array();
    for (const GroupStats& groups : consume_stats_list)
        list.push_back(detail::string_map_to_json(
            groups,
            [](const std::vector<ConsumeStats>& stats) { return detail::list_to_json(stats); }));
    json::Value v;
    v.set("brokerAddr", broker_addr);
    v.set("consumeStatsList", std::move(list));
    v.set("totalDiff", total_diff);
    return v;
}

std::string ConsumeStatsList::encode() const {
    return json::write(to_json());
}

Result<ConsumeStatsList> ConsumeStatsList::from_json(const json::Value& value) {
    ConsumeStatsList out;
    detail::Reader reader(value, "consume stats list");
    reader.read("brokerAddr", out.broker_addr).read("totalDiff", out.total_diff);
    if (const json::Array* list = reader.array("consumeStatsList")) {
        auto groups =
            detail::list_from_json<GroupStats>(*list, "consumeStatsList", group_stats_from_json);
        if (!groups) return groups.error();
        out.consume_stats_list = std::move(*groups);
    }
    if (auto r = reader.result(); !r) return r.error();
    return out;
}

Result<ConsumeStatsList> ConsumeStatsList::decode(std::string_view text) {
    return detail::decode_as<ConsumeStatsList>(text);
}

}  // namespace rmq::body
