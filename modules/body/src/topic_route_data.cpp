#include "body/topic_route_data.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

json::Value to_json_impl(const TopicRouteData& route, bool sort_maps) {
    json::Value v;
    v.set("brokerDatas", detail::list_to_json(route.broker_datas));
    auto filters = route.filter_server_table;
    if (sort_maps) filters.sort([](const auto& a, const auto& b) { return a.first < b.first; });
    v.set("filterServerTable", detail::string_map_to_json(
                                   filters, [](const auto& l) { return detail::string_array(l); }));
    if (route.order_topic_conf) v.set("orderTopicConf", *route.order_topic_conf);
    v.set("queueDatas", detail::list_to_json(route.queue_datas));
    return v;
}

}  // namespace

json::Value TopicRouteData::to_json() const {
    return to_json_impl(*this, false);
}

std::string TopicRouteData::encode(bool standard_json) const {
    // BrokerData's ids are already in ascending order (std::map), which is also MapSortField's.
    if (standard_json)
        return json::write(to_json_impl(*this, true), json::Format::browser_compatible);
    return json::write(to_json_impl(*this, false));
}

Result<TopicRouteData> TopicRouteData::from_json(const json::Value& value) {
    TopicRouteData route;
    detail::Reader reader(value, "topic route data");
    reader.read("orderTopicConf", route.order_topic_conf);
    reader.read_list("brokerDatas", route.broker_datas);
    reader.read_list("queueDatas", route.queue_datas);
    if (!reader.ok()) return reader.result().error();
    if (const json::Object* filters = reader.object("filterServerTable")) {
        auto map = detail::string_map_from_json<std::vector<std::string>>(
            *filters, "filterServerTable",
            [](const json::Value& v) { return detail::strings_from_json(v, "filter servers"); });
        if (!map) return map.error();
        route.filter_server_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return route;
}

Result<TopicRouteData> TopicRouteData::decode(std::string_view text) {
    return detail::decode_as<TopicRouteData>(text);
}

}  // namespace rmq::body
