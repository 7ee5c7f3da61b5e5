// Every body decoder on arbitrary bytes; what decodes must re-encode and decode to the same value.
#include <cstdint>
#include <string_view>

#include "body/cluster_info.hpp"
#include "body/consume_stats_list.hpp"
#include "body/heartbeat_data.hpp"
#include "body/kv_table.hpp"
#include "body/offset_moved_event.hpp"
#include "body/register_broker_body.hpp"
#include "body/reset_offset.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"

namespace {

template <class T>
void round_trip(std::string_view text) {
    auto decoded = T::decode(text);
    if (!decoded) return;
    auto again = T::decode(decoded->encode());
    if (!again || !(*again == *decoded)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace rmq::body;
    round_trip<TopicRouteData>(text);
    round_trip<ClusterInfo>(text);
    round_trip<KVTable>(text);
    round_trip<TopicList>(text);
    round_trip<OffsetMovedEvent>(text);
    (void)HeartbeatData::decode(text);
    (void)ResetOffsetBody::decode(text);
    (void)ResetOffsetBodyForC::decode(text);
    (void)GetConsumerStatusBody::decode(text);
    (void)ConsumeStatsList::decode(text);
    (void)RegisterBrokerBody::decode(text, false);
    if (auto compressed = RegisterBrokerBody::decode(text, true))
        (void)compressed->encode_compressed();
    return 0;
}
