#include "body/subscription_group_config.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value SubscriptionGroupConfig::to_json() const {
    json::Value v;
    v.set("brokerId", broker_id);
    v.set("consumeBroadcastEnable", consume_broadcast_enable);
    v.set("consumeEnable", consume_enable);
    v.set("consumeFromMinEnable", consume_from_min_enable);
    v.set("groupName", group_name);
    v.set("notifyConsumerIdsChangedEnable", notify_consumer_ids_changed_enable);
    v.set("retryMaxTimes", retry_max_times);
    v.set("retryQueueNums", retry_queue_nums);
    v.set("whichBrokerWhenConsumeSlowly", which_broker_when_consume_slowly);
    return v;
}

std::string SubscriptionGroupConfig::encode() const {
    return json::write(to_json());
}

Result<SubscriptionGroupConfig> SubscriptionGroupConfig::from_json(const json::Value& value) {
    SubscriptionGroupConfig c;
    auto read = detail::Reader(value, "subscription group")
                    .read("brokerId", c.broker_id)
                    .read("consumeBroadcastEnable", c.consume_broadcast_enable)
                    .read("consumeEnable", c.consume_enable)
                    .read("consumeFromMinEnable", c.consume_from_min_enable)
                    .read("groupName", c.group_name)
                    .read("notifyConsumerIdsChangedEnable", c.notify_consumer_ids_changed_enable)
                    .read("retryMaxTimes", c.retry_max_times)
                    .read("retryQueueNums", c.retry_queue_nums)
                    .read("whichBrokerWhenConsumeSlowly", c.which_broker_when_consume_slowly)
                    .result();
    if (!read) return read.error();
    return c;
}

Result<SubscriptionGroupConfig> SubscriptionGroupConfig::decode(std::string_view text) {
    auto doc = detail::parse_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

}  // namespace rmq::body
