#include "body/topic_list.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value TopicList::to_json() const {
    json::Value v;
    if (broker_addr) v.set("brokerAddr", *broker_addr);
    v.set("topicList", detail::string_array(topic_list));
    return v;
}

std::string TopicList::encode() const {
    return json::write(to_json());
}

Result<TopicList> TopicList::from_json(const json::Value& value) {
    TopicList list;
    auto read = detail::Reader(value, "topic list")
                    .read("brokerAddr", list.broker_addr)
                    .read("topicList", list.topic_list)
                    .result();
    if (!read) return read.error();
    return list;
}

Result<TopicList> TopicList::decode(std::string_view text) {
    return detail::decode_as<TopicList>(text);
}

json::Value GroupList::to_json() const {
    json::Value v;
    v.set("groupList", detail::string_array(group_list));
    return v;
}

std::string GroupList::encode() const {
    return json::write(to_json());
}

Result<GroupList> GroupList::from_json(const json::Value& value) {
    GroupList list;
    auto read = detail::Reader(value, "group list").read("groupList", list.group_list).result();
    if (!read) return read.error();
    return list;
}

Result<GroupList> GroupList::decode(std::string_view text) {
    return detail::decode_as<GroupList>(text);
}

}  // namespace rmq::body
